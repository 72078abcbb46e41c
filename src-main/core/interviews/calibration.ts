import type { InterviewerCalibrationDto, Recommendation, ScorecardRating } from '@contract'

export type ApplicationOutcome = 'hired' | 'rejected' | 'withdrawn'

export type RatingTally = Record<ScorecardRating, number>

export interface CalibrationScorecard {
  applicationId: number
  outcome: ApplicationOutcome
  interviewerId: number
  interviewerName: string
  recommendation: Recommendation
  /** How many focus items got each rating. */
  counts: RatingTally
  /** Focus items left unrated. */
  unrated: number
}

/** One row per submitted scorecard of `InterviewRepository.decidedScorecards`, its ratings counted in SQL. */
export interface DecidedScorecardRow {
  recommendation: Recommendation | null
  application_id: number
  merged_into_id: number | null
  application_status: 'active' | ApplicationOutcome
  interviewer_id: number
  interviewer_name: string
  rated1: number
  rated2: number
  rated3: number
  rated4: number
  unrated: number
}

export function calibrationScorecards(rows: readonly DecidedScorecardRow[]): CalibrationScorecard[] {
  return rows.flatMap((row) =>
    row.application_status === 'active' || row.recommendation === null
      ? []
      : [
          {
            applicationId: row.merged_into_id ?? row.application_id,
            outcome: row.application_status,
            interviewerId: row.interviewer_id,
            interviewerName: row.interviewer_name,
            recommendation: row.recommendation,
            counts: { 1: Number(row.rated1), 2: Number(row.rated2), 3: Number(row.rated3), 4: Number(row.rated4) },
            unrated: Number(row.unrated),
          },
        ],
  )
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

const scores = [1, 2, 3, 4] as const
const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length
const round = (value: number) => Math.round(value * 1000) / 1000

/** The number and the sum of the ratings given on these scorecards. */
function totals(list: readonly CalibrationScorecard[]): { count: number; sum: number } {
  let count = 0
  let sum = 0
  for (const scorecard of list)
    for (const score of scores) {
      count += scorecard.counts[score]
      sum += score * scorecard.counts[score]
    }
  return { count, sum }
}

/**
 * Per interviewer: how many scorecards, how they rate, how far from the rest of the panel on the same
 * applications, how much they leave unrated, and how often their "yes" ended in a hire.
 */
export function computeCalibration(scorecards: CalibrationScorecard[]): InterviewerCalibrationDto[] {
  const byApplication = groupBy(scorecards, (scorecard) => scorecard.applicationId)
  const people = groupBy(scorecards, (scorecard) => scorecard.interviewerId)

  return [...people.entries()]
    .map(([personId, own]): InterviewerCalibrationDto => {
      const counts: RatingTally = { 1: 0, 2: 0, 3: 0, 4: 0 }
      for (const scorecard of own) for (const score of scores) counts[score] += scorecard.counts[score]
      const given = totals(own)
      const differences = [...new Set(own.map((scorecard) => scorecard.applicationId))].flatMap((applicationId) => {
        const panel = byApplication.get(applicationId) ?? []
        const mine = totals(panel.filter((scorecard) => scorecard.interviewerId === personId))
        const others = totals(panel.filter((scorecard) => scorecard.interviewerId !== personId))
        return mine.count > 0 && others.count > 0
          ? [mine.sum / mine.count - (mine.sum + others.sum) / (mine.count + others.count)]
          : []
      })
      const unrated = own.reduce((sum, scorecard) => sum + scorecard.unrated, 0)
      const entries = given.count + unrated
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
        meanRating: given.count === 0 ? null : round(given.sum / given.count),
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
