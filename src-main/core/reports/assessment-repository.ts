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
   * The cohort's ratings counted per live assessed requirement and rating. Without a source or a date, the cohort
   * is every application of the postings in play but the few merged ones: the ratings are counted requirement by
   * requirement straight from the index of ratings by requirement (SQLite is made to read the requirements first,
   * in id order, so the counts come out grouped without a sort), and the merged applications' ratings are taken
   * off. Checking each of 1.6 million ratings against the cohort took three times as long. With a source or a
   * date, each rating's application is checked against the cohort, in a set built once (the `+` keeps SQLite from
   * looking ratings up application by application). PostgreSQL has no index hints; its planner does the same.
   */
  async ratingCounts(filters: ResolvedFilters): Promise<{ requirement_id: number; rating: number; n: number }[]> {
    const postgres = dialectOf(this.db) === 'postgres'
    const live = sql`r.archived_at IS NULL AND r.section IN (${sections})
      ${filters.postingId === null ? sql`` : sql`AND r.posting_id = ${filters.postingId}`}
      ${filters.levelId === null ? sql`` : sql`AND r.posting_id IN (SELECT id FROM postings WHERE level_id = ${filters.levelId})`}`
    const byRequirement = postgres
      ? sql`requirements r JOIN assessments x ON x.requirement_id = r.id`
      : sql`requirements r CROSS JOIN assessments x INDEXED BY assessments_by_requirement`
    if (filters.source === null && filters.fromInstant === null && filters.toInstant === null) {
      const counts = await sql<{ requirement_id: number; rating: number; n: number }>`
      SELECT requirement_id, rating, SUM(n) AS n FROM (
        SELECT r.id AS requirement_id, x.rating, COUNT(*) AS n
        FROM ${byRequirement}
        WHERE x.requirement_id = r.id AND ${live}
        GROUP BY r.id, x.rating
        UNION ALL
        SELECT x.requirement_id, x.rating, -COUNT(*) AS n
        FROM applications a JOIN assessments x ON x.application_id = a.id JOIN requirements r ON r.id = x.requirement_id
        WHERE a.merged_into_id IS NOT NULL AND ${live}
        GROUP BY x.requirement_id, x.rating
      ) counted
      GROUP BY requirement_id, rating
      HAVING SUM(n) > 0`.execute(this.db)
      return counts.rows
    }
    const application = postgres ? sql`x.application_id` : sql`+x.application_id`
    const counts = await sql<{ requirement_id: number; rating: number; n: number }>`
    SELECT r.id AS requirement_id, x.rating, COUNT(*) AS n
    FROM ${byRequirement}
    WHERE x.requirement_id = r.id AND ${live}
      AND ${application} IN (SELECT a.id FROM ${cohortFrom(filters)} WHERE ${cohortWhere(filters)})
    GROUP BY r.id, x.rating`.execute(this.db)
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
