import { sql, type Kysely } from 'kysely'
import { dialectOf } from '../db/dialect'
import type { Database } from '../db/schema'
import { cohortFrom, cohortSelect, cohortWhere, furthestSelect, lowerKey } from './cohort-repository'
import type { ResolvedFilters } from './resolved-filters'

/** A stage name across the postings in play: stages of different postings match by name. */
export interface StageName {
  /** The name in lower case. */
  key: string
  name: string
  /** The average position of the stages of that name. */
  position: number
  hired: number
}

export interface StageStayRow {
  application: number
  stage: number
  /** The visits that ended, in milliseconds. */
  closed: number
  /** When the running visit began, in milliseconds since 1970; null when the application is not there now. */
  since: number | null
}

export interface ApplicationListRow {
  key: number
  candidate: string
  email: string | null
  posting: string
  level: string
  source: string
  created_at: string
  stage: string
  status: string
  reason: string
  stage_entered_at: string
  closed_at: string | null
}

/**
 * Live stages of the postings in play (the filtered posting, or those the cohort applied to), by name. Flags
 * are counted as 0/1 and the average read as a double, so both databases return the same numbers.
 */
const stageNames = (filters: ResolvedFilters, postgres: boolean) => {
  const posting = filters.postingId
  const key = lowerKey(sql.ref('s.name'), postgres)
  // Stage names compare without case (NOCASE, citext), so MIN over "Écran" and "ÉCRAN" would pick whichever
  // row came first; byte order picks the same one on both.
  const name = postgres ? sql`MIN(CAST(s.name AS text) COLLATE "C")` : sql`MIN(s.name COLLATE BINARY)`
  return sql`SELECT ${key} AS key, ${name} AS name, CAST(AVG(s.position) AS DOUBLE PRECISION) AS position,
      MAX(CASE WHEN s.kind = 'hired' THEN 1 ELSE 0 END) AS hired
    FROM stages s
    WHERE s.archived_at IS NULL
      AND (s.posting_id IN (SELECT DISTINCT posting_id FROM cohort)${posting === null ? sql`` : sql` OR s.posting_id = ${posting}`})
    GROUP BY ${key}`
}

/** The reads of the pipeline reports (funnel, time in stage, sources, activity, applications). */
export class PipelineReportRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private get postgres(): boolean {
    return dialectOf(this.db) === 'postgres'
  }

  /**
   * Per stage name, how many cohort applications reached it (entered it or any later stage of their posting),
   * in pipeline order with the hired stage last.
   */
  async funnel(filters: ResolvedFilters): Promise<(StageName & { reached: number })[]> {
    // The applications are first counted per posting and furthest position (a few hundred rows), and only those
    // counts are spread over the stages at or before that position: the same sums as one row per application
    // and stage, without the hundreds of thousands of rows to key and group.
    const result = await sql<StageName & { reached: number }>`WITH cohort AS (${cohortSelect(filters)}),
      furthest AS (${furthestSelect(filters)}),
      reach AS (SELECT posting_id, reached, COUNT(*) AS n FROM furthest GROUP BY posting_id, reached),
      names AS (${stageNames(filters, this.postgres)}),
      counts AS (
        SELECT ${lowerKey(sql.ref('s.name'), this.postgres)} AS key, CAST(SUM(r.n) AS BIGINT) AS reached
        FROM reach r JOIN stages s ON s.posting_id = r.posting_id AND s.archived_at IS NULL AND s.position <= r.reached
        GROUP BY ${lowerKey(sql.ref('s.name'), this.postgres)}
      )
      SELECT n.key, n.name, n.position, n.hired, COALESCE(c.reached, 0) AS reached
      FROM names n LEFT JOIN counts c ON c.key = n.key
      ORDER BY n.hired, n.position, n.key`.execute(this.db)
    return result.rows
  }

  /** The stage names of the postings in play, except the hired stage, in pipeline order. */
  async openStageNames(filters: ResolvedFilters): Promise<StageName[]> {
    const result =
      await sql<StageName>`WITH cohort AS (${cohortSelect(filters)}), names AS (${stageNames(filters, this.postgres)})
      SELECT key, name, position, hired FROM names WHERE hired = 0 ORDER BY position, key`.execute(this.db)
    return result.rows
  }

  /** Every stage with its lower-case name; `counted` is 1 for live open stages, whose time is measured. */
  async stageKeys(): Promise<{ id: number; key: string; counted: number }[]> {
    const result = await sql<{
      id: number
      key: string
      counted: number
    }>`SELECT id, ${lowerKey(sql.ref('name'), this.postgres)} AS key,
      CASE WHEN kind = 'open' AND archived_at IS NULL THEN 1 ELSE 0 END AS counted FROM stages`.execute(this.db)
    return result.rows
  }

  /** The time each cohort application spent in each stage it was active in (`stage_stays`), application by application. */
  async stageStays(filters: ResolvedFilters): Promise<StageStayRow[]> {
    const result = await sql<StageStayRow>`SELECT st.application_id AS application, st.stage_id AS stage,
        st.closed_ms AS closed, st.since_ms AS since
      FROM ${cohortFrom(filters)} JOIN stage_stays st ON st.application_id = a.id
      WHERE ${cohortWhere(filters)}
      ORDER BY st.application_id`.execute(this.db)
    return result.rows
  }

  /** Per source of the cohort: applicants, those past their posting's first stage, and hires; biggest first. */
  async sources(
    filters: ResolvedFilters,
  ): Promise<{ source: string; applicants: number; passed: number; hires: number }[]> {
    // Every cohort application, with the furthest position it reached (null without a live stage entered).
    const result = await sql<{ source: string; applicants: number; passed: number; hires: number }>`WITH
      furthest AS (${furthestSelect(filters, true)}),
      first_stage AS (SELECT posting_id, MIN(position) AS position FROM stages WHERE archived_at IS NULL GROUP BY posting_id)
      SELECT f.source, COUNT(*) AS applicants,
        SUM(CASE WHEN f.reached > fs.position THEN 1 ELSE 0 END) AS passed,
        SUM(CASE WHEN f.status = 'hired' THEN 1 ELSE 0 END) AS hires
      FROM furthest f
      LEFT JOIN first_stage fs ON fs.posting_id = f.posting_id
      GROUP BY f.source
      ORDER BY applicants DESC, f.source`.execute(this.db)
    return result.rows
  }

  /**
   * Applications made, moves between stages and hires per UTC day (YYYY-MM-DD), from the stage events. The date
   * range applies to the events; posting, level and source to their applications.
   */
  async activityDays(
    filters: ResolvedFilters,
  ): Promise<{ day: string; created: number; moved: number; hired: number }[]> {
    // Every stored time is UTC ISO text: its first ten characters are its day.
    const conditions = [
      ...(filters.from === null ? [] : [sql`substr(e.at, 1, 10) >= ${filters.from}`]),
      ...(filters.to === null ? [] : [sql`substr(e.at, 1, 10) <= ${filters.to}`]),
      filters.postingId === null && filters.levelId === null && filters.source === null
        ? sql`e.application_id NOT IN (SELECT id FROM applications WHERE merged_into_id IS NOT NULL)`
        : sql`e.application_id IN (SELECT a.id FROM ${cohortFrom(filters)} WHERE ${cohortWhere(filters, 'none')})`,
    ]
    // Counted per day (read in day order from an index); the service adds the days up per week.
    const result = await sql<{ day: string; created: number; moved: number; hired: number }>`SELECT
        substr(e.at, 1, 10) AS day,
        SUM(CASE WHEN e.from_status IS NULL THEN 1 ELSE 0 END) AS created,
        SUM(CASE WHEN e.from_stage_id IS NOT NULL AND e.from_stage_id != e.to_stage_id THEN 1 ELSE 0 END) AS moved,
        SUM(CASE WHEN e.to_status = 'hired' AND (e.from_status IS NULL OR e.from_status != 'hired') THEN 1 ELSE 0 END)
          AS hired
      FROM stage_events e
      WHERE ${sql.join(conditions, sql` AND `)}
      GROUP BY substr(e.at, 1, 10)`.execute(this.db)
    return result.rows
  }

  /** The cohort's applications per status. */
  async statusCounts(filters: ResolvedFilters): Promise<{ status: string; n: number }[]> {
    const result = await sql<{ status: string; n: number }>`SELECT a.status, COUNT(*) AS n
      FROM ${cohortFrom(filters)}
      WHERE ${cohortWhere(filters)} GROUP BY a.status`.execute(this.db)
    return result.rows
  }

  async countApplications(filters: ResolvedFilters): Promise<number> {
    const result = await sql<{
      n: number
    }>`SELECT COUNT(*) AS n FROM ${cohortFrom(filters)} WHERE ${cohortWhere(filters)}`.execute(this.db)
    return Number(result.rows[0]?.n ?? 0)
  }

  /** A keyset page of the cohort's applications, by id, with what the export lists of each. */
  async applicationsPage(filters: ResolvedFilters, after: number, limit: number): Promise<ApplicationListRow[]> {
    const result = await sql<ApplicationListRow>`SELECT a.id AS key, c.name AS candidate,
                (SELECT email FROM candidate_emails WHERE candidate_id = c.id ORDER BY position LIMIT 1) AS email,
                p.title AS posting, l.title AS level, a.source, a.created_at, s.name AS stage, a.status, a.reason,
                a.stage_entered_at, a.closed_at
              FROM applications a
              JOIN postings p ON p.id = a.posting_id
              JOIN levels l ON l.id = p.level_id
              JOIN candidates c ON c.id = a.candidate_id
              JOIN stages s ON s.id = a.stage_id
              WHERE ${cohortWhere(filters)} AND a.id > ${after}
              ORDER BY a.id LIMIT ${limit}`.execute(this.db)
    return result.rows
  }
}
