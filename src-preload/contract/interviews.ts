import { z } from 'zod'
import { byId, id, isoDateTime, name, type FileDownloadDto } from './common'
import { hiringTeam, panel, recruiters, signedIn } from './access'
import { returns } from './define'
import {
  assessedSections,
  focusKinds,
  kitLanguages,
  ratingValues,
  recommendations,
  type ApplicationStatus,
  type FocusKind,
  type Recommendation,
  type ScorecardRating,
  type RequirementSection,
  type ScorecardSource,
  type ScorecardStatus,
} from './closed-lists'

export {
  focusKinds,
  kitLanguages,
  ratingValues,
  recommendations,
  scorecardSources,
  scorecardStatuses,
  type FocusKind,
  type KitLanguage,
  type Recommendation,
  type ScorecardRating,
  type ScorecardSource,
  type ScorecardStatus,
} from './closed-lists'

/** Requirements of these sections are interview focus items; benefits and other text are not. */
export const focusSections = assessedSections

export const INTERVIEW_MIN_MINUTES = 5
export const INTERVIEW_MAX_MINUTES = 480
export const STEP_MAX_QUESTIONS = 40
export const STEP_MAX_FOCUS = 40
export const NOTE_MAX_CHARS = 5_000
export const TAKEAWAYS_MAX_CHARS = 20_000

/** The expectation of one level for the focus item's competency; `text` is null when none is written. */
export interface LevelAnchorDto {
  levelId: number
  levelTitle: string
  text: string | null
}

/** The levels beside the scale: below (rating 2), at (3) and above (4) the posting's level. */
export interface AnchorsDto {
  below: LevelAnchorDto | null
  at: LevelAnchorDto
  above: LevelAnchorDto | null
}

export interface FocusItemDto {
  /** `requirement:<id>` or `competency:<id>`: what a rating refers to, also in exchanged files. */
  key: string
  kind: FocusKind
  requirementId: number | null
  competencyId: number | null
  /** The requirement's text or the competency's name. */
  label: string
  section: RequirementSection | null
  /** The competency itself, or the one the requirement links; null for a requirement without a link. */
  competencyName: string | null
  competencyDescription: string
  anchors: AnchorsDto
}

export interface InterviewStepDto {
  id: number
  postingId: number
  position: number
  name: string
  durationMinutes: number
  questions: string[]
  focus: FocusItemDto[]
  /** Interviews scheduled for this step; a step with interviews cannot be removed. */
  interviews: number
}

export interface InterviewPlanDto {
  postingId: number
  postingTitle: string
  levelId: number
  levelTitle: string
  ladderId: number
  ladderName: string
  /** Sees every scorecard of the posting's applications when they ask to (see `debrief`). */
  hiringManagerId: number | null
  hiringManagerName: string | null
  steps: InterviewStepDto[]
  /** Everything a step may focus on: measured requirements, then the ladder's competencies. */
  focusOptions: FocusItemDto[]
}

export interface CopyPlanResultDto {
  plan: InterviewPlanDto
  copiedSteps: number
  /** Focus items with no counterpart in the target posting, as "step: item". */
  dropped: string[]
}

/** One point of the scale as printed on kits and packets; the app shows its own translated labels. */
export interface ScalePointDto {
  rating: ScorecardRating
  meaning: string
  /** The level the point reads against (2, 3, 4), or null. */
  levelTitle: string | null
}

/** Everything an interviewer needs for one interview: shown on the scorecard page, printed on the kit, sent in a packet. */
export interface InterviewBriefDto {
  workspace: { uid: string; name: string }
  interviewId: number
  posting: { title: string; team: string; levelTitle: string; ladderName: string }
  candidate: { name: string; location: string; links: string[]; tags: string[]; summary: string }
  /** The latest résumé's extracted text (plain text, shortened when very long). */
  resumeText: string
  step: { name: string; durationMinutes: number; questions: string[] }
  interviewer: { name: string; email: string | null }
  scheduledAt: string
  scale: ScalePointDto[]
  focusItems: FocusItemDto[]
}

export interface RatingEntryDto {
  key: string
  rating: ScorecardRating | null
  note: string
}

/** What an interviewer writes: a rating and note per focus item, key takeaways, a recommendation. */
export interface ScorecardContentDto {
  ratings: RatingEntryDto[]
  keyTakeaways: string
  recommendation: Recommendation | null
}

/** Who may see the other scorecards of an application, and why. */
export type FeedbackAccess = 'own_submitted' | 'hiring_manager' | 'locked'

export interface DebriefRatingDto {
  interviewId: number
  interviewerId: number
  interviewerName: string
  stepName: string
  rating: ScorecardRating | null
  note: string
}

export interface DebriefItemDto {
  key: string
  kind: FocusKind
  label: string
  /** Links to the requirement's evidence on the application. */
  requirementId: number | null
  competencyId: number | null
  /** The plan's steps that focus on it. */
  stepNames: string[]
  ratings: DebriefRatingDto[]
  /** Nobody gave it a rating. */
  unrated: boolean
  /** Highest minus lowest rating; null with no rating. */
  spread: number | null
  /** A spread of 2 or more. */
  disagreement: boolean
  mean: number | null
}

export interface DebriefScorecardDto {
  scorecardId: number
  interviewId: number
  version: number
  stepName: string
  interviewerId: number
  interviewerName: string
  recommendation: Recommendation
  keyTakeaways: string
  submittedAt: string
  source: ScorecardSource
}

export interface DebriefDto {
  applicationId: number
  candidateName: string
  postingId: number
  postingTitle: string
  access: FeedbackAccess
  /** The viewer is the posting's hiring manager and may reveal everything before submitting. */
  canReveal: boolean
  /** Submitted scorecards (latest version of each interview); empty while locked. */
  scorecards: DebriefScorecardDto[]
  /** Every focus item of the plan and anything rated outside it; empty while locked. */
  items: DebriefItemDto[]
  /** Interviews without a submitted scorecard yet (the schedule is never hidden). */
  waitingFor: { interviewId: number; interviewerName: string; stepName: string }[]
}

export interface InterviewerCalibrationDto {
  personId: number
  name: string
  /** Submitted scorecards (latest versions) on decided applications. */
  scorecards: number
  ratingCounts: Record<ScorecardRating, number>
  meanRating: number | null
  /** Mean over applications of (own mean rating − mean of every rating the panel gave that application). */
  meanDifferenceFromPanel: number | null
  /** Applications where at least one other interviewer rated too: the base of the difference. */
  panelApplications: number
  /** Focus items left unrated, as a share of the focus items on their scorecards. */
  unratedShare: number | null
  /** Scorecards recommending yes or strong yes, on hired or rejected applications. */
  yesDecided: number
  yesHired: number
  /** yesHired / yesDecided; null when they never said yes on a decided application. */
  yesHireRate: number | null
}

export interface CalibrationDto {
  postingId: number | null
  /** Decided applications (hired, rejected, withdrawn) with at least one submitted scorecard. */
  applications: number
  interviewers: InterviewerCalibrationDto[]
}

export const RESUME_MAX_CHARS = 200_000
export const SCORECARD_MAX_RATINGS = 200

export const scorecardRatingSchema = z.literal(ratingValues, {
  error: 'A rating is 1, 2, 3 or 4 (or empty: not rated)',
})
export const focusKeySchema = z
  .string()
  .regex(/^(requirement|competency):[1-9]\d{0,15}$/, 'Not a focus item key (requirement:ID or competency:ID)')

export const scorecardContentSchema = z
  .object({
    ratings: z
      .array(
        z
          .object({
            key: focusKeySchema,
            rating: scorecardRatingSchema.nullable(),
            note: z.string().max(NOTE_MAX_CHARS, `Too long (at most ${NOTE_MAX_CHARS} characters)`).default(''),
          })
          .strict(),
      )
      .max(SCORECARD_MAX_RATINGS)
      .refine(
        (ratings) => new Set(ratings.map((entry) => entry.key)).size === ratings.length,
        'A focus item is rated twice',
      ),
    keyTakeaways: z
      .string()
      .max(TAKEAWAYS_MAX_CHARS, `Too long (at most ${TAKEAWAYS_MAX_CHARS} characters)`)
      .default(''),
    recommendation: z.enum(recommendations).nullable().default(null),
  })
  .strict()

/** none: nothing written yet; amending: a submitted version exists and a new one is being written. */
export type ScorecardState = 'none' | 'draft' | 'submitted' | 'amending'

export interface InterviewSummaryDto {
  id: number
  applicationId: number
  applicationStatus: ApplicationStatus
  candidateId: number
  candidateName: string
  postingId: number
  postingTitle: string
  stepId: number
  stepName: string
  stepPosition: number
  interviewerId: number
  interviewerName: string
  scheduledAt: string
  durationMinutes: number
  /** Whether a scorecard exists and in what state; never its content. */
  scorecardState: ScorecardState
  /** The latest submitted version, or null. */
  submittedVersion: number | null
  submittedAt: string | null
}

export interface ScorecardDto {
  id: number
  interviewId: number
  version: number
  status: ScorecardStatus
  authorName: string | null
  content: ScorecardContentDto
  /** The label of each rated item as it read when scored. */
  labels: Record<string, string>
  source: ScorecardSource
  /** The revision of the imported file, for imported versions. */
  externalRevision: number | null
  createdAt: string
  updatedAt: string
  submittedAt: string | null
}

/** One interview's scorecard as the local person may see it. */
export interface ScorecardPageDto {
  interview: InterviewSummaryDto
  brief: InterviewBriefDto
  /** The local person is the interviewer: they write this scorecard. */
  mine: boolean
  access: FeedbackAccess
  canReveal: boolean
  /** Newest first. Someone else's drafts are never included; nothing at all while hidden. */
  versions: ScorecardDto[]
  hidden: boolean
}

export type ScorecardImportOutcome = 'imported' | 'amended' | 'unchanged'

export interface ScorecardImportResultDto {
  outcome: ScorecardImportOutcome
  interview: InterviewSummaryDto
  version: number
}

const scheduleFields = {
  interviewerId: id,
  scheduledAt: isoDateTime(),
  durationMinutes: z.number().int().min(INTERVIEW_MIN_MINUTES).max(INTERVIEW_MAX_MINUTES).optional(),
}

const focusRef = z.object({ kind: z.enum(focusKinds), id }).strict()
const question = z.string().trim().min(1, 'Required').max(2_000, 'Too long (at most 2000 characters)')

const stepFields = {
  name: name(120),
  durationMinutes: z
    .number()
    .int()
    .min(INTERVIEW_MIN_MINUTES, `At least ${INTERVIEW_MIN_MINUTES} minutes`)
    .max(INTERVIEW_MAX_MINUTES, `At most ${INTERVIEW_MAX_MINUTES} minutes`)
    .default(45),
  questions: z.array(question).max(STEP_MAX_QUESTIONS, `At most ${STEP_MAX_QUESTIONS} questions`).default([]),
  focus: z.array(focusRef).max(STEP_MAX_FOCUS, `At most ${STEP_MAX_FOCUS} focus items`).default([]),
}

export const interviewsContract = {
  plan: { access: hiringTeam, input: z.object({ postingId: id }).strict(), output: returns<InterviewPlanDto>() },
  addStep: {
    access: hiringTeam,
    input: z.object({ postingId: id, ...stepFields, position: z.number().int().min(0).optional() }).strict(),
    output: returns<InterviewPlanDto>(),
  },
  updateStep: {
    access: hiringTeam,
    input: z.object({ id, ...stepFields }).strict(),
    output: returns<InterviewPlanDto>(),
  },
  removeStep: { access: hiringTeam, input: z.object({ id }).strict(), output: returns<InterviewPlanDto>() },
  reorderSteps: {
    access: hiringTeam,
    input: z.object({ postingId: id, stepIds: z.array(id).min(1).max(100) }).strict(),
    output: returns<InterviewPlanDto>(),
  },
  /** Appends the other posting's steps; focus items are matched by competency and by requirement text. */
  copyPlan: {
    access: hiringTeam,
    input: z.object({ fromPostingId: id, toPostingId: id }).strict(),
    output: returns<CopyPlanResultDto>(),
  },
  list: {
    access: panel,
    input: z.object({ postingId: id.optional(), applicationId: id.optional() }).strict(),
    output: returns<InterviewSummaryDto[]>(),
  },
  /** The local person's interviews, soonest first. */
  mine: { access: signedIn, input: z.object({}).strict(), output: returns<InterviewSummaryDto[]>() },
  schedule: {
    access: hiringTeam,
    input: z.object({ applicationId: id, stepId: id, ...scheduleFields }).strict(),
    output: returns<InterviewSummaryDto>(),
  },
  reschedule: {
    access: hiringTeam,
    input: z.object({ id, ...scheduleFields }).strict(),
    output: returns<InterviewSummaryDto>(),
  },
  /** Refused once a scorecard was submitted for it. */
  cancel: { access: hiringTeam, input: byId, output: returns<{ id: number }>() },
  packet: { access: hiringTeam, input: byId, output: returns<FileDownloadDto>() },
  kit: {
    access: panel,
    input: z.object({ id, language: z.enum(kitLanguages).default('en') }).strict(),
    output: returns<FileDownloadDto>(),
  },
  debrief: {
    access: panel,
    input: z.object({ applicationId: id, reveal: z.boolean().default(false) }).strict(),
    output: returns<DebriefDto>(),
  },
  calibration: {
    access: hiringTeam,
    input: z.object({ postingId: id.optional() }).strict(),
    output: returns<CalibrationDto>(),
  },
  setHiringManager: {
    access: recruiters,
    input: z.object({ postingId: id, personId: id.nullable() }).strict(),
    output: returns<InterviewPlanDto>(),
  },
}
