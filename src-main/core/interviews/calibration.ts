import type { InterviewerCalibrationDto, Recommendation, ScorecardRating } from '@contract'

type ApplicationOutcome = 'hired' | 'rejected' | 'withdrawn'

type RatingTally = Record<ScorecardRating, number>

interface CalibrationScorecard {
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
  recommendation: Recommendation
  application_id: number
  merged_into_id: number | null
  application_status: 'active' | ApplicationOutcome
  interviewer_id: number
  interviewer_name: string
  /** One digit per focus item, in the items' order: its rating 1–4, or 0 when left unrated (`interview_tallies`). */
  ratings: string
}

const ZERO = '0'.charCodeAt(0)

/**
 * The calibration of the decided applications' scorecards, as the repository reads them: each row's digits are
 * counted as it comes and added to the tallies, and nothing is kept per scorecard (96,000 at 100,000 candidates).
 */
export function calibrationOfRows(rows: readonly DecidedScorecardRow[]): InterviewerCalibrationDto[] {
  const calibration = new Calibration()
  const counts: RatingTally = { 1: 0, 2: 0, 3: 0, 4: 0 }
  for (const row of rows) {
    if (row.application_status === 'active') continue
    counts[1] = counts[2] = counts[3] = counts[4] = 0
    let unrated = 0
    for (let index = 0; index < row.ratings.length; index++) {
      const digit = row.ratings.charCodeAt(index) - ZERO
      if (digit === 0) unrated++
      else counts[digit as ScorecardRating]++
    }
    calibration.add({
      applicationId: row.merged_into_id ?? row.application_id,
      outcome: row.application_status,
      interviewerId: row.interviewer_id,
      interviewerName: row.interviewer_name,
      recommendation: row.recommendation,
      counts,
      unrated,
    })
  }
  return calibration.result()
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length
const round = (value: number) => Math.round(value * 1000) / 1000

interface Interviewer {
  name: string
  scorecards: number
  counts: RatingTally
  unrated: number
  yes: number
  yesHired: number
  /**
   * The number and the sum of their ratings per application, in the order of their first scorecard there (the
   * order differences add up in). Integers, as the panel's: a mean less another is then the same everywhere.
   */
  given: Map<number, number>
  sums: Map<number, number>
}

/**
 * Scorecards added one at a time, then one pass over each interviewer's applications. Numbers, not objects,
 * per application: the maps are the only allocation that grows with the scorecards.
 */
class Calibration {
  private readonly panelGiven = new Map<number, number>()
  private readonly panelSums = new Map<number, number>()
  private readonly interviewers = new Map<number, Interviewer>()

  add(scorecard: CalibrationScorecard): void {
    const { applicationId, counts } = scorecard
    const given = counts[1] + counts[2] + counts[3] + counts[4]
    const sum = counts[1] + 2 * counts[2] + 3 * counts[3] + 4 * counts[4]
    this.panelGiven.set(applicationId, (this.panelGiven.get(applicationId) ?? 0) + given)
    this.panelSums.set(applicationId, (this.panelSums.get(applicationId) ?? 0) + sum)
    let own = this.interviewers.get(scorecard.interviewerId)
    if (!own) {
      own = {
        name: scorecard.interviewerName,
        scorecards: 0,
        counts: { 1: 0, 2: 0, 3: 0, 4: 0 },
        unrated: 0,
        yes: 0,
        yesHired: 0,
        given: new Map(),
        sums: new Map(),
      }
      this.interviewers.set(scorecard.interviewerId, own)
    }
    own.scorecards += 1
    own.counts[1] += counts[1]
    own.counts[2] += counts[2]
    own.counts[3] += counts[3]
    own.counts[4] += counts[4]
    own.unrated += scorecard.unrated
    if (
      (scorecard.recommendation === 'yes' || scorecard.recommendation === 'strong_yes') &&
      scorecard.outcome !== 'withdrawn'
    ) {
      own.yes += 1
      if (scorecard.outcome === 'hired') own.yesHired += 1
    }
    own.given.set(applicationId, (own.given.get(applicationId) ?? 0) + given)
    own.sums.set(applicationId, (own.sums.get(applicationId) ?? 0) + sum)
  }

  result(): InterviewerCalibrationDto[] {
    return [...this.interviewers.entries()]
      .map(([personId, own]): InterviewerCalibrationDto => {
        const differences: number[] = []
        for (const [applicationId, mine] of own.given) {
          const mySum = own.sums.get(applicationId) ?? 0
          const panel = this.panelGiven.get(applicationId) ?? mine
          const panelSum = this.panelSums.get(applicationId) ?? mySum
          if (mine > 0 && panel - mine > 0) differences.push(mySum / mine - panelSum / panel)
        }
        const { counts } = own
        const given = counts[1] + counts[2] + counts[3] + counts[4]
        const sum = counts[1] + 2 * counts[2] + 3 * counts[3] + 4 * counts[4]
        const entries = given + own.unrated
        return {
          personId,
          name: own.name,
          scorecards: own.scorecards,
          ratingCounts: own.counts,
          meanRating: given === 0 ? null : round(sum / given),
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
}
