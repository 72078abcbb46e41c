import type {
  InterviewBriefDto,
  InterviewSummaryDto,
  ScorecardRating,
  RatingEntryDto,
  ScalePointDto,
  ScorecardDto,
} from '@contract'
import { RESUME_MAX_CHARS } from '@contract/interviews'
import { AppError } from '../errors'
import { loadPostingRubric, parseQuestions, stepFocus, type PostingRubric } from './plan-service'
import type { InterviewRepository } from './repository'

export type InterviewView = Awaited<ReturnType<InterviewRepository['interviewViews']>>[number]
type ScorecardRowWithAuthor = Awaited<ReturnType<InterviewRepository['scorecardsOf']>>[number]
type RatingRow = Awaited<ReturnType<InterviewRepository['ratingsOf']>>[number]

export function toInterviewSummary(view: InterviewView): InterviewSummaryDto {
  const submitted = view.submitted_version === null ? null : Number(view.submitted_version)
  const drafting = view.draft_version !== null
  return {
    id: view.id,
    applicationId: view.application_id,
    applicationStatus: view.application_status,
    candidateId: view.candidate_id,
    candidateName: view.candidate_name,
    postingId: view.posting_id,
    postingTitle: view.posting_title,
    stepId: view.step_id,
    stepName: view.step_name,
    stepPosition: view.step_position,
    interviewerId: view.interviewer_id,
    interviewerName: view.interviewer_name,
    scheduledAt: view.scheduled_at,
    durationMinutes: view.duration_minutes,
    scorecardState: submitted === null ? (drafting ? 'draft' : 'none') : drafting ? 'amending' : 'submitted',
    submittedVersion: submitted,
    submittedAt: view.submitted_at ?? null,
  }
}

/** A stored 1–4 rating; anything else reads as not rated. */
export const asRating = (value: number | null): ScorecardRating | null =>
  value === 1 || value === 2 || value === 3 || value === 4 ? value : null

export function toScorecardDto(row: ScorecardRowWithAuthor, ratings: RatingRow[]): ScorecardDto {
  const own = ratings.filter((rating) => rating.scorecard_id === row.id)
  return {
    id: row.id,
    interviewId: row.interview_id,
    version: row.version,
    status: row.status,
    authorName: row.author_name,
    content: {
      ratings: own.map((rating): RatingEntryDto => ({
        key: rating.focus_key,
        rating: asRating(rating.rating),
        note: rating.note,
      })),
      keyTakeaways: row.key_takeaways,
      recommendation: row.recommendation,
    },
    labels: Object.fromEntries(own.map((rating) => [rating.focus_key, rating.label])),
    source: row.source,
    externalRevision: row.external_revision,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    submittedAt: row.submitted_at,
  }
}

/** Printed on kits and carried in packets; the app shows its own translated labels. */
const SCALE_MEANINGS: Record<ScorecardRating, string> = {
  1: 'Well below the level',
  2: 'The level below',
  3: 'Meets this level',
  4: 'The next level',
}

function scale(levels: { below: string | null; at: string; above: string | null }): ScalePointDto[] {
  return [
    { rating: 1, meaning: SCALE_MEANINGS[1], levelTitle: null },
    { rating: 2, meaning: SCALE_MEANINGS[2], levelTitle: levels.below },
    { rating: 3, meaning: SCALE_MEANINGS[3], levelTitle: levels.at },
    { rating: 4, meaning: SCALE_MEANINGS[4], levelTitle: levels.above },
  ]
}

/**
 * Everything an interviewer needs for one interview, read with the given repository (inside a transaction,
 * pass the transaction's). The résumé is the candidate's latest readable document, as plain text.
 */
export async function loadBrief(
  repo: InterviewRepository,
  workspace: { uid: string; name: string },
  view: InterviewView,
): Promise<{ brief: InterviewBriefDto; rubric: PostingRubric }> {
  const [rubric, application, step, interviewer, extras] = await Promise.all([
    loadPostingRubric(repo, view.posting_id),
    repo.findApplication(view.application_id),
    repo.findStep(view.step_id),
    repo.findPerson(view.interviewer_id),
    repo.candidateExtras(view.candidate_id),
  ])
  if (!application || !step || !interviewer) throw AppError.of('interview_incomplete', { id: view.id })
  const focusRows = await repo.focusOfSteps([step.id])
  const applied = `Applied ${application.created_at.slice(0, 10)}${application.source ? ` via ${application.source}` : ''}`
  return {
    rubric,
    brief: {
      workspace,
      interviewId: view.id,
      posting: {
        title: rubric.posting.title,
        team: rubric.posting.team,
        levelTitle: rubric.posting.level_title,
        ladderName: rubric.posting.ladder_name,
      },
      candidate: {
        name: application.candidate_name,
        location: application.candidate_location,
        links: extras.links,
        tags: extras.tags,
        summary: `${applied}; stage: ${application.stage_name} (${application.status}).`,
      },
      resumeText: extras.resume.slice(0, RESUME_MAX_CHARS),
      step: { name: step.name, durationMinutes: view.duration_minutes, questions: parseQuestions(step.questions) },
      interviewer: { name: interviewer.name, email: interviewer.email },
      scheduledAt: view.scheduled_at,
      scale: scale(rubric.rubric.levelTitles()),
      focusItems: stepFocus(rubric, focusRows),
    },
  }
}
