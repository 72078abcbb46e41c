import { sql, type Kysely, type SqlBool } from 'kysely'
import { assessedSections } from '../assessments/ratings'
import { dialectOf } from '../db/dialect'
import type { Database } from '../db/schema'
import { InterviewRepository } from '../interviews/repository'
import { cohortFrom, cohortWhere } from './cohort-repository'
import type { ResolvedFilters } from './resolved-filters'

const sections = sql.join(assessedSections.map((section) => sql.lit(section)))

export interface CoverageRequirement {
  id: number
  posting_title: string
  section: string
  text: string
  must_have: number
}

/** The reads of the assessment reports (requirement coverage, interviewer calibration). */
export class AssessmentReportRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * The cohort's ratings counted per live assessed requirement and rating. The scan reads only the index of
   * ratings by requirement; an application is checked against the cohort in a set built once (the `+` keeps
   * SQLite from looking ratings up application by application). Without a source or a date, the cohort is
   * every application of the postings in play, so only the few merged ones need leaving out. PostgreSQL has
   * no index hints; its planner hashes the set by itself.
   */
  async ratingCounts(filters: ResolvedFilters): Promise<{ requirement_id: number; rating: number; n: number }[]> {
    const postgres = dialectOf(this.db) === 'postgres'
    const application = postgres ? sql`x.application_id` : sql`+x.application_id`
    const membership =
      filters.source === null && filters.fromInstant === null && filters.toInstant === null
        ? sql`${application} NOT IN (SELECT id FROM applications WHERE merged_into_id IS NOT NULL)`
        : sql`${application} IN (SELECT a.id FROM ${cohortFrom(filters)} WHERE ${cohortWhere(filters)})`
    const counts = await sql<{ requirement_id: number; rating: number; n: number }>`
    SELECT x.requirement_id, x.rating, COUNT(*) AS n
    FROM requirements r
    ${filters.levelId === null ? sql`` : sql`JOIN postings p ON p.id = r.posting_id`}
    JOIN assessments x ${postgres ? sql`` : sql`INDEXED BY assessments_by_requirement`} ON x.requirement_id = r.id
    WHERE r.archived_at IS NULL AND r.section IN (${sections})
      ${filters.postingId === null ? sql`` : sql`AND r.posting_id = ${filters.postingId}`}
      ${filters.levelId === null ? sql`` : sql`AND p.level_id = ${filters.levelId}`}
      AND ${membership}
    GROUP BY x.requirement_id, x.rating`.execute(this.db)
    return counts.rows
  }

  requirements(ids: readonly number[]): Promise<CoverageRequirement[]> {
    return this.db
      .selectFrom('requirements as r')
      .innerJoin('postings as p', 'p.id', 'r.posting_id')
      .select(['r.id', 'p.title as posting_title', 'r.section', 'r.text', 'r.must_have'])
      .where('r.id', 'in', [...ids])
      .execute()
  }

  async requirementText(id: number): Promise<string | undefined> {
    const row = await this.db.selectFrom('requirements').select('text').where('id', '=', id).executeTakeFirst()
    return row?.text
  }

  async personName(id: number): Promise<string | undefined> {
    const row = await this.db.selectFrom('people').select('name').where('id', '=', id).executeTakeFirst()
    return row?.name
  }

  /** The submitted scorecards of the cohort's decided applications, as calibration reads them. */
  decidedScorecards(filters: ResolvedFilters) {
    return new InterviewRepository(this.db).decidedScorecards({
      cohort: cohortWhere(filters).$castTo<SqlBool>(),
      cohortNeedsPostings: filters.levelId !== null,
    })
  }
}
