import type BetterSqlite3 from 'better-sqlite3'
import { sql, type Kysely } from 'kysely'
import type { Recommendation } from '@contract'
import { dialectOf } from '../db/dialect'
import type { Database, EvidenceSourceValue, RatingValue } from '../db/schema'
import { nextIdOf, TableRows, type TableSpec } from '../db/table-rows-writer'

export interface GeneratedRating {
  applicationId: number
  requirementId: number
  rating: RatingValue
  evidence: string
  source: EvidenceSourceValue
  authorId: number | null
  at: string
}

/** Ratings written together inside the caller's transaction: prepared statements on SQLite, set-based on PostgreSQL. */
export interface RatingBatch {
  /** Rates an item of an application (rated once, from unknown) and records it in the history. */
  rate(entry: GeneratedRating): void
  write(): Promise<void>
}

export interface GeneratedInterview {
  applicationId: number
  stepId: number
  interviewerId: number
  scheduledAt: string
  durationMinutes: number
  packetKey: string
  createdAt: string
  createdBy: number | null
}

/** Interviews and their scorecards, written together inside the caller's transaction. */
export interface InterviewBatch {
  /** Returns the new interview's id. */
  interview(entry: GeneratedInterview): number
  /** A draft scorecard, version 1; returns its id. */
  scorecard(
    interviewId: number,
    authorId: number,
    takeaways: string,
    recommendation: Recommendation,
    at: string,
  ): number
  rating(
    scorecardId: number,
    position: number,
    focusKey: string,
    label: string,
    rating: number | null,
    note: string,
  ): void
  submit(submittedAt: string, scorecardId: number): void
  write(): Promise<void>
}

const HISTORY: TableSpec = {
  table: 'assessment_history',
  columns: [
    ['application_id', 'int'],
    ['requirement_id', 'int'],
    ['at', 'text'],
    ['person_id', 'int'],
    ['from_rating', 'int'],
    ['to_rating', 'int'],
    ['evidence_before', 'text'],
    ['evidence_after', 'text'],
    ['source_before', 'text'],
    ['source_after', 'text'],
  ],
}
const INTERVIEWS: TableSpec = {
  table: 'interviews',
  explicitIds: true,
  columns: [
    ['id', 'int'],
    ['application_id', 'int'],
    ['step_id', 'int'],
    ['interviewer_id', 'int'],
    ['scheduled_at', 'text'],
    ['duration_minutes', 'int'],
    ['packet_key', 'text'],
    ['created_at', 'text'],
    ['created_by', 'int'],
    ['updated_at', 'text'],
  ],
}
const SCORECARDS: TableSpec = {
  table: 'scorecards',
  explicitIds: true,
  columns: [
    ['id', 'int'],
    ['interview_id', 'int'],
    ['version', 'int'],
    ['status', 'text'],
    ['author_id', 'int'],
    ['key_takeaways', 'text'],
    ['recommendation', 'text'],
    ['source', 'text'],
    ['created_at', 'text'],
    ['updated_at', 'text'],
  ],
}
const SCORECARD_RATINGS: TableSpec = {
  table: 'scorecard_ratings',
  columns: [
    ['scorecard_id', 'int'],
    ['position', 'int'],
    ['focus_key', 'text'],
    ['label', 'text'],
    ['rating', 'int'],
    ['note', 'text'],
  ],
}

/**
 * The bulk writes of `demo generate`: the generated workspace holds a hundred thousand candidates and more. On
 * SQLite, prepared statements in large transactions (the approach of the candidate import); on PostgreSQL, rows
 * collected per batch and written with one statement per table. The reads are Kysely on both, ordered fully, so
 * the same seed gives the same workspace on either database.
 */
export class DemoWriter {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly sqlite: BetterSqlite3.Database | undefined,
  ) {}

  async countCandidates(): Promise<number> {
    const row = await this.db
      .selectFrom('candidates')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    return Number(row.n)
  }

  /** Dates a posting back to when the plan has it open (and, for some, closed). */
  async datePosting(
    id: number,
    dates: { createdAt: string; updatedAt: string; closedAt: string | null },
  ): Promise<void> {
    // created_at is fixed for every other writer (the schema types say so); only the generator dates history back.
    await sql`UPDATE postings SET created_at = ${dates.createdAt}, updated_at = ${dates.updatedAt},
      status = ${dates.closedAt === null ? 'open' : 'closed'}, closed_at = ${dates.closedAt}
      WHERE id = ${id}`.execute(this.db)
  }

  /**
   * Leaves the generated workspace as one in use would be: merged full-text segments (SQLite), and on
   * PostgreSQL what autovacuum would have done by then: the GIN indexes' pending entries merged (every search
   * otherwise reads them all: the search's p95 at 100,000 candidates was 33 ms before, 22 ms after) and the
   * visibility map set (so index-only scans stay index-only). Fresh planner statistics on both.
   */
  async optimizeForReads(): Promise<void> {
    if (dialectOf(this.db) === 'sqlite') {
      await sql`INSERT INTO candidate_search (candidate_search) VALUES ('optimize')`.execute(this.db)
      await sql`ANALYZE`.execute(this.db)
    } else {
      // Outside any transaction (VACUUM refuses to run in one), on a connection of the pool.
      await sql`VACUUM (ANALYZE)`.execute(this.db)
    }
  }

  /** The live items of the given sections, posting by posting in their order. */
  requirements(sections: readonly string[]) {
    return this.db
      .selectFrom('requirements')
      .select(['id', 'posting_id', 'must_have', 'text', 'skills'])
      .where('archived_at', 'is', null)
      .where('section', 'in', sections as Database['requirements']['section'][])
      .orderBy('posting_id')
      .orderBy('section')
      .orderBy('position')
      .orderBy('id')
      .execute()
  }

  /** A keyset page of applications, by id. */
  applicationsAfter(after: number, limit: number) {
    return this.db
      .selectFrom('applications')
      .select(['id', 'posting_id', 'candidate_id', 'created_at'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(limit)
      .execute()
  }

  async tagsOf(candidateIds: readonly number[]) {
    if (candidateIds.length === 0) return []
    return this.db
      .selectFrom('candidate_tags')
      .select(['candidate_id', 'tag'])
      .where('candidate_id', 'in', [...candidateIds])
      .orderBy('candidate_id')
      .orderBy('tag')
      .execute()
  }

  /** Ratings inside `db`, the caller's transaction. */
  ratings(db: Kysely<Database>): RatingBatch {
    if (this.sqlite) return sqliteRatings(this.sqlite)
    const pending: GeneratedRating[] = []
    return {
      rate: (entry) => {
        pending.push(entry)
      },
      write: async () => {
        if (pending.length === 0) return
        const column = <T>(pick: (entry: GeneratedRating) => T) => pending.map(pick)
        await sql`UPDATE assessments AS a
          SET rating = v.rating, evidence = v.evidence, source = v.source, author_id = v.author_id,
            updated_at = v.at, version = 1
          FROM unnest(${column((e) => e.applicationId)}::int[], ${column((e) => e.requirementId)}::int[],
            ${column((e) => e.rating)}::int[], ${column((e) => e.evidence)}::text[], ${column((e) => e.source)}::text[],
            ${column((e) => e.authorId)}::int[], ${column((e) => e.at)}::text[])
            AS v(application_id, requirement_id, rating, evidence, source, author_id, at)
          WHERE a.application_id = v.application_id AND a.requirement_id = v.requirement_id`.execute(db)
        const history = new TableRows()
        for (const e of pending)
          history.add(HISTORY, [
            e.applicationId,
            e.requirementId,
            e.at,
            e.authorId,
            0,
            e.rating,
            '',
            e.evidence,
            null,
            e.source,
          ])
        await history.write(db)
        pending.length = 0
      },
    }
  }

  /** Every stage event of the applications not merged away, application by application, each in order. */
  applicationEvents() {
    return this.db
      .selectFrom('applications as a')
      .innerJoin('stage_events as e', 'e.application_id', 'a.id')
      .innerJoin('stages as s', 's.id', 'e.to_stage_id')
      .select(['a.id', 'a.posting_id', 'a.status', 'e.at', 's.position'])
      .where('a.merged_into_id', 'is', null)
      .orderBy('a.id')
      .orderBy('e.at')
      .orderBy('e.id')
      .execute()
  }

  /** Interviews and scorecards inside `db`, the caller's transaction. */
  async interviews(db: Kysely<Database>): Promise<InterviewBatch> {
    if (this.sqlite) return sqliteInterviews(this.sqlite)
    const rows = new TableRows()
    const submitted: { id: number; at: string }[] = []
    let nextInterview = await nextIdOf(db, 'interviews')
    let nextScorecard = await nextIdOf(db, 'scorecards')
    return {
      interview: (e) => {
        const id = nextInterview++
        rows.add(INTERVIEWS, [
          id,
          e.applicationId,
          e.stepId,
          e.interviewerId,
          e.scheduledAt,
          e.durationMinutes,
          e.packetKey,
          e.createdAt,
          e.createdBy,
          e.createdAt,
        ])
        return id
      },
      scorecard: (interviewId, authorId, takeaways, recommendation, at) => {
        const id = nextScorecard++
        rows.add(SCORECARDS, [id, interviewId, 1, 'draft', authorId, takeaways, recommendation, 'local', at, at])
        return id
      },
      rating: (...values) => rows.add(SCORECARD_RATINGS, values),
      submit: (at, id) => {
        submitted.push({ id, at })
      },
      write: async () => {
        await rows.write(db)
        if (submitted.length === 0) return
        await sql`UPDATE scorecards AS s SET status = 'submitted', submitted_at = v.at
          FROM unnest(${submitted.map((entry) => entry.id)}::int[], ${submitted.map((entry) => entry.at)}::text[])
            AS v(id, at)
          WHERE s.id = v.id`.execute(db)
        submitted.length = 0
      },
    }
  }
}

function sqliteRatings(sqlite: BetterSqlite3.Database): RatingBatch {
  const update = sqlite.prepare<[RatingValue, string, EvidenceSourceValue, number | null, string, number, number]>(
    `UPDATE assessments SET rating = ?, evidence = ?, source = ?, author_id = ?, updated_at = ?, version = 1
     WHERE application_id = ? AND requirement_id = ?`,
  )
  const history = sqlite.prepare<[number, number, string, number | null, RatingValue, string, EvidenceSourceValue]>(
    `INSERT INTO assessment_history (application_id, requirement_id, at, person_id, from_rating, to_rating,
       evidence_before, evidence_after, source_before, source_after)
     VALUES (?, ?, ?, ?, 0, ?, '', ?, NULL, ?)`,
  )
  return {
    rate: (e) => {
      update.run(e.rating, e.evidence, e.source, e.authorId, e.at, e.applicationId, e.requirementId)
      history.run(e.applicationId, e.requirementId, e.at, e.authorId, e.rating, e.evidence, e.source)
    },
    write: () => Promise.resolve(),
  }
}

function sqliteInterviews(sqlite: BetterSqlite3.Database): InterviewBatch {
  const interview = sqlite.prepare<[number, number, number, string, number, string, string, number | null, string]>(
    `INSERT INTO interviews (application_id, step_id, interviewer_id, scheduled_at, duration_minutes, packet_key,
       created_at, created_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const scorecard = sqlite.prepare<[number, number, string, Recommendation, string, string]>(
    `INSERT INTO scorecards (interview_id, version, status, author_id, key_takeaways, recommendation, source,
       created_at, updated_at) VALUES (?, 1, 'draft', ?, ?, ?, 'local', ?, ?)`,
  )
  const rating = sqlite.prepare<[number, number, string, string, number | null, string]>(
    `INSERT INTO scorecard_ratings (scorecard_id, position, focus_key, label, rating, note) VALUES (?, ?, ?, ?, ?, ?)`,
  )
  const submit = sqlite.prepare<[string, number]>(
    `UPDATE scorecards SET status = 'submitted', submitted_at = ? WHERE id = ?`,
  )
  return {
    interview: (e) =>
      Number(
        interview.run(
          e.applicationId,
          e.stepId,
          e.interviewerId,
          e.scheduledAt,
          e.durationMinutes,
          e.packetKey,
          e.createdAt,
          e.createdBy,
          e.createdAt,
        ).lastInsertRowid,
      ),
    scorecard: (interviewId, authorId, takeaways, recommendation, at) =>
      Number(scorecard.run(interviewId, authorId, takeaways, recommendation, at, at).lastInsertRowid),
    rating: (...values) => {
      rating.run(...values)
    },
    submit: (at, id) => {
      submit.run(at, id)
    },
    write: () => Promise.resolve(),
  }
}
