import { z } from 'zod'
import { byId, id, name } from './common'
import { returns } from './define'
import type { PostingStatus } from './postings'

export const applicationStatuses = ['active', 'hired', 'rejected', 'withdrawn'] as const
export type ApplicationStatus = (typeof applicationStatuses)[number]
/** Statuses that end an application; rejected and withdrawn need a reason. */
export const closedStatuses = ['hired', 'rejected', 'withdrawn'] as const
export type ClosedStatus = (typeof closedStatuses)[number]
/** 'hired': the posting's one terminal stage, always last; hired applications sit there and active ones never do. */
export type StageKind = 'open' | 'hired'

/** The pipeline a posting starts with (editable per posting). */
export const DEFAULT_STAGES: readonly string[] = ['Applied', 'Screen', 'Interview', 'Offer', 'Hired']
export const MAX_STAGES = 30
export const REASON_MAX = 2000

export const applicantSortColumns = ['name', 'stage', 'status', 'source', 'applied', 'inStage', 'activity'] as const
export type ApplicantSortColumn = (typeof applicantSortColumns)[number]

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
  list: { input: z.object({ postingId: id }).strict(), output: returns<StageDto[]>() },
  /** Adds an open stage at `position` (default: just before the hired stage). */
  add: {
    input: z
      .object({ postingId: id, name: stageName, position: z.number().int().min(0).max(MAX_STAGES).optional() })
      .strict(),
    output: returns<StageDto[]>(),
  },
  rename: { input: z.object({ id, name: stageName }).strict(), output: returns<StageDto[]>() },
  /** The posting's open stages in their new order; the hired stage stays last. */
  reorder: {
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
  remove: { input: byId, output: returns<StageDto[]>() },
}

export const applicationsContract = {
  list: {
    input: z
      .object({
        postingId: id,
        offset: z.number().int().nonnegative().max(10_000_000).default(0),
        limit: z.number().int().min(1).max(500).default(100),
        sort: z.enum(applicantSortColumns).default('applied'),
        direction: z.enum(['asc', 'desc']).default('desc'),
        stageId: id.optional(),
        status: z.enum(applicationStatuses).optional(),
        source: z.string().trim().max(100).default(''),
        text: z.string().trim().max(200).default(''),
      })
      .strict(),
    output: returns<ApplicantPageDto>(),
  },
  facets: { input: z.object({ postingId: id }).strict(), output: returns<ApplicantFacetsDto>() },
  get: { input: byId, output: returns<ApplicationDetailDto>() },
  /** Refused when the candidate already applied to the posting, or the posting is closed. */
  add: {
    input: z.object({ candidateId: id, postingId: id, stageId: id.optional(), source: source.optional() }).strict(),
    output: returns<ApplicationDto>(),
  },
  addMany: {
    input: z
      .object({ postingId: id, candidateIds: z.array(id).min(1).max(1000) })
      .strict()
      .transform((value) => ({ ...value, candidateIds: [...new Set(value.candidateIds)] })),
    output: returns<AddManyResultDto>(),
  },
  /** Moves an active application to another stage of its posting; the hired stage means hiring it. */
  move: {
    input: z.object({ id, stageId: id, reason: reason.default('') }).strict(),
    output: returns<ApplicationDto>(),
  },
  /** Hire, reject or withdraw (rejected and withdrawn need a reason), or reopen as active (into `stageId`). */
  setStatus: {
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
