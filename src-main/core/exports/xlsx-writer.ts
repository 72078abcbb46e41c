import ExcelJS from 'exceljs'
import { neutraliseCell } from '../files/csv-cell'
import {
  eachRow,
  knownTotal,
  PROGRESS_EVERY,
  provenanceRows,
  ENGLISH_NAMES,
  wellFormed,
  type CellValue,
  type ColumnType,
  type ExportColumn,
  type ExportDocument,
  type ExportProgress,
  type ExportRow,
} from './table'

/** Excel refuses longer cells. */
const MAX_CELL_TEXT = 32_767
/** Rows read before the column widths are fixed: a streamed sheet cannot change them later. */
const WIDTH_SAMPLE_ROWS = 200
const MIN_WIDTH = 8
const MAX_WIDTH = 60
/** Characters XML 1.0 cannot carry, even escaped; a file holding one does not open. */
// eslint-disable-next-line no-control-regex -- finding these control characters is the point
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g

const NUMBER_FORMATS: Partial<Record<ColumnType, string>> = {
  integer: '0',
  number: '0.00',
  percent: '0.0%',
  days: '0.0',
  date: 'yyyy-mm-dd',
}

/**
 * Text for a cell: well-formed, XML-safe, within Excel's limit, and neutralised like CSV. Line breaks become
 * LF, Excel's own (XML readers turn a raw CR into LF anyway).
 */
export function xlsxText(value: string): string {
  let text = wellFormed(value).replace(/\r\n?/g, '\n').replace(XML_INVALID, '\uFFFD')
  if (text.length > MAX_CELL_TEXT - 2) text = `${text.slice(0, MAX_CELL_TEXT - 2)}…`
  return neutraliseCell(text)
}

function toDate(value: string): Date | null {
  const time = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value)
  return Number.isNaN(time) ? null : new Date(time)
}

/** A typed cell: numbers stay numbers (also negative ones), dates become dates, text is neutralised. */
export function xlsxValue(value: CellValue, type: ColumnType): string | number | Date | null {
  if (value === null || value === '') return null
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (type === 'date') return toDate(value) ?? xlsxText(value)
  return xlsxText(value)
}

const displayLength = (value: CellValue, type: ColumnType): number => {
  if (value === null) return 0
  if (type === 'date') return 10
  if (typeof value === 'number') return type === 'percent' ? 7 : String(Math.round(value * 100) / 100).length
  return Math.max(...value.split('\n').map((line) => line.length))
}

function widths(columns: readonly ExportColumn[], sample: readonly ExportRow[]): number[] {
  return columns.map((column) => {
    const longest = Math.max(
      column.label.length,
      ...sample.map((row) => displayLength(row[column.key] ?? null, column.type)),
    )
    return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, longest + 2))
  })
}

/** Sheet names: at most 31 characters, none of : \ / ? * [ ], unique within the workbook. */
export function sheetName(title: string, taken: Set<string>): string {
  const base =
    wellFormed(title)
      // eslint-disable-next-line no-control-regex -- control characters cannot be part of a sheet name
      .replace(/[:\\/?*[\]\u0000-\u001F]/g, ' ')
      .replace(/^'+|'+$/g, '')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 31) || 'Sheet'
  let name = base
  for (let index = 2; taken.has(name.toLowerCase()); index++) {
    const suffix = ` (${index})`
    name = `${base.slice(0, 31 - suffix.length)}${suffix}`
  }
  taken.add(name.toLowerCase())
  return name
}

interface DrainableStream {
  once(event: 'drain', listener: () => void): unknown
}

/** A writable that asked its writer to wait (write() returned false): Node's streams and the readable-stream polyfill alike. */
function needsDrain(pipe: unknown): pipe is DrainableStream {
  if (typeof pipe !== 'object' || pipe === null || !('once' in pipe)) return false
  const state: unknown = Reflect.get(pipe, '_writableState')
  return (
    Reflect.get(pipe, 'writableNeedDrain') === true ||
    (typeof state === 'object' && state !== null && Reflect.get(state, 'needDrain') === true)
  )
}

/**
 * exceljs hands each sheet's XML to the zip archiver without waiting for it, so a fast producer piles rows
 * up in memory. This waits until the archiver's input stream (the sheet stream's pipe destination, internal
 * to exceljs) has drained; the compressor and the file stream behind it push back through pipe() in turn.
 */
async function archiverDrained(sheet: ExcelJS.Worksheet): Promise<void> {
  const stream: unknown = Reflect.get(sheet, 'stream')
  const pipes: unknown = typeof stream === 'object' && stream !== null ? Reflect.get(stream, 'pipes') : null
  const waiting = Array.isArray(pipes) ? pipes.filter(needsDrain) : []
  if (waiting.length > 0)
    await Promise.all(waiting.map((pipe) => new Promise<void>((resolveDrain) => pipe.once('drain', resolveDrain))))
  else await new Promise((resolveTick) => setImmediate(resolveTick))
}

/**
 * Writes an export as an XLSX workbook, streamed: a "Provenance" sheet, then one sheet per table with a
 * bold frozen header, widths fitted to the first rows, and typed cells (numbers, percents, dates).
 * Strings are inline (no shared-string table), so memory does not grow with the number of rows.
 */
export async function writeXlsx(path: string, document: ExportDocument, job?: ExportProgress): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false })
  const { provenance } = document
  workbook.creator = `Yardstick ${provenance.appVersion}`
  workbook.title = xlsxText(provenance.title)
  workbook.created = new Date(provenance.generatedAt)
  const taken = new Set<string>()
  const aboutName = (provenance.names ?? ENGLISH_NAMES).sheet
  const about = workbook.addWorksheet(sheetName(aboutName, taken))
  about.columns = [
    { header: aboutName, key: 'name', width: 16 },
    { header: '', key: 'value', width: 80 },
  ]
  about.getRow(1).font = { bold: true }
  for (const [name, value] of provenanceRows(provenance)) about.addRow([name, xlsxText(value)]).commit()
  about.commit()

  const total = knownTotal(document.tables)
  let rows = 0
  for (const table of document.tables) {
    const sheet = workbook.addWorksheet(sheetName(table.title, taken), {
      views: [{ state: 'frozen', ySplit: 1 }],
    })
    const source = eachRow(table)
    const sample: ExportRow[] = []
    for (let next = await source.next(); !next.done; next = await source.next()) {
      sample.push(next.value)
      if (sample.length >= WIDTH_SAMPLE_ROWS) break
    }
    const columnWidths = widths(table.columns, sample)
    sheet.columns = table.columns.map((column, index) => {
      const numFmt = NUMBER_FORMATS[column.type]
      return {
        header: xlsxText(column.label),
        key: column.key,
        width: columnWidths[index] ?? MIN_WIDTH,
        ...(numFmt ? { style: { numFmt } } : {}),
      }
    })
    sheet.getRow(1).font = { bold: true }
    const add = async (row: ExportRow) => {
      sheet.addRow(table.columns.map((column) => xlsxValue(row[column.key] ?? null, column.type))).commit()
      rows++
      if (rows % PROGRESS_EVERY === 0) {
        job?.throwIfCancelled()
        job?.progress(rows, total)
        await archiverDrained(sheet)
      }
    }
    for (const row of sample) await add(row)
    if (sample.length >= WIDTH_SAMPLE_ROWS) for await (const row of source) await add(row)
    sheet.commit()
  }
  await workbook.commit()
  job?.progress(rows, total)
  return rows
}
