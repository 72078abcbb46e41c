import { sql, type Expression, type Kysely, type SqlBool, type Updateable } from 'kysely'
import { dialectOf } from '../db/dialect'
import type { Database, InterviewsTable, Recommendation, ScorecardsTable } from '../db/schema'

/** A condition on `a` (applications) and `p` (postings), such as a report's cohort. */
export type CohortCondition = Expression<SqlBool>

export interface StepValues {
  name: string
  duration_minutes: number
  questions: string
}

export interface FocusValues {
  requirement_id: number | null
  competency_id: number | null
}

export interface InterviewFilter {
  ids?: number[]
  applicationIds?: number[]
  postingId?: number
  interviewerId?: number
  /** Only interviews from this time on, or still waiting for (the latest version of) their scorecard. */
  openOrSince?: string
  limit?: number
}

export interface NewRating {
  focus_key: string
  label: string
  rating: number | null
  note: string
}

export class InterviewRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** A posting with its target level and ladder. */
  findPosting(id: number) {
    return this.db
      .selectFrom('postings')
      .innerJoin('levels', 'levels.id', 'postings.level_id')
      .innerJoin('ladders', 'ladders.id', 'levels.ladder_id')
      .select([
        'postings.id',
        'postings.title',
        'postings.team',
        'postings.level_id',
        'levels.title as level_title',
        'levels.ladder_id',
        'ladders.name as ladder_name',
      ])
      .where('postings.id', '=', id)
      .executeTakeFirst()
  }

  async ladder(ladderId: number) {
    const [levels, competencies, expectations] = await Promise.all([
      this.db
        .selectFrom('levels')
        .select(['id', 'title', 'position'])
        .where('ladder_id', '=', ladderId)
        .orderBy('position')
        .orderBy('id')
        .execute(),
      this.db
        .selectFrom('competencies')
        .select(['id', 'name', 'description'])
        .where('ladder_id', '=', ladderId)
        .orderBy('position')
        .orderBy('id')
        .execute(),
      this.db
        .selectFrom('expectations')
        .innerJoin('levels', 'levels.id', 'expectations.level_id')
        .select(['expectations.level_id as levelId', 'expectations.competency_id as competencyId', 'expectations.text'])
        .where('levels.ladder_id', '=', ladderId)
        .orderBy('expectations.level_id')
        .orderBy('expectations.competency_id')
        .execute(),
    ])
    return { levels, competencies, expectations }
  }

  /** Live requirements of a posting in section and position order. */
  requirements(postingId: number) {
    return this.db
      .selectFrom('requirements')
      .select(['id', 'text', 'section', 'competency_id', 'position'])
      .where('posting_id', '=', postingId)
      .where('archived_at', 'is', null)
      .orderBy('position')
      .orderBy('id')
      .execute()
  }

  findPerson(id: number) {
    return this.db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst()
  }

  findPlan(postingId: number) {
    return this.db
      .selectFrom('interview_plans')
      .leftJoin('people', 'people.id', 'interview_plans.hiring_manager_id')
      .select(['interview_plans.hiring_manager_id', 'people.name as hiring_manager_name'])
      .where('interview_plans.posting_id', '=', postingId)
      .executeTakeFirst()
  }

  async setHiringManager(postingId: number, personId: number | null, now: string): Promise<void> {
    await this.db
      .insertInto('interview_plans')
      .values({ posting_id: postingId, hiring_manager_id: personId, updated_at: now })
      .onConflict((oc) => oc.column('posting_id').doUpdateSet({ hiring_manager_id: personId, updated_at: now }))
      .execute()
  }

  listSteps(postingId: number) {
    return this.db
      .selectFrom('interview_steps')
      .selectAll()
      .where('posting_id', '=', postingId)
      .orderBy('position')
      .orderBy('id')
      .execute()
  }

  findStep(id: number) {
    return this.db.selectFrom('interview_steps').selectAll().where('id', '=', id).executeTakeFirst()
  }

  focusOfSteps(stepIds: number[]) {
    return this.db
      .selectFrom('interview_focus_items')
      .select(['step_id', 'requirement_id', 'competency_id'])
      .where('step_id', 'in', stepIds.length > 0 ? stepIds : [-1])
      .orderBy('step_id')
      .orderBy('position')
      .execute()
  }

  insertStep(postingId: number, position: number, values: StepValues, now: string) {
    return this.db
      .insertInto('interview_steps')
      .values({ posting_id: postingId, position, ...values, created_at: now, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow()
  }

  async updateStep(id: number, values: StepValues, now: string): Promise<void> {
    await this.db
      .updateTable('interview_steps')
      .set({ ...values, updated_at: now })
      .where('id', '=', id)
      .execute()
  }

  async deleteStep(id: number): Promise<void> {
    await this.db.deleteFrom('interview_steps').where('id', '=', id).execute()
  }

  async setStepPositions(orderedIds: number[]): Promise<void> {
    for (const [position, id] of orderedIds.entries()) {
      await this.db.updateTable('interview_steps').set({ position }).where('id', '=', id).execute()
    }
  }

  async replaceFocus(stepId: number, focus: FocusValues[]): Promise<void> {
    await this.db.deleteFrom('interview_focus_items').where('step_id', '=', stepId).execute()
    for (const [position, item] of focus.entries()) {
      await this.db
        .insertInto('interview_focus_items')
        .values({ step_id: stepId, position, ...item })
        .execute()
    }
  }

  /** Interviews with their application, candidate, posting, step and interviewer, and their scorecard state. */
  interviewViews(filter: InterviewFilter) {
    let query = this.db
      .selectFrom('interviews as i')
      .innerJoin('applications as a', 'a.id', 'i.application_id')
      .innerJoin('candidates as c', 'c.id', 'a.candidate_id')
      .innerJoin('postings as p', 'p.id', 'a.posting_id')
      .innerJoin('interview_steps as st', 'st.id', 'i.step_id')
      .innerJoin('people as pe', 'pe.id', 'i.interviewer_id')
      .selectAll('i')
      .select([
        'a.status as application_status',
        'a.candidate_id',
        'c.name as candidate_name',
        'a.posting_id',
        'p.title as posting_title',
        'st.name as step_name',
        'st.position as step_position',
        'pe.name as interviewer_name',
      ])
      .select((eb) => [
        eb
          .selectFrom('scorecards as s')
          .select((inner) => inner.fn.max('s.version').as('v'))
          .whereRef('s.interview_id', '=', 'i.id')
          .where('s.status', '=', 'submitted')
          .as('submitted_version'),
        eb
          .selectFrom('scorecards as s')
          .select('s.submitted_at')
          .whereRef('s.interview_id', '=', 'i.id')
          .where('s.status', '=', 'submitted')
          .orderBy('s.version', 'desc')
          .limit(1)
          .as('submitted_at'),
        eb
          .selectFrom('scorecards as s')
          .select('s.version')
          .whereRef('s.interview_id', '=', 'i.id')
          .where('s.status', '=', 'draft')
          .as('draft_version'),
      ])
      .orderBy('i.scheduled_at')
      .orderBy('i.id')
    if (filter.ids) query = query.where('i.id', 'in', filter.ids.length > 0 ? filter.ids : [-1])
    if (filter.applicationIds)
      query = query.where('i.application_id', 'in', filter.applicationIds.length > 0 ? filter.applicationIds : [-1])
    if (filter.postingId !== undefined) query = query.where('a.posting_id', '=', filter.postingId)
    if (filter.interviewerId !== undefined) query = query.where('i.interviewer_id', '=', filter.interviewerId)
    const since = filter.openOrSince
    if (since !== undefined) {
      query = query.where((eb) =>
        eb.or([
          eb('i.scheduled_at', '>=', since),
          eb.not(
            eb.exists(
              eb
                .selectFrom('scorecards as s')
                .select('s.id')
                .whereRef('s.interview_id', '=', 'i.id')
                .where('s.status', '=', 'submitted'),
            ),
          ),
          eb.exists(
            eb
              .selectFrom('scorecards as s')
              .select('s.id')
              .whereRef('s.interview_id', '=', 'i.id')
              .where('s.status', '=', 'draft'),
          ),
        ]),
      )
    }
    if (filter.limit !== undefined) query = query.limit(filter.limit)
    return query.execute()
  }

  findInterview(id: number) {
    return this.db.selectFrom('interviews').selectAll().where('id', '=', id).executeTakeFirst()
  }

  /** The interviewer's other interviews, for the overlap check. */
  interviewsOf(interviewerId: number) {
    return (
      this.db
        .selectFrom('interviews')
        .select(['id', 'application_id', 'scheduled_at', 'duration_minutes'])
        .where('interviewer_id', '=', interviewerId)
        // The first clash named in the error is the same on both databases.
        .orderBy('scheduled_at')
        .orderBy('id')
        .execute()
    )
  }

  insertInterview(values: {
    application_id: number
    step_id: number
    interviewer_id: number
    scheduled_at: string
    duration_minutes: number
    packet_key: string
    created_by: number | null
    now: string
  }) {
    const { now, ...rest } = values
    return this.db
      .insertInto('interviews')
      .values({ ...rest, created_at: now, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow()
  }

  async updateInterview(id: number, values: Updateable<InterviewsTable>): Promise<void> {
    await this.db.updateTable('interviews').set(values).where('id', '=', id).execute()
  }

  async deleteInterview(id: number): Promise<void> {
    await this.db.deleteFrom('interviews').where('id', '=', id).execute()
  }

  async countInterviewsByStep(stepIds: number[]): Promise<Map<number, number>> {
    const rows = await this.db
      .selectFrom('interviews')
      .select('step_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('step_id', 'in', stepIds.length > 0 ? stepIds : [-1])
      .groupBy('step_id')
      .execute()
    return new Map(rows.map((row) => [row.step_id, Number(row.n)]))
  }

  /** An application with its candidate, posting and stage: what a brief and the scheduling rules need. */
  findApplication(id: number) {
    return this.db
      .selectFrom('applications as a')
      .innerJoin('candidates as c', 'c.id', 'a.candidate_id')
      .innerJoin('postings as p', 'p.id', 'a.posting_id')
      .innerJoin('stages as s', 's.id', 'a.stage_id')
      .select([
        'a.id',
        'a.status',
        'a.source',
        'a.created_at',
        'a.posting_id',
        'a.candidate_id',
        'a.merged_into_id',
        'c.name as candidate_name',
        'c.location as candidate_location',
        'p.title as posting_title',
        's.name as stage_name',
      ])
      .where('a.id', '=', id)
      .executeTakeFirst()
  }

  /** The application and those merged into it (a candidate merge keeps their interviews). */
  async relatedApplicationIds(id: number): Promise<number[]> {
    const merged = await this.db.selectFrom('applications').select('id').where('merged_into_id', '=', id).execute()
    return [id, ...merged.map((row) => row.id)]
  }

  async candidateExtras(candidateId: number): Promise<{ links: string[]; tags: string[]; resume: string }> {
    const [links, tags, resume] = await Promise.all([
      this.db
        .selectFrom('candidate_links')
        .select('url')
        .where('candidate_id', '=', candidateId)
        .orderBy('position')
        .orderBy('url')
        .execute(),
      this.db
        .selectFrom('candidate_tags')
        .select('tag')
        .where('candidate_id', '=', candidateId)
        .orderBy(tagOrder(this.db))
        .execute(),
      this.db
        .selectFrom('documents')
        .select('text')
        .where('candidate_id', '=', candidateId)
        .where('status', '=', 'extracted')
        .where('text', '!=', '')
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst(),
    ])
    return { links: links.map((row) => row.url), tags: tags.map((row) => row.tag), resume: resume?.text ?? '' }
  }

  /** Every version of the interviews' scorecards, newest first per interview. */
  scorecardsOf(interviewIds: number[]) {
    return this.db
      .selectFrom('scorecards as s')
      .leftJoin('people as pe', 'pe.id', 's.author_id')
      .selectAll('s')
      .select('pe.name as author_name')
      .where('s.interview_id', 'in', interviewIds.length > 0 ? interviewIds : [-1])
      .orderBy('s.interview_id')
      .orderBy('s.version', 'desc')
      .execute()
  }

  findScorecard(id: number) {
    return this.db
      .selectFrom('scorecards as s')
      .leftJoin('people as pe', 'pe.id', 's.author_id')
      .selectAll('s')
      .select('pe.name as author_name')
      .where('s.id', '=', id)
      .executeTakeFirst()
  }

  ratingsOf(scorecardIds: number[]) {
    return this.db
      .selectFrom('scorecard_ratings')
      .selectAll()
      .where('scorecard_id', 'in', scorecardIds.length > 0 ? scorecardIds : [-1])
      .orderBy('scorecard_id')
      .orderBy('position')
      .execute()
  }

  /** Whether the person submitted (any version of) a scorecard for an interview of these applications. */
  async hasSubmitted(personId: number, applicationIds: number[]): Promise<boolean> {
    const row = await this.db
      .selectFrom('scorecards as s')
      .innerJoin('interviews as i', 'i.id', 's.interview_id')
      .select('s.id')
      .where('i.interviewer_id', '=', personId)
      .where('i.application_id', 'in', applicationIds.length > 0 ? applicationIds : [-1])
      .where('s.status', '=', 'submitted')
      .limit(1)
      .executeTakeFirst()
    return row !== undefined
  }

  findScorecardByFile(interviewId: number, sha256: string) {
    return this.db
      .selectFrom('scorecards')
      .selectAll()
      .where('interview_id', '=', interviewId)
      .where('file_sha256', '=', sha256)
      .executeTakeFirst()
  }

  insertScorecard(values: {
    interview_id: number
    version: number
    status: 'draft' | 'submitted'
    author_id: number | null
    key_takeaways: string
    recommendation: Recommendation | null
    source: 'local' | 'imported'
    file_sha256: string | null
    external_revision: number | null
    submitted_at: string | null
    now: string
  }) {
    const { now, ...rest } = values
    return this.db
      .insertInto('scorecards')
      .values({ ...rest, created_at: now, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow()
  }

  /**
   * Writes the draft only while it still is the draft of the version read: the check sits in the UPDATE itself,
   * so a draft submitted, discarded or replaced by another writer since is never overwritten. False when it was.
   */
  async updateDraft(id: number, version: number, values: Updateable<ScorecardsTable>): Promise<boolean> {
    const result = await this.db
      .updateTable('scorecards')
      .set(values)
      .where('id', '=', id)
      .where('version', '=', version)
      .where('status', '=', 'draft')
      .executeTakeFirst()
    return Number(result.numUpdatedRows) === 1
  }

  async deleteScorecard(id: number): Promise<void> {
    await this.db.deleteFrom('scorecards').where('id', '=', id).execute()
  }

  /** Written before the scorecard is submitted: submitted ratings are locked by a trigger. */
  async replaceRatings(scorecardId: number, ratings: NewRating[]): Promise<void> {
    await this.db.deleteFrom('scorecard_ratings').where('scorecard_id', '=', scorecardId).execute()
    if (ratings.length === 0) return
    await this.db
      .insertInto('scorecard_ratings')
      .values(ratings.map((rating, position) => ({ scorecard_id: scorecardId, position, ...rating })))
      .execute()
  }

  /**
   * The latest submitted version of every interview of decided applications (optionally of one posting), with
   * its ratings as one string of digits (`interview_tallies`, written as it was submitted): the calibration's
   * input, read in one query whatever the number of scorecards, one short row per interview. A report narrows it
   * with a `cohort` condition on `a` (applications), and `p` (postings) when `cohortNeedsPostings` says so.
   */
  decidedScorecards(
    scope: { postingId?: number | undefined; cohort?: CohortCondition; cohortNeedsPostings?: boolean } = {},
  ) {
    let query = this.db
      .selectFrom('interview_tallies as t')
      .innerJoin('interviews as i', 'i.id', 't.interview_id')
      .innerJoin('applications as a', 'a.id', 'i.application_id')
      .innerJoin('people as pe', 'pe.id', 'i.interviewer_id')
      .select([
        't.recommendation',
        'a.id as application_id',
        'a.merged_into_id',
        'a.status as application_status',
        'i.interviewer_id',
        'pe.name as interviewer_name',
        't.ratings',
      ])
      .where('a.status', '!=', 'active')
      // In scorecard order: the calibration's floating-point sums then add up the same everywhere.
      .orderBy('t.scorecard_id')
    if (scope.postingId !== undefined) query = query.where('a.posting_id', '=', scope.postingId)
    if (scope.cohort) {
      const cohort = scope.cohort
      if (scope.cohortNeedsPostings) query = query.innerJoin('postings as p', 'p.id', 'a.posting_id')
      query = query.where(() => cohort)
    }
    return query.execute()
  }
}

/**
 * Tags in SQLite's NOCASE order (ASCII letters folded, everything else byte by byte) on both databases:
 * PostgreSQL's citext would fold accented letters too and sort "Éa" and "éb" differently.
 */
function tagOrder(db: Kysely<Database>) {
  return dialectOf(db) === 'postgres'
    ? sql`translate(tag::text, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') COLLATE "C"`
    : sql`tag`
}
