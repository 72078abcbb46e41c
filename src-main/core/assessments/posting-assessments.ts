import type { CompareDto, EvidenceSource, FitDto, Rating } from '@contract/assessments'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import { AppError } from '../errors'
import { sortRequirements, toRequirementDto } from '../postings/requirement-mapping'
import { fitColumns, toFitDto } from './fit'
import { ratingOf } from './ratings'
import { AssessmentRepository } from './repository'

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

/** Requirements × applicants of one posting, must-haves first. */
export async function compareApplicants(
  db: Kysely<Database>,
  postingId: number,
  applicationIds: number[],
): Promise<CompareDto> {
  const repo = new AssessmentRepository(db)
  const posting = await repo.findPosting(postingId)
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
  if (first) throw AppError.of('compare_only_posting', { path: first.path }, issues)
  const requirements = sortRequirements(await repo.liveRequirements(postingId)).sort(
    (a, b) => b.must_have - a.must_have,
  )
  const [rows, totals] = await Promise.all([repo.assessmentsOf(applicationIds), repo.postingTotals(postingId)])
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
export async function* postingAssessmentReport(
  db: Kysely<Database>,
  postingId: number,
  batch: number,
): AsyncGenerator<ApplicationAssessmentReport[]> {
  const repo = new AssessmentRepository(db)
  const posting = await repo.findPosting(postingId)
  if (!posting) throw AppError.of('posting_not_found', { id: postingId })
  const requirements = sortRequirements(await repo.liveRequirements(postingId))
  const totals = await repo.postingTotals(postingId)
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
