import { sql, type Kysely, type RawBuilder } from 'kysely'
import { dialectOf } from '../db/dialect'
import type { Database } from '../db/schema'
import type { ResolvedFilters } from './resolved-filters'

export type DateField = 'created' | 'none'

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'

/**
 * A stage name's matching key: lower case in ASCII only, as SQLite's `lower()` does; PostgreSQL's would also
 * fold "É", and the two databases would then name different segments.
 */
export const lowerKey = (expression: RawBuilder<unknown>, postgres: boolean): RawBuilder<string> =>
  postgres
    ? sql<string>`translate(${expression}, ${sql.lit(UPPER)}, ${sql.lit(UPPER.toLowerCase())})`
    : sql<string>`lower(${expression})`

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

/**
 * The tables `cohortWhere` reads: the applications `a`, joined with their postings `p` only when a level is
 * filtered. Without it, that join cost PostgreSQL a look-up per application (a fifth of the time-in-stage read
 * and of requirement coverage over the whole history).
 */
export const cohortFrom = (filters: ResolvedFilters): RawBuilder<unknown> =>
  filters.levelId === null ? sql`applications a` : sql`applications a JOIN postings p ON p.id = a.posting_id`

/** `SELECT … FROM <cohortFrom> WHERE <cohortWhere>` as a CTE body selecting the ids and postings. */
export const cohortSelect = (filters: ResolvedFilters, dates: DateField = 'created'): RawBuilder<unknown> =>
  sql`SELECT a.id, a.posting_id, a.source, a.status FROM ${cohortFrom(filters)} WHERE ${cohortWhere(filters, dates)}`

/**
 * Per cohort application, the position of the furthest live stage it ever entered (from its stage events).
 * Stages removed from a pipeline are left out: their position no longer means anything. `withoutEvents` keeps
 * the applications that entered no live stage, with a null position. Grouped by the application's primary key
 * (its other columns follow from it on both databases): PostgreSQL then knows there is one row per application,
 * where grouping a CTE's four columns made it expect ten times fewer and plan the joins above for that.
 */
export const furthestSelect = (filters: ResolvedFilters, withoutEvents = false): RawBuilder<unknown> => {
  const join = withoutEvents ? sql`LEFT JOIN` : sql`JOIN`
  return sql`SELECT a.id, a.posting_id, a.source, a.status, MAX(s.position) AS reached
  FROM ${cohortFrom(filters)}
  ${join} stage_events e ON e.application_id = a.id
  ${join} stages s ON s.id = e.to_stage_id AND s.archived_at IS NULL
  WHERE ${cohortWhere(filters)}
  GROUP BY a.id`
}

/** The applications behind one segment of a report, on top of the cohort. */
export type Restriction =
  /** Reached the stage of that (lower-case) name or a later one of its posting. */
  | { kind: 'reached-stage'; stage: string }
  /** Was active in the stage of that (lower-case) name at some time. */
  | { kind: 'was-in-stage'; stage: string }
  | { kind: 'source'; source: string }
  | { kind: 'status'; status: string }
  /** Has a stage event in [from, to). */
  | { kind: 'events-between'; from: string; to: string }
  | { kind: 'requirement-not-met'; requirementId: number }
  /** Decided, and scored by that person on a submitted scorecard. */
  | { kind: 'scored-by'; personId: number }

function restrictionWhere(restriction: Restriction, postgres: boolean): RawBuilder<unknown> {
  switch (restriction.kind) {
    case 'reached-stage':
      return sql`EXISTS (SELECT 1 FROM stages s2 WHERE s2.posting_id = a.posting_id AND s2.archived_at IS NULL
        AND ${lowerKey(sql.ref('s2.name'), postgres)} = ${restriction.stage}
        AND s2.position <= (SELECT MAX(s3.position) FROM stage_events e
          JOIN stages s3 ON s3.id = e.to_stage_id AND s3.archived_at IS NULL WHERE e.application_id = a.id))`
    case 'was-in-stage':
      return sql`EXISTS (SELECT 1 FROM stage_events e JOIN stages s2 ON s2.id = e.to_stage_id
        WHERE e.application_id = a.id AND e.to_status = 'active' AND s2.archived_at IS NULL
          AND ${lowerKey(sql.ref('s2.name'), postgres)} = ${restriction.stage})`
    case 'source':
      return sql`a.source = ${restriction.source}`
    case 'status':
      return sql`a.status = ${restriction.status}`
    case 'events-between':
      return sql`EXISTS (SELECT 1 FROM stage_events e WHERE e.application_id = a.id AND e.at >= ${restriction.from} AND e.at < ${restriction.to})`
    case 'requirement-not-met':
      return sql`EXISTS (SELECT 1 FROM assessments x WHERE x.application_id = a.id AND x.requirement_id = ${restriction.requirementId} AND x.rating < 3)`
    case 'scored-by':
      return sql`a.status != 'active' AND EXISTS (SELECT 1 FROM interviews i JOIN scorecards s ON s.interview_id = i.id
        WHERE i.application_id = a.id AND i.interviewer_id = ${restriction.personId} AND s.status = 'submitted')`
  }
}

export interface DrillRow {
  id: number
  candidate_id: number
  candidate_name: string
  posting_id: number
  posting_title: string
  stage: string
  status: string
  source: string
  created_at: string
}

/** The reads every report shares: the filters' names, the cohort's sources, drill-down pages. */
export class CohortRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async postingTitle(id: number): Promise<string | undefined> {
    const row = await this.db.selectFrom('postings').select('title').where('id', '=', id).executeTakeFirst()
    return row?.title
  }

  async levelTitle(id: number): Promise<string | undefined> {
    const row = await this.db.selectFrom('levels').select('title').where('id', '=', id).executeTakeFirst()
    return row?.title
  }

  /** The sources applications were made through, merged ones left out, in order. */
  async sources(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('applications')
      .select('source')
      .distinct()
      .where('source', '!=', '')
      .where('merged_into_id', 'is', null)
      .orderBy('source')
      .execute()
    return rows.map((row) => row.source)
  }

  /** One page of the cohort's applications that also meet `restriction`, newest first, and their number. */
  async drilldown(
    filters: ResolvedFilters,
    restriction: Restriction,
    page: { offset: number; limit: number },
    dates: DateField,
  ): Promise<{ rows: DrillRow[]; total: number }> {
    const postgres = dialectOf(this.db) === 'postgres'
    const where = sql`${cohortWhere(filters, dates)} AND ${restrictionWhere(restriction, postgres)}`
    const rows = await sql<DrillRow>`SELECT a.id, a.candidate_id, c.name AS candidate_name, a.posting_id,
      p.title AS posting_title, s.name AS stage, a.status, a.source, a.created_at
    FROM applications a
    JOIN postings p ON p.id = a.posting_id
    JOIN candidates c ON c.id = a.candidate_id
    JOIN stages s ON s.id = a.stage_id
    WHERE ${where}
    ORDER BY a.created_at DESC, a.id DESC
    LIMIT ${page.limit} OFFSET ${page.offset}`.execute(this.db)
    const total = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM ${cohortFrom(filters)} WHERE ${where}`.execute(
      this.db,
    )
    return { rows: rows.rows, total: Number(total.rows[0]?.n ?? 0) }
  }
}
