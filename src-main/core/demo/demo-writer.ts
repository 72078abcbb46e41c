import type BetterSqlite3 from 'better-sqlite3'
import { sql, type Kysely } from 'kysely'
import type { ApplicationStatus, Database, EvidenceSourceValue, RatingValue } from '../db/schema'
import type { Recommendation } from '@contract'

/**
 * The bulk writes of `demo generate`: prepared statements in large transactions, the approach of the candidate
 * import, since the generated workspace holds a hundred thousand candidates and more.
 */
export class DemoWriter {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly sqlite: BetterSqlite3.Database,
  ) {}

  async countCandidates(): Promise<number> {
    const row = await this.db
      .selectFrom('candidates')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    return Number(row.n)
  }

  /** Dates a posting back to when the plan has it open (and, for some, closed). */
  datePosting(id: number, dates: { createdAt: string; updatedAt: string; closedAt: string | null }): void {
    this.sqlite
      .prepare('UPDATE postings SET created_at = ?, updated_at = ?, status = ?, closed_at = ? WHERE id = ?')
      .run(dates.createdAt, dates.updatedAt, dates.closedAt === null ? 'open' : 'closed', dates.closedAt, id)
  }

  /** Merged full-text segments and fresh planner statistics make the first queries as fast as later ones. */
  async optimizeForReads(): Promise<void> {
    await sql`INSERT INTO candidate_search (candidate_search) VALUES ('optimize')`.execute(this.db)
    await sql`ANALYZE`.execute(this.db)
  }

  /** Runs `write` in one transaction; a batch is all written or not at all. */
  inTransaction(write: () => void): void {
    this.sqlite.transaction(write)()
  }

  /** The live items of the given sections, posting by posting in their order. */
  requirements(sections: readonly string[]) {
    const placeholders = sections.map(() => '?').join(', ')
    return this.sqlite
      .prepare<string[], { id: number; posting_id: number; must_have: number; text: string; skills: string }>(
        `SELECT id, posting_id, must_have, text, skills FROM requirements
       WHERE archived_at IS NULL AND section IN (${placeholders}) ORDER BY posting_id, section, position`,
      )
      .all(...sections)
  }

  /** Reads and writes of the generated assessments, prepared once for the whole run. */
  assessmentStatements() {
    const applications = this.sqlite.prepare<
      [number, number],
      { id: number; posting_id: number; candidate_id: number; created_at: string }
    >('SELECT id, posting_id, candidate_id, created_at FROM applications WHERE id > ? ORDER BY id LIMIT ?')
    const tags = this.sqlite.prepare<[string], { candidate_id: number; tag: string }>(
      'SELECT candidate_id, tag FROM candidate_tags WHERE candidate_id IN (SELECT value FROM json_each(?))',
    )
    const update = this.sqlite.prepare<
      [RatingValue, string, EvidenceSourceValue, number | null, string, number, number]
    >(
      `UPDATE assessments SET rating = ?, evidence = ?, source = ?, author_id = ?, updated_at = ?, version = 1
     WHERE application_id = ? AND requirement_id = ?`,
    )
    const history = this.sqlite.prepare<
      [number, number, string, number | null, RatingValue, string, EvidenceSourceValue]
    >(
      `INSERT INTO assessment_history (application_id, requirement_id, at, person_id, from_rating, to_rating,
       evidence_before, evidence_after, source_before, source_after)
     VALUES (?, ?, ?, ?, 0, ?, '', ?, NULL, ?)`,
    )
    return {
      /** A keyset page of applications, by id. */
      applicationsAfter: (after: number, limit: number) => applications.all(after, limit),
      tagsOf: (candidateIds: readonly number[]) => tags.all(JSON.stringify(candidateIds)),
      /** Rates an item of an application (rated once, from unknown) and records it in the history. */
      rate: (entry: {
        applicationId: number
        requirementId: number
        rating: RatingValue
        evidence: string
        source: EvidenceSourceValue
        authorId: number | null
        at: string
      }) => {
        update.run(
          entry.rating,
          entry.evidence,
          entry.source,
          entry.authorId,
          entry.at,
          entry.applicationId,
          entry.requirementId,
        )
        history.run(
          entry.applicationId,
          entry.requirementId,
          entry.at,
          entry.authorId,
          entry.rating,
          entry.evidence,
          entry.source,
        )
      },
    }
  }

  /** Every stage event of the applications not merged away, application by application, each in order. */
  applicationEvents() {
    return this.sqlite
      .prepare<[], { id: number; posting_id: number; status: ApplicationStatus; at: string; position: number }>(
        `SELECT a.id, a.posting_id, a.status, e.at, s.position
       FROM applications AS a
       JOIN stage_events AS e ON e.application_id = a.id
       JOIN stages AS s ON s.id = e.to_stage_id
       WHERE a.merged_into_id IS NULL
       ORDER BY a.id, e.at, e.id`,
      )
      .iterate()
  }

  /** Writes of the generated interviews and scorecards, prepared once for the whole run. */
  interviewStatements() {
    const interview = this.sqlite.prepare<
      [number, number, number, string, number, string, string, number | null, string]
    >(
      `INSERT INTO interviews (application_id, step_id, interviewer_id, scheduled_at, duration_minutes, packet_key,
         created_at, created_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    const scorecard = this.sqlite.prepare<[number, number, string, Recommendation, string, string]>(
      `INSERT INTO scorecards (interview_id, version, status, author_id, key_takeaways, recommendation, source,
         created_at, updated_at) VALUES (?, 1, 'draft', ?, ?, ?, 'local', ?, ?)`,
    )
    const rating = this.sqlite.prepare<[number, number, string, string, number | null, string]>(
      `INSERT INTO scorecard_ratings (scorecard_id, position, focus_key, label, rating, note) VALUES (?, ?, ?, ?, ?, ?)`,
    )
    const submit = this.sqlite.prepare<[string, number]>(
      `UPDATE scorecards SET status = 'submitted', submitted_at = ? WHERE id = ?`,
    )
    return {
      /** Returns the new interview's id. */
      interview: (...values: Parameters<typeof interview.run>) => Number(interview.run(...values).lastInsertRowid),
      /** A draft scorecard, version 1; returns its id. */
      scorecard: (...values: Parameters<typeof scorecard.run>) => Number(scorecard.run(...values).lastInsertRowid),
      rating: (...values: Parameters<typeof rating.run>) => {
        rating.run(...values)
      },
      submit: (submittedAt: string, scorecardId: number) => {
        submit.run(submittedAt, scorecardId)
      },
    }
  }
}
