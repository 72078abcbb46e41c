import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { Database } from '../db/schema'
import type { ResolvedFilters } from './report-definition'

export type DateField = 'created' | 'none'

/**
 * The applications a report counts, as SQL conditions on `a` (applications) joined with `p` (postings):
 * posting, level and source filters, and the date range on the day each application was made (`created`),
 * or no date condition (`none`) for reports that put the range on the events instead. Applications left
 * over from a candidate merge are never counted.
 */
export function cohortWhere(filters: ResolvedFilters, dates: DateField = 'created'): RawBuilder<unknown> {
  const conditions: RawBuilder<unknown>[] = [sql`a.merged_into_id IS NULL`]
  if (filters.postingId !== null) conditions.push(sql`a.posting_id = ${filters.postingId}`)
  if (filters.levelId !== null) conditions.push(sql`p.level_id = ${filters.levelId}`)
  if (filters.source !== null) conditions.push(sql`a.source = ${filters.source}`)
  if (dates === 'created' && filters.fromInstant !== null) conditions.push(sql`a.created_at >= ${filters.fromInstant}`)
  if (dates === 'created' && filters.toInstant !== null) conditions.push(sql`a.created_at < ${filters.toInstant}`)
  return sql.join(conditions, sql` AND `)
}

/** `FROM applications a JOIN postings p … WHERE <cohort>` as a CTE body selecting the ids and postings. */
export const cohortSelect = (filters: ResolvedFilters, dates: DateField = 'created'): RawBuilder<unknown> =>
  sql`SELECT a.id, a.posting_id, a.source, a.status FROM applications a JOIN postings p ON p.id = a.posting_id WHERE ${cohortWhere(filters, dates)}`

/**
 * Per cohort application, the position of the furthest live stage it ever entered (from its stage events).
 * Stages removed from a pipeline are left out: their position no longer means anything.
 */
export const furthestSelect = sql`SELECT c.id, c.posting_id, c.source, c.status, MAX(s.position) AS reached
  FROM cohort c
  JOIN stage_events e ON e.application_id = c.id
  JOIN stages s ON s.id = e.to_stage_id AND s.archived_at IS NULL
  GROUP BY c.id`

export type Db = Kysely<Database>
