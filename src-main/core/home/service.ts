import type { HomeDto } from '@contract'
import type { CoreContext } from '../context'
import type { WorkspaceService } from '../workspace/service'
import { rowScope } from '../access/row-rules'
import { HomeRepository } from './repository'

const DUE_LIMIT = 50
const DAY_MS = 86_400_000
const UNASSESSED_LIMIT = 30

/** The start page: what needs the local person today. */
export class HomeService {
  constructor(
    private readonly ctx: CoreContext,
    private readonly workspace: WorkspaceService,
  ) {}

  async summary(day: { dayStart: string; dayEnd: string }): Promise<HomeDto> {
    const repo = new HomeRepository(this.ctx.db)
    const now = this.ctx.clock.now().getTime()
    const me = await this.workspace.currentPersonId()
    const managed = me === null ? [] : await repo.managedOpenPostings(me)
    // A restricted team member (an interviewer, a hiring manager only) never falls back to every open posting.
    const postingScope = managed.length > 0 || rowScope() ? 'mine' : 'all'
    const postingIds = postingScope === 'mine' ? managed : await repo.openPostings()
    const dayEnd = new Date(day.dayEnd).toISOString()
    const dayStart = new Date(day.dayStart).toISOString()
    const [due, waiting, unassessed, unassessedTotal] = await Promise.all([
      me === null ? Promise.resolve([]) : repo.dueScorecards(me, dayEnd, DUE_LIMIT),
      repo.waiting(postingIds),
      repo.unassessed(postingIds, UNASSESSED_LIMIT),
      repo.countUnassessed(postingIds),
    ])
    return {
      postingScope,
      dueScorecards: due.map((row) => ({
        interviewId: row.interview_id,
        applicationId: row.application_id,
        candidateName: row.candidate_name,
        postingId: row.posting_id,
        postingTitle: row.posting_title,
        stepName: row.step_name,
        scheduledAt: row.scheduled_at,
        overdue: row.scheduled_at < dayStart,
        started: Boolean(row.started),
      })),
      waiting: waiting.map((row) => ({
        postingId: row.posting_id,
        postingTitle: row.posting_title,
        stageId: row.stage_id,
        stageName: row.stage_name,
        count: Number(row.count),
        oldestSince: String(row.oldest_since),
        longestDays: Math.max(0, Math.floor((now - Date.parse(String(row.oldest_since))) / DAY_MS)),
      })),
      unassessed: unassessed.map((row) => ({
        postingId: row.posting_id,
        postingTitle: row.posting_title,
        requirementId: row.requirement_id,
        text: row.text,
        mustHave: row.must_have === 1,
      })),
      unassessedMore: Math.max(0, unassessedTotal - unassessed.length),
    }
  }
}
