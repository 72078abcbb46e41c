import { z } from 'zod'
import type { FitDto } from './assessments'
import {
  applicantSortColumns,
  applicationStatuses,
  givenRatings,
  mustHaveFilters,
  sortDirections,
  type ApplicationStatus,
  type PostingStatus,
  type Rating,
  type StageKind,
} from './closed-lists'
import { byId, id, name } from './common'
import { hiringTeam, panel, recruiters } from './access'
import { returns } from './define'

export {
  applicantSortColumns,
  applicationStatuses,
  closedStatuses,
  mustHaveFilters,
  stageKinds,
  type ApplicantSortColumn,
  type ApplicationStatus,
  type ClosedStatus,
  type MustHaveFilter,
  type StageKind,
} from './closed-lists'

/** The pipeline a posting starts with (editable per posting). */
export const DEFAULT_STAGES: readonly string[] = ['Applied', 'Screen', 'Interview', 'Offer', 'Hired']
export const MAX_STAGES = 30
export const REASON_MAX = 2000

export interface StageDto {
  id: number
  postingId: number
  /** 0-based, in pipeline order. */
  position: number
  name: string
  kind: StageKind
  /** Applications sitting in this stage, by status (merged leftovers not counted). */
  counts: Record<ApplicationStatus, number>
}

/** One line of a posting's applicants table (and one card of its board). */
export interface ApplicantRowDto {
  /** The application's id. */
  id: number
  candidateId: number
  name: string
  email: string | null
  stageId: number
  stageName: string
  stagePosition: number
  status: ApplicationStatus
  reason: string
  source: string
  appliedAt: string
  stageEnteredAt: string
  /** When it was hired, rejected or withdrawn; null while active. */
  closedAt: string | null
  /** Last move or status change. */
  updatedAt: string
  /** Whole days in the current stage, up to now or to when it was closed. */
  daysInStage: number
  fit: FitDto
  /** Rating per live assessed requirement id; absent means unknown. */
  ratings: Record<number, Rating>
}

export interface ApplicantPageDto {
  rows: ApplicantRowDto[]
  total: number
  offset: number
}

export interface ApplicationDto {
  id: number
  candidateId: number
  candidateName: string
  postingId: number
  postingTitle: string
  postingStatus: PostingStatus
  stageId: number
  stageName: string
  stageKind: StageKind
  status: ApplicationStatus
  reason: string
  source: string
  createdAt: string
  updatedAt: string
  stageEnteredAt: string
  closedAt: string | null
  /**
   * The latest stage event (set on the result of a change): undoing that change names it, and is refused once
   * a newer one exists.
   */
  lastEventId?: number
}

export interface StageEventDto {
  id: number
  /** The application it belongs to: another one for history carried over by a candidate merge. */
  applicationId: number
  fromStage: { id: number; name: string } | null
  toStage: { id: number; name: string }
  fromStatus: ApplicationStatus | null
  toStatus: ApplicationStatus
  reason: string
  person: string | null
  at: string
}

/** Time spent in one stage, summed over every visit (the clock stops while the application is closed). */
export interface TimeInStageDto {
  stageId: number
  stageName: string
  ms: number
  visits: number
  /** The application is in this stage now and active: its time is still counting. */
  current: boolean
}

export interface ApplicationDetailDto extends ApplicationDto {
  /** Oldest first; includes the history of applications merged into this one. */
  events: StageEventDto[]
  timeInStages: TimeInStageDto[]
}

export interface AddManyResultDto {
  added: number
  /** Candidates who had already applied: left as they were. */
  alreadyApplied: number
}

/** A bulk change covers at most this many applications: bigger ones are refused whole. */
export const BULK_MAX = 10_000

/**
 * What undoes a change: for stage changes, the stage event each application got (undo is refused when a
 * later event exists, i.e. someone changed it since); for tags, the tags that were added.
 */
export type UndoTokenDto =
  | { kind: 'stage'; entries: { applicationId: number; eventId: number }[] }
  | { kind: 'tags'; entries: { candidateId: number; tag: string }[] }

export interface BulkSkipDto {
  applicationId: number
  name: string
  why: string
}

export interface BulkResultDto {
  /** Applications the change reached. */
  matched: number
  changed: number
  /** Left as they were, with why (the first 50). */
  skipped: BulkSkipDto[]
  skippedCount: number
  /** Null when nothing changed or the change cannot be undone. */
  undo: UndoTokenDto | null
}

export interface UndoResultDto {
  undone: number
}

export interface ApplicantFacetsDto {
  sources: string[]
}

const stageName = name(80)
const reason = z.string().trim().max(REASON_MAX, `Too long (at most ${REASON_MAX} characters)`)
const source = z
  .string()
  .trim()
  .max(100, 'Too long (at most 100 characters)')
  .refine((value) => !/[\r\n]/.test(value), 'Must be a single line')

export const stagesContract = {
  list: { access: hiringTeam, input: z.object({ postingId: id }).strict(), output: returns<StageDto[]>() },
  /** Adds an open stage at `position` (default: just before the hired stage). */
  add: {
    access: hiringTeam,
    input: z
      .object({ postingId: id, name: stageName, position: z.number().int().min(0).max(MAX_STAGES).optional() })
      .strict(),
    output: returns<StageDto[]>(),
  },
  rename: { access: hiringTeam, input: z.object({ id, name: stageName }).strict(), output: returns<StageDto[]>() },
  /** The posting's open stages in their new order; the hired stage stays last. */
  reorder: {
    access: hiringTeam,
    input: z
      .object({ postingId: id, stageIds: z.array(id).min(1).max(MAX_STAGES) })
      .strict()
      .refine((value) => new Set(value.stageIds).size === value.stageIds.length, {
        message: 'A stage appears twice',
        path: ['stageIds'],
      }),
    output: returns<StageDto[]>(),
  },
  /** Refused while applications sit in the stage. */
  remove: { access: hiringTeam, input: byId, output: returns<StageDto[]>() },
}

const listFilter = {
  stageId: id.optional(),
  status: z.enum(applicationStatuses).optional(),
  source: z.string().trim().max(100).default(''),
  text: z.string().trim().max(200).default(''),
  mustHaves: z.enum(mustHaveFilters).optional(),
  atLeast: z
    .array(z.object({ requirementId: id, rating: z.enum(givenRatings) }).strict())
    .max(20, 'At most 20 rating filters')
    .default([]),
}

const tag = z
  .string()
  .trim()
  .min(1, 'Required')
  .max(60, 'Too long (at most 60 characters)')
  .refine((value) => !/[\r\n]/.test(value), 'Must be a single line')

export const bulkActionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('move'), stageId: id }).strict(),
  z.object({ kind: z.literal('reject'), reason: reason.min(1, 'A reason is required to reject') }).strict(),
  z.object({ kind: z.literal('withdraw'), reason: reason.min(1, 'A reason is required to withdraw') }).strict(),
  z.object({ kind: z.literal('tag'), tag }).strict(),
  z.object({ kind: z.literal('addToPosting'), postingId: id }).strict(),
])
export type BulkAction = z.infer<typeof bulkActionSchema>

const undoTokenSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('stage'),
      entries: z
        .array(z.object({ applicationId: id, eventId: id }).strict())
        .min(1)
        .max(BULK_MAX, `At most ${BULK_MAX} changes at once`),
    })
    .strict(),
  z
    .object({
      kind: z.literal('tags'),
      entries: z
        .array(z.object({ candidateId: id, tag }).strict())
        .min(1)
        .max(BULK_MAX, `At most ${BULK_MAX} changes at once`),
    })
    .strict(),
])

export const applicationsContract = {
  list: {
    access: hiringTeam,
    input: z
      .object({
        postingId: id,
        offset: z.number().int().nonnegative().max(10_000_000).default(0),
        limit: z.number().int().min(1).max(500).default(100),
        sort: z.enum(applicantSortColumns).default('applied'),
        direction: z.enum(sortDirections).default('desc'),
        stageId: id.optional(),
        status: z.enum(applicationStatuses).optional(),
        source: z.string().trim().max(100).default(''),
        text: z.string().trim().max(200).default(''),
        /** Required with sort "rating": the requirement whose rating orders the rows. */
        ratingOf: id.optional(),
        /** all_met: every must-have rated met or exceeds; knocked_out: a must-have rated not met. */
        mustHaves: z.enum(mustHaveFilters).optional(),
        /** Each: the requirement's rating is at least this one ("Redis ≥ partial"). */
        atLeast: z
          .array(z.object({ requirementId: id, rating: z.enum(givenRatings) }).strict())
          .max(20, 'At most 20 rating filters')
          .default([]),
      })
      .strict()
      .refine((value) => value.sort !== 'rating' || value.ratingOf !== undefined, {
        message: 'Sorting by rating needs the requirement (ratingOf)',
        path: ['ratingOf'],
      }),
    output: returns<ApplicantPageDto>(),
  },
  facets: { access: hiringTeam, input: z.object({ postingId: id }).strict(), output: returns<ApplicantFacetsDto>() },
  get: { access: panel, input: byId, output: returns<ApplicationDetailDto>() },
  /** Refused when the candidate already applied to the posting, or the posting is closed. */
  add: {
    access: recruiters,
    input: z.object({ candidateId: id, postingId: id, stageId: id.optional(), source: source.optional() }).strict(),
    output: returns<ApplicationDto>(),
  },
  addMany: {
    access: recruiters,
    input: z
      .object({ postingId: id, candidateIds: z.array(id).min(1).max(1000) })
      .strict()
      .transform((value) => ({ ...value, candidateIds: [...new Set(value.candidateIds)] })),
    output: returns<AddManyResultDto>(),
  },
  /**
   * One change to many applications of a posting, in one transaction: the listed ones, or every one matching
   * the filter. Over BULK_MAX applications it is refused whole.
   */
  bulk: {
    access: hiringTeam,
    input: z
      .object({
        postingId: id,
        ids: z
          .array(id)
          .min(1)
          .max(BULK_MAX, `At most ${BULK_MAX.toLocaleString('en')} applicants at once`)
          .optional(),
        filter: z.object(listFilter).strict().optional(),
        action: bulkActionSchema,
      })
      .strict()
      .refine((value) => (value.ids === undefined) !== (value.filter === undefined), {
        message: 'Give either the applications (ids) or a filter',
        path: ['ids'],
      }),
    output: returns<BulkResultDto>(),
  },
  /** Undoes a move, a status change or a bulk change; refused whole if any of them changed since. */
  undo: { access: hiringTeam, input: z.object({ token: undoTokenSchema }).strict(), output: returns<UndoResultDto>() },
  /**
   * Moves an active application to another stage of its posting; the hired stage means hiring it. `fromStageId`,
   * the stage the caller saw it in, turns a move someone else made meanwhile into a conflict naming them.
   */
  move: {
    access: hiringTeam,
    input: z.object({ id, stageId: id, reason: reason.default(''), fromStageId: id.optional() }).strict(),
    output: returns<ApplicationDto>(),
  },
  /** Hire, reject or withdraw (rejected and withdrawn need a reason), or reopen as active (into `stageId`). */
  setStatus: {
    access: hiringTeam,
    input: z
      .object({ id, status: z.enum(applicationStatuses), reason: reason.default(''), stageId: id.optional() })
      .strict()
      .superRefine((value, ctx) => {
        if ((value.status === 'rejected' || value.status === 'withdrawn') && !value.reason) {
          ctx.addIssue({ code: 'custom', path: ['reason'], message: `A reason is required to mark it ${value.status}` })
        }
      }),
    output: returns<ApplicationDto>(),
  },
}
