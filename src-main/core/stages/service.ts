import type { ApplicationStatus, StageDto } from '@contract'
import { MAX_STAGES } from '@contract/applications'
import type { Kysely } from 'kysely'
import type { CoreContext } from '../context'
import { isUniqueViolation } from '../db/errors'
import type { Database, StageRow } from '../db/schema'
import { entityWriter, type EntityKind, type EntityWriter, type WriteScope } from '../entity-write'
import { AppError } from '../errors'
import { requireRows } from '../access/row-rules'
import type { WorkspaceService } from '../workspace/service'
import { StageRepository } from './repository'

const emptyCounts = (): Record<ApplicationStatus, number> => ({ active: 0, hired: 0, rejected: 0, withdrawn: 0 })

function conflictOnSameName(error: unknown, name: string): never {
  if (isUniqueViolation(error)) {
    throw AppError.of('stage_name_taken', { name }, [{ path: 'name', message: 'already used by another stage' }])
  }
  throw error
}

/**
 * A change to a posting's pipeline is recorded on the posting. The stages are not the posting's content: its
 * update time stays, and nothing stored derives from them.
 */
const pipelineEntity: EntityKind<StageRepository> = {
  entityType: 'posting',
  repository: (db) => new StageRepository(db),
  touch: async () => {},
  refresh: async () => {},
}

type PipelineChange = { action: string; detail: Record<string, unknown> } | null

/** A posting's pipeline: add, rename, reorder and remove stages; the hired stage always stays last. */
export class StageService {
  private readonly writer: EntityWriter<StageRepository>

  constructor(
    private readonly ctx: CoreContext,
    workspace: WorkspaceService,
  ) {
    this.writer = entityWriter(ctx, workspace, pipelineEntity)
  }

  private get db(): Kysely<Database> {
    return this.ctx.db
  }

  async list(postingId: number): Promise<StageDto[]> {
    await requireRows(this.db, 'posting', postingId)
    const repo = new StageRepository(this.db)
    await this.requirePosting(repo, postingId)
    return this.stagesOf(repo, postingId)
  }

  async add(input: { postingId: number; name: string; position?: number | undefined }): Promise<StageDto[]> {
    return this.write(input.postingId, async ({ repo, at }) => {
      const stages = await repo.listStages(input.postingId)
      if (stages.length >= MAX_STAGES) {
        throw AppError.of('stages_at_most', { max: MAX_STAGES })
      }
      const open = stages.filter((stage) => stage.kind === 'open').map((stage) => stage.id)
      const hired = stages.filter((stage) => stage.kind === 'hired').map((stage) => stage.id)
      const row = await repo.insertStage(input.postingId, input.name, stages.length, at).catch((error: unknown) => {
        conflictOnSameName(error, input.name)
      })
      open.splice(Math.min(input.position ?? open.length, open.length), 0, row.id)
      await repo.setOrder([...open, ...hired], at)
      return { action: 'stage_added', detail: { stageId: row.id, name: input.name } }
    })
  }

  async rename(id: number, name: string): Promise<StageDto[]> {
    await requireRows(this.db, 'stage', id, 'write')
    const stage = await this.requireStage(new StageRepository(this.db), id)
    return this.write(stage.posting_id, async ({ repo, at }) => {
      if (stage.name === name) return null
      await repo.renameStage(id, name, at).catch((error: unknown) => conflictOnSameName(error, name))
      return { action: 'stage_renamed', detail: { stageId: id, from: stage.name, to: name } }
    })
  }

  /** `stageIds`: every open stage of the posting, in the new order. */
  async reorder(postingId: number, stageIds: number[]): Promise<StageDto[]> {
    return this.write(postingId, async ({ repo, at }) => {
      const stages = await repo.listStages(postingId)
      const open = stages.filter((stage) => stage.kind === 'open').map((stage) => stage.id)
      const hired = stages.filter((stage) => stage.kind === 'hired').map((stage) => stage.id)
      const given = new Set(stageIds)
      if (stageIds.length !== open.length || open.some((stageId) => !given.has(stageId))) {
        throw AppError.of('stage_order_every_open', { count: open.length }, [
          { path: 'stageIds', message: `expected the ids ${[...open].sort((a, b) => a - b).join(', ')}` },
        ])
      }
      if (stageIds.every((stageId, index) => open[index] === stageId)) return null
      await repo.setOrder([...stageIds, ...hired], at)
      return { action: 'stages_reordered', detail: { stageIds } }
    })
  }

  /**
   * Refused while applications sit in the stage. A stage that applications passed through is archived, so
   * their history keeps its name; one never used is deleted.
   */
  async remove(id: number): Promise<StageDto[]> {
    await requireRows(this.db, 'stage', id, 'write')
    const stage = await this.requireStage(new StageRepository(this.db), id)
    return this.write(stage.posting_id, async ({ repo, at }) => {
      if (stage.kind === 'hired') {
        throw AppError.of('stage_hired_kept', { name: stage.name })
      }
      const stages = await repo.listStages(stage.posting_id)
      const open = stages.filter((entry) => entry.kind === 'open')
      if (open.length <= 1) {
        throw AppError.of('stage_only_one', { name: stage.name })
      }
      const counts = await repo.countIn(stage.posting_id, id)
      const inStage = counts.active + counts.hired + counts.rejected + counts.withdrawn
      if (inStage > 0) {
        throw AppError.of('stage_has_applications', {
          count: inStage,
          name: stage.name,
          active: counts.active,
          closed: counts.rejected + counts.withdrawn,
        })
      }
      const archived = await repo.hasHistory(id)
      if (archived) await repo.archiveStage(id, at)
      else await repo.deleteStage(id)
      await repo.setOrder(
        stages.filter((entry) => entry.id !== id).map((entry) => entry.id),
        at,
      )
      return { action: 'stage_removed', detail: { stageId: id, name: stage.name, archived } }
    })
  }

  private async stagesOf(repo: StageRepository, postingId: number): Promise<StageDto[]> {
    const [stages, counts] = await Promise.all([repo.listStages(postingId), repo.countApplications(postingId)])
    const byStage = new Map<number, Record<ApplicationStatus, number>>()
    for (const row of counts) {
      const entry = byStage.get(row.stage_id) ?? emptyCounts()
      entry[row.status] = Number(row.count)
      byStage.set(row.stage_id, entry)
    }
    return stages.map((stage) => ({
      id: stage.id,
      postingId: stage.posting_id,
      position: stage.position,
      name: stage.name,
      kind: stage.kind,
      counts: byStage.get(stage.id) ?? emptyCounts(),
    }))
  }

  /** Runs a change in one transaction, with its activity entry, and returns the posting's stages after it. */
  private write(
    postingId: number,
    work: (scope: WriteScope<StageRepository>) => Promise<PipelineChange>,
  ): Promise<StageDto[]> {
    return this.writer(async (scope) => {
      await requireRows(scope.trx, 'posting', postingId, 'write')
      await this.requirePosting(scope.repo, postingId)
      const change = await work(scope)
      const afterwards = () => this.stagesOf(scope.repo, postingId)
      return change ? { entityId: postingId, ...change, afterwards } : { unchanged: true, afterwards }
    })
  }

  private async requirePosting(repo: StageRepository, id: number) {
    const row = await repo.findPosting(id)
    if (!row) throw AppError.of('posting_not_found', { id: id })
    return row
  }

  private async requireStage(repo: StageRepository, id: number): Promise<StageRow> {
    const row = await repo.findStage(id)
    if (!row || row.archived_at !== null) throw AppError.of('stage_not_found', { id: id })
    return row
  }
}
