import { sql, type Kysely, type RawBuilder } from 'kysely'
import { dialectOf } from '../db/dialect'
import type { Database } from '../db/schema'
import { searchTerms, toMatchExpression, toTsQuery, type SearchColumn } from './search-text'

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

export interface SearchRow {
  id: number
  /** The stored text of each column: `search-snippet.ts` marks what matched and cuts the snippet. */
  name: string
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
 * Candidates matching every word typed (as a prefix, in any column), best first, with their search text; null
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
  // CROSS JOIN keeps the full-text match as the outer loop: one index query, not one per candidate.
  return sql<SearchRow>`SELECT s.rowid AS id, s.name, s.contact, s.documents, s.notes,
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
  return sql<SearchRow>`SELECT s.candidate_id AS id, s.name, s.contact, s.documents, s.notes,
      (SELECT email FROM candidate_emails WHERE candidate_id = s.candidate_id ORDER BY position LIMIT 1) AS email
    FROM (
      SELECT s.candidate_id, ${hits(query.name)} AS name_hits, ${hits(query.contact)} AS contact_hits, c.name_key
      FROM candidate_search AS s JOIN candidates AS c ON c.id = s.candidate_id
      WHERE s.words @@ to_tsquery('yardstick_search', ${query.all})
      ORDER BY name_hits DESC, contact_hits DESC, c.name_key, c.id
      LIMIT ${query.limit}
    ) AS top
    JOIN candidate_search AS s ON s.candidate_id = top.candidate_id
    ORDER BY top.name_hits DESC, top.contact_hits DESC, top.name_key, top.candidate_id`
}
