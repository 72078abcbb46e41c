import { eachRow, type ExportDocument, type ExportProgress, type ExportRow } from '../table'
import { drawChart, type ChartData } from './pdf-charts'
import { createPdf, heading, paragraph, provenanceBlock, savePdf, table, title } from './pdf-document'

/** A PDF is for reading: longer tables are cut here, with a pointer to the CSV or XLSX export. */
export const PDF_MAX_ROWS = 500

export interface ReportPdf extends ExportDocument {
  description?: string
  /** Drawn above the tables. */
  chart?: ChartData | null
}

/** The report as a PDF: title, provenance, the chart in vector form, then each table. */
export async function writeReportPdf(
  path: string,
  resourcesDir: string,
  report: ReportPdf,
  job?: ExportProgress,
): Promise<number> {
  const { provenance } = report
  const doc = createPdf(resourcesDir, provenance)
  title(doc, provenance.title)
  if (report.description) paragraph(doc, report.description, { muted: true })
  provenanceBlock(doc, provenance)
  if (report.chart) drawChart(doc, report.chart)
  let rows = 0
  for (const exportTable of report.tables) {
    job?.throwIfCancelled()
    const shown: ExportRow[] = []
    let total = 0
    for await (const row of eachRow(exportTable)) {
      total++
      if (shown.length < PDF_MAX_ROWS) shown.push(row)
      else if (exportTable.rowCount === undefined) continue
      else {
        total = exportTable.rowCount
        break
      }
    }
    heading(doc, exportTable.title)
    table(
      doc,
      exportTable.columns,
      shown.map((row) => exportTable.columns.map((column) => row[column.key] ?? null)),
    )
    if (total > shown.length) {
      paragraph(
        doc,
        `The first ${shown.length.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} rows; export CSV or XLSX for all of them.`,
        { muted: true },
      )
    }
    rows += shown.length
    job?.progress(rows, null)
  }
  await savePdf(
    doc,
    path,
    `${provenance.title} · ${provenance.workspace} · ${provenance.generatedAt} · Yardstick ${provenance.appVersion}`,
  )
  return rows
}
