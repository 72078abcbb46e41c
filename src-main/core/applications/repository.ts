import type { Kysely } from 'kysely'
import type { ApplicationRow, ApplicationStatus, Database } from '../db/schema'

export interface NewApplication {
  candidateId: number
  postingId: number
  stageId: number
  source: string
  actor: number | null
  at: string
}

export interface ApplicationRowValues {
  candidateId: number
  postingId: number
  stageId: number
  status: ApplicationStatus
  reason: string
  source: string
  createdAt: string
  createdBy: number | null
  updatedAt: string
  stageEnteredAt: string
  closedAt: string | null
}

export interface NewStageEvent {
  applicationId: number
  fromStageId: number | null
  toStageId: number
  fromStatus: ApplicationStatus | null
  toStatus: ApplicationStatus
  reason: string
  personId: number | null
  at: string
}

export class ApplicationRepository {
  constructor(private readonly db: Kysely<Database>) {}

  findApplication(id: number) {
    return this.db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirst()
  }

  /** The live application of a candidate to a posting, if any. */
  findLive(candidateId: number, postingId: number) {
    return this.db
      .selectFrom('applications')
      .selectAll()
      .where('candidate_id', '=', candidateId)
      .where('posting_id', '=', postingId)
      .where('merged_into_id', 'is', null)
      .executeTakeFirst()
  }

  /** Applications with what a person reads about them: candidate, posting, stage. */
  views(ids: number[]) {
    return this.db
      .selectFrom('applications as a')
      .innerJoin('candidates as c', 'c.id', 'a.candidate_id')
      .innerJoin('postings as p', 'p.id', 'a.posting_id')
      .innerJoin('stages as s', 's.id', 'a.stage_id')
      .selectAll('a')
      .select([
        'c.name as candidate_name',
        'p.title as posting_title',
        'p.status as posting_status',
        's.name as stage_name',
        's.kind as stage_kind',
      ])
      .select((eb) =>
        eb
          .selectFrom('stage_events as e')
          .select((inner) => inner.fn.max('e.id').as('id'))
          .whereRef('e.application_id', '=', 'a.id')
          .as('last_event_id'),
      )
      .where('a.id', 'in', ids.length > 0 ? ids : [-1])
      .orderBy('a.id')
      .execute()
  }

  /** Every application of a candidate, merged leftovers included. */
  ofCandidate(candidateId: number) {
    return this.db
      .selectFrom('applications as a')
      .innerJoin('stages as s', 's.id', 'a.stage_id')
      .innerJoin('postings as p', 'p.id', 'a.posting_id')
      .selectAll('a')
      .select(['s.position as stage_position', 'p.title as posting_title'])
      .where('a.candidate_id', '=', candidateId)
      .orderBy('a.id')
      .execute()
  }

  /** A new application, active in its first stage since `at`. */
  insertApplication(values: NewApplication): Promise<number> {
    return this.insertApplicationRow({
      candidateId: values.candidateId,
      postingId: values.postingId,
      stageId: values.stageId,
      status: 'active',
      reason: '',
      source: values.source,
      createdAt: values.at,
      createdBy: values.actor,
      updatedAt: values.at,
      stageEnteredAt: values.at,
      closedAt: null,
    })
  }

  /**
   * The one insert of an application row, new or with a past (the demo's applicants): the name key comes from
   * the candidate, so the applicants table sorts it by name without a join.
   */
  async insertApplicationRow(row: ApplicationRowValues): Promise<number> {
    const { id } = await this.db
      .insertInto('applications')
      .values({
        candidate_id: row.candidateId,
        posting_id: row.postingId,
        stage_id: row.stageId,
        name_key: (eb) => eb.selectFrom('candidates').select('name_key').where('id', '=', row.candidateId),
        status: row.status,
        reason: row.reason,
        source: row.source,
        created_at: row.createdAt,
        created_by: row.createdBy,
        updated_at: row.updatedAt,
        stage_entered_at: row.stageEnteredAt,
        closed_at: row.closedAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return id
  }

  /**
   * Writes the change only if the application is still as the caller read it (stage, status, last change):
   * the check is part of the UPDATE, so two writers cannot both pass it. Returns whether it wrote.
   */
  async updateApplication(
    id: number,
    expected: Pick<ApplicationRow, 'stage_id' | 'status' | 'updated_at'>,
    values: {
      stageId: number
      status: ApplicationStatus
      reason: string
      at: string
      stageEnteredAt: string
      closedAt: string | null
    },
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('applications')
      .set({
        stage_id: values.stageId,
        status: values.status,
        reason: values.reason,
        updated_at: values.at,
        stage_entered_at: values.stageEnteredAt,
        closed_at: values.closedAt,
      })
      .where('id', '=', id)
      .where('stage_id', '=', expected.stage_id)
      .where('status', '=', expected.status)
      .where('updated_at', '=', expected.updated_at)
      .executeTakeFirst()
    return Number(result.numUpdatedRows) === 1
  }

  /** The application's latest move or status change: where it went, who made it and when. */
  lastEvent(applicationId: number) {
    return this.db
      .selectFrom('stage_events as e')
      .innerJoin('stages as t', 't.id', 'e.to_stage_id')
      .leftJoin('people as p', 'p.id', 'e.person_id')
      .select(['e.id', 'e.at', 't.name as stage_name', 'p.name as person_name'])
      .where('e.application_id', '=', applicationId)
      .orderBy('e.id', 'desc')
      .limit(1)
      .executeTakeFirst()
  }

  async insertEvent(event: NewStageEvent): Promise<number> {
    const [id] = await this.insertEvents([event])
    if (id === undefined) throw new Error('The stage event was not written.')
    return id
  }

  /** Stage events in one statement, in order; returns their ids in the same order. */
  async insertEvents(events: readonly NewStageEvent[]): Promise<number[]> {
    if (events.length === 0) return []
    const rows = await this.db
      .insertInto('stage_events')
      .values(
        events.map((event) => ({
          application_id: event.applicationId,
          from_stage_id: event.fromStageId,
          to_stage_id: event.toStageId,
          from_status: event.fromStatus,
          to_status: event.toStatus,
          reason: event.reason,
          person_id: event.personId,
          at: event.at,
        })),
      )
      .returning('id')
      .execute()
    return rows.map((row) => row.id).sort((a, b) => a - b)
  }

  /** The application's own events (not merged ones), newest first. */
  ownEventsNewestFirst(applicationId: number) {
    return this.db
      .selectFrom('stage_events')
      .selectAll()
      .where('application_id', '=', applicationId)
      .orderBy('id', 'desc')
      .execute()
  }

  /** Which of the applications have an event newer than the given one: someone changed them since. */
  async latestEventIds(applicationIds: number[]): Promise<Map<number, number>> {
    const rows = await this.db
      .selectFrom('stage_events')
      .select(['application_id', (eb) => eb.fn.max('id').as('id')])
      .where('application_id', 'in', applicationIds.length > 0 ? applicationIds : [-1])
      .groupBy('application_id')
      .execute()
    return new Map(rows.map((row) => [row.application_id, Number(row.id)]))
  }

  /** Events of an application and of the applications merged into it, oldest first. */
  events(applicationId: number) {
    return this.db
      .selectFrom('stage_events as e')
      .innerJoin('stages as t', 't.id', 'e.to_stage_id')
      .leftJoin('stages as f', 'f.id', 'e.from_stage_id')
      .leftJoin('people as p', 'p.id', 'e.person_id')
      .selectAll('e')
      .select(['t.name as to_stage_name', 'f.name as from_stage_name', 'p.name as person'])
      .where((eb) =>
        eb.or([
          eb('e.application_id', '=', applicationId),
          eb(
            'e.application_id',
            'in',
            eb.selectFrom('applications').select('id').where('merged_into_id', '=', applicationId),
          ),
        ]),
      )
      .orderBy('e.at')
      .orderBy('e.id')
      .execute()
  }

  async markMerged(id: number, intoId: number): Promise<void> {
    await this.db.updateTable('applications').set({ merged_into_id: intoId }).where('id', '=', id).execute()
  }

  /** Leftovers merged into `fromId` now hang on `intoId`, so one application holds all the history. */
  async repointMerged(fromId: number, intoId: number): Promise<void> {
    await this.db
      .updateTable('applications')
      .set({ merged_into_id: intoId })
      .where('merged_into_id', '=', fromId)
      .execute()
  }

  /** Re-points applications (and leftovers merged into them) after a merge. */
  async moveToCandidate(fromCandidateId: number, intoCandidateId: number): Promise<void> {
    await this.db
      .updateTable('applications')
      .set({ candidate_id: intoCandidateId })
      .where('candidate_id', '=', fromCandidateId)
      .execute()
  }

  findStage(id: number) {
    return this.db.selectFrom('stages').selectAll().where('id', '=', id).executeTakeFirst()
  }

  liveStages(postingId: number) {
    return this.db
      .selectFrom('stages')
      .selectAll()
      .where('posting_id', '=', postingId)
      .where('archived_at', 'is', null)
      .orderBy('position')
      .orderBy('id')
      .execute()
  }

  findPosting(id: number) {
    return this.db.selectFrom('postings').select(['id', 'title', 'status']).where('id', '=', id).executeTakeFirst()
  }

  /** Tags the candidates do not have yet get added; returns the candidates that got it. */
  async addTag(candidateIds: number[], tag: string): Promise<number[]> {
    if (candidateIds.length === 0) return []
    const had = new Set(
      (
        await this.db
          .selectFrom('candidate_tags')
          .select('candidate_id')
          .where('tag', '=', tag)
          .where('candidate_id', 'in', candidateIds)
          .execute()
      ).map((row) => row.candidate_id),
    )
    const adding = [...new Set(candidateIds)].filter((candidateId) => !had.has(candidateId))
    for (let start = 0; start < adding.length; start += 500) {
      await this.db
        .insertInto('candidate_tags')
        .values(adding.slice(start, start + 500).map((candidateId) => ({ candidate_id: candidateId, tag })))
        .execute()
    }
    return adding
  }

  async removeTag(candidateId: number, tag: string): Promise<number> {
    const result = await this.db
      .deleteFrom('candidate_tags')
      .where('candidate_id', '=', candidateId)
      .where('tag', '=', tag)
      .executeTakeFirst()
    return Number(result.numDeletedRows)
  }

  findCandidates(ids: number[]) {
    return this.db
      .selectFrom('candidates')
      .select(['id', 'name', 'source'])
      .where('id', 'in', ids.length > 0 ? ids : [-1])
      .execute()
  }

  /** When the candidate was erased, if they were; undefined when there is no such candidate. */
  findCandidateErasure(id: number) {
    return this.db.selectFrom('candidates').select('erased_at').where('id', '=', id).executeTakeFirst()
  }
}
