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

/** One row per submitted scorecard of `InterviewRepository.decidedScorecards`. */
export interface DecidedScorecardRow {
  recommendation: Recommendation | null
  application_id: number
  merged_into_id: number | null
  application_status: 'active' | ApplicationOutcome
  interviewer_id: number
  interviewer_name: string
  /** One digit per focus item, in the items' order: its rating 1–4, or 0 when left unrated (`scorecard_tallies`). */
  ratings: string | null
}

const ZERO = '0'.charCodeAt(0)

/** A scorecard's digits counted per rating, and those left unrated (0). */
function tally(ratings: string | null): { counts: RatingTally; unrated: number } {
  const counts: RatingTally = { 1: 0, 2: 0, 3: 0, 4: 0 }
  let unrated = 0
  const digits = ratings ?? ''
  for (let index = 0; index < digits.length; index++) {
    const digit = digits.charCodeAt(index) - ZERO
    if (digit === 0) unrated++
    else counts[digit as ScorecardRating]++
  }
  return { counts, unrated }
}

export function calibrationScorecards(rows: readonly DecidedScorecardRow[]): CalibrationScorecard[] {
  const scorecards: CalibrationScorecard[] = []
  for (const row of rows) {
    if (row.application_status === 'active' || row.recommendation === null) continue
    const { counts, unrated } = tally(row.ratings)
    scorecards.push({
      applicationId: row.merged_into_id ?? row.application_id,
      outcome: row.application_status,
      interviewerId: row.interviewer_id,
      interviewerName: row.interviewer_name,
      recommendation: row.recommendation,
      counts,
      unrated,
    })
  }
  return scorecards
}

const scores = [1, 2, 3, 4] as const
const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length
const round = (value: number) => Math.round(value * 1000) / 1000

/** The number and the sum of ratings given: integers, so a panel's tally less one interviewer's is exact. */
interface Given {
  count: number
  sum: number
}

interface Interviewer {
  name: string
  scorecards: number
  counts: RatingTally
  unrated: number
  yes: number
  yesHired: number
  /** Their ratings per application, in the order of their first scorecard there (the order differences add up in). */
  applications: Map<number, Given>
}

function add(given: Given, counts: RatingTally): void {
  for (const score of scores) {
    given.count += counts[score]
    given.sum += score * counts[score]
  }
}

/**
 * Per interviewer: how many scorecards, how they rate, how far from the rest of the panel on the same
 * applications, how much they leave unrated, and how often their "yes" ended in a hire. One pass over the
 * scorecards (96,000 at 100,000 candidates), then one over each interviewer's applications.
 */
export function computeCalibration(scorecards: CalibrationScorecard[]): InterviewerCalibrationDto[] {
  const panels = new Map<number, Given>()
  const interviewers = new Map<number, Interviewer>()
  for (const scorecard of scorecards) {
    let panel = panels.get(scorecard.applicationId)
    if (!panel) panels.set(scorecard.applicationId, (panel = { count: 0, sum: 0 }))
    add(panel, scorecard.counts)
    let own = interviewers.get(scorecard.interviewerId)
    if (!own) {
      own = {
        name: scorecard.interviewerName,
        scorecards: 0,
        counts: { 1: 0, 2: 0, 3: 0, 4: 0 },
        unrated: 0,
        yes: 0,
        yesHired: 0,
        applications: new Map(),
      }
      interviewers.set(scorecard.interviewerId, own)
    }
    own.scorecards += 1
    for (const score of scores) own.counts[score] += scorecard.counts[score]
    own.unrated += scorecard.unrated
    if (
      (scorecard.recommendation === 'yes' || scorecard.recommendation === 'strong_yes') &&
      scorecard.outcome !== 'withdrawn'
    ) {
      own.yes += 1
      if (scorecard.outcome === 'hired') own.yesHired += 1
    }
    let mine = own.applications.get(scorecard.applicationId)
    if (!mine) own.applications.set(scorecard.applicationId, (mine = { count: 0, sum: 0 }))
    add(mine, scorecard.counts)
  }

  return [...interviewers.entries()]
    .map(([personId, own]): InterviewerCalibrationDto => {
      const differences: number[] = []
      for (const [applicationId, mine] of own.applications) {
        const panel = panels.get(applicationId) ?? mine
        if (mine.count > 0 && panel.count - mine.count > 0)
          differences.push(mine.sum / mine.count - panel.sum / panel.count)
      }
      const given = { count: 0, sum: 0 }
      add(given, own.counts)
      const entries = given.count + own.unrated
      return {
        personId,
        name: own.name,
        scorecards: own.scorecards,
        ratingCounts: own.counts,
        meanRating: given.count === 0 ? null : round(given.sum / given.count),
        meanDifferenceFromPanel: differences.length === 0 ? null : round(mean(differences)),
        panelApplications: differences.length,
        unratedShare: entries === 0 ? null : round(own.unrated / entries),
        yesDecided: own.yes,
        yesHired: own.yesHired,
        yesHireRate: own.yes === 0 ? null : round(own.yesHired / own.yes),
      }
    })
    .sort((a, b) => a.name.localeCompare(b.name) || a.personId - b.personId)
}
