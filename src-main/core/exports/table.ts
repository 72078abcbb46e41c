/** How a column's values are typed in a spreadsheet and formatted in text. */
export type ColumnType = 'text' | 'integer' | 'number' | 'percent' | 'days' | 'date'

export interface ExportColumn {
  key: string
  label: string
  type: ColumnType
}

/** Numbers for numeric columns (a percent is a fraction, 0.25 = 25 %), ISO dates for date columns. */
export type CellValue = string | number | null
export type ExportRow = Readonly<Record<string, CellValue>>

export interface ExportTable {
  title: string
  columns: readonly ExportColumn[]
  /** Small tables as a list; big ones as pages read on demand, so memory stays bounded. */
  rows: Iterable<ExportRow> | AsyncIterable<ExportRow>
  /** The number of rows when known up front, for progress. */
  rowCount?: number
}

/** Where an export comes from: every file states it. */
export interface Provenance {
  /** What was exported, e.g. "Pipeline funnel". */
  title: string
  generatedAt: string
  workspace: string
  /** The filters in words, e.g. "Posting: all; Applied: 2026-01-01 to 2026-03-31". */
  filters: string
  appVersion: string
  /** The names of the rows above in the export's language; English when not given. */
  names?: ProvenanceNames
}

export interface ProvenanceNames {
  /** The spreadsheet tab that holds these rows. */
  sheet: string
  report: string
  generatedAt: string
  workspace: string
  filters: string
  appVersion: string
}

export const ENGLISH_NAMES: ProvenanceNames = {
  sheet: 'Provenance',
  report: 'Report',
  generatedAt: 'Generated at',
  workspace: 'Workspace',
  filters: 'Filters',
  appVersion: 'App version',
}

export interface ExportDocument {
  provenance: Provenance
  tables: readonly ExportTable[]
}

/** Lets a long export report progress and stop when cancelled; a job's context is one. */
export interface ExportProgress {
  progress(done: number, total?: number | null, message?: string): void
  throwIfCancelled(): void
  /** Aborted on cancel: work in a worker thread listens to it. */
  signal?: AbortSignal
}

export function provenanceRows(provenance: Provenance): [string, string][] {
  const names = provenance.names ?? ENGLISH_NAMES
  return [
    [names.report, provenance.title],
    [names.generatedAt, provenance.generatedAt],
    [names.workspace, provenance.workspace],
    [names.filters, provenance.filters],
    [names.appVersion, provenance.appVersion],
  ]
}

/** Rows of small and big tables alike, in order. */
export async function* eachRow(table: ExportTable): AsyncGenerator<ExportRow> {
  yield* table.rows
}

/** Text cells are made well-formed (lone surrogates become U+FFFD) before any writer sees them. */
export const wellFormed = (value: string): string =>
  value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')

/** A total to report progress against: the tables' known sizes, or null when one is unknown. */
export function knownTotal(tables: readonly ExportTable[]): number | null {
  let total = 0
  for (const table of tables) {
    if (Array.isArray(table.rows)) total += table.rows.length
    else if (table.rowCount !== undefined) total += table.rowCount
    else return null
  }
  return total
}

/** How often (in rows) a writer reports progress and looks for a cancel. */
export const PROGRESS_EVERY = 1_000
