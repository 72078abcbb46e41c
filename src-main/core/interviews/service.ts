import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import type {
  CalibrationDto,
  DebriefDto,
  FileDownloadDto,
  InterviewBriefDto,
  InterviewSummaryDto,
  KitLanguage,
} from '@contract'
import type { Kysely } from 'kysely'
import { recordActivity } from '../activity/activity-log'
import type { CoreContext } from '../context'
import { isUniqueViolation } from '../db/errors'
import type { Database, InterviewRow } from '../db/schema'
import { AppError } from '../errors'
import { interviewFilter, requireBeyondInterviews, requireRows, rowNotFound, rowScope } from '../access/row-rules'
import type { WorkspaceService } from '../workspace/service'
import { calibrationOfRows } from './calibration'
import { debriefItems, feedbackAccess, isHiringManager, type PlanFocus } from './debrief'
import { encodePacket, PACKET_EXTENSION } from './exchange-files'
import { renderInterviewKit } from './interview-kit'
import { loadPostingRubric, stepFocus } from './plan-service'
import { checkInterviewerSlot, type ScheduleFields } from './interviewer-slot'
import { InterviewRepository } from './repository'
import { fileSlug } from './scorecard-content'
import { asRating, loadBrief, toInterviewSummary, type InterviewView } from './views'

const DAY = 86_400_000
const MINE_HISTORY_DAYS = 30
const MINE_LIMIT = 500
/** What a viewer may see of an application's feedback; see `feedbackAccess`. */
export interface ViewerAccess {
  access: DebriefDto['access']
  canReveal: boolean
}

/** Scheduling, listing, packets, kits, the debrief and calibration. Scorecards have their own service. */
export class InterviewService {
  constructor(
    private readonly ctx: CoreContext,
    private readonly workspace: WorkspaceService,
  ) {}

  private get db(): Kysely<Database> {
    return this.ctx.db
  }

  async list(filter: {
    postingId?: number | undefined
    applicationId?: number | undefined
  }): Promise<InterviewSummaryDto[]> {
    await requireRows(this.db, 'application', filter.applicationId)
    await requireRows(this.db, 'posting', filter.postingId)
    // An interviewer lists their own interviews only; a hiring manager those of the postings they manage.
    const visible = await interviewFilter(this.db)
    const repo = new InterviewRepository(this.db)
    const applicationIds =
      filter.applicationId === undefined ? undefined : await repo.relatedApplicationIds(filter.applicationId)
    const views = (
      await repo.interviewViews({
        ...(applicationIds ? { applicationIds } : {}),
        ...(filter.postingId === undefined ? {} : { postingId: filter.postingId }),
      })
    ).filter((view) => !visible || visible(view))
    return views.map(toInterviewSummary)
  }

  /**
   * The local person's interviews that still matter, soonest first: those of the last month and to come, and
   * older ones whose scorecard is not submitted yet. Empty until someone is chosen.
   */
  async mine(now = this.ctx.clock.now()): Promise<InterviewSummaryDto[]> {
    const me = await this.workspace.currentPersonId()
    if (me === null) return []
    const views = await new InterviewRepository(this.db).interviewViews({
      interviewerId: me,
      openOrSince: new Date(now.getTime() - MINE_HISTORY_DAYS * DAY).toISOString(),
      limit: MINE_LIMIT,
    })
    return views.map(toInterviewSummary)
  }

  async get(id: number): Promise<InterviewSummaryDto> {
    await requireRows(this.db, 'interview', id)
    return toInterviewSummary(await this.requireView(new InterviewRepository(this.db), id))
  }

  /**
   * application × step × interviewer at a time. The application must be active, the step part of its posting's
   * plan, the interviewer a current team member free at that time, and not already scheduled for that step.
   */
  async schedule(input: ScheduleFields & { applicationId: number; stepId: number }): Promise<InterviewSummaryDto> {
    const actor = await this.workspace.currentPersonId()
    const id = await this.db.transaction().execute(async (trx) => {
      await requireRows(trx, 'application', input.applicationId, 'write')
      await requireRows(trx, 'step', input.stepId, 'write')
      await requireRows(trx, 'person', input.interviewerId)
      const repo = new InterviewRepository(trx)
      const application = await repo.findApplication(input.applicationId)
      if (!application) throw AppError.of('application_not_found', { id: input.applicationId })
      if (application.merged_into_id !== null) {
        throw AppError.of('application_merged_schedule', { id: application.id, into: application.merged_into_id ?? '' })
      }
      if (application.status !== 'active') {
        throw AppError.of('interview_application_closed', { status: application.status })
      }
      const step = await repo.findStep(input.stepId)
      if (!step || step.posting_id !== application.posting_id) {
        throw AppError.of('step_not_in_plan', { id: input.stepId, title: application.posting_title }, [
          { path: 'stepId', message: 'not a step of this posting' },
        ])
      }
      const slot = await checkInterviewerSlot(repo, input, step.duration_minutes, null)
      const now = this.ctx.clock.timestamp()
      let row: InterviewRow
      try {
        row = await repo.insertInterview({
          application_id: application.id,
          step_id: step.id,
          interviewer_id: input.interviewerId,
          scheduled_at: slot.start,
          duration_minutes: slot.minutes,
          packet_key: randomBytes(32).toString('base64url'),
          created_by: actor,
          now,
        })
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw AppError.of('interviewer_already_on_step', { name: slot.interviewerName, step: step.name }, [
            { path: 'interviewerId', message: 'already scheduled for this step' },
          ])
        }
        throw error
      }
      await recordActivity(trx, {
        personId: actor,
        entityType: 'application',
        entityId: application.id,
        action: 'interview_scheduled',
        at: now,
        detail: { interviewId: row.id, stepId: step.id, interviewerId: input.interviewerId, at: slot.start },
      })
      return row.id
    })
    return this.get(id)
  }

  /** Moves an interview in time; the interviewer changes only while no scorecard was started. */
  async reschedule(input: ScheduleFields & { id: number }): Promise<InterviewSummaryDto> {
    const actor = await this.workspace.currentPersonId()
    await this.db.transaction().execute(async (trx) => {
      await requireRows(trx, 'interview', input.id, 'write')
      await requireRows(trx, 'person', input.interviewerId)
      const repo = new InterviewRepository(trx)
      const interview = await this.requireInterview(repo, input.id)
      if (input.interviewerId !== interview.interviewer_id && (await repo.scorecardsOf([interview.id])).length > 0) {
        throw AppError.of('interviewer_fixed_by_scorecard', undefined, [
          { path: 'interviewerId', message: 'a scorecard exists' },
        ])
      }
      const step = await repo.findStep(interview.step_id)
      const slot = await checkInterviewerSlot(
        repo,
        input,
        input.durationMinutes ?? interview.duration_minutes,
        interview.id,
      )
      try {
        await repo.updateInterview(interview.id, {
          interviewer_id: input.interviewerId,
          scheduled_at: slot.start,
          duration_minutes: slot.minutes,
          updated_at: this.ctx.clock.timestamp(),
        })
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw AppError.of('interviewer_already_on_step', { name: slot.interviewerName, step: step?.name ?? '' }, [
            { path: 'interviewerId', message: 'already scheduled for this step' },
          ])
        }
        throw error
      }
      await recordActivity(trx, {
        personId: actor,
        entityType: 'application',
        entityId: interview.application_id,
        action: 'interview_rescheduled',
        at: this.ctx.clock.timestamp(),
        detail: { interviewId: interview.id, interviewerId: input.interviewerId, at: slot.start },
      })
    })
    return this.get(input.id)
  }

  /** Removes an interview and its draft; refused once a scorecard was submitted (feedback is never thrown away). */
  async cancel(id: number): Promise<{ id: number }> {
    const actor = await this.workspace.currentPersonId()
    await this.db.transaction().execute(async (trx) => {
      await requireRows(trx, 'interview', id, 'write')
      const repo = new InterviewRepository(trx)
      const interview = await this.requireInterview(repo, id)
      const scorecards = await repo.scorecardsOf([id])
      if (scorecards.some((scorecard) => scorecard.status === 'submitted')) {
        throw AppError.of('interview_submitted_no_cancel')
      }
      for (const scorecard of scorecards) await repo.deleteScorecard(scorecard.id)
      await repo.deleteInterview(id)
      await recordActivity(trx, {
        personId: actor,
        entityType: 'application',
        entityId: interview.application_id,
        action: 'interview_cancelled',
        at: this.ctx.clock.timestamp(),
        detail: { interviewId: id },
      })
    })
    return { id }
  }

  async brief(id: number): Promise<{ view: InterviewView; brief: InterviewBriefDto }> {
    await requireRows(this.db, 'interview', id)
    const repo = new InterviewRepository(this.db)
    const view = await this.requireView(repo, id)
    const { uid, name } = await this.workspace.info()
    return { view, brief: (await loadBrief(repo, { uid, name }, view)).brief }
  }

  /** The packet for an interviewer without access to this workspace; it carries the interview's signing key. */
  async packet(id: number): Promise<FileDownloadDto> {
    const { view, brief } = await this.brief(id)
    const exportedAt = this.ctx.clock.timestamp()
    const text = encodePacket({
      workspaceUid: brief.workspace.uid,
      interviewId: id,
      interviewKey: view.packet_key,
      exportedAt,
      brief,
    })
    const actor = await this.workspace.currentPersonId()
    await this.db.transaction().execute((trx) =>
      recordActivity(trx, {
        personId: actor,
        entityType: 'application',
        entityId: view.application_id,
        action: 'interview_packet_exported',
        at: exportedAt,
        // The packet's digest, so that a scorecard file can be checked against a packet this workspace issued.
        detail: { interviewId: id, packetSha256: (JSON.parse(text) as { sha256: string }).sha256 },
      }),
    )
    return {
      fileName: `interview-${id}-${fileSlug(brief.candidate.name, brief.step.name)}${PACKET_EXTENSION}`,
      mimeType: 'application/json',
      contentBase64: Buffer.from(text, 'utf8').toString('base64'),
    }
  }

  async kit(id: number, language: KitLanguage): Promise<FileDownloadDto> {
    const { brief } = await this.brief(id)
    const pdf = await renderInterviewKit(brief, {
      fontsDir: join(this.ctx.resourcesDir, 'fonts'),
      language,
      createdAt: this.ctx.clock.now(),
    })
    return {
      fileName: `kit-${fileSlug(brief.candidate.name, brief.step.name)}.pdf`,
      mimeType: 'application/pdf',
      contentBase64: Buffer.from(pdf).toString('base64'),
    }
  }

  /** Whether the local person may see the other scorecards of the application (and could reveal them). */
  async viewerAccess(
    repo: InterviewRepository,
    application: { postingId: number; applicationIds: number[] },
    reveal: boolean,
  ): Promise<ViewerAccess & { viewerId: number | null }> {
    const viewerId = await this.workspace.currentPersonId()
    const viewer = viewerId === null ? undefined : await repo.findPerson(viewerId)
    const plan = await repo.findPlan(application.postingId)
    const question = {
      viewerId: viewer?.id ?? null,
      viewerRole: viewer?.role ?? null,
      viewerHasSubmitted: viewer ? await repo.hasSubmitted(viewer.id, application.applicationIds) : false,
      postingHiringManagerId: plan?.hiring_manager_id ?? null,
      reveal,
    }
    return { viewerId: question.viewerId, access: feedbackAccess(question), canReveal: isHiringManager(question) }
  }

  /**
   * Who said what on each focus item of the plan, the disagreements and the items nobody rated. Until the local
   * person submitted their own scorecard for the application, everything others wrote is left out, summaries
   * included (unless the posting's hiring manager asks to reveal it).
   */
  async debrief(applicationId: number, reveal: boolean): Promise<DebriefDto> {
    await requireRows(this.db, 'application', applicationId)
    const repo = new InterviewRepository(this.db)
    const application = await repo.findApplication(applicationId)
    if (!application) throw AppError.of('application_not_found', { id: applicationId })
    const applicationIds = await repo.relatedApplicationIds(applicationId)
    const views = await repo.interviewViews({ applicationIds })
    const { access, canReveal } = await this.viewerAccess(
      repo,
      { postingId: application.posting_id, applicationIds },
      reveal,
    )
    const base = {
      applicationId,
      candidateName: application.candidate_name,
      postingId: application.posting_id,
      postingTitle: application.posting_title,
      access,
      canReveal,
      waitingFor: views
        .filter((view) => view.submitted_version === null)
        .map((view) => ({ interviewId: view.id, interviewerName: view.interviewer_name, stepName: view.step_name })),
    }
    if (access === 'locked') return { ...base, scorecards: [], items: [] }

    const latest = new Map<number, Awaited<ReturnType<InterviewRepository['scorecardsOf']>>[number]>()
    for (const row of await repo.scorecardsOf(views.map((view) => view.id))) {
      if (row.status === 'submitted' && !latest.has(row.interview_id)) latest.set(row.interview_id, row)
    }
    const ratings = await repo.ratingsOf([...latest.values()].map((row) => row.id))
    const byId = new Map(views.map((view) => [view.id, view]))
    const submitted = [...latest.values()].flatMap((row) => {
      const view = byId.get(row.interview_id)
      return view && row.recommendation && row.submitted_at
        ? [{ row, view, recommendation: row.recommendation, submittedAt: row.submitted_at }]
        : []
    })
    return {
      ...base,
      scorecards: submitted.map(({ row, view, recommendation, submittedAt }) => ({
        scorecardId: row.id,
        interviewId: view.id,
        version: row.version,
        stepName: view.step_name,
        interviewerId: view.interviewer_id,
        interviewerName: view.interviewer_name,
        recommendation,
        keyTakeaways: row.key_takeaways,
        submittedAt,
        source: row.source,
      })),
      items: debriefItems(
        await this.planFocus(repo, application.posting_id),
        submitted.map(({ row, view }) => ({
          interviewId: view.id,
          interviewerId: view.interviewer_id,
          interviewerName: view.interviewer_name,
          stepName: view.step_name,
          ratings: ratings
            .filter((rating) => rating.scorecard_id === row.id)
            .map((rating) => ({
              key: rating.focus_key,
              label: rating.label,
              rating: asRating(rating.rating),
              note: rating.note,
            })),
        })),
      ),
    }
  }

  /**
   * Per interviewer, over decided applications only (hired, rejected, withdrawn): once the decision is made,
   * independence no longer needs protecting, and only then can a "yes" be checked against the outcome.
   */
  async calibration(postingId: number | undefined): Promise<CalibrationDto> {
    // Interviewers' yes-rates are a staff view: a hiring manager sees those of one posting they manage.
    requireBeyondInterviews('posting')
    if (rowScope() && postingId === undefined) throw rowNotFound('posting', '')
    await requireRows(this.db, 'posting', postingId)
    const rows = await new InterviewRepository(this.db).decidedScorecards({ postingId })
    return {
      postingId: postingId ?? null,
      applications: new Set(rows.map((row) => row.merged_into_id ?? row.application_id)).size,
      interviewers: calibrationOfRows(rows),
    }
  }

  /** Every focus item of the posting's plan, with the steps that cover it, in plan order. */
  private async planFocus(repo: InterviewRepository, postingId: number): Promise<PlanFocus[]> {
    const rubric = await loadPostingRubric(repo, postingId)
    const steps = await repo.listSteps(postingId)
    const rows = await repo.focusOfSteps(steps.map((step) => step.id))
    const plan = new Map<string, PlanFocus>()
    for (const step of steps) {
      for (const item of stepFocus(
        rubric,
        rows.filter((row) => row.step_id === step.id),
      )) {
        const entry = plan.get(item.key) ?? { item, stepNames: [] }
        entry.stepNames.push(step.name)
        plan.set(item.key, entry)
      }
    }
    return [...plan.values()]
  }

  private async requireInterview(repo: InterviewRepository, id: number): Promise<InterviewRow> {
    const row = await repo.findInterview(id)
    if (!row) throw AppError.of('interview_not_found', { id: id })
    return row
  }

  private async requireView(repo: InterviewRepository, id: number): Promise<InterviewView> {
    const [view] = await repo.interviewViews({ ids: [id] })
    if (!view) throw AppError.of('interview_not_found', { id: id })
    return view
  }
}
