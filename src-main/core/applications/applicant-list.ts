import { BULK_MAX } from '@contract/applications'
import type {
  ApplicantPageDto,
  ApplicantSortColumn,
  ApplicationStatus,
  MustHaveFilter,
  Rating,
  SortDirection,
} from '@contract'
import type { Kysely } from 'kysely'
import { searchMatch } from '../candidates/search-repository'
import type { Database } from '../db/schema'
import { AppError } from '../errors'
import { toFitDto } from '../assessments/fit'
import { ratingOf, valueOf } from '../assessments/ratings'
import { AssessmentRepository } from '../assessments/repository'
import { ApplicantPageRepository } from './applicant-page-repository'
import { daysInStage } from './time-in-stage'

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

export interface BulkFilter {
  stageId?: number | undefined
  status?: ApplicationStatus | undefined
  source: string
  text: string
  mustHaves?: MustHaveFilter | undefined
  atLeast: { requirementId: number; rating: Exclude<Rating, 'unknown'> }[]
}

/**
 * One page of a posting's applicants with their fit and ratings, sorted and filtered in SQL (also by fit,
 * by one requirement's rating, "all must-haves met", "knocked out" and "<requirement> ≥ <rating>").
 */
export async function listApplicants(
  db: Kysely<Database>,
  input: ApplicantListInput,
  now: Date,
): Promise<ApplicantPageDto> {
  const repo = new ApplicantPageRepository(db)
  const assessments = new AssessmentRepository(db)
  const match = input.text ? searchMatch(db, input.text, ['name', 'contact']) : null
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
  if (first) throw AppError.of('list_foreign_requirement', { path: first.path }, unknown)
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

/** Ids of every application matching the filter, up to one past the bulk limit (enough to refuse it). */
export async function matchingIds(db: Kysely<Database>, postingId: number, filter: BulkFilter): Promise<number[]> {
  const repo = new ApplicantPageRepository(db)
  const match = filter.text ? searchMatch(db, filter.text, ['name', 'contact']) : null
  if (filter.text && match === null) return []
  const requirements = await new AssessmentRepository(db).liveRequirementFlags(postingId)
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
