export type OutputFormat = 'json' | 'table'

/** Renders a result for stdout; tables flatten nested lists to their size. */
export function render(result: unknown, format: OutputFormat, rows?: Record<string, unknown>[]): string {
  if (format === 'json') return JSON.stringify(result, null, 2)
  const list = rows ?? (Array.isArray(result) ? result : [result])
  const records = list.filter((row): row is Record<string, unknown> => typeof row === 'object' && row !== null)
  if (records.length === 0) return typeof result === 'string' ? result : '(none)'
  const columns = [...new Set(records.flatMap((row) => Object.keys(row)))]
  const cell = (value: unknown): string => {
    if (value === null || value === undefined) return ''
    if (Array.isArray(value)) return String(value.length)
    if (typeof value === 'string') return value.replace(/\s+/g, ' ')
    if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value)
    return JSON.stringify(value) ?? ''
  }
  const body = records.map((row) => columns.map((column) => cell(row[column]).slice(0, 60)))
  const widths = columns.map((column, index) => Math.max(column.length, ...body.map((row) => row[index]?.length ?? 0)))
  const line = (cells: string[]) =>
    cells
      .map((value, index) => value.padEnd(widths[index] ?? 0))
      .join('  ')
      .trimEnd()
  return [line(columns), line(widths.map((width) => '-'.repeat(width))), ...body.map(line)].join('\n')
}
