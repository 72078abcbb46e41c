import type { ExportRow } from '../exports/table'

/** Rows read per query when an export streams a big table. */
export const PAGE_ROWS = 2_000

/**
 * Reads a big table page by page with keyset paging (each page starts after the last key of the one
 * before), so memory holds one page at a time and other queries run between pages.
 */
export async function* pagedRows<Row extends { key: number }>(
  fetchPage: (afterKey: number, limit: number) => Promise<Row[]>,
  toRow: (row: Row) => ExportRow,
  pageSize = PAGE_ROWS,
): AsyncGenerator<ExportRow> {
  // Keys are row ids, which start at 1; 0 also fits PostgreSQL's 32-bit integer parameters.
  let after = 0
  for (;;) {
    const page = await fetchPage(after, pageSize)
    for (const row of page) yield toRow(row)
    const last = page.at(-1)
    if (!last || page.length < pageSize) return
    // Keys must grow from page to page; a page that does not move on would be read forever.
    if (last.key <= after) throw new Error(`Paged read stalled at key ${last.key}`)
    after = last.key
  }
}
