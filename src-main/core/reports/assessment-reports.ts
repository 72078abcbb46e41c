import type { ReportRowDto } from '@contract'
import { assessedSections } from '../assessments/ratings'
import { calibrationOfRows } from '../interviews/calibration'
import type { CoverageRequirement } from './assessment-repository'
import { drilldownPage, parseSegment, segmentKey } from './drilldown'
import { inEveryLanguage, type LabelKey } from './labels'
import type { ReportDefinition, ReportQuery } from './report-definition'
import { rate } from './statistics'

/** The chart shows this many of the hardest requirements; the table lists them all. */
const HARDEST_SHOWN = 15

interface CoverageRow extends CoverageRequirement {
  /** Applicants per rating value: 0 unknown, 1 not met, 2 partial, 3 met, 4 exceeds. */
  counts: number[]
}

/** The cohort's ratings counted per live assessed requirement and rating. */
async function coverageCounts(query: ReportQuery): Promise<CoverageRow[]> {
  const { assessments } = query.repositories
  const byRequirement = new Map<number, number[]>()
  for (const row of await assessments.ratingCounts(query.filters)) {
    const tally = byRequirement.get(row.requirement_id) ?? [0, 0, 0, 0, 0]
    tally[row.rating] = Number(row.n)
    byRequirement.set(row.requirement_id, tally)
  }
  if (byRequirement.size === 0) return []
  const requirements = await assessments.requirements([...byRequirement.keys()])
  return requirements.map((row) => ({
    ...row,
    must_have: Number(row.must_have),
    counts: byRequirement.get(row.id) ?? [],
  }))
}

const sectionKey = (section: string): LabelKey | null => {
  const known = assessedSections.find((candidate) => candidate === section)
  return known ? `sections.${known}` : null
}

const COVERAGE_COLUMNS = [
  ['requirement', 'text'],
  ['posting', 'text'],
  ['section', 'text'],
  ['mustHave', 'text'],
  ['applicants', 'integer'],
  ['met', 'percent'],
  ['partial', 'percent'],
  ['notMet', 'percent'],
  ['unknown', 'percent'],
] as const

/**
 * Requirement coverage: per live assessed item of the postings in play, the share of the cohort's applicants
 * rated met (or exceeds), partial, not met and unknown. Sorted hardest first: the lowest share met, then
 * the highest share not met.
 */
export const coverageReport: ReportDefinition = {
  name: 'requirement-coverage',
  title: inEveryLanguage('coverage.title'),
  description: inEveryLanguage('coverage.description'),
  run: async (query) => {
    const { labels: label } = query
    // Each application has a row per live item (unknown until rated), so the counts cover every applicant.
    const rows = (await coverageCounts(query))
      .map((row) => {
        const [unknown = 0, notMet = 0, partial = 0, met = 0, exceeds = 0] = row.counts
        const applicants = unknown + notMet + partial + met + exceeds
        const share = (count: number) => rate(count, applicants) ?? 0
        return {
          row,
          applicants,
          met: share(met + exceeds),
          partial: share(partial),
          notMet: share(notMet),
          unknown: share(unknown),
        }
      })
      .sort((a, b) => a.met - b.met || b.notMet - a.notMet || a.row.id - b.row.id)
    const sectionLabel = (section: string) => {
      const key = sectionKey(section)
      return key ? label(key) : section
    }
    const toRow = (entry: (typeof rows)[number]): ReportRowDto => ({
      cells: {
        requirement: entry.row.text,
        posting: entry.row.posting_title,
        section: sectionLabel(entry.row.section),
        mustHave: label(entry.row.must_have ? 'yes' : 'no'),
        applicants: entry.applicants,
        met: entry.met,
        partial: entry.partial,
        notMet: entry.notMet,
        unknown: entry.unknown,
      },
      segment: segmentKey({ kind: 'requirement', value: String(entry.row.id) }),
    })
    const columns = COVERAGE_COLUMNS.map(([key, type]) => ({ key, label: label(`coverage.${key}`), type }))
    return {
      tables: [
        {
          id: 'hardest',
          title: label('coverage.hardest'),
          columns,
          rows: rows.slice(0, HARDEST_SHOWN).map(toRow),
        },
        {
          id: 'requirements',
          title: label('coverage.every'),
          columns,
          rows: rows.map(toRow),
        },
      ],
      chart: {
        kind: 'stacked-horizontal-bar',
        table: 'hardest',
        category: 'requirement',
        series: ['met', 'partial', 'notMet', 'unknown'],
        format: 'percent',
        colors: ['green', 'yellow', 'red', 'gray'],
      },
    }
  },
  drilldown: async (query, key, page) => {
    const requirementId = Number(parseSegment(key, 'requirement').value)
    const text = (await query.repositories.assessments.requirementText(requirementId)) ?? `#${requirementId}`
    return await drilldownPage(
      query,
      { kind: 'requirement-not-met', requirementId },
      query.labels('coverage.drilldown', { text }),
      page,
    )
  },
}

/**
 * Interviewer calibration over the cohort's decided applications (hired, rejected, withdrawn): how each
 * interviewer rates, against the rest of the panel on the same applications, and how often their "yes" was
 * hired. Active applications are left out so that scorecards stay independent until the decision.
 */
export const calibrationReport: ReportDefinition = {
  name: 'calibration',
  title: inEveryLanguage('calibration.title'),
  description: inEveryLanguage('calibration.description'),
  run: async (query) => {
    const { labels: label } = query
    const rows = await query.repositories.assessments.decidedScorecards(query.filters)
    const interviewers = calibrationOfRows(rows)
    return {
      tables: [
        {
          id: 'interviewers',
          title: label('calibration.table'),
          columns: [
            { key: 'interviewer', label: label('calibration.interviewer'), type: 'text' },
            { key: 'scorecards', label: label('calibration.scorecards'), type: 'integer' },
            ...([1, 2, 3, 4] as const).map((score) => ({
              key: `rated${score}`,
              label: label('calibration.rated', { score }),
              type: 'percent' as const,
            })),
            { key: 'meanRating', label: label('calibration.meanRating'), type: 'number' },
            { key: 'difference', label: label('calibration.difference'), type: 'number' },
            { key: 'unrated', label: label('calibration.unrated'), type: 'percent' },
            { key: 'yes', label: label('calibration.yes'), type: 'integer' },
            { key: 'yesHired', label: label('calibration.yesHired'), type: 'integer' },
            { key: 'yesHireRate', label: label('calibration.yesHireRate'), type: 'percent' },
          ],
          rows: interviewers.map((entry) => {
            const given = entry.ratingCounts[1] + entry.ratingCounts[2] + entry.ratingCounts[3] + entry.ratingCounts[4]
            return {
              cells: {
                interviewer: entry.name,
                scorecards: entry.scorecards,
                rated1: rate(entry.ratingCounts[1], given),
                rated2: rate(entry.ratingCounts[2], given),
                rated3: rate(entry.ratingCounts[3], given),
                rated4: rate(entry.ratingCounts[4], given),
                meanRating: entry.meanRating,
                difference: entry.meanDifferenceFromPanel,
                unrated: entry.unratedShare,
                yes: entry.yesDecided,
                yesHired: entry.yesHired,
                yesHireRate: entry.yesHireRate,
              },
              segment: segmentKey({ kind: 'interviewer', value: String(entry.personId) }),
            }
          }),
        },
      ],
      chart: {
        kind: 'stacked-horizontal-bar',
        table: 'interviewers',
        category: 'interviewer',
        series: ['rated1', 'rated2', 'rated3', 'rated4'],
        format: 'percent',
        colors: ['red', 'yellow', 'teal', 'green'],
      },
    }
  },
  drilldown: async (query, key, page) => {
    const personId = Number(parseSegment(key, 'interviewer').value)
    const name = (await query.repositories.assessments.personName(personId)) ?? `#${personId}`
    return await drilldownPage(
      query,
      { kind: 'scored-by', personId },
      query.labels('calibration.drilldown', { name }),
      page,
    )
  },
}

export const assessmentReports: readonly ReportDefinition[] = [coverageReport, calibrationReport]
