import type {
  FocusItemDto,
  ScorecardContentDto,
  ScorecardDto,
  ScorecardImportResultDto,
  ScorecardPageDto,
} from '@contract'
import type { Kysely } from 'kysely'
import { recordActivity } from '../activity/activity-log'
import { ActivityRepository } from '../activity/repository'
import type { CoreContext } from '../context'
import { isUniqueViolation } from '../db/errors'
import type { Database } from '../db/schema'
import { AppError } from '../errors'
import { requireRows } from '../access/row-rules'
import type { WorkspaceService } from '../workspace/service'
import { decodeScorecard, type ScorecardFile } from './exchange-files'

/** Clocks of two machines disagree a little; an export time further ahead than this is refused. */
const EXPORT_CLOCK_SKEW_MS = 24 * 3_600_000
import { loadPostingRubric } from './plan-service'
import { parseFocusKey } from './rubric'
import { InterviewRepository, type NewRating } from './repository'
import { normaliseContent } from './scorecard-content'
import type { InterviewService } from './service'
import { toScorecardDto, type InterviewView } from './views'

type ScorecardRow = Awaited<ReturnType<InterviewRepository['scorecardsOf']>>[number]

function ratingRows(focus: FocusItemDto[], content: ScorecardContentDto): NewRating[] {
  const labels = new Map(focus.map((item) => [item.key, item.label]))
  return content.ratings.map((entry) => ({
    focus_key: entry.key,
    label: labels.get(entry.key) ?? entry.key,
    rating: entry.rating,
    note: entry.note,
  }))
}

/**
 * Scorecards: the interviewer's draft (autosaved), submission (locks it), amendments (new versions, the old ones
 * kept), imports of scorecard files made from packets, and what others may see of them.
 */
export class ScorecardService {
  constructor(
    private readonly ctx: CoreContext,
    private readonly workspace: WorkspaceService,
    private readonly interviews: InterviewService,
  ) {}

  private get db(): Kysely<Database> {
    return this.ctx.db
  }

  /**
   * The interview's brief and what the local person may see of its scorecard: everything when they are the
   * interviewer; the submitted versions once they submitted their own for the application (or, as its hiring
   * manager, asked to reveal); nothing otherwise.
   */
  async get(interviewId: number, reveal: boolean): Promise<ScorecardPageDto> {
    const { view, brief } = await this.interviews.brief(interviewId)
    const repo = new InterviewRepository(this.db)
    const applicationIds = await repo.relatedApplicationIds(view.application_id)
    const { viewerId, access, canReveal } = await this.interviews.viewerAccess(
      repo,
      { postingId: view.posting_id, applicationIds },
      reveal,
    )
    const mine = viewerId !== null && viewerId === view.interviewer_id
    const hidden = !mine && access === 'locked'
    const rows = hidden
      ? []
      : (await repo.scorecardsOf([interviewId])).filter((row) => mine || row.status === 'submitted')
    const ratings = await repo.ratingsOf(rows.map((row) => row.id))
    return {
      interview: await this.interviews.get(interviewId),
      brief,
      mine,
      access,
      canReveal,
      hidden,
      versions: rows.map((row) => toScorecardDto(row, ratings)),
    }
  }

  async saveDraft(interviewId: number, content: ScorecardContentDto): Promise<ScorecardDto> {
    const { view, focus } = await this.forInterviewer(interviewId)
    const normalised = normaliseContent(focus, content)
    const actor = view.interviewer_id
    const id = await this.db.transaction().execute(async (trx) => {
      await requireRows(trx, 'scorecard', interviewId, 'write')
      const repo = new InterviewRepository(trx)
      const [latest] = await repo.scorecardsOf([interviewId])
      if (latest?.status === 'submitted') throw submittedAlready()
      return (await this.writeDraft(repo, latest, interviewId, actor, normalised, focus)).id
    })
    return this.scorecard(id)
  }

  async submit(interviewId: number, content: ScorecardContentDto): Promise<ScorecardDto> {
    const { view, focus } = await this.forInterviewer(interviewId)
    const normalised = normaliseContent(focus, content)
    if (normalised.recommendation === null) {
      throw AppError.of('recommendation_before_submit', undefined, [
        { path: 'recommendation', message: 'Required', key: 'v_required' },
      ])
    }
    const actor = view.interviewer_id
    const id = await this.db.transaction().execute(async (trx) => {
      await requireRows(trx, 'scorecard', interviewId, 'write')
      const repo = new InterviewRepository(trx)
      const [latest] = await repo.scorecardsOf([interviewId])
      if (latest?.status === 'submitted') throw submittedAlready()
      const draft = await this.writeDraft(repo, latest, interviewId, actor, normalised, focus)
      const now = this.ctx.clock.timestamp()
      const submitted = await repo.updateDraft(draft.id, draft.version, {
        status: 'submitted',
        submitted_at: now,
        updated_at: now,
      })
      if (!submitted) throw changedMeanwhile()
      await recordActivity(trx, {
        personId: actor,
        entityType: 'application',
        entityId: view.application_id,
        action: 'scorecard_submitted',
        at: now,
        detail: { interviewId, version: latest?.version ?? 1 },
      })
      return draft.id
    })
    return this.scorecard(id)
  }

  /** A new draft version copied from the latest submitted one, which stays as it was. */
  async amend(interviewId: number): Promise<ScorecardDto> {
    const { view, focus } = await this.forInterviewer(interviewId)
    const known = new Set(focus.map((item) => item.key))
    const id = await this.db.transaction().execute(async (trx) => {
      await requireRows(trx, 'scorecard', interviewId, 'write')
      const repo = new InterviewRepository(trx)
      const [latest] = await repo.scorecardsOf([interviewId])
      if (!latest) throw AppError.of('no_scorecard_to_amend')
      if (latest.status === 'draft') return latest.id
      const ratings = await repo.ratingsOf([latest.id])
      const copy = toScorecardDto(latest, ratings).content
      const content = normaliseContent(focus, {
        ...copy,
        ratings: copy.ratings.filter((entry) => known.has(entry.key)),
      })
      const row = await insertVersion(repo, {
        interview_id: interviewId,
        version: latest.version + 1,
        status: 'draft',
        author_id: view.interviewer_id,
        key_takeaways: content.keyTakeaways,
        recommendation: content.recommendation,
        source: 'local',
        file_sha256: null,
        external_revision: null,
        submitted_at: null,
        now: this.ctx.clock.timestamp(),
      })
      await repo.replaceRatings(row.id, ratingRows(focus, content))
      await recordActivity(trx, {
        personId: view.interviewer_id,
        entityType: 'application',
        entityId: view.application_id,
        action: 'scorecard_amendment_started',
        at: this.ctx.clock.timestamp(),
        detail: { interviewId, version: row.version },
      })
      return row.id
    })
    return this.scorecard(id)
  }

  async discardAmendment(interviewId: number): Promise<{ interviewId: number }> {
    await this.forInterviewer(interviewId)
    await this.db.transaction().execute(async (trx) => {
      await requireRows(trx, 'scorecard', interviewId, 'write')
      const repo = new InterviewRepository(trx)
      const [latest] = await repo.scorecardsOf([interviewId])
      if (latest?.status !== 'draft' || latest.version === 1) {
        throw AppError.of('no_amendment_to_discard')
      }
      await repo.deleteScorecard(latest.id)
    })
    return { interviewId }
  }

  /**
   * Attaches a scorecard file to its interview. The file must be intact (hash), from this workspace, for an
   * interview that still exists, and signed with the key of that interview's packet. The same file twice counts
   * once; a later revision of an already imported scorecard becomes an amendment; an older one is refused.
   */
  /**
   * The fields a holder of the packet could still set at will, though signed: the export time becomes the
   * submission time, so it must be a time that has been; the packet must be one this workspace issued for the
   * interview (packets exported before their digests were recorded are taken on the signature alone).
   */
  private async checkFileFields(file: ScorecardFile, fileName: string): Promise<void> {
    if (Date.parse(file.exportedAt) > this.ctx.clock.now().getTime() + EXPORT_CLOCK_SKEW_MS) {
      throw AppError.of('scorecard_from_future', { file: fileName, date: file.exportedAt.slice(0, 10) })
    }
    const exports = await new ActivityRepository(this.db).detailsForInterview(
      'interview_packet_exported',
      file.interviewId,
    )
    const issued = exports.flatMap((detail) => {
      const digest = (JSON.parse(detail) as { packetSha256?: unknown }).packetSha256
      return typeof digest === 'string' ? [digest] : []
    })
    if (issued.length > 0 && !issued.includes(file.packetSha256)) {
      throw AppError.of('scorecard_unknown_packet', { file: fileName })
    }
  }

  async importFile(fileName: string, bytes: Uint8Array): Promise<ScorecardImportResultDto> {
    const decoded = decodeScorecard(bytes, fileName)
    const { file } = decoded
    const here = await this.workspace.info()
    if (file.workspaceUid !== here.uid) {
      throw AppError.of('scorecard_other_workspace', { file: fileName, uid: file.workspaceUid, workspace: here.name })
    }
    const interview = await new InterviewRepository(this.db).findInterview(file.interviewId)
    if (!interview) {
      throw AppError.of('scorecard_interview_gone', { file: fileName, id: file.interviewId })
    }
    if (!decoded.signedWith(interview.packet_key)) {
      throw AppError.of('scorecard_signature_mismatch', { file: fileName })
    }
    await this.checkFileFields(file, fileName)
    const { view, brief } = await this.interviews.brief(interview.id)
    const focus = await this.importFocus(
      view,
      brief.focusItems,
      file.scorecard.ratings.map((entry) => entry.key),
    )
    const content = normaliseContent(focus, file.scorecard)
    const actor = await this.workspace.currentPersonId()
    const outcome = await this.db.transaction().execute(async (trx) => {
      await requireRows(trx, 'interview', interview.id, 'write')
      const repo = new InterviewRepository(trx)
      const same = await repo.findScorecardByFile(interview.id, file.sha256)
      if (same) return { outcome: 'unchanged' as const, version: same.version }
      const versions = await repo.scorecardsOf([interview.id])
      const imported = versions.find((row) => row.source === 'imported')
      if (imported && (imported.external_revision ?? 0) >= file.revision) {
        throw AppError.of('scorecard_revision_old', {
          file: fileName,
          revision: file.revision,
          imported: imported.external_revision ?? '',
        })
      }
      const [latest] = versions
      if (latest?.status === 'draft') {
        throw AppError.of('scorecard_draft_here', { name: view.interviewer_name, file: fileName })
      }
      const row = await insertVersion(repo, {
        interview_id: interview.id,
        version: (latest?.version ?? 0) + 1,
        status: 'draft',
        author_id: interview.interviewer_id,
        key_takeaways: content.keyTakeaways,
        recommendation: content.recommendation,
        source: 'imported',
        file_sha256: file.sha256,
        external_revision: file.revision,
        submitted_at: null,
        now: this.ctx.clock.timestamp(),
      })
      await repo.replaceRatings(row.id, ratingRows(focus, content))
      if (!(await repo.updateDraft(row.id, row.version, { status: 'submitted', submitted_at: file.exportedAt }))) {
        throw changedMeanwhile()
      }
      const amended = versions.some((version) => version.status === 'submitted')
      await recordActivity(trx, {
        personId: actor,
        entityType: 'application',
        entityId: interview.application_id,
        action: amended ? 'scorecard_amendment_imported' : 'scorecard_imported',
        at: this.ctx.clock.timestamp(),
        detail: { interviewId: interview.id, version: row.version, revision: file.revision },
      })
      return { outcome: amended ? ('amended' as const) : ('imported' as const), version: row.version }
    })
    return { ...outcome, interview: await this.interviews.get(interview.id) }
  }

  /**
   * What an imported file may rate: the step's focus items, and items of the posting that the packet had but the
   * plan no longer lists. Anything else is not part of this posting and is refused.
   */
  private async importFocus(view: InterviewView, stepFocus: FocusItemDto[], keys: string[]): Promise<FocusItemDto[]> {
    const known = new Map(stepFocus.map((item) => [item.key, item]))
    const extra = keys.filter((key) => !known.has(key))
    if (extra.length === 0) return stepFocus
    const rubric = await loadPostingRubric(new InterviewRepository(this.db), view.posting_id)
    const resolved = extra.map((key) => {
      const ref = parseFocusKey(key)
      if (ref?.kind === 'requirement') return rubric.requirements.get(ref.id) ?? null
      if (ref?.kind === 'competency') return rubric.rubric.competencyFocus(ref.id)
      return null
    })
    const missing = extra.filter((_key, index) => resolved[index] === null)
    if (missing.length > 0) {
      throw AppError.of('scorecard_items_foreign', { title: view.posting_title, items: missing.join(', ') })
    }
    return [...stepFocus, ...resolved.flatMap((item) => item ?? [])]
  }

  private async writeDraft(
    repo: InterviewRepository,
    latest: ScorecardRow | undefined,
    interviewId: number,
    authorId: number,
    content: ScorecardContentDto,
    focus: FocusItemDto[],
  ): Promise<{ id: number; version: number }> {
    const now = this.ctx.clock.timestamp()
    const values = { key_takeaways: content.keyTakeaways, recommendation: content.recommendation }
    let draft: { id: number; version: number }
    if (latest?.status === 'draft') {
      draft = { id: latest.id, version: latest.version }
      if (!(await repo.updateDraft(draft.id, draft.version, { ...values, updated_at: now }))) throw changedMeanwhile()
    } else {
      const row = await insertVersion(repo, {
        interview_id: interviewId,
        version: (latest?.version ?? 0) + 1,
        status: 'draft',
        author_id: authorId,
        ...values,
        source: 'local',
        file_sha256: null,
        external_revision: null,
        submitted_at: null,
        now,
      })
      draft = { id: row.id, version: row.version }
    }
    await repo.replaceRatings(draft.id, ratingRows(focus, content))
    return draft
  }

  /** Only the interviewer, chosen as the local person, writes an interview's scorecard. */
  private async forInterviewer(interviewId: number): Promise<{ view: InterviewView; focus: FocusItemDto[] }> {
    const { view, brief } = await this.interviews.brief(interviewId)
    const me = await this.workspace.currentPersonId()
    if (me === null) {
      throw AppError.of('choose_who_you_are')
    }
    if (me !== view.interviewer_id) {
      throw AppError.of('scorecard_only_interviewer', { name: view.interviewer_name })
    }
    return { view, focus: brief.focusItems }
  }

  private async scorecard(id: number): Promise<ScorecardDto> {
    const repo = new InterviewRepository(this.db)
    const row = await repo.findScorecard(id)
    if (!row) throw AppError.of('scorecard_not_found', { id: id })
    return toScorecardDto(row, await repo.ratingsOf([id]))
  }
}

const submittedAlready = () => AppError.of('scorecard_locked')

/**
 * Another writer changed the interview's scorecards between this one's read and its write: a new version or a
 * second draft is refused by the table's unique keys, an update of a draft no longer current by its version check.
 */
const changedMeanwhile = () => AppError.of('scorecard_changed_meanwhile')

async function insertVersion(
  repo: InterviewRepository,
  values: Parameters<InterviewRepository['insertScorecard']>[0],
): Promise<Awaited<ReturnType<InterviewRepository['insertScorecard']>>> {
  try {
    return await repo.insertScorecard(values)
  } catch (error) {
    if (isUniqueViolation(error)) throw changedMeanwhile()
    throw error
  }
}
