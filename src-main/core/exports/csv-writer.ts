import { neutraliseCell } from '../files/csv-cell'
import { TextFileSink } from './output-file'
import {
  eachRow,
  knownTotal,
  PROGRESS_EVERY,
  provenanceRows,
  wellFormed,
  type CellValue,
  type ColumnType,
  type ExportDocument,
  type ExportProgress,
} from './table'

/** UTF-8 byte order mark: spreadsheets otherwise guess a legacy encoding and garble accents. */
export const CSV_BOM = '\uFEFF'
const CRLF = '\r\n'

/** RFC 4180: a field with a comma, quote, CR or LF is quoted, and quotes inside are doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value
}

/** One record: fields joined by commas, ended by CRLF. Every text field is neutralised first. */
export function csvRecord(fields: readonly string[]): string {
  return fields.map((field) => csvField(neutraliseCell(wellFormed(field)))).join(',') + CRLF
}

/** Small text tables (a ladder file) as CSV text, without the BOM, which the caller adds to a file. */
export function csvText(records: readonly (readonly string[])[]): string {
  return records.map(csvRecord).join('')
}

const trimNumber = (value: number, decimals: number): string => String(Number(value.toFixed(decimals)))

/**
 * A typed cell as CSV text. Numbers are written plainly with a dot (a negative number stays a number:
 * spreadsheets read -3 as minus three, not as a formula), percents as "41.7%", which spreadsheets read
 * back as numbers; everything else is text and goes through neutralisation in csvRecord.
 */
export function csvValue(value: CellValue, type: ColumnType): string {
  if (value === null) return ''
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return ''
    if (type === 'percent') return `${trimNumber(value * 100, 1)}%`
    if (type === 'integer') return String(Math.round(value))
    return trimNumber(value, 2)
  }
  return value
}

/** Numbers produced by csvValue: the only fields that may start with "-" without a quote. */
const NUMBER_FIELD = /^-?\d+(\.\d+)?%?$/

function numericRecord(values: readonly CellValue[], types: readonly ColumnType[]): string {
  return (
    values
      .map((value, index) => {
        const type = types[index] ?? 'text'
        const text = csvValue(value, type)
        return typeof value === 'number' && NUMBER_FIELD.test(text) ? text : csvField(neutraliseCell(wellFormed(text)))
      })
      .join(',') + CRLF
  )
}

/**
 * Writes an export as one CSV file: the provenance (one "name,value" record each), then each table under
 * its title, separated by empty records. Rows are pulled one at a time and written through a buffered
 * stream, so a table of any size takes bounded memory.
 */
export async function writeCsv(path: string, document: ExportDocument, job?: ExportProgress): Promise<number> {
  const sink = new TextFileSink(path)
  let rows = 0
  const total = knownTotal(document.tables)
  try {
    await sink.write(CSV_BOM)
    for (const [name, value] of provenanceRows(document.provenance)) await sink.write(csvRecord([name, value]))
    for (const table of document.tables) {
      await sink.write(CRLF)
      await sink.write(csvRecord([table.title]))
      await sink.write(csvRecord(table.columns.map((column) => column.label)))
      const types = table.columns.map((column) => column.type)
      for await (const row of eachRow(table)) {
        await sink.write(
          numericRecord(
            table.columns.map((column) => row[column.key] ?? null),
            types,
          ),
        )
        rows++
        if (rows % PROGRESS_EVERY === 0) {
          job?.throwIfCancelled()
          job?.progress(rows, total)
        }
      }
    }
    await sink.close()
  } catch (error) {
    await sink.abort()
    throw error
  }
  job?.progress(rows, total)
  return rows
}
