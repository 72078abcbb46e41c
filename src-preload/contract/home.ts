import { z } from 'zod'
import { signedIn } from './access'
import { returns } from './define'

/** An interview of mine whose scorecard is not submitted, up to the end of my day. */
export interface DueScorecardDto {
  interviewId: number
  applicationId: number
  candidateName: string
  postingId: number
  postingTitle: string
  stepName: string
  scheduledAt: string
  /** Scheduled before the start of my day. */
  overdue: boolean
  /** A draft exists. */
  started: boolean
}

/** Active applicants sitting in one stage of a posting, and since when the longest-waiting one is there. */
export interface WaitingStageDto {
  postingId: number
  postingTitle: string
  stageId: number
  stageName: string
  count: number
  oldestSince: string
  /** Whole days the longest-waiting one has been there. */
  longestDays: number
}

/** An item of an open posting no applicant has a rating for yet. */
export interface UnassessedItemDto {
  postingId: number
  postingTitle: string
  requirementId: number
  text: string
  mustHave: boolean
}

export interface HomeDto {
  /** "mine": the open postings whose hiring manager I am; "all": every open posting (I manage none). */
  postingScope: 'mine' | 'all'
  dueScorecards: DueScorecardDto[]
  waiting: WaitingStageDto[]
  unassessed: UnassessedItemDto[]
  /** Unassessed items beyond the ones listed. */
  unassessedMore: number
}

const instant = z.iso.datetime({ offset: true, error: 'A date and time such as 2026-03-02T09:30:00Z' })

export const homeContract = {
  /** What needs me: `dayStart`/`dayEnd` bound my day in my own time zone. */
  summary: {
    access: signedIn,
    input: z
      .object({ dayStart: instant, dayEnd: instant })
      .strict()
      .refine((value) => Date.parse(value.dayStart) < Date.parse(value.dayEnd), {
        message: 'The day must start before it ends',
        path: ['dayEnd'],
      }),
    output: returns<HomeDto>(),
  },
}
