import type { BulkResultDto, UndoResultDto, UndoTokenDto } from '@contract/applications'
import type {
  AddManyResultDto,
  ApplicantFacetsDto,
  ApplicantPageDto,
  ApplicationDetailDto,
  ApplicationDto,
  ApplicationStatus,
} from '@contract'
import type { Kysely } from 'kysely'
import type { CoreContext } from '../context'
import type { Database } from '../db/schema'
import { AppError } from '../errors'
import { requireRows } from '../access/row-rules'
import type { WorkspaceService } from '../workspace/service'
import { listApplicants, type ApplicantListInput } from './applicant-list'
import { ApplicantPageRepository } from './applicant-page-repository'
import { applyToPosting, checkOpenStage, requireOpenPosting } from './apply-to-posting'
import { bulkChange, undoChange, type BulkInput } from './bulk-change'
import { ApplicationRepository } from './repository'
import { changeIn, movedMeanwhile, type ApplicationView, type Decide } from './stage-change'
import { timeInStages } from './time-in-stage'

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

/** Applications of candidates to postings, their moves through the posting's stages and their statuses. */
export class ApplicationService {
  constructor(
    private readonly ctx: CoreContext,
    private readonly workspace: WorkspaceService,
  ) {}

  private get db(): Kysely<Database> {
    return this.ctx.db
  }

  /** One page of a posting's applicants with their fit and ratings (see `listApplicants`). */
  async list(input: ApplicantListInput): Promise<ApplicantPageDto> {
    await requireRows(this.db, 'posting', input.postingId)
    return listApplicants(this.db, input, this.ctx.clock.now())
  }

  async facets(postingId: number): Promise<ApplicantFacetsDto> {
    await requireRows(this.db, 'posting', postingId)
    return { sources: await new ApplicantPageRepository(this.db).sources(postingId) }
  }

  async get(id: number): Promise<ApplicationDetailDto> {
    await requireRows(this.db, 'application', id)
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
        this.ctx.clock.now(),
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
      await requireRows(trx, 'posting', input.postingId, 'write')
      await requireRows(trx, 'candidate', input.candidateId)
      await requireRows(trx, 'stage', input.stageId, 'write')
      const repo = new ApplicationRepository(trx)
      const [candidate] = await repo.findCandidates([input.candidateId])
      if (!candidate) throw AppError.of('candidate_not_found', { id: input.candidateId })
      const posting = await requireOpenPosting(trx, input.postingId)
      const existing = await repo.findLive(input.candidateId, input.postingId)
      if (existing) {
        const [view] = await repo.views([existing.id])
        throw AppError.of('already_applied', {
          title: posting.title,
          stage: view?.stage_name ?? '—',
          status: existing.status,
        })
      }
      const result = await applyToPosting(
        trx,
        { ...input, source: input.source ?? '' },
        actor,
        this.ctx.clock.timestamp(),
      )
      return result.id
    })
    return this.view(id)
  }

  /** Adds several candidates at once; those who already applied are counted and left as they were. */
  async addMany(postingId: number, candidateIds: number[]): Promise<AddManyResultDto> {
    const actor = await this.workspace.currentPersonId()
    const at = this.ctx.clock.timestamp()
    return this.db.transaction().execute(async (trx) => {
      await requireRows(trx, 'posting', postingId, 'write')
      await requireRows(trx, 'candidate', candidateIds)
      const repo = new ApplicationRepository(trx)
      await requireOpenPosting(trx, postingId)
      const found = new Set((await repo.findCandidates(candidateIds)).map((row) => row.id))
      const missing = candidateIds.filter((candidateId) => !found.has(candidateId))
      if (missing.length > 0) {
        throw AppError.of('candidates_unknown_none_added', { ids: missing.slice(0, 5).join(', ') })
      }
      const result: AddManyResultDto = { added: 0, alreadyApplied: 0 }
      for (const candidateId of candidateIds) {
        const { added } = await applyToPosting(trx, { candidateId, postingId, source: '' }, actor, at)
        if (added) result.added++
        else result.alreadyApplied++
      }
      return result
    })
  }

  /**
   * Moves an active application to another stage of its posting; moving it to the hired stage hires it. Given
   * the stage the caller saw it in (`fromStageId`), a move of an application someone moved since is refused,
   * naming who moved it and when, instead of silently undoing their move.
   */
  async move(id: number, stageId: number, reason = '', fromStageId?: number): Promise<ApplicationDto> {
    await this.change(id, async (repo, application) => {
      if (fromStageId !== undefined && application.stage_id !== fromStageId) throw await movedMeanwhile(repo, id)
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
    await this.db.transaction().execute(async (trx) => {
      await requireRows(trx, 'application', id, 'write')
      await changeIn(trx, actor, this.ctx.clock.timestamp(), id, decide)
    })
  }

  /** One change to many applications of a posting, in one transaction (see `bulkChange`). */
  async bulk(input: BulkInput): Promise<BulkResultDto> {
    await requireRows(this.db, 'posting', input.postingId, 'write')
    if (input.ids) await requireRows(this.db, 'application', input.ids, 'write')
    return bulkChange(this.db, await this.workspace.currentPersonId(), this.ctx.clock.timestamp(), input)
  }

  /** Puts applications back as they were before a bulk change (see `undoChange`). */
  async undo(token: UndoTokenDto): Promise<UndoResultDto> {
    return undoChange(this.db, await this.workspace.currentPersonId(), this.ctx.clock.timestamp(), token)
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
