import type { FocusItemDto } from '@contract'
import { describe, expect, it } from 'vitest'
import { calibrationOfRows, type DecidedScorecardRow } from './calibration'
import { debriefItems, feedbackAccess } from './debrief'

const anchors = { below: null, at: { levelId: 1, levelTitle: 'L', text: null }, above: null }
const focus = (key: string, label: string): FocusItemDto => {
  const [kind, id] = key.split(':') as ['requirement' | 'competency', string]
  return {
    key,
    kind,
    label,
    requirementId: kind === 'requirement' ? Number(id) : null,
    competencyId: kind === 'competency' ? Number(id) : null,
    section: kind === 'requirement' ? 'requirement' : null,
    competencyName: null,
    competencyDescription: '',
    anchors,
  }
}

describe('who may see the other scorecards', () => {
  const base = { viewerId: 2, viewerRole: 'interviewer' as const, postingHiringManagerId: 1, reveal: false }
  it('opens once the viewer submitted their own', () => {
    expect(feedbackAccess({ ...base, viewerHasSubmitted: false })).toBe('locked')
    expect(feedbackAccess({ ...base, viewerHasSubmitted: true })).toBe('own_submitted')
  })
  it('lets the posting’s hiring manager reveal everything, on request only', () => {
    expect(feedbackAccess({ ...base, viewerId: 1, viewerHasSubmitted: false })).toBe('locked')
    expect(feedbackAccess({ ...base, viewerId: 1, viewerHasSubmitted: false, reveal: true })).toBe('hiring_manager')
    expect(feedbackAccess({ ...base, viewerHasSubmitted: false, reveal: true })).toBe('locked')
    // The role counts only when the posting names no hiring manager.
    const roleOnly = { ...base, viewerRole: 'hiring_manager' as const, viewerHasSubmitted: false, reveal: true }
    expect(feedbackAccess(roleOnly)).toBe('locked')
    expect(feedbackAccess({ ...roleOnly, postingHiringManagerId: null })).toBe('hiring_manager')
    expect(feedbackAccess({ ...roleOnly, postingHiringManagerId: null, viewerId: null })).toBe('locked')
  })
})

describe('debrief items', () => {
  it('lists who said what, flags a spread of 2 or more and items nobody rated', () => {
    const plan = [
      { item: focus('competency:1', 'System design'), stepNames: ['Deep dive'] },
      { item: focus('requirement:5', 'PostgreSQL'), stepNames: ['Deep dive', 'Behavioural'] },
      { item: focus('competency:2', 'Mentoring'), stepNames: ['Behavioural'] },
    ]
    const items = debriefItems(plan, [
      {
        interviewId: 10,
        interviewerId: 2,
        interviewerName: 'Sam',
        stepName: 'Deep dive',
        ratings: [
          { key: 'competency:1', label: 'System design', rating: 3, note: 'Good' },
          { key: 'requirement:5', label: 'PostgreSQL', rating: 1, note: 'Never tuned a query' },
          { key: 'competency:2', label: 'Mentoring', rating: null, note: '' },
        ],
      },
      {
        interviewId: 11,
        interviewerId: 3,
        interviewerName: 'Jordan',
        stepName: 'Behavioural',
        ratings: [
          { key: 'competency:1', label: 'System design', rating: 4, note: '' },
          { key: 'requirement:5', label: 'PostgreSQL', rating: 3, note: '' },
          { key: 'requirement:9', label: 'Kafka (removed since)', rating: 2, note: '' },
        ],
      },
    ])
    expect(items.map((item) => [item.label, item.spread, item.disagreement, item.unrated])).toEqual([
      ['System design', 1, false, false],
      ['PostgreSQL', 2, true, false],
      ['Mentoring', null, false, true],
      ['Kafka (removed since)', 0, false, false],
    ])
    expect(items[1]!.ratings.map((entry) => [entry.interviewerName, entry.rating, entry.note])).toEqual([
      ['Sam', 1, 'Never tuned a query'],
      ['Jordan', 3, ''],
    ])
    expect(items[1]).toMatchObject({ requirementId: 5, stepNames: ['Deep dive', 'Behavioural'], mean: 2 })
    expect(items[3]).toMatchObject({ requirementId: 9, stepNames: [] })
  })
})

describe('calibration', () => {
  /** A row as the repository reads it: the ratings as digits, 0 for an item left unrated. */
  const card = (
    applicationId: number,
    outcome: DecidedScorecardRow['application_status'],
    interviewerId: number,
    recommendation: DecidedScorecardRow['recommendation'],
    ratings: (1 | 2 | 3 | 4 | null)[],
  ): DecidedScorecardRow => ({
    application_id: applicationId,
    merged_into_id: null,
    application_status: outcome,
    interviewer_id: interviewerId,
    interviewer_name: { 1: 'Alex', 2: 'Sam', 3: 'Jordan' }[interviewerId] ?? '?',
    recommendation,
    ratings: ratings.map((rating) => rating ?? 0).join(''),
  })

  it('computes counts, distribution, difference from the panel, unrated share and the hire rate of "yes"', () => {
    const result = calibrationOfRows([
      card(1, 'hired', 2, 'yes', [3, 4, null]),
      card(1, 'hired', 3, 'no', [2, 2, 3]),
      card(2, 'rejected', 2, 'strong_yes', [4, 4]),
      card(2, 'rejected', 3, 'strong_no', [2, 1]),
      card(2, 'rejected', 1, 'yes', [3, null]),
      card(3, 'withdrawn', 2, 'yes', [3]),
    ])
    expect(result.map((entry) => entry.name)).toEqual(['Alex', 'Jordan', 'Sam'])
    const [alex, jordan, sam] = result
    expect(sam).toMatchObject({
      scorecards: 3,
      ratingCounts: { 1: 0, 2: 0, 3: 2, 4: 3 },
      meanRating: 3.6,
      panelApplications: 2,
      unratedShare: 0.167,
      yesDecided: 2,
      yesHired: 1,
      yesHireRate: 0.5,
    })
    // Application 1: 3.5 against a panel mean of 2.8; application 2: 4 against 2.8; application 3 had no panel.
    expect(sam!.meanDifferenceFromPanel).toBeCloseTo(0.95, 3)
    expect(jordan).toMatchObject({ ratingCounts: { 1: 1, 2: 3, 3: 1, 4: 0 }, meanRating: 2, unratedShare: 0 })
    expect(jordan!.meanDifferenceFromPanel).toBeCloseTo((7 / 3 - 2.8 + (1.5 - 2.8)) / 2, 3)
    expect(jordan).toMatchObject({ yesDecided: 0, yesHireRate: null })
    expect(alex).toMatchObject({ scorecards: 1, unratedShare: 0.5, yesDecided: 1, yesHired: 0, yesHireRate: 0 })
    expect(alex!.meanDifferenceFromPanel).toBeCloseTo(0.2, 3)
  })

  it("counts a merged application's scorecards in the panel of the application it was merged into", () => {
    const merged = { ...card(2, 'hired', 3, 'no', [1, 1]), merged_into_id: 1 }
    const [, sam] = calibrationOfRows([card(1, 'hired', 2, 'yes', [4, 4]), merged])
    // Sam's 4 against the panel's (4 + 4 + 1 + 1) / 4: one application with a panel, not two without.
    expect(sam).toMatchObject({ name: 'Sam', panelApplications: 1, meanDifferenceFromPanel: 1.5 })
  })

  it('is empty without scorecards', () => {
    expect(calibrationOfRows([])).toEqual([])
  })
})
