import type { ReportRowDto } from '@contract'
import { sql, type SqlBool } from 'kysely'
import { assessedSections } from '../assessments/ratings'
import { calibrationScorecards, computeCalibration } from '../interviews/calibration'
import { InterviewRepository } from '../interviews/repository'
import { cohortWhere } from './cohort'
import { drilldownPage, parseSegment, segmentKey } from './drilldown'
import { pick, type Localized, type ReportDefinition, type ReportQuery } from './report-definition'
import { rate } from './statistics'

const sections = sql.join(assessedSections.map((section) => sql.lit(section)))
/** The chart shows this many of the hardest requirements; the table lists them all. */
const HARDEST_SHOWN = 15

interface CoverageRow {
  id: number
  posting_title: string
  section: string
  text: string
  must_have: number
  /** Applicants per rating value: 0 unknown, 1 not met, 2 partial, 3 met, 4 exceeds. */
  counts: number[]
}

/**
 * The cohort's ratings counted per requirement and rating. The scan reads only the index of ratings by
 * requirement; an application is checked against the cohort in a set built once (the `+` keeps SQLite from
 * looking ratings up application by application). Without a source or a date, the cohort is every application
 * of the postings in play, so only the few merged ones need leaving out.
 */
async function coverageCounts(query: ReportQuery): Promise<CoverageRow[]> {
  const { filters } = query
  const membership =
    filters.source === null && filters.fromInstant === null && filters.toInstant === null
      ? sql`+x.application_id NOT IN (SELECT id FROM applications WHERE merged_into_id IS NOT NULL)`
      : sql`+x.application_id IN (SELECT a.id FROM applications a JOIN postings p ON p.id = a.posting_id
          WHERE ${cohortWhere(filters)})`
  const counts = await sql<{ requirement_id: number; rating: number; n: number }>`
    SELECT x.requirement_id, x.rating, COUNT(*) AS n
    FROM requirements r
    JOIN postings p ON p.id = r.posting_id
    JOIN assessments x INDEXED BY assessments_by_requirement ON x.requirement_id = r.id
    WHERE r.archived_at IS NULL AND r.section IN (${sections})
      ${filters.postingId === null ? sql`` : sql`AND r.posting_id = ${filters.postingId}`}
      ${filters.levelId === null ? sql`` : sql`AND p.level_id = ${filters.levelId}`}
      AND ${membership}
    GROUP BY x.requirement_id, x.rating`.execute(query.db)
  const byRequirement = new Map<number, number[]>()
  for (const row of counts.rows) {
    const tally = byRequirement.get(row.requirement_id) ?? [0, 0, 0, 0, 0]
    tally[row.rating] = Number(row.n)
    byRequirement.set(row.requirement_id, tally)
  }
  if (byRequirement.size === 0) return []
  const requirements = await query.db
    .selectFrom('requirements as r')
    .innerJoin('postings as p', 'p.id', 'r.posting_id')
    .select(['r.id', 'p.title as posting_title', 'r.section', 'r.text', 'r.must_have'])
    .where('r.id', 'in', [...byRequirement.keys()])
    .execute()
  return requirements.map((row) => ({
    ...row,
    must_have: Number(row.must_have),
    counts: byRequirement.get(row.id) ?? [],
  }))
}

const SECTION_LABELS: Record<string, Localized> = {
  responsibility: { en: 'Responsibility', fr: 'Responsabilité' },
  requirement: { en: 'Requirement', fr: 'Exigence' },
  nice_to_have: { en: 'Nice to have', fr: 'Atout' },
}

/**
 * Requirement coverage: per live assessed item of the postings in play, the share of the cohort's applicants
 * rated met (or exceeds), partial, not met and unknown. Sorted hardest first: the lowest share met, then
 * the highest share not met.
 */
export const coverageReport: ReportDefinition = {
  name: 'requirement-coverage',
  title: { en: 'Requirement coverage', fr: 'Couverture des exigences' },
  description: {
    en: 'For each requirement, the share of applicants rated met, partial, not met or still unknown: which requirements are hardest to fill.',
    fr: 'Pour chaque exigence, la part des candidatures jugées satisfaites, partielles, non satisfaites ou encore inconnues : les exigences les plus difficiles à pourvoir.',
  },
  run: async (query) => {
    const { language } = query
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
    const toRow = (entry: (typeof rows)[number]): ReportRowDto => ({
      cells: {
        requirement: entry.row.text,
        posting: entry.row.posting_title,
        section: pick(language, SECTION_LABELS[entry.row.section] ?? { en: entry.row.section, fr: entry.row.section }),
        mustHave: pick(language, entry.row.must_have ? { en: 'yes', fr: 'oui' } : { en: 'no', fr: 'non' }),
        applicants: entry.applicants,
        met: entry.met,
        partial: entry.partial,
        notMet: entry.notMet,
        unknown: entry.unknown,
      },
      segment: segmentKey({ kind: 'requirement', value: String(entry.row.id) }),
    })
    const columns = [
      { key: 'requirement', label: pick(language, { en: 'Requirement', fr: 'Exigence' }), type: 'text' as const },
      { key: 'posting', label: pick(language, { en: 'Posting', fr: 'Annonce' }), type: 'text' as const },
      { key: 'section', label: pick(language, { en: 'Section', fr: 'Section' }), type: 'text' as const },
      { key: 'mustHave', label: pick(language, { en: 'Must-have', fr: 'Éliminatoire' }), type: 'text' as const },
      { key: 'applicants', label: pick(language, { en: 'Applicants', fr: 'Candidatures' }), type: 'integer' as const },
      {
        key: 'met',
        label: pick(language, { en: 'Met or exceeds', fr: 'Satisfaite ou dépassée' }),
        type: 'percent' as const,
      },
      { key: 'partial', label: pick(language, { en: 'Partial', fr: 'Partielle' }), type: 'percent' as const },
      { key: 'notMet', label: pick(language, { en: 'Not met', fr: 'Non satisfaite' }), type: 'percent' as const },
      { key: 'unknown', label: pick(language, { en: 'Unknown', fr: 'Inconnue' }), type: 'percent' as const },
    ]
    return {
      tables: [
        {
          id: 'hardest',
          title: pick(language, { en: 'Hardest to fill', fr: 'Les plus difficiles à pourvoir' }),
          columns,
          rows: rows.slice(0, HARDEST_SHOWN).map(toRow),
        },
        {
          id: 'requirements',
          title: pick(language, { en: 'Every requirement', fr: 'Toutes les exigences' }),
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
    const requirement = await query.db
      .selectFrom('requirements')
      .select('text')
      .where('id', '=', requirementId)
      .executeTakeFirst()
    const text = requirement?.text ?? `#${requirementId}`
    return await drilldownPage(
      query,
      sql`EXISTS (SELECT 1 FROM assessments x WHERE x.application_id = a.id AND x.requirement_id = ${requirementId} AND x.rating < 3)`,
      pick(query.language, { en: `Not met yet: ${text}`, fr: `Pas encore satisfaite : ${text}` }),
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
  title: { en: 'Interviewer calibration', fr: 'Calibrage des intervieweurs' },
  description: {
    en: 'Per interviewer, over decided applications: how they rate, how far from the rest of the panel, what they leave unrated, and how often their “yes” was hired.',
    fr: 'Par intervieweur, sur les candidatures décidées : leur notation, l’écart avec le reste du jury, ce qu’ils laissent sans note, et la part de leurs « oui » embauchés.',
  },
  run: async (query) => {
    const { language } = query
    const rows = await new InterviewRepository(query.db).decidedScorecards({
      cohort: cohortWhere(query.filters).$castTo<SqlBool>(),
    })
    const interviewers = computeCalibration(calibrationScorecards(rows))
    const label = (text: Localized) => pick(language, text)
    return {
      tables: [
        {
          id: 'interviewers',
          title: label({ en: 'By interviewer', fr: 'Par intervieweur' }),
          columns: [
            { key: 'interviewer', label: label({ en: 'Interviewer', fr: 'Intervieweur' }), type: 'text' },
            { key: 'scorecards', label: label({ en: 'Scorecards', fr: 'Grilles' }), type: 'integer' },
            ...([1, 2, 3, 4] as const).map((score) => ({
              key: `rated${score}`,
              label: label({ en: `Rated ${score}`, fr: `Noté ${score}` }),
              type: 'percent' as const,
            })),
            { key: 'meanRating', label: label({ en: 'Mean rating', fr: 'Note moyenne' }), type: 'number' },
            {
              key: 'difference',
              label: label({ en: 'Difference from panel', fr: 'Écart au jury' }),
              type: 'number',
            },
            { key: 'unrated', label: label({ en: 'Left unrated', fr: 'Sans note' }), type: 'percent' },
            { key: 'yes', label: label({ en: '“Yes” decided', fr: '« Oui » décidés' }), type: 'integer' },
            { key: 'yesHired', label: label({ en: '“Yes” hired', fr: '« Oui » embauchés' }), type: 'integer' },
            {
              key: 'yesHireRate',
              label: label({ en: '“Yes” hire rate', fr: 'Taux d’embauche des « oui »' }),
              type: 'percent',
            },
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
    const person = await query.db.selectFrom('people').select('name').where('id', '=', personId).executeTakeFirst()
    const name = person?.name ?? `#${personId}`
    return await drilldownPage(
      query,
      sql`a.status != 'active' AND EXISTS (SELECT 1 FROM interviews i JOIN scorecards s ON s.interview_id = i.id
        WHERE i.application_id = a.id AND i.interviewer_id = ${personId} AND s.status = 'submitted')`,
      pick(query.language, { en: `Scored by ${name}`, fr: `Évaluées par ${name}` }),
      page,
    )
  },
}

export const assessmentReports: readonly ReportDefinition[] = [coverageReport, calibrationReport]
