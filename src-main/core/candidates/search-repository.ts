import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely'
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
function matchingCandidateIds<DB>(db: Kysely<DB>, match: string): RawBuilder<number> {
  return dialectOf(db) === 'postgres'
    ? sql<number>`(SELECT candidate_id FROM candidate_search WHERE words @@ to_tsquery('yardstick_search', ${match}))`
    : sql<number>`(SELECT rowid FROM candidate_search WHERE candidate_search MATCH ${match})`
}

/**
 * `column` (a candidate id) is one whose name or contact details match `match`, from
 * `searchMatch(db, text, ['name', 'contact'])`: the filters of the candidates and applicants lists.
 */
export function hasNameOrContactMatch<DB>(db: Kysely<DB>, column: string, match: string): RawBuilder<SqlBool> {
  if (dialectOf(db) === 'postgres') {
    // The few candidates a typed name finds are read once, from the narrow index of names and contact details,
    // and the rows found by id. Tested one by one in the list's order instead, each candidate's wide search row
    // was read: 110 ms for a surname with 500 applications to one posting, 14 ms this way.
    return sql<SqlBool>`${sql.ref(column)} = ANY(ARRAY(SELECT candidate_id FROM candidate_search
      WHERE name_contact_words @@ to_tsquery('yardstick_search', ${match})))`
  }
  return sql<SqlBool>`${sql.ref(column)} IN ${matchingCandidateIds(db, match)}`
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
  /** Each word alone, anywhere. */
  words: string[]
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
  const query = {
    all: searchMatch(db, terms) ?? '',
    name: perTerm('name'),
    contact: perTerm('contact'),
    words: terms.map((term) => searchMatch(db, [term]) ?? ''),
    limit,
  }
  return dialectOf(db) === 'postgres' ? postgresSearchQuery(query) : sqliteSearchQuery(db, query)
}

/**
 * The same order as PostgreSQL's (see below): the candidates with a word in the name or contact details are
 * ranked in full, the others tie and follow in name order, read only when the first leave room on the page.
 */
function sqliteSearchQuery(db: Kysely<Database>, query: SearchShape) {
  const hits = (matches: string[]) =>
    sql.join(
      matches.map((match) => sql`(n.id IN ${matchingCandidateIds(db, match)})`),
      sql` + `,
    )
  const nameOrContact = `{name contact} : (${query.words.join(' OR ')})`
  // The names and contact details are searched first, and every word everywhere only for what they found (an
  // IN list is read when first tested): FTS5 evaluates both sides of an AND in full, so one expression for both
  // read the résumés' prefix lists even when no name matched (payments ledger go: 12 ms for no row). One word
  // found in the name or contact details is found everywhere, so the head then needs nothing more.
  const allFound = query.words.length === 1 ? sql`` : sql`WHERE n.id IN ${matchingCandidateIds(db, query.all)}`
  // In the tail, "+c.id" keeps the matches a membership test on the name index's order instead of the list to
  // sort, and the LIMIT of what the head left (0 for a full page) skips it without reading its match lists.
  return sql<SearchRow>`WITH named AS MATERIALIZED (
      SELECT rowid AS id FROM candidate_search WHERE candidate_search MATCH ${nameOrContact}
    ), head AS MATERIALIZED (
      SELECT n.id, ${hits(query.name)} AS name_hits, ${hits(query.contact)} AS contact_hits, c.name_key
      FROM named AS n CROSS JOIN candidates AS c ON c.id = n.id
      ${allFound}
      ORDER BY name_hits DESC, contact_hits DESC, c.name_key, c.id
      LIMIT ${query.limit}
    ), top AS (
      SELECT id, name_hits, contact_hits, name_key FROM head
      UNION ALL
      SELECT * FROM (SELECT c.id, 0, 0, c.name_key FROM candidates AS c
        WHERE +c.id IN ${matchingCandidateIds(db, query.all)} AND +c.id NOT IN named
        ORDER BY c.name_key, c.id
        LIMIT ${query.limit} - (SELECT count(*) FROM head))
    )
    SELECT s.rowid AS id, s.name, s.contact, s.documents, s.notes,
      (SELECT email FROM candidate_emails WHERE candidate_id = s.rowid ORDER BY position LIMIT 1) AS email
    FROM top CROSS JOIN candidate_search AS s ON s.rowid = top.id
    ORDER BY top.name_hits DESC, top.contact_hits DESC, top.name_key, top.id
    LIMIT ${query.limit}`
}

/**
 * The same order without ranking every match: only a candidate with a word found in the name or the contact
 * details can rank above the others, and those few come from the narrow `name_contact_words` index (ranked in
 * full); every other match ties on the words and goes by name, so the first page of all matches in name order
 * (`candidates_by_name` with a LIMIT, or the GIN index for a rare word) holds every one of them the page can
 * show. The page is then ranked among those two short lists. A word found in half the résumés no longer means
 * reading and ranking half the workspace's full tsvectors.
 */
function postgresSearchQuery(query: SearchShape) {
  const tsquery = (match: string) => sql`to_tsquery('yardstick_search', ${match})`
  // Weights A (name) and B (contact) are the only ones in name_contact_words, as in words.
  const hits = (matches: string[]) =>
    sql.join(
      matches.map((match) => sql`(s.name_contact_words @@ ${tsquery(match)})::int`),
      sql` + `,
    )
  const anyWord = sql`(${sql.join(query.words.map(tsquery), sql` || `)})`
  const all = tsquery(query.all)
  // One word found in the name or contact details is found in `words` too: the large index need not be read.
  const allFound = query.words.length === 1 ? sql`` : sql`AND s.words @@ ${all}`
  // The tail only runs when the head leaves room on the page (a one-time filter on the head's count), and is
  // kept apart from it (no word in the name or contact details), so the two simply follow each other.
  return sql<SearchRow>`WITH head AS MATERIALIZED (
      SELECT s.candidate_id, ${hits(query.name)} AS name_hits, ${hits(query.contact)} AS contact_hits, c.name_key
      FROM candidate_search AS s JOIN candidates AS c ON c.id = s.candidate_id
      WHERE s.name_contact_words @@ ${anyWord} ${allFound}
      ORDER BY name_hits DESC, contact_hits DESC, c.name_key, c.id
      LIMIT ${query.limit}
    ), top AS (
      SELECT candidate_id, name_hits, contact_hits, name_key FROM head
      UNION ALL
      (SELECT c.id, 0, 0, c.name_key FROM candidates AS c
        WHERE (SELECT count(*) FROM head) < ${query.limit}
          AND c.id IN (SELECT candidate_id FROM candidate_search
            WHERE words @@ ${all} AND NOT name_contact_words @@ ${anyWord})
        ORDER BY c.name_key, c.id
        LIMIT ${query.limit})
    )
    SELECT s.candidate_id AS id, s.name, s.contact, s.documents, s.notes,
      (SELECT email FROM candidate_emails WHERE candidate_id = s.candidate_id ORDER BY position LIMIT 1) AS email
    FROM top JOIN candidate_search AS s ON s.candidate_id = top.candidate_id
    ORDER BY top.name_hits DESC, top.contact_hits DESC, top.name_key, top.candidate_id
    LIMIT ${query.limit}`
}
