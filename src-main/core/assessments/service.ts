import type {
  AssessmentChangeDto,
  AssessmentDto,
  AssessmentItemDto,
  AssessmentResultDto,
  AssessmentSheetDto,
  CompareDto,
  EvidenceSource,
  Rating,
  SuggestionDto,
} from '@contract/assessments'
import { EVIDENCE_MAX_CHARS } from '@contract/assessments'
import type { Kysely } from 'kysely'
import { recordActivity } from '../activity/activity-log'
import type { CoreContext } from '../context'
import type { AssessmentHistoryRow, Database, RequirementRow } from '../db/schema'
import { AppError } from '../errors'
import { requireRows } from '../access/row-rules'
import { sortRequirements, toRequirementDto } from '../postings/requirement-mapping'
import type { WorkspaceService } from '../workspace/service'
import { requireApplication, requireRateable, type AssessedApplication } from './assessment-guards'
import { toFitDto } from './fit'
import { compareApplicants, postingAssessmentReport, type ApplicationAssessmentReport } from './posting-assessments'
import { normaliseEvidence, writeRating } from './rating-write'
import { ratingOf } from './ratings'
import { AssessmentRepository } from './repository'
import { dismissedKeys, fingerprint, pending, SuggestionMemo } from './suggestion-state'

export type { ApplicationAssessmentReport } from './posting-assessments'

type AssessmentView = NonNullable<Awaited<ReturnType<AssessmentRepository['assessmentOf']>>>
type HistoryView = AssessmentHistoryRow & { person_name: string | null }

export interface RateInput {
  applicationId: number
  requirementId: number
  rating: Rating
  evidence: string
  source: EvidenceSource
  expectedVersion: number
}

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

/** Rating an application's requirements with evidence, and the suggestions read from its résumé. */
export class AssessmentService {
  private readonly suggestionMemo = new SuggestionMemo()

  constructor(
    private readonly ctx: CoreContext,
    private readonly workspace: WorkspaceService,
  ) {}

  private get db(): Kysely<Database> {
    return this.ctx.db
  }

  /** After an erasure: no snippet of an erased résumé stays in memory. */
  forgetSuggestions(): void {
    this.suggestionMemo.clear()
  }

  /** How many applications' suggestions are remembered (see `SuggestionMemo`). */
  rememberedSuggestions(): number {
    return this.suggestionMemo.size
  }

  /** The application's requirements with ratings, history and suggestions, its documents and its fit. */
  async sheet(applicationId: number): Promise<AssessmentSheetDto> {
    await requireRows(this.db, 'application', applicationId)
    const repo = new AssessmentRepository(this.db)
    const application = await requireApplication(repo, applicationId)
    const live = sortRequirements(await repo.liveRequirements(application.posting_id))
    const archived = sortRequirements(await repo.archivedRated(application.posting_id, applicationId))
    const [rows, history, documents, fits, totals, neighbours] = await Promise.all([
      repo.assessmentsOf([applicationId]),
      repo.historyOf(applicationId),
      repo.documentsOf(application.candidate_id),
      repo.fitsOf([applicationId]),
      repo.postingTotals(application.posting_id),
      repo.neighbours(application.posting_id, application.name_key, applicationId),
    ])
    const dismissed = await dismissedKeys(repo, application.id, live, documents)
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
    await requireRows(this.db, 'application', applicationId)
    const repo = new AssessmentRepository(this.db)
    const application = await requireApplication(repo, applicationId)
    const live = sortRequirements(await repo.liveRequirements(application.posting_id))
    const documents = await repo.documentsOf(application.candidate_id)
    const dismissed = await dismissedKeys(repo, applicationId, live, documents)
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
    const evidence = normaliseEvidence(input.evidence)
    return this.changeItem(input, async ({ trx, actor, at }) => {
      await writeRating(
        trx,
        {
          ...input,
          evidence,
          // A rating with no evidence has no source: "Résumé" would claim evidence nobody gave.
          source: evidence === '' ? null : input.source,
          actor,
          suggestionKey: null,
        },
        at,
      )
    })
  }

  /** Rates from a suggestion as computed now: its rating, its quote added to the evidence, the résumé as source. */
  async acceptSuggestion(input: {
    applicationId: number
    requirementId: number
    key: string
    expectedVersion: number
  }): Promise<AssessmentResultDto> {
    return this.changeItem(input, async ({ trx, repo, application, requirement, actor, at }) => {
      const documents = await repo.documentsOf(application.candidate_id)
      // Computed over the same items as the sheet: a suggestion may depend on the posting's other items.
      const live = sortRequirements(await repo.liveRequirements(application.posting_id))
      const suggestion = this.compute(live, documents).find(
        (entry) => entry.requirementId === requirement.id && entry.key === input.key,
      )
      if (!suggestion) {
        throw AppError.of('suggestion_stale')
      }
      const current = await repo.assessmentOf(input.applicationId, input.requirementId)
      const before = current?.evidence ?? ''
      const evidence = before.includes(suggestion.snippet)
        ? before
        : [before, suggestion.snippet].filter(Boolean).join('\n\n')
      if (evidence.length > EVIDENCE_MAX_CHARS) {
        throw AppError.of('evidence_too_long', { max: EVIDENCE_MAX_CHARS })
      }
      await writeRating(
        trx,
        {
          applicationId: input.applicationId,
          requirementId: input.requirementId,
          rating: suggestion.rating,
          evidence,
          source: 'resume',
          expectedVersion: input.expectedVersion,
          actor,
          suggestionKey: suggestion.key,
        },
        at,
      )
    })
  }

  /** Hides a suggestion while the résumé and the requirement read as they do now. */
  async dismissSuggestion(input: {
    applicationId: number
    requirementId: number
    key: string
  }): Promise<AssessmentResultDto> {
    return this.changeItem(input, async ({ trx, repo, application, requirement, actor, at }) => {
      const documents = await repo.documentsOf(application.candidate_id)
      await repo.dismiss({
        applicationId: input.applicationId,
        requirementId: input.requirementId,
        key: input.key,
        fingerprint: fingerprint(requirement, documents),
        personId: actor,
        at,
      })
      await recordActivity(trx, {
        personId: actor,
        entityType: 'application',
        entityId: input.applicationId,
        action: 'suggestion_dismissed',
        at,
        detail: { requirementId: input.requirementId, key: input.key },
      })
    })
  }

  /**
   * One change to one item (application × requirement) in one transaction, once the item may be rated, at the
   * clock's time; returns the item after it.
   */
  private async changeItem(
    item: { applicationId: number; requirementId: number },
    work: (scope: {
      trx: Kysely<Database>
      repo: AssessmentRepository
      application: AssessedApplication
      requirement: RequirementRow
      actor: number | null
      at: string
    }) => Promise<void>,
  ): Promise<AssessmentResultDto> {
    const actor = await this.workspace.currentPersonId()
    await this.db.transaction().execute(async (trx) => {
      await requireRows(trx, 'application', item.applicationId, 'write')
      const repo = new AssessmentRepository(trx)
      const application = await requireApplication(repo, item.applicationId)
      const requirement = await requireRateable(repo, application, item.requirementId)
      await work({ trx, repo, application, requirement, actor, at: this.ctx.clock.timestamp() })
    })
    return this.result(item.applicationId, item.requirementId)
  }

  /** Requirements × applicants of one posting, must-haves first. */
  async compare(postingId: number, applicationIds: number[]): Promise<CompareDto> {
    await requireRows(this.db, 'posting', postingId)
    await requireRows(this.db, 'application', applicationIds)
    return compareApplicants(this.db, postingId, applicationIds)
  }

  /** Every live application of a posting with its fit and ratings, in batches (see `postingAssessmentReport`). */
  postingReport(postingId: number, batch = 500): AsyncGenerator<ApplicationAssessmentReport[]> {
    return postingAssessmentReport(this.db, postingId, batch)
  }

  /** The item as it is now, with the application's fit. */
  private async result(applicationId: number, requirementId: number): Promise<AssessmentResultDto> {
    const sheet = await this.sheet(applicationId)
    const item = sheet.items.find((entry) => entry.requirement.id === requirementId)
    if (!item) throw AppError.of('requirement_not_assessed', { id: requirementId })
    return { item, fit: sheet.fit }
  }

  private compute(
    requirements: readonly RequirementRow[],
    documents: readonly { id: number; sha256: string; text: string }[],
  ): SuggestionDto[] {
    return this.suggestionMemo.suggestions(requirements, documents, this.ctx.clock.now())
  }
}
