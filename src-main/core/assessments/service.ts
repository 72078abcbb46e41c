import { createHash } from 'node:crypto'
import type {
  AssessmentChangeDto,
  AssessmentDto,
  AssessmentItemDto,
  AssessmentResultDto,
  AssessmentSheetDto,
  CompareDto,
  EvidenceSource,
  FitDto,
  Rating,
  SuggestionDto,
} from '@contract/assessments'
import { EVIDENCE_MAX_CHARS } from '@contract/assessments'
import type { Kysely } from 'kysely'
import { recordActivity } from '../activity/activity-log'
import type { CoreContext } from '../context'
import type { AssessmentHistoryRow, Database, RequirementRow } from '../db/schema'
import { AppError } from '../errors'
import { sortRequirements, toRequirementDto } from '../postings/service'
import type { WorkspaceService } from '../workspace/service'
import { postingTotals, refreshFit, toFitDto, type FitColumns } from './fit'
import { assessedSections, ratingOf, valueOf } from './ratings'
import { AssessmentRepository } from './repository'
import { suggestEvidence } from './suggest'

type ApplicationView = NonNullable<Awaited<ReturnType<AssessmentRepository['findApplication']>>>
type AssessmentView = NonNullable<Awaited<ReturnType<AssessmentRepository['assessmentOf']>>>
type HistoryView = AssessmentHistoryRow & { person_name: string | null }

export interface AssessmentServiceOptions {
  /** "Today" for date ranges that run until the present; a fixed clock keeps tests stable. */
  clock?: () => Date
}

export interface RateInput {
  applicationId: number
  requirementId: number
  rating: Rating
  evidence: string
  source: EvidenceSource
  expectedVersion: number
}

/** One application's line of `applications assess`. */
export interface ApplicationAssessmentReport {
  applicationId: number
  candidateId: number
  candidate: string
  stage: string
  status: string
  fit: FitDto
  requirements: {
    requirementId: number
    section: string
    text: string
    mustHave: boolean
    weight: number
    rating: Rating
    evidence: string
    source: EvidenceSource | null
    author: string | null
    updatedAt: string | null
  }[]
}

const assessed = new Set<string>(assessedSections)

const toAssessmentDto = (
  row: AssessmentView | undefined,
  applicationId: number,
  requirementId: number,
): AssessmentDto => ({
  applicationId,
  requirementId,
  rating: ratingOf(row?.rating ?? 0),
  evidence: row?.evidence ?? '',
  source: row?.source ?? null,
  authorId: row?.author_id ?? null,
  authorName: row?.author_name ?? null,
  updatedAt: row?.updated_at ?? null,
  version: row?.version ?? 0,
})

const toChangeDto = (row: HistoryView): AssessmentChangeDto => ({
  id: row.id,
  at: row.at,
  personId: row.person_id,
  personName: row.person_name,
  from: ratingOf(row.from_rating),
  to: ratingOf(row.to_rating),
  evidenceBefore: row.evidence_before,
  evidenceAfter: row.evidence_after,
  sourceBefore: row.source_before,
  sourceAfter: row.source_after,
  suggestionKey: row.suggestion_key,
})

const normaliseEvidence = (text: string) => text.replace(/\r\n?/g, '\n').trim()

const minuteOf = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : 'just now')

export class AssessmentService {
  private readonly clock: () => Date

  constructor(
    private readonly ctx: CoreContext,
    private readonly workspace: WorkspaceService,
    options: AssessmentServiceOptions = {},
  ) {
    this.clock = options.clock ?? (() => new Date())
  }

  private get db(): Kysely<Database> {
    return this.ctx.db
  }

  /** The application's requirements with ratings, history and suggestions, its documents and its fit. */
  async sheet(applicationId: number): Promise<AssessmentSheetDto> {
    const repo = new AssessmentRepository(this.db)
    const application = await this.requireApplication(repo, applicationId)
    const live = sortRequirements(await repo.liveRequirements(application.posting_id))
    const archived = sortRequirements(await repo.archivedRated(application.posting_id, applicationId))
    const [rows, history, documents, fits, totals, neighbours] = await Promise.all([
      repo.assessmentsOf([applicationId]),
      repo.historyOf(applicationId),
      repo.documentsOf(application.candidate_id),
      repo.fitsOf([applicationId]),
      postingTotals(this.db, application.posting_id),
      repo.neighbours(application.posting_id, application.name_key, applicationId),
    ])
    const dismissed = await this.dismissedKeys(repo, application.id, live, documents)
    const suggestions = this.compute(live, documents).filter(
      (suggestion) => !dismissed.has(`${suggestion.requirementId}:${suggestion.key}`),
    )
    const dismissedCount = new Map<number, number>()
    for (const key of dismissed) {
      const requirementId = Number(key.slice(0, key.indexOf(':')))
      dismissedCount.set(requirementId, (dismissedCount.get(requirementId) ?? 0) + 1)
    }
    const byRequirement = new Map(rows.map((row) => [row.requirement_id, row]))
    const item = (requirement: RequirementRow, isArchived: boolean): AssessmentItemDto => {
      const assessment = toAssessmentDto(byRequirement.get(requirement.id), applicationId, requirement.id)
      return {
        requirement: toRequirementDto(requirement),
        assessment,
        history: history.filter((entry) => entry.requirement_id === requirement.id).map(toChangeDto),
        suggestions: isArchived ? [] : pending(suggestions, requirement.id, assessment),
        dismissedSuggestions: isArchived ? 0 : (dismissedCount.get(requirement.id) ?? 0),
        archived: isArchived,
      }
    }
    return {
      application: {
        id: application.id,
        postingId: application.posting_id,
        postingTitle: application.posting_title,
        candidateId: application.candidate_id,
        candidateName: application.candidate_name,
        stageName: application.stage_name,
        status: application.status,
      },
      fit: toFitDto(fits[0], totals),
      items: [...live.map((requirement) => item(requirement, false)), ...archived.map((r) => item(r, true))],
      documents: documents.map((doc) => ({ id: doc.id, fileName: doc.file_name, text: doc.text })),
      previousId: neighbours.previous,
      nextId: neighbours.next,
    }
  }

  /** Every suggestion for the application's live requirements, computed now, dismissed ones marked. */
  async suggestions(applicationId: number): Promise<(SuggestionDto & { dismissed: boolean })[]> {
    const repo = new AssessmentRepository(this.db)
    const application = await this.requireApplication(repo, applicationId)
    const live = sortRequirements(await repo.liveRequirements(application.posting_id))
    const documents = await repo.documentsOf(application.candidate_id)
    const dismissed = await this.dismissedKeys(repo, applicationId, live, documents)
    return this.compute(live, documents).map((suggestion) => ({
      ...suggestion,
      dismissed: dismissed.has(`${suggestion.requirementId}:${suggestion.key}`),
    }))
  }

  /**
   * Sets rating, evidence and source as one change, refused as a conflict when the item changed since the
   * version the caller saw. An identical write changes nothing and records nothing.
   */
  async rate(input: RateInput): Promise<AssessmentResultDto> {
    const actor = await this.workspace.currentPersonId()
    const evidence = normaliseEvidence(input.evidence)
    await this.db.transaction().execute(async (trx) => {
      const repo = new AssessmentRepository(trx)
      const application = await this.requireApplication(repo, input.applicationId)
      await this.requireRateable(repo, application, input.requirementId)
      await this.write(trx, repo, {
        ...input,
        evidence,
        // A rating with no evidence has no source: "Résumé" would claim evidence nobody gave.
        source: evidence === '' ? null : input.source,
        actor,
        suggestionKey: null,
      })
    })
    return this.result(input.applicationId, input.requirementId)
  }

  /** Rates from a suggestion as computed now: its rating, its quote added to the evidence, the résumé as source. */
  async acceptSuggestion(input: {
    applicationId: number
    requirementId: number
    key: string
    expectedVersion: number
  }): Promise<AssessmentResultDto> {
    const actor = await this.workspace.currentPersonId()
    await this.db.transaction().execute(async (trx) => {
      const repo = new AssessmentRepository(trx)
      const application = await this.requireApplication(repo, input.applicationId)
      const requirement = await this.requireRateable(repo, application, input.requirementId)
      const documents = await repo.documentsOf(application.candidate_id)
      // Computed over the same items as the sheet: a suggestion may depend on the posting's other items.
      const live = sortRequirements(await repo.liveRequirements(application.posting_id))
      const suggestion = this.compute(live, documents).find(
        (entry) => entry.requirementId === requirement.id && entry.key === input.key,
      )
      if (!suggestion) {
        throw new AppError(
          'conflict',
          'This suggestion no longer applies: the résumé or the requirement changed. Reload to see the current ones.',
        )
      }
      const current = await repo.assessmentOf(input.applicationId, input.requirementId)
      const before = current?.evidence ?? ''
      const evidence = before.includes(suggestion.snippet)
        ? before
        : [before, suggestion.snippet].filter(Boolean).join('\n\n')
      if (evidence.length > EVIDENCE_MAX_CHARS) {
        throw new AppError(
          'invalid_input',
          `The evidence would exceed ${EVIDENCE_MAX_CHARS.toLocaleString('en-US')} characters with this quote; shorten it first.`,
        )
      }
      await this.write(trx, repo, {
        applicationId: input.applicationId,
        requirementId: input.requirementId,
        rating: suggestion.rating,
        evidence,
        source: 'resume',
        expectedVersion: input.expectedVersion,
        actor,
        suggestionKey: suggestion.key,
      })
    })
    return this.result(input.applicationId, input.requirementId)
  }

  /** Hides a suggestion while the résumé and the requirement read as they do now. */
  async dismissSuggestion(input: {
    applicationId: number
    requirementId: number
    key: string
  }): Promise<AssessmentResultDto> {
    const actor = await this.workspace.currentPersonId()
    await this.db.transaction().execute(async (trx) => {
      const repo = new AssessmentRepository(trx)
      const application = await this.requireApplication(repo, input.applicationId)
      const requirement = await this.requireRateable(repo, application, input.requirementId)
      const documents = await repo.documentsOf(application.candidate_id)
      await repo.dismiss({
        applicationId: input.applicationId,
        requirementId: input.requirementId,
        key: input.key,
        fingerprint: fingerprint(requirement, documents),
        personId: actor,
        at: this.now(),
      })
      await recordActivity(trx, {
        personId: actor,
        entityType: 'application',
        entityId: input.applicationId,
        action: 'suggestion_dismissed',
        detail: { requirementId: input.requirementId, key: input.key },
      })
    })
    return this.result(input.applicationId, input.requirementId)
  }

  /** Requirements × applicants of one posting, must-haves first. */
  async compare(postingId: number, applicationIds: number[]): Promise<CompareDto> {
    const repo = new AssessmentRepository(this.db)
    const posting = await this.db
      .selectFrom('postings')
      .select(['id', 'title'])
      .where('id', '=', postingId)
      .executeTakeFirst()
    if (!posting) throw AppError.of('posting_not_found', { id: postingId })
    const applicants = await repo.applicantsById(applicationIds)
    const byId = new Map(applicants.map((row) => [row.id, row]))
    const issues = applicationIds.flatMap((id, index) => {
      const row = byId.get(id)
      if (!row) return [{ path: `applicationIds.${index}`, message: `application ${id} does not exist` }]
      if (row.posting_id !== postingId)
        return [{ path: `applicationIds.${index}`, message: `application ${id} belongs to another posting` }]
      if (row.merged_into_id !== null)
        return [{ path: `applicationIds.${index}`, message: `application ${id} was merged into ${row.merged_into_id}` }]
      return []
    })
    const first = issues[0]
    if (first)
      throw new AppError('invalid_input', `Only applicants of this posting can be compared (${first.message}).`, issues)
    const requirements = sortRequirements(await repo.liveRequirements(postingId)).sort(
      (a, b) => b.must_have - a.must_have,
    )
    const [rows, totals] = await Promise.all([repo.assessmentsOf(applicationIds), postingTotals(this.db, postingId)])
    return {
      postingId,
      postingTitle: posting.title,
      requirements: requirements.map(toRequirementDto),
      applicants: applicationIds.map((id) => {
        const row = byId.get(id)
        const cells: CompareDto['applicants'][number]['cells'] = {}
        for (const assessment of rows) {
          if (assessment.application_id !== id) continue
          cells[assessment.requirement_id] = {
            rating: ratingOf(assessment.rating),
            evidence: assessment.evidence,
            source: assessment.source,
            authorName: assessment.author_name,
            updatedAt: assessment.updated_at,
          }
        }
        return {
          applicationId: id,
          candidateName: row?.candidate_name ?? '',
          stageName: row?.stage_name ?? '',
          fit: toFitDto(fitColumns(row), totals),
          cells,
        }
      }),
    }
  }

  /**
   * Every live application of a posting with its fit and, per live assessed requirement, rating and evidence,
   * by candidate name; in batches so a large posting is never held at once.
   */
  async *postingReport(postingId: number, batch = 500): AsyncGenerator<ApplicationAssessmentReport[]> {
    const repo = new AssessmentRepository(this.db)
    const posting = await this.db.selectFrom('postings').select('id').where('id', '=', postingId).executeTakeFirst()
    if (!posting) throw AppError.of('posting_not_found', { id: postingId })
    const requirements = sortRequirements(await repo.liveRequirements(postingId))
    const totals = await postingTotals(this.db, postingId)
    let after: { nameKey: string; id: number } | null = null
    for (;;) {
      const applicants = await repo.applicantsByName(postingId, after, batch)
      const last = applicants.at(-1)
      if (!last) return
      const rows = await repo.assessmentsOf(applicants.map((row) => row.id))
      const byPair = new Map(rows.map((row) => [`${row.application_id}:${row.requirement_id}`, row]))
      yield applicants.map((applicant) => ({
        applicationId: applicant.id,
        candidateId: applicant.candidate_id,
        candidate: applicant.candidate_name,
        stage: applicant.stage_name,
        status: applicant.status,
        fit: toFitDto(fitColumns(applicant), totals),
        requirements: requirements.map((requirement) => {
          const row = byPair.get(`${applicant.id}:${requirement.id}`)
          return {
            requirementId: requirement.id,
            section: requirement.section,
            text: requirement.text,
            mustHave: requirement.must_have === 1,
            weight: requirement.weight,
            rating: ratingOf(row?.rating ?? 0),
            evidence: row?.evidence ?? '',
            source: row?.source ?? null,
            author: row?.author_name ?? null,
            updatedAt: row?.updated_at ?? null,
          }
        }),
      }))
      after = { nameKey: last.name_key, id: last.id }
    }
  }

  private async write(
    trx: Kysely<Database>,
    repo: AssessmentRepository,
    change: Omit<RateInput, 'source'> & {
      source: EvidenceSource | null
      actor: number | null
      suggestionKey: string | null
    },
  ): Promise<void> {
    await repo.ensureAssessment(change.applicationId, change.requirementId)
    const current = await repo.assessmentOf(change.applicationId, change.requirementId)
    if (!current) throw new AppError('internal', 'The assessment row could not be made.')
    if (current.version !== change.expectedVersion) {
      throw new AppError(
        'conflict',
        `${current.author_name ?? 'Someone'} changed this rating meanwhile (now ${ratingOf(current.rating).replace('_', ' ')}, ${minuteOf(current.updated_at)}); reload to see it, then rate again.`,
        [{ path: 'expectedVersion', message: `the item is at version ${current.version}` }],
      )
    }
    const rating = valueOf(change.rating)
    if (current.rating === rating && current.evidence === change.evidence && current.source === change.source) return
    const at = this.now()
    const written = await repo.updateAssessment(current.id, current.version, {
      rating,
      evidence: change.evidence,
      source: change.source,
      author_id: change.actor,
      updated_at: at,
    })
    if (!written) throw new AppError('conflict', 'This rating changed meanwhile; reload to see it, then rate again.')
    await repo.insertHistory({
      applicationId: change.applicationId,
      requirementId: change.requirementId,
      at,
      personId: change.actor,
      fromRating: current.rating,
      toRating: rating,
      evidenceBefore: current.evidence,
      evidenceAfter: change.evidence,
      sourceBefore: current.source,
      sourceAfter: change.source,
      suggestionKey: change.suggestionKey,
    })
    await refreshFit(trx, { applicationId: change.applicationId })
    await recordActivity(trx, {
      personId: change.actor,
      entityType: 'application',
      entityId: change.applicationId,
      action: 'assessment_rated',
      detail: {
        requirementId: change.requirementId,
        from: ratingOf(current.rating),
        to: change.rating,
        ...(current.evidence !== change.evidence ? { evidenceChanged: true } : {}),
        ...(change.suggestionKey ? { suggestion: change.suggestionKey } : {}),
      },
    })
  }

  /** The item as it is now, with the application's fit. */
  private async result(applicationId: number, requirementId: number): Promise<AssessmentResultDto> {
    const sheet = await this.sheet(applicationId)
    const item = sheet.items.find((entry) => entry.requirement.id === requirementId)
    if (!item) throw new AppError('not_found', `Requirement ${requirementId} is not assessed on this application.`)
    return { item, fit: sheet.fit }
  }

  private compute(
    requirements: readonly RequirementRow[],
    documents: readonly { id: number; text: string }[],
  ): SuggestionDto[] {
    return suggestEvidence(
      documents,
      requirements.map((requirement) => {
        const dto = toRequirementDto(requirement)
        return { id: dto.id, section: dto.section, text: dto.text, minYears: dto.minYears, skills: dto.skills }
      }),
      { today: this.clock() },
    )
  }

  private async dismissedKeys(
    repo: AssessmentRepository,
    applicationId: number,
    requirements: readonly RequirementRow[],
    documents: readonly { id: number; sha256: string }[],
  ): Promise<Set<string>> {
    const prints = new Map(requirements.map((requirement) => [requirement.id, fingerprint(requirement, documents)]))
    return new Set(
      (await repo.dismissalsOf(applicationId))
        .filter((row) => prints.get(row.requirement_id) === row.fingerprint)
        .map((row) => `${row.requirement_id}:${row.suggestion_key}`),
    )
  }

  /** Suggestions not dismissed, for the given requirements. */
  private async openSuggestions(
    repo: AssessmentRepository,
    application: ApplicationView,
    requirements: readonly RequirementRow[],
    documents: readonly { id: number; text: string; sha256: string }[],
  ): Promise<SuggestionDto[]> {
    const dismissed = await this.dismissedKeys(repo, application.id, requirements, documents)
    return this.compute(requirements, documents).filter(
      (suggestion) => !dismissed.has(`${suggestion.requirementId}:${suggestion.key}`),
    )
  }

  private async requireApplication(repo: AssessmentRepository, id: number): Promise<ApplicationView> {
    const row = await repo.findApplication(id)
    if (!row) throw AppError.of('application_not_found', { id: id })
    if (row.merged_into_id !== null) {
      throw new AppError(
        'conflict',
        `Application ${id} was merged into application ${row.merged_into_id} when its candidate was merged; assess that one.`,
      )
    }
    return row
  }

  /** A live requirement of the application's own posting, in a section that is assessed. */
  private async requireRateable(
    repo: AssessmentRepository,
    application: ApplicationView,
    requirementId: number,
  ): Promise<RequirementRow> {
    const requirement = await repo.findRequirement(requirementId)
    if (!requirement) {
      throw new AppError('not_found', `Requirement ${requirementId} does not exist.`, [
        { path: 'requirementId', message: 'no such requirement' },
      ])
    }
    if (requirement.posting_id !== application.posting_id) {
      throw new AppError(
        'invalid_input',
        `Requirement ${requirementId} belongs to another posting than this application ("${application.posting_title}").`,
        [{ path: 'requirementId', message: 'a requirement of another posting' }],
      )
    }
    if (requirement.archived_at !== null) {
      throw new AppError(
        'conflict',
        'This requirement was removed from the posting; its ratings are kept but it is no longer rated.',
        [{ path: 'requirementId', message: 'archived' }],
      )
    }
    if (!assessed.has(requirement.section)) {
      throw new AppError('invalid_input', 'Benefits and other notes of a posting are not rated.', [
        { path: 'requirementId', message: `in section ${requirement.section}` },
      ])
    }
    return requirement
  }

  private now(): string {
    return new Date().toISOString()
  }
}

/** Suggestions for one requirement that are not yet reflected in its rating and evidence, most confident first. */
function pending(suggestions: readonly SuggestionDto[], requirementId: number, assessment: AssessmentDto) {
  return suggestions
    .filter(
      (suggestion) =>
        suggestion.requirementId === requirementId &&
        !(suggestion.rating === assessment.rating && assessment.evidence.includes(suggestion.snippet)),
    )
    .sort((a, b) => b.confidence - a.confidence)
}

const fitColumns = (
  row:
    { score: number | null; must_met: number | null; knocked_out: number | null; assessed: number | null } | undefined,
): FitColumns | undefined =>
  row && row.score !== null
    ? { score: row.score, must_met: row.must_met ?? 0, knocked_out: row.knocked_out ?? 0, assessed: row.assessed ?? 0 }
    : undefined

/** What a dismissal depends on: the candidate's documents and the requirement's wording. */
function fingerprint(requirement: RequirementRow, documents: readonly { id: number; sha256: string }[]): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        documents.map((doc) => [doc.id, doc.sha256]),
        requirement.text,
        requirement.skills,
        requirement.min_years,
        requirement.section,
      ]),
    )
    .digest('hex')
    .slice(0, 32)
}
