import {
  BULK_MAX,
  type BulkAction,
  type BulkResultDto,
  type BulkSkipDto,
  type UndoResultDto,
  type UndoTokenDto,
} from '@contract/applications'
import type {
  AddManyResultDto,
  ApplicantFacetsDto,
  ApplicantPageDto,
  ApplicantSortColumn,
  ApplicationDetailDto,
  ApplicationDto,
  ApplicationStatus,
  MustHaveFilter,
  Rating,
  SortDirection,
} from '@contract'
import type { Kysely } from 'kysely'
import { recordActivity } from '../activity/activity-log'
import { toMatchExpression } from '../candidates/search-text'
import type { CoreContext } from '../context'
import type { ApplicationRow, Database, StageRow } from '../db/schema'
import { AppError } from '../errors'
import type { WorkspaceService } from '../workspace/service'
import { toFitDto } from '../assessments/fit'
import { carryOverAssessments } from '../assessments/merge'
import { ratingOf, valueOf } from '../assessments/ratings'
import { AssessmentRepository } from '../assessments/repository'
import { ApplicationRepository } from './repository'
import { daysInStage, timeInStages } from './time-in-stage'

export interface ApplicantListInput {
  postingId: number
  offset: number
  limit: number
  sort: ApplicantSortColumn
  direction: SortDirection
  stageId?: number | undefined
  status?: ApplicationStatus | undefined
  source: string
  text: string
  ratingOf?: number | undefined
  mustHaves?: MustHaveFilter | undefined
  atLeast?: { requirementId: number; rating: Exclude<Rating, 'unknown'> }[] | undefined
}

type ApplicationView = Awaited<ReturnType<ApplicationRepository['views']>>[number]

const toApplicationDto = (row: ApplicationView): ApplicationDto => ({
  id: row.id,
  candidateId: row.candidate_id,
  candidateName: row.candidate_name,
  postingId: row.posting_id,
  postingTitle: row.posting_title,
  postingStatus: row.posting_status,
  stageId: row.stage_id,
  stageName: row.stage_name,
  stageKind: row.stage_kind,
  status: row.status,
  reason: row.reason,
  source: row.source,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  stageEnteredAt: row.stage_entered_at,
  closedAt: row.closed_at,
  lastEventId: Number(row.last_event_id ?? 0),
})

const timestamp = () => new Date().toISOString()

/** The posting must exist and not be closed; checked before any work (reading a résumé) is done. */
export async function requireOpenPosting(db: Kysely<Database>, postingId: number) {
  const posting = await new ApplicationRepository(db).findPosting(postingId)
  if (!posting) throw AppError.of('posting_not_found', { id: postingId })
  if (posting.status === 'closed') {
    throw AppError.of('posting_closed_for_candidates', { title: posting.title })
  }
  return posting
}

/** A live stage of the posting that active applications may sit in. */
function checkOpenStage(stage: StageRow | undefined, postingId: number, stageId: number): StageRow {
  if (!stage || stage.archived_at !== null || stage.posting_id !== postingId) {
    throw AppError.of('stage_not_in_posting', { id: stageId }, [
      { path: 'stageId', message: 'not a stage of this posting' },
    ])
  }
  return stage
}

/**
 * Applies a candidate to a posting, in the caller's transaction: the application enters the given stage (or
 * the first one), its first stage event and a history entry are written. A candidate who already applied is
 * left as is (`added: false`).
 */
export async function applyToPosting(
  trx: Kysely<Database>,
  input: { candidateId: number; postingId: number; stageId?: number | undefined; source: string },
  actor: number | null,
): Promise<{ id: number; added: boolean }> {
  const repo = new ApplicationRepository(trx)
  const posting = await requireOpenPosting(trx, input.postingId)
  const candidate = await trx
    .selectFrom('candidates')
    .select('erased_at')
    .where('id', '=', input.candidateId)
    .executeTakeFirst()
  if (candidate?.erased_at) throw AppError.of('candidate_erased_cannot_apply', { id: input.candidateId })
  const existing = await repo.findLive(input.candidateId, input.postingId)
  if (existing) return { id: existing.id, added: false }
  const stages = await repo.liveStages(input.postingId)
  const stage =
    input.stageId === undefined
      ? stages.find((entry) => entry.kind === 'open')
      : checkOpenStage(await repo.findStage(input.stageId), input.postingId, input.stageId)
  if (!stage) throw AppError.of('posting_no_stage', { title: posting.title })
  if (stage.kind === 'hired') {
    throw AppError.of('application_start_hired', { stage: stage.name }, [
      { path: 'stageId', message: 'the hired stage' },
    ])
  }
  const at = timestamp()
  // An application made without its own source keeps where the candidate came from, so the Sources report
  // counts it there instead of under "(no source)".
  const source = input.source.trim() || ((await repo.findCandidates([input.candidateId]))[0]?.source ?? '')
  const id = await repo.insertApplication({ ...input, source, stageId: stage.id, actor, at })
  await repo.insertEvent({
    applicationId: id,
    fromStageId: null,
    toStageId: stage.id,
    fromStatus: null,
    toStatus: 'active',
    reason: '',
    personId: actor,
    at,
  })
  await recordActivity(trx, {
    personId: actor,
    entityType: 'candidate',
    entityId: input.candidateId,
    action: 'application_added',
    detail: { applicationId: id, postingId: posting.id, postingTitle: posting.title, stage: stage.name },
  })
  return { id, added: true }
}

const statusRank: Record<ApplicationStatus, number> = { hired: 3, active: 2, rejected: 1, withdrawn: 1 }

/**
 * Which of two applications to the same posting survives a candidate merge: a hired one, else an active one,
 * else the one further along the pipeline, else the one that came first.
 */
function survivor<T extends Pick<ApplicationRow, 'id' | 'status' | 'created_at'> & { stage_position: number }>(
  a: T,
  b: T,
): [kept: T, merged: T] {
  const order =
    statusRank[b.status] - statusRank[a.status] ||
    b.stage_position - a.stage_position ||
    a.created_at.localeCompare(b.created_at) ||
    a.id - b.id
  return order <= 0 ? [a, b] : [b, a]
}

export interface MergedApplications {
  moved: number
  /** Postings both candidates had applied to: which application was kept, which one merged into it. */
  combined: { postingId: number; postingTitle: string; keptId: number; mergedId: number; keptStatus: string }[]
}

/**
 * Re-points a candidate's applications to the candidate it is merged into, in the merge's transaction.
 * Where both applied to the same posting, one application is kept (see `survivor`); the other stays, with
 * its stage history, marked as merged into the kept one, and is left out of lists and counts.
 */
export async function mergeApplications(
  trx: Kysely<Database>,
  fromCandidateId: number,
  intoCandidateId: number,
): Promise<MergedApplications> {
  const repo = new ApplicationRepository(trx)
  const live = (rows: Awaited<ReturnType<ApplicationRepository['ofCandidate']>>) =>
    rows.filter((row) => row.merged_into_id === null)
  const from = live(await repo.ofCandidate(fromCandidateId))
  const into = new Map(live(await repo.ofCandidate(intoCandidateId)).map((row) => [row.posting_id, row]))
  const combined: MergedApplications['combined'] = []
  for (const application of from) {
    const other = into.get(application.posting_id)
    if (!other) continue
    const [kept, merged] = survivor(other, application)
    await repo.markMerged(merged.id, kept.id)
    await repo.repointMerged(merged.id, kept.id)
    await carryOverAssessments(trx, merged.id, kept.id)
    combined.push({
      postingId: kept.posting_id,
      postingTitle: kept.posting_title,
      keptId: kept.id,
      mergedId: merged.id,
      keptStatus: kept.status,
    })
  }
  await repo.moveToCandidate(fromCandidateId, intoCandidateId)
  return { moved: from.length - combined.length, combined }
}

type Decide = (
  repo: ApplicationRepository,
  application: ApplicationRow,
) => Promise<{ stage: StageRow; status: ApplicationStatus; reason: string } | null>

export interface BulkFilter {
  stageId?: number | undefined
  status?: ApplicationStatus | undefined
  source: string
  text: string
  mustHaves?: MustHaveFilter | undefined
  atLeast: { requirementId: number; rating: Exclude<Rating, 'unknown'> }[]
}

const SKIPPED_SHOWN = 50

/**
 * A move or status change in the caller's transaction: the application, its stage event and the candidate's
 * history entry. Returns the event's id, or null when `decide` found nothing to change.
 */
async function changeIn(
  trx: Kysely<Database>,
  actor: number | null,
  id: number,
  decide: Decide,
): Promise<number | null> {
  const repo = new ApplicationRepository(trx)
  const application = await repo.findApplication(id)
  if (!application || application.merged_into_id !== null) {
    throw AppError.of('application_not_found', { id: id })
  }
  const [view] = await repo.views([id])
  if (view?.posting_status === 'closed') {
    throw AppError.of('posting_closed_for_changes', { title: view.posting_title })
  }
  const next = await decide(repo, application)
  if (!next || !view) return null
  const at = timestamp()
  const moved = next.stage.id !== application.stage_id
  const reopened = application.status !== 'active' && next.status === 'active'
  await repo.updateApplication(id, {
    stageId: next.stage.id,
    status: next.status,
    reason: next.status === 'active' ? '' : next.reason,
    at,
    stageEnteredAt: moved || reopened ? at : application.stage_entered_at,
    closedAt: next.status === 'active' ? null : at,
  })
  const eventId = await repo.insertEvent({
    applicationId: id,
    fromStageId: application.stage_id,
    toStageId: next.stage.id,
    fromStatus: application.status,
    toStatus: next.status,
    reason: next.reason,
    personId: actor,
    at,
  })
  await recordActivity(trx, {
    personId: actor,
    entityType: 'candidate',
    entityId: application.candidate_id,
    action:
      next.status === application.status
        ? 'application_moved'
        : next.status === 'active'
          ? 'application_reopened'
          : `application_${next.status}`,
    detail: {
      applicationId: id,
      postingId: application.posting_id,
      postingTitle: view.posting_title,
      from: view.stage_name,
      to: next.stage.name,
      ...(next.reason ? { reason: next.reason } : {}),
    },
  })
  return eventId
}

/** Applications of candidates to postings, their moves through the posting's stages and their statuses. */
export class ApplicationService {
  constructor(
    private readonly ctx: CoreContext,
    private readonly workspace: WorkspaceService,
  ) {}

  private get db(): Kysely<Database> {
    return this.ctx.db
  }

  /** Fails unless candidates can be added to the posting (it exists and is not closed). */
  async checkOpenPosting(postingId: number): Promise<{ id: number; title: string }> {
    const { id, title } = await requireOpenPosting(this.db, postingId)
    return { id, title }
  }

  /**
   * One page of a posting's applicants with their fit and ratings, sorted and filtered in SQL (also by fit,
   * by one requirement's rating, "all must-haves met", "knocked out" and "<requirement> ≥ <rating>").
   */
  async list(input: ApplicantListInput): Promise<ApplicantPageDto> {
    const repo = new ApplicationRepository(this.db)
    const assessments = new AssessmentRepository(this.db)
    const match = input.text ? toMatchExpression(input.text, ['name', 'contact']) : null
    if (input.text && match === null) return { rows: [], total: 0, offset: input.offset }
    if (input.sort === 'rating' && input.ratingOf === undefined) {
      throw AppError.of('sort_rating_needs_requirement', {}, [
        { path: 'ratingOf', message: 'required with sort "rating"' },
      ])
    }
    const requirements = await assessments.liveRequirementFlags(input.postingId)
    const live = new Set(requirements.map((requirement) => requirement.id))
    const atLeast = input.atLeast ?? []
    const unknown = [
      ...(input.ratingOf !== undefined && !live.has(input.ratingOf)
        ? [{ path: 'ratingOf', message: `requirement ${input.ratingOf} is not assessed in this posting` }]
        : []),
      ...atLeast.flatMap((filter, index) =>
        live.has(filter.requirementId)
          ? []
          : [
              {
                path: `atLeast.${index}.requirementId`,
                message: `requirement ${filter.requirementId} is not assessed in this posting`,
              },
            ],
      ),
    ]
    const first = unknown[0]
    if (first)
      throw new AppError(
        'invalid_input',
        `Sort and filter by this posting's own requirements (${first.message}).`,
        unknown,
      )
    const totals = {
      total: requirements.length,
      mustHaves: requirements.filter((requirement) => requirement.must_have === 1).length,
    }
    const query = {
      postingId: input.postingId,
      offset: input.offset,
      limit: input.limit,
      sort: input.sort,
      direction: input.direction,
      stageId: input.stageId ?? null,
      status: input.status ?? null,
      source: input.source,
      match,
      ratingOf: input.ratingOf ?? null,
      mustHaves: input.mustHaves ?? null,
      mustTotal: totals.mustHaves,
      atLeast: atLeast.map((filter) => ({ requirementId: filter.requirementId, value: valueOf(filter.rating) })),
    }
    const [ids, total] = await Promise.all([repo.pageIds(query), repo.count(query)])
    const [rows, ratings] = await Promise.all([repo.rowsFor(ids), assessments.ratingsOf(ids)])
    const byId = new Map(rows.map((row) => [row.id, row]))
    const ratingsById = new Map<number, Record<number, Rating>>()
    for (const entry of ratings) {
      const known = ratingsById.get(entry.application_id) ?? {}
      known[entry.requirement_id] = ratingOf(entry.rating)
      ratingsById.set(entry.application_id, known)
    }
    const now = new Date()
    return {
      total,
      offset: input.offset,
      rows: ids.flatMap((id) => {
        const row = byId.get(id)
        return row
          ? [
              {
                id: row.id,
                candidateId: row.candidate_id,
                name: row.name,
                email: row.email,
                stageId: row.stage_id,
                stageName: row.stage_name,
                stagePosition: row.stage_position,
                status: row.status,
                reason: row.reason,
                source: row.source,
                appliedAt: row.created_at,
                stageEnteredAt: row.stage_entered_at,
                closedAt: row.closed_at,
                updatedAt: row.updated_at,
                daysInStage: daysInStage(row.stage_entered_at, row.closed_at, now),
                fit: toFitDto(
                  row.score === null
                    ? undefined
                    : {
                        score: row.score,
                        must_met: row.must_met ?? 0,
                        knocked_out: row.knocked_out ?? 0,
                        assessed: row.assessed ?? 0,
                      },
                  totals,
                ),
                ratings: ratingsById.get(row.id) ?? {},
              },
            ]
          : []
      }),
    }
  }

  async facets(postingId: number): Promise<ApplicantFacetsDto> {
    return { sources: await new ApplicationRepository(this.db).sources(postingId) }
  }

  async get(id: number): Promise<ApplicationDetailDto> {
    const repo = new ApplicationRepository(this.db)
    const view = await this.requireView(repo, id)
    const events = await repo.events(id)
    const names = new Map(events.map((event) => [event.to_stage_id, event.to_stage_name]))
    return {
      ...toApplicationDto(view),
      events: events.map((event) => ({
        id: event.id,
        applicationId: event.application_id,
        fromStage: event.from_stage_id === null ? null : { id: event.from_stage_id, name: event.from_stage_name ?? '' },
        toStage: { id: event.to_stage_id, name: event.to_stage_name },
        fromStatus: event.from_status,
        toStatus: event.to_status,
        reason: event.reason,
        person: event.person,
        at: event.at,
      })),
      timeInStages: timeInStages(
        events
          .filter((event) => event.application_id === id)
          .map((event) => ({
            fromStageId: event.from_stage_id,
            toStageId: event.to_stage_id,
            fromStatus: event.from_status,
            toStatus: event.to_status,
            at: event.at,
          })),
        (stageId) => names.get(stageId) ?? '',
      ),
    }
  }

  /** Adds one candidate to a posting; refused with the application's whereabouts if they already applied. */
  async add(input: {
    candidateId: number
    postingId: number
    stageId?: number | undefined
    source?: string | undefined
  }): Promise<ApplicationDto> {
    const actor = await this.workspace.currentPersonId()
    const id = await this.db.transaction().execute(async (trx) => {
      const repo = new ApplicationRepository(trx)
      const [candidate] = await repo.findCandidates([input.candidateId])
      if (!candidate) throw AppError.of('candidate_not_found', { id: input.candidateId })
      const posting = await requireOpenPosting(trx, input.postingId)
      const existing = await repo.findLive(input.candidateId, input.postingId)
      if (existing) {
        const [view] = await repo.views([existing.id])
        throw new AppError(
          'conflict',
          `${candidate.name} already applied to "${posting.title}" (${view?.stage_name ?? 'a stage'}, ${existing.status}).`,
        )
      }
      const result = await applyToPosting(trx, { ...input, source: input.source ?? '' }, actor)
      return result.id
    })
    return this.view(id)
  }

  /** Adds several candidates at once; those who already applied are counted and left as they were. */
  async addMany(postingId: number, candidateIds: number[]): Promise<AddManyResultDto> {
    const actor = await this.workspace.currentPersonId()
    return this.db.transaction().execute(async (trx) => {
      const repo = new ApplicationRepository(trx)
      await requireOpenPosting(trx, postingId)
      const found = new Set((await repo.findCandidates(candidateIds)).map((row) => row.id))
      const missing = candidateIds.filter((candidateId) => !found.has(candidateId))
      if (missing.length > 0) {
        throw AppError.of('candidates_unknown_none_added', { ids: missing.slice(0, 5).join(', ') })
      }
      const result: AddManyResultDto = { added: 0, alreadyApplied: 0 }
      for (const candidateId of candidateIds) {
        const { added } = await applyToPosting(trx, { candidateId, postingId, source: '' }, actor)
        if (added) result.added++
        else result.alreadyApplied++
      }
      return result
    })
  }

  /** Moves an active application to another stage of its posting; moving it to the hired stage hires it. */
  async move(id: number, stageId: number, reason = ''): Promise<ApplicationDto> {
    await this.change(id, async (repo, application) => {
      const stage = checkOpenStage(await repo.findStage(stageId), application.posting_id, stageId)
      if (application.status !== 'active') {
        throw AppError.of('application_closed_move', { status: application.status })
      }
      if (stage.id === application.stage_id) return null
      return { stage, status: stage.kind === 'hired' ? 'hired' : 'active', reason }
    })
    return this.view(id)
  }

  /**
   * Hires, rejects or withdraws an active application (rejected and withdrawn need a reason), or reopens a
   * closed one as active: into `stageId`, else where it was (the last open stage when it was hired).
   */
  async setStatus(id: number, status: ApplicationStatus, reason: string, stageId?: number): Promise<ApplicationDto> {
    const why = reason.trim()
    await this.change(id, async (repo, application) => {
      const current = application.status
      if (current === status) throw AppError.of('application_already_status', { status })
      const stages = await repo.liveStages(application.posting_id)
      if (status === 'active') {
        const target =
          stageId === undefined
            ? (stages.find((stage) => stage.id === application.stage_id && stage.kind === 'open') ??
              stages.filter((stage) => stage.kind === 'open').at(-1))
            : checkOpenStage(await repo.findStage(stageId), application.posting_id, stageId)
        if (!target || target.kind === 'hired') {
          throw AppError.of('application_reopen_before_hiring', {}, [{ path: 'stageId', message: 'the hired stage' }])
        }
        return { stage: target, status, reason: why }
      }
      if (current !== 'active') {
        throw AppError.of('application_closed_status', { current, status })
      }
      if (stageId !== undefined) {
        throw AppError.of('application_stage_only_reopen', {}, [
          { path: 'stageId', message: `not used to mark it ${status}` },
        ])
      }
      if ((status === 'rejected' || status === 'withdrawn') && !why) {
        throw AppError.of('application_reason_required', { status }, [{ path: 'reason', message: 'Required' }])
      }
      const hiredStage = stages.find((stage) => stage.kind === 'hired')
      const stage = status === 'hired' ? hiredStage : stages.find((entry) => entry.id === application.stage_id)
      if (!stage) throw AppError.of('posting_missing_stage')
      return { stage, status, reason: why }
    })
    return this.view(id)
  }

  /**
   * One transaction per change: the application, its stage event and the candidate's history entry.
   * `decide` returns null when nothing is to change.
   */
  private async change(id: number, decide: Decide): Promise<void> {
    const actor = await this.workspace.currentPersonId()
    await this.db.transaction().execute((trx) => changeIn(trx, actor, id, decide))
  }

  /**
   * One change to many applications of a posting, in one transaction: the ones listed, or all matching the
   * filter. Applications the change does not apply to (already rejected, already there) are skipped and said
   * why; an error on any other one undoes the whole change.
   */
  async bulk(input: {
    postingId: number
    ids?: number[] | undefined
    filter?: BulkFilter | undefined
    action: BulkAction
  }): Promise<BulkResultDto> {
    const actor = await this.workspace.currentPersonId()
    const ids =
      input.ids ?? (await this.matching(input.postingId, input.filter ?? { source: '', text: '', atLeast: [] }))
    if (ids.length > BULK_MAX) {
      throw new AppError(
        'invalid_input',
        `${ids.length.toLocaleString('en')} applicants match: a bulk change covers at most ${BULK_MAX.toLocaleString('en')}. Narrow the filter; nothing was changed.`,
        [{ path: 'ids', message: `at most ${BULK_MAX}` }],
      )
    }
    const action = input.action
    return this.db.transaction().execute(async (trx) => {
      const repo = new ApplicationRepository(trx)
      const views = await repo.views(ids)
      const found = new Map(views.map((view) => [view.id, view]))
      const missing = ids.filter(
        (applicationId) => !found.get(applicationId) || found.get(applicationId)?.merged_into_id !== null,
      )
      const foreign = views.filter((view) => view.posting_id !== input.postingId)
      if (missing.length > 0 || foreign.length > 0) {
        throw new AppError(
          'not_found',
          `Application ${[...missing, ...foreign.map((view) => view.id)].slice(0, 5).join(', ')} is not an application of this posting; nothing was changed.`,
        )
      }
      const skipped: BulkSkipDto[] = []
      const skip = (view: ApplicationView, why: string) =>
        skipped.push({ applicationId: view.id, name: view.candidate_name, why })
      let changed = 0
      if (action.kind === 'tag') {
        const added = await repo.addTag(
          views.map((view) => view.candidate_id),
          action.tag,
        )
        const addedSet = new Set(added)
        for (const view of views) if (!addedSet.has(view.candidate_id)) skip(view, `already tagged "${action.tag}"`)
        await recordActivity(trx, {
          personId: actor,
          entityType: 'posting',
          entityId: input.postingId,
          action: 'applications_tagged',
          detail: { candidateIds: added.slice(0, 1000), count: added.length },
        })
        changed = added.length
        return {
          matched: views.length,
          changed,
          skipped: skipped.slice(0, SKIPPED_SHOWN),
          skippedCount: skipped.length,
          undo:
            added.length > 0
              ? { kind: 'tags', entries: added.map((candidateId) => ({ candidateId, tag: action.tag })) }
              : null,
        }
      }
      if (action.kind === 'addToPosting') {
        if (action.postingId === input.postingId) {
          throw AppError.of('choose_other_posting', {}, [{ path: 'action.postingId', message: 'the same posting' }])
        }
        await requireOpenPosting(trx, action.postingId)
        for (const view of views) {
          const result = await applyToPosting(
            trx,
            { candidateId: view.candidate_id, postingId: action.postingId, source: '' },
            actor,
          )
          if (result.added) changed++
          else skip(view, 'already applied to that posting')
        }
        return {
          matched: views.length,
          changed,
          skipped: skipped.slice(0, SKIPPED_SHOWN),
          skippedCount: skipped.length,
          undo: null,
        }
      }
      const entries: { applicationId: number; eventId: number }[] = []
      for (const view of views) {
        if (view.status !== 'active') {
          skip(view, `already ${view.status}`)
          continue
        }
        const eventId = await changeIn(trx, actor, view.id, async (inner, application) => {
          if (action.kind === 'move') {
            const stage = checkOpenStage(await inner.findStage(action.stageId), application.posting_id, action.stageId)
            if (stage.id === application.stage_id) return null
            return { stage, status: stage.kind === 'hired' ? 'hired' : 'active', reason: '' }
          }
          const stage = (await inner.liveStages(application.posting_id)).find(
            (entry) => entry.id === application.stage_id,
          )
          if (!stage) throw AppError.of('posting_missing_stage')
          return { stage, status: action.kind === 'reject' ? 'rejected' : 'withdrawn', reason: action.reason.trim() }
        })
        if (eventId === null) skip(view, 'already in that stage')
        else {
          changed++
          entries.push({ applicationId: view.id, eventId })
        }
      }
      return {
        matched: views.length,
        changed,
        skipped: skipped.slice(0, SKIPPED_SHOWN),
        skippedCount: skipped.length,
        undo: entries.length > 0 ? { kind: 'stage', entries } : null,
      }
    })
  }

  /**
   * Puts applications back as they were before the change the token names, in one transaction. Refused whole
   * when any of them changed since (a newer stage event, by anyone), so nobody's later change is lost.
   */
  async undo(token: UndoTokenDto): Promise<UndoResultDto> {
    const actor = await this.workspace.currentPersonId()
    return this.db.transaction().execute(async (trx) => {
      const repo = new ApplicationRepository(trx)
      if (token.kind === 'tags') {
        let undone = 0
        for (const entry of token.entries) undone += await repo.removeTag(entry.candidateId, entry.tag)
        return { undone }
      }
      const ids = token.entries.map((entry) => entry.applicationId)
      const latest = await repo.latestEventIds(ids)
      const views = new Map((await repo.views(ids)).map((view) => [view.id, view]))
      const changedSince = token.entries.filter((entry) => latest.get(entry.applicationId) !== entry.eventId)
      if (changedSince.length > 0) {
        const names = changedSince
          .slice(0, 3)
          .map((entry) => views.get(entry.applicationId)?.candidate_name ?? `application ${entry.applicationId}`)
        throw new AppError(
          'conflict',
          `Cannot undo: ${names.join(', ')}${changedSince.length > 3 ? ` and ${changedSince.length - 3} more` : ''} changed since (someone moved or reopened them). Nothing was undone.`,
        )
      }
      for (const entry of token.entries) {
        const events = await repo.ownEventsNewestFirst(entry.applicationId)
        const [undone, ...before] = events
        const view = views.get(entry.applicationId)
        if (!undone || !view || undone.from_status !== 'active' || undone.from_stage_id === null) {
          throw new AppError(
            'conflict',
            `The change of application ${entry.applicationId} cannot be undone; nothing was undone.`,
          )
        }
        if (view.posting_status === 'closed') {
          throw AppError.of('undo_posting_closed', { title: view.posting_title })
        }
        // Back in the stage it entered with the event that put it there, so its days in stage run on.
        const entered = before.find(
          (event) =>
            event.to_stage_id === undone.from_stage_id &&
            (event.from_stage_id !== event.to_stage_id || event.from_status !== 'active'),
        )
        const at = timestamp()
        await repo.updateApplication(entry.applicationId, {
          stageId: undone.from_stage_id,
          status: 'active',
          reason: '',
          at,
          stageEnteredAt: entered?.at ?? view.stage_entered_at,
          closedAt: null,
        })
        await repo.insertEvent({
          applicationId: entry.applicationId,
          fromStageId: view.stage_id,
          toStageId: undone.from_stage_id,
          fromStatus: view.status,
          toStatus: 'active',
          reason: '',
          personId: actor,
          at,
        })
        await recordActivity(trx, {
          personId: actor,
          entityType: 'candidate',
          entityId: view.candidate_id,
          action: 'application_undone',
          detail: { applicationId: view.id, postingId: view.posting_id, undoneEventId: undone.id },
        })
      }
      return { undone: token.entries.length }
    })
  }

  /** Ids of every application matching the filter, up to one past the bulk limit (enough to refuse it). */
  private async matching(postingId: number, filter: BulkFilter): Promise<number[]> {
    const repo = new ApplicationRepository(this.db)
    const match = filter.text ? toMatchExpression(filter.text, ['name', 'contact']) : null
    if (filter.text && match === null) return []
    const requirements = await new AssessmentRepository(this.db).liveRequirementFlags(postingId)
    const query = {
      postingId,
      offset: 0,
      limit: BULK_MAX + 1,
      sort: 'applied' as const,
      direction: 'asc' as const,
      stageId: filter.stageId ?? null,
      status: filter.status ?? null,
      source: filter.source,
      match,
      ratingOf: null,
      mustHaves: filter.mustHaves ?? null,
      mustTotal: requirements.filter((requirement) => requirement.must_have === 1).length,
      atLeast: filter.atLeast.map((entry) => ({ requirementId: entry.requirementId, value: valueOf(entry.rating) })),
    }
    const total = await repo.count(query)
    if (total > BULK_MAX) return Array.from({ length: total }, (_, index) => index + 1)
    return repo.pageIds(query)
  }

  private async view(id: number): Promise<ApplicationDto> {
    return toApplicationDto(await this.requireView(new ApplicationRepository(this.db), id))
  }

  private async requireView(repo: ApplicationRepository, id: number): Promise<ApplicationView> {
    const [row] = await repo.views([id])
    if (!row) throw AppError.of('application_not_found', { id: id })
    return row
  }
}
