import type { InterviewerCalibrationDto, ScorecardRating, Recommendation } from '@contract'

export type ApplicationOutcome = 'hired' | 'rejected' | 'withdrawn'

export interface CalibrationScorecard {
  applicationId: number
  outcome: ApplicationOutcome
  interviewerId: number
  interviewerName: string
  recommendation: Recommendation
  /** One entry per focus item on the scorecard; null = left unrated. */
  ratings: (ScorecardRating | null)[]
}

function groupBy<T>(items: T[], key: (item: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>()
  for (const item of items) {
    const group = groups.get(key(item))
    if (group) group.push(item)
    else groups.set(key(item), [item])
  }
  return groups
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length
const round = (value: number) => Math.round(value * 1000) / 1000

/**
 * Per interviewer: how many scorecards, how they rate, how far from the rest of the panel on the same
 * applications, how much they leave unrated, and how often their "yes" ended in a hire.
 */
export function computeCalibration(scorecards: CalibrationScorecard[]): InterviewerCalibrationDto[] {
  const byApplication = groupBy(scorecards, (scorecard) => scorecard.applicationId)
  const people = groupBy(scorecards, (scorecard) => scorecard.interviewerId)
  const rated = (list: CalibrationScorecard[]) =>
    list.flatMap((scorecard) => scorecard.ratings.filter((rating): rating is ScorecardRating => rating !== null))

  return [...people.entries()]
    .map(([personId, own]): InterviewerCalibrationDto => {
      const values = rated(own)
      const counts: Record<ScorecardRating, number> = { 1: 0, 2: 0, 3: 0, 4: 0 }
      for (const value of values) counts[value]++
      const differences = [...new Set(own.map((scorecard) => scorecard.applicationId))].flatMap((applicationId) => {
        const panel = byApplication.get(applicationId) ?? []
        const mine = rated(panel.filter((scorecard) => scorecard.interviewerId === personId))
        const othersRated = panel.some(
          (scorecard) => scorecard.interviewerId !== personId && scorecard.ratings.some((rating) => rating !== null),
        )
        return mine.length > 0 && othersRated ? [mean(mine) - mean(rated(panel))] : []
      })
      const entries = own.reduce((sum, scorecard) => sum + scorecard.ratings.length, 0)
      const unrated = own.reduce(
        (sum, scorecard) => sum + scorecard.ratings.filter((rating) => rating === null).length,
        0,
      )
      const yes = own.filter(
        (scorecard) =>
          (scorecard.recommendation === 'yes' || scorecard.recommendation === 'strong_yes') &&
          scorecard.outcome !== 'withdrawn',
      )
      const yesHired = yes.filter((scorecard) => scorecard.outcome === 'hired').length
      return {
        personId,
        name: own[0]?.interviewerName ?? '',
        scorecards: own.length,
        ratingCounts: counts,
        meanRating: values.length === 0 ? null : round(mean(values)),
        meanDifferenceFromPanel: differences.length === 0 ? null : round(mean(differences)),
        panelApplications: differences.length,
        unratedShare: entries === 0 ? null : round(unrated / entries),
        yesDecided: yes.length,
        yesHired,
        yesHireRate: yes.length === 0 ? null : round(yesHired / yes.length),
      }
    })
    .sort((a, b) => a.name.localeCompare(b.name) || a.personId - b.personId)
}
