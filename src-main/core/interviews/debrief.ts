import type {
  DebriefItemDto,
  DebriefRatingDto,
  FeedbackAccess,
  FocusItemDto,
  PersonRole,
  ScorecardRating,
} from '@contract'

export interface AccessQuestion {
  viewerId: number | null
  viewerRole: PersonRole | null
  /** The viewer has submitted a scorecard (any version) for an interview of this application. */
  viewerHasSubmitted: boolean
  postingHiringManagerId: number | null
  /** The viewer asked to see everything (the hiring manager's switch). */
  reveal: boolean
}

/**
 * The posting's hiring manager may reveal every scorecard; a posting without one falls back to people whose role
 * is hiring manager. Nobody else sees another person's feedback before submitting their own.
 */
export function isHiringManager(question: Omit<AccessQuestion, 'viewerHasSubmitted' | 'reveal'>): boolean {
  if (question.viewerId === null) return false
  if (question.postingHiringManagerId !== null) return question.postingHiringManagerId === question.viewerId
  return question.viewerRole === 'hiring_manager'
}

export function feedbackAccess(question: AccessQuestion): FeedbackAccess {
  if (question.viewerHasSubmitted) return 'own_submitted'
  if (question.reveal && isHiringManager(question)) return 'hiring_manager'
  return 'locked'
}

export interface DebriefScorecardInput {
  interviewId: number
  interviewerId: number
  interviewerName: string
  stepName: string
  ratings: { key: string; label: string; rating: ScorecardRating | null; note: string }[]
}

export interface PlanFocus {
  item: FocusItemDto
  stepNames: string[]
}

const mean = (values: number[]) =>
  values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length

/**
 * Who said what for each focus item: every item of the plan (in plan order), then anything rated that the plan
 * no longer has (from its label kept on the scorecard). A spread of 2 or more between ratings is a disagreement.
 */
export function debriefItems(plan: PlanFocus[], scorecards: DebriefScorecardInput[]): DebriefItemDto[] {
  const items = new Map<string, Omit<DebriefItemDto, 'unrated' | 'spread' | 'disagreement' | 'mean'>>()
  for (const { item, stepNames } of plan) {
    items.set(item.key, {
      key: item.key,
      kind: item.kind,
      label: item.label,
      requirementId: item.requirementId,
      competencyId: item.competencyId,
      stepNames,
      ratings: [],
    })
  }
  for (const scorecard of scorecards) {
    for (const entry of scorecard.ratings) {
      let item = items.get(entry.key)
      if (!item) {
        const kind = entry.key.startsWith('competency:') ? 'competency' : 'requirement'
        const id = Number(entry.key.split(':')[1])
        item = {
          key: entry.key,
          kind,
          label: entry.label,
          requirementId: kind === 'requirement' ? id : null,
          competencyId: kind === 'competency' ? id : null,
          stepNames: [],
          ratings: [],
        }
        items.set(entry.key, item)
      }
      const rating: DebriefRatingDto = {
        interviewId: scorecard.interviewId,
        interviewerId: scorecard.interviewerId,
        interviewerName: scorecard.interviewerName,
        stepName: scorecard.stepName,
        rating: entry.rating,
        note: entry.note,
      }
      item.ratings.push(rating)
    }
  }
  return [...items.values()].map((item) => {
    const values = item.ratings.flatMap((entry) => (entry.rating === null ? [] : [entry.rating]))
    const spread = values.length === 0 ? null : Math.max(...values) - Math.min(...values)
    return {
      ...item,
      unrated: values.length === 0,
      spread,
      disagreement: spread !== null && spread >= 2,
      mean: mean(values),
    }
  })
}
