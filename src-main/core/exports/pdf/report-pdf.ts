import {
  eachRow,
  type ExportColumn,
  type ExportDocument,
  type ExportProgress,
  type ExportRow,
  type Provenance,
} from '../table'
import { drawChart, type ChartData } from './pdf-charts'
import { createPdf, heading, paragraph, provenanceBlock, savePdf, table, title, type PdfFonts } from './pdf-document'

/** A PDF is for reading: longer tables are cut here, with a pointer to the CSV or XLSX export. */
export const PDF_MAX_ROWS = 500

export interface ReportPdf extends ExportDocument {
  description?: string
  /** Drawn above the tables. */
  chart?: ChartData | null
}

/** A table as the PDF shows it: at most PDF_MAX_ROWS rows, and how many there were. */
export interface PdfTable {
  title: string
  columns: readonly ExportColumn[]
  rows: readonly ExportRow[]
  total: number
}

/** Plain data (no streams), so it can be handed to a worker thread. */
export interface ReportPdfData {
  provenance: Provenance
  description?: string | undefined
  chart?: ChartData | null | undefined
  tables: PdfTable[]
}

/** Reads the rows a PDF shows from each table (the first PDF_MAX_ROWS) and counts the rest. */
export async function collectPdfTables(report: ReportPdf, job?: ExportProgress): Promise<ReportPdfData> {
  const tables: PdfTable[] = []
  for (const exportTable of report.tables) {
    job?.throwIfCancelled()
    const rows: ExportRow[] = []
    let total = 0
    for await (const row of eachRow(exportTable)) {
      total++
      if (rows.length < PDF_MAX_ROWS) rows.push(row)
      else if (exportTable.rowCount !== undefined) {
        total = exportTable.rowCount
        break
      }
    }
    tables.push({ title: exportTable.title, columns: exportTable.columns, rows, total })
    job?.progress(
      tables.reduce((sum, entry) => sum + entry.rows.length, 0),
      null,
    )
  }
  return { provenance: report.provenance, description: report.description, chart: report.chart, tables }
}

/** The report as a PDF: title, provenance, the chart in vector form, then each table. */
export async function drawReportPdf(path: string, fonts: PdfFonts, report: ReportPdfData): Promise<void> {
  const { provenance } = report
  // Wide tables (the applications listing) get landscape pages.
  const wide = report.tables.some((table) => table.columns.length > 7)
  const doc = createPdf(fonts, provenance, wide)
  title(doc, provenance.title)
  if (report.description) paragraph(doc, report.description, { muted: true })
  provenanceBlock(doc, provenance)
  if (report.chart) drawChart(doc, report.chart)
  for (const pdfTable of report.tables) {
    heading(doc, pdfTable.title)
    table(
      doc,
      pdfTable.columns,
      pdfTable.rows.map((row) => pdfTable.columns.map((column) => row[column.key] ?? null)),
    )
    if (pdfTable.total > pdfTable.rows.length) {
      paragraph(
        doc,
        `The first ${pdfTable.rows.length.toLocaleString('en-US')} of ${pdfTable.total.toLocaleString('en-US')} rows; export CSV or XLSX for all of them.`,
        { muted: true },
      )
    }
  }
  await savePdf(
    doc,
    path,
    `${provenance.title} · ${provenance.workspace} · ${provenance.generatedAt} · Yardstick ${provenance.appVersion}`,
  )
}
