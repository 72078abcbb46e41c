import type { ApplicantViewState, DroppedPart, IssueDto, SavedViewDto, ViewTable } from '@contract'
import { applicantViewStateSchema, VIEWS_PER_TABLE_MAX } from '@contract/views'
import type { Selectable } from 'kysely'
import type { CoreContext } from '../context'
import type { SavedViewsTable } from '../db/schema'
import { AppError } from '../errors'
import { requireRows } from '../access/row-rules'
import type { WorkspaceService } from '../workspace/service'
import { ViewRepository, type ViewScope } from './repository'

type ViewRow = Selectable<SavedViewsTable>
type PostingParts = Awaited<ReturnType<ViewRepository['postingParts']>>

const DEFAULT_STATE: ApplicantViewState = {
  filters: { text: '', stageId: null, status: null, source: null, mustHaves: null, atLeast: [] },
  sort: { column: 'applied', direction: 'desc' },
  hidden: [],
}

const requirementOf = (column: string): number | null => {
  const match = /^req:(\d+)$/.exec(column)
  return match ? Number(match[1]) : null
}

/** The parts of a state that name a stage or requirement the posting does not have (any more). */
function missingParts(state: ApplicantViewState, parts: PostingParts): Array<{ part: DroppedPart; issue: IssueDto }> {
  const missing: Array<{ part: DroppedPart; issue: IssueDto }> = []
  const { stageId, atLeast } = state.filters
  if (stageId !== null && !parts.stageIds.has(stageId))
    missing.push({
      part: 'stage',
      issue: { path: 'state.filters.stageId', message: `The posting has no stage ${stageId}` },
    })
  atLeast.forEach((entry, index) => {
    if (!parts.requirementIds.has(entry.requirementId))
      missing.push({
        part: 'ratingFilter',
        issue: {
          path: `state.filters.atLeast.${index}.requirementId`,
          message: `The posting has no assessed requirement ${entry.requirementId}`,
        },
      })
  })
  const sorted = requirementOf(state.sort.column)
  if (sorted !== null && !parts.requirementIds.has(sorted))
    missing.push({
      part: 'sort',
      issue: { path: 'state.sort.column', message: `The posting has no assessed requirement ${sorted}` },
    })
  state.hidden.forEach((column, index) => {
    const hidden = requirementOf(column)
    if (hidden !== null && !parts.requirementIds.has(hidden))
      missing.push({
        part: 'column',
        issue: { path: `state.hidden.${index}`, message: `The posting has no assessed requirement ${hidden}` },
      })
  })
  return missing
}

/**
 * A stored view as it opens today: what no longer parses, or names a stage or requirement deleted since, is
 * left out (and said so) rather than refusing the whole view.
 */
function resolve(stored: string, parts: PostingParts): { state: ApplicantViewState; dropped: DroppedPart[] } {
  let raw: unknown
  try {
    raw = JSON.parse(stored)
  } catch {
    return { state: DEFAULT_STATE, dropped: ['state'] }
  }
  const parsed = applicantViewStateSchema.safeParse(raw)
  if (!parsed.success) return { state: DEFAULT_STATE, dropped: ['state'] }
  const state = parsed.data
  const dropped = [...new Set(missingParts(state, parts).map((entry) => entry.part))]
  const live = (column: string) => {
    const requirement = requirementOf(column)
    return requirement === null || parts.requirementIds.has(requirement)
  }
  return {
    state: {
      filters: {
        ...state.filters,
        stageId:
          state.filters.stageId !== null && parts.stageIds.has(state.filters.stageId) ? state.filters.stageId : null,
        atLeast: state.filters.atLeast.filter((entry) => parts.requirementIds.has(entry.requirementId)),
      },
      sort: live(state.sort.column) ? state.sort : DEFAULT_STATE.sort,
      hidden: state.hidden.filter(live),
    },
    dropped,
  }
}

function toDto(row: ViewRow, parts: PostingParts): SavedViewDto {
  const { state, dropped } = resolve(row.state, parts)
  return {
    id: row.id,
    table: row.table_id as ViewTable,
    postingId: row.posting_id,
    name: row.name,
    state,
    dropped,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

/**
 * Another person's view is as good as absent: views are personal. `me` is read before any transaction, since
 * the connection is held by the transaction while it runs.
 */
async function mine(repo: ViewRepository, id: number, me: number | null): Promise<ViewRow> {
  const row = await repo.find(id)
  if (!row || row.person_id !== me) throw AppError.of('saved_view_not_found', { id })
  return row
}

/** Named arrangements of a table (filters, sort, hidden columns), one person's own. */
export class ViewService {
  constructor(
    private readonly ctx: CoreContext,
    private readonly workspace: WorkspaceService,
  ) {}

  private async scope(table: ViewTable, postingId: number): Promise<ViewScope> {
    return { table, postingId, personId: await this.workspace.currentPersonId() }
  }

  async list(input: { table: ViewTable; postingId: number }): Promise<SavedViewDto[]> {
    await requireRows(this.ctx.db, 'posting', input.postingId)
    const repo = new ViewRepository(this.ctx.db)
    const scope = await this.scope(input.table, input.postingId)
    const [rows, parts] = await Promise.all([repo.list(scope), repo.postingParts(input.postingId)])
    return rows.map((row) => toDto(row, parts))
  }

  async create(input: {
    table: ViewTable
    postingId: number
    name: string
    state: ApplicantViewState
  }): Promise<SavedViewDto> {
    const scope = await this.scope(input.table, input.postingId)
    return this.ctx.db.transaction().execute(async (trx) => {
      await requireRows(trx, 'posting', input.postingId)
      const repo = new ViewRepository(trx)
      if (!(await repo.postingExists(input.postingId))) throw AppError.of('posting_not_found', { id: input.postingId })
      const parts = await repo.postingParts(input.postingId)
      this.refuseMissing(input.state, parts)
      if (await repo.findNamed(scope, input.name)) throw AppError.of('saved_view_name_taken', { name: input.name })
      if ((await repo.count(scope)) >= VIEWS_PER_TABLE_MAX)
        throw AppError.of('saved_views_at_most', { max: VIEWS_PER_TABLE_MAX })
      const row = await repo.insert(scope, input.name, JSON.stringify(input.state), this.ctx.clock.timestamp())
      return toDto(row, parts)
    })
  }

  async update(input: { id: number; state: ApplicantViewState }): Promise<SavedViewDto> {
    const me = await this.workspace.currentPersonId()
    return this.ctx.db.transaction().execute(async (trx) => {
      const repo = new ViewRepository(trx)
      const current = await mine(repo, input.id, me)
      const parts = await repo.postingParts(current.posting_id)
      this.refuseMissing(input.state, parts)
      const row = await repo.update(input.id, { state: JSON.stringify(input.state) }, this.ctx.clock.timestamp())
      return toDto(row, parts)
    })
  }

  async rename(input: { id: number; name: string }): Promise<SavedViewDto> {
    const me = await this.workspace.currentPersonId()
    return this.ctx.db.transaction().execute(async (trx) => {
      const repo = new ViewRepository(trx)
      const current = await mine(repo, input.id, me)
      const scope = { table: current.table_id, postingId: current.posting_id, personId: current.person_id }
      if (await repo.findNamed(scope, input.name, input.id))
        throw AppError.of('saved_view_name_taken', { name: input.name })
      const row = await repo.update(input.id, { name: input.name }, this.ctx.clock.timestamp())
      return toDto(row, await repo.postingParts(current.posting_id))
    })
  }

  async remove(input: { id: number }): Promise<{ id: number }> {
    const repo = new ViewRepository(this.ctx.db)
    await mine(repo, input.id, await this.workspace.currentPersonId())
    await repo.remove(input.id)
    return { id: input.id }
  }

  /** A view being saved names only what the posting has now: a stale reference is a mistake of the caller. */
  private refuseMissing(state: ApplicantViewState, parts: PostingParts): void {
    const missing = missingParts(state, parts)
    if (missing.length > 0)
      throw AppError.of(
        'saved_view_foreign_refs',
        undefined,
        missing.map((entry) => entry.issue),
      )
  }
}
