/** Control characters kept out of indexed text, so stored search text never holds a marker of any kind. */
export const HIGHLIGHT_OPEN = '\u0002'
export const HIGHLIGHT_CLOSE = '\u0003'
/** As the two above: kept out of indexed text. */
export const WORD_BREAK = '\u001f'

const MAX_TERMS = 8

/** The columns of the search index, by how much a word found there counts. */
export type SearchColumn = 'name' | 'contact' | 'notes' | 'documents'

/** PostgreSQL's weight of each column (`setweight` in the search table's migration). */
const weightOf = { name: 'A', contact: 'B', notes: 'C', documents: 'D' } as const satisfies Record<SearchColumn, string>

/**
 * The words of what a user typed: cut at anything but letters and digits, so no search syntax can get through;
 * every word must match, as a prefix ("ele var" finds "Elena Varga").
 */
export function searchTerms(query: string): string[] {
  return query
    .normalize('NFC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, MAX_TERMS)
}

/** An FTS5 expression: every word as a prefix, in the given columns (any by default). Null when no word is left. */
export function toMatchExpression(query: string | readonly string[], columns?: readonly SearchColumn[]): string | null {
  const terms = typeof query === 'string' ? searchTerms(query) : query
  if (terms.length === 0) return null
  const expression = terms.map((term) => `"${term}"*`).join(' ')
  return columns ? `{${columns.join(' ')}} : (${expression})` : expression
}

/**
 * The same search as a PostgreSQL tsquery (read with the `yardstick_search` configuration, which folds case and
 * accents as the index does): every word as a prefix, in the given columns (any by default).
 */
export function toTsQuery(query: string | readonly string[], columns?: readonly SearchColumn[]): string | null {
  const terms = typeof query === 'string' ? searchTerms(query) : query
  if (terms.length === 0) return null
  const weights = columns ? columns.map((column) => weightOf[column]).join('') : ''
  return terms.map((term) => `'${term}':*${weights}`).join(' & ')
}

/** Text as the search index stores it: without the characters that mark matches. */
export const indexableText = (value: string): string =>
  value.replaceAll(HIGHLIGHT_OPEN, ' ').replaceAll(HIGHLIGHT_CLOSE, ' ').replaceAll(WORD_BREAK, ' ')
