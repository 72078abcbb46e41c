import { sql, type Kysely, type RawBuilder } from 'kysely'
import { dialectOf } from '../db/dialect'
import type { Database } from '../db/schema'
import {
  HIGHLIGHT_CLOSE,
  HIGHLIGHT_OPEN,
  searchTerms,
  toMatchExpression,
  toTsQuery,
  WORD_BREAK,
  type SearchColumn,
} from './search-text'

/**
 * The search argument of what a user typed, in the database's own syntax (an FTS5 expression, a tsquery), for
 * `matchingCandidateIds`; null when no word is left. Every word must match as a prefix, in one of `columns`.
 */
export function searchMatch<DB>(
  db: Kysely<DB>,
  text: string | readonly string[],
  columns?: readonly SearchColumn[],
): string | null {
  return dialectOf(db) === 'postgres' ? toTsQuery(text, columns) : toMatchExpression(text, columns)
}

/** The ids of the candidates whose search row matches `match` (from `searchMatch`), for an `IN`. */
export function matchingCandidateIds<DB>(db: Kysely<DB>, match: string): RawBuilder<number> {
  return dialectOf(db) === 'postgres'
    ? sql<number>`(SELECT candidate_id FROM candidate_search WHERE words @@ to_tsquery('yardstick_search', ${match}))`
    : sql<number>`(SELECT rowid FROM candidate_search WHERE candidate_search MATCH ${match})`
}

/** ASCII punctuation, spaced out by WORD_BREAK for `ts_headline` as `yardstick_search_words` does for the index. */
const PUNCTUATION = '([!-/:-@[-`{-~]+)'

export interface SearchRow {
  id: number
  /** The whole name, with what matched between the highlight markers. */
  name: string
  /** A cut of each column around what matched there, if anything did. */
  contact: string
  documents: string
  notes: string
  email: string | null
}

interface SearchShape {
  /** Every word, anywhere. */
  all: string
  /** Each word in the name, then each word in the contact details. */
  name: string[]
  contact: string[]
  limit: number
}

/**
 * Candidates matching every word typed (as a prefix, in any column), best first, with what matched marked; null
 * when no word is left. The order is one both databases compute exactly (bm25 and ts_rank would not agree): more
 * words found in the name, then more in the contact details, then the name's sort key, then the id.
 */
export function searchQuery(db: Kysely<Database>, text: string, limit: number): RawBuilder<SearchRow> | null {
  const terms = searchTerms(text)
  if (terms.length === 0) return null
  const perTerm = (column: SearchColumn) => terms.map((term) => searchMatch(db, [term], [column]) ?? '')
  const query = { all: searchMatch(db, terms) ?? '', name: perTerm('name'), contact: perTerm('contact'), limit }
  return dialectOf(db) === 'postgres' ? postgresSearchQuery(query) : sqliteSearchQuery(db, query)
}

function sqliteSearchQuery(db: Kysely<Database>, query: SearchShape) {
  const hits = (matches: string[]) =>
    sql.join(
      matches.map((match) => sql`(s.rowid IN ${matchingCandidateIds(db, match)})`),
      sql` + `,
    )
  const open = HIGHLIGHT_OPEN
  const close = HIGHLIGHT_CLOSE
  // CROSS JOIN keeps the full-text match as the outer loop: one index query, not one per candidate.
  return sql<SearchRow>`SELECT s.rowid AS id,
      highlight(candidate_search, 0, ${open}, ${close}) AS name,
      snippet(candidate_search, 1, ${open}, ${close}, '…', 12) AS contact,
      snippet(candidate_search, 2, ${open}, ${close}, '…', 16) AS documents,
      snippet(candidate_search, 3, ${open}, ${close}, '…', 16) AS notes,
      (SELECT email FROM candidate_emails WHERE candidate_id = s.rowid ORDER BY position LIMIT 1) AS email
    FROM candidate_search AS s CROSS JOIN candidates AS c ON c.id = s.rowid
    WHERE candidate_search MATCH ${query.all}
    ORDER BY ${hits(query.name)} DESC, ${hits(query.contact)} DESC, c.name_key, c.id
    LIMIT ${query.limit}`
}

function postgresSearchQuery(query: SearchShape) {
  const hits = (matches: string[]) =>
    sql.join(
      matches.map((match) => sql`(s.words @@ to_tsquery('yardstick_search', ${match}))::int`),
      sql` + `,
    )
  const marks = `StartSel="${HIGHLIGHT_OPEN}", StopSel="${HIGHLIGHT_CLOSE}"`
  const cut = (words: number) =>
    `${marks}, MaxFragments=1, MaxWords=${words}, MinWords=${Math.ceil(words / 2)}, ShortWord=0, FragmentDelimiter=" … "`
  const headline = (column: string, options: string) =>
    sql<string>`ts_headline('yardstick_search', regexp_replace(${sql.ref(`s.${column}`)}, ${PUNCTUATION}, ${`${WORD_BREAK}\\1${WORD_BREAK}`}, 'g'), q.query, ${options})`
  // Snippets are cut for the page of hits only: ts_headline reads the whole text it is given.
  return sql<SearchRow>`SELECT s.candidate_id AS id,
      ${headline('name', `${marks}, HighlightAll=true`)} AS name,
      ${headline('contact', cut(12))} AS contact,
      ${headline('documents', cut(16))} AS documents,
      ${headline('notes', cut(16))} AS notes,
      (SELECT email FROM candidate_emails WHERE candidate_id = s.candidate_id ORDER BY position LIMIT 1) AS email
    FROM (
      SELECT s.candidate_id, ${hits(query.name)} AS name_hits, ${hits(query.contact)} AS contact_hits, c.name_key
      FROM candidate_search AS s JOIN candidates AS c ON c.id = s.candidate_id
      WHERE s.words @@ to_tsquery('yardstick_search', ${query.all})
      ORDER BY name_hits DESC, contact_hits DESC, c.name_key, c.id
      LIMIT ${query.limit}
    ) AS top
    JOIN candidate_search AS s ON s.candidate_id = top.candidate_id
    CROSS JOIN (SELECT to_tsquery('yardstick_search', ${query.all}) AS query) AS q
    ORDER BY top.name_hits DESC, top.contact_hits DESC, top.name_key, top.candidate_id`
}
