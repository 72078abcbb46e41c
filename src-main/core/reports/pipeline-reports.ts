import type { ReportRowDto } from '@contract'
import { sql } from 'kysely'
import { AppError } from '../errors'
import { cohortSelect, cohortWhere, furthestSelect } from './cohort'
import { drilldownPage, parseSegment, segmentKey } from './drilldown'
import { pagedRows } from './paged-rows'
import { pick, type Localized, type ReportDefinition, type ReportQuery } from './report-definition'
import { addDays, DAY_MS, isoWeek, mondayOf, percentile, rate } from './statistics'

/** Live stages of the postings in play (the filtered posting, or those the cohort applied to), by name. */
/** Twenty years of weeks: a wider range is refused with a message rather than computed. */
export const MAX_ACTIVITY_WEEKS = 1_044

const stageNames = (query: ReportQuery) => {
  const posting = query.filters.postingId
  return sql`SELECT lower(s.name) AS key, MIN(s.name) AS name, AVG(s.position) AS position, MAX(s.kind = 'hired') AS hired
    FROM stages s
    WHERE s.archived_at IS NULL
      AND (s.posting_id IN (SELECT DISTINCT posting_id FROM cohort)${posting === null ? sql`` : sql` OR s.posting_id = ${posting}`})
    GROUP BY lower(s.name)`
}

interface StageName {
  key: string
  name: string
  position: number
  hired: number
}

/**
 * Pipeline funnel, by cohort: of the applications made in the range, how many reached each stage (entered
 * it or any later one, from their stage events), and the share of those that reached the next stage.
 * Across postings, stages are matched by name and ordered by their average position.
 */
export const funnelReport: ReportDefinition = {
  name: 'funnel',
  title: { en: 'Pipeline funnel', fr: 'Entonnoir du pipeline' },
  description: {
    en: 'Of the applications made in the period, how many reached each stage, and the pass-through rate to the next stage.',
    fr: 'Parmi les candidatures de la période, combien ont atteint chaque étape, et le taux de passage à l’étape suivante.',
  },
  run: async (query) => {
    const { language } = query
    const rows = await sql<StageName & { reached: number }>`WITH cohort AS (${cohortSelect(query.filters)}),
      furthest AS (${furthestSelect}),
      names AS (${stageNames(query)}),
      counts AS (
        SELECT lower(s.name) AS key, COUNT(*) AS reached
        FROM furthest f JOIN stages s ON s.posting_id = f.posting_id AND s.archived_at IS NULL AND s.position <= f.reached
        GROUP BY lower(s.name)
      )
      SELECT n.key, n.name, n.position, n.hired, COALESCE(c.reached, 0) AS reached
      FROM names n LEFT JOIN counts c ON c.key = n.key
      ORDER BY n.hired, n.position, n.key`.execute(query.db)
    const stages = rows.rows
    const first = stages[0]?.reached ?? 0
    const tableRows: ReportRowDto[] = stages.map((stage, index) => {
      const next = stages[index + 1]
      return {
        cells: {
          stage: stage.name,
          reached: stage.reached,
          passThrough: next ? rate(next.reached, stage.reached) : null,
          ofApplicants: rate(stage.reached, first),
        },
        segment: segmentKey({ kind: 'stage', value: stage.key }),
      }
    })
    return {
      tables: [
        {
          id: 'stages',
          title: pick(language, { en: 'Stages', fr: 'Étapes' }),
          columns: [
            { key: 'stage', label: pick(language, { en: 'Stage', fr: 'Étape' }), type: 'text' },
            { key: 'reached', label: pick(language, { en: 'Reached', fr: 'Atteinte' }), type: 'integer' },
            {
              key: 'passThrough',
              label: pick(language, { en: 'Pass-through to next', fr: 'Passage à la suivante' }),
              type: 'percent',
            },
            {
              key: 'ofApplicants',
              label: pick(language, { en: 'Share of applicants', fr: 'Part des candidatures' }),
              type: 'percent',
            },
          ],
          rows: tableRows,
        },
      ],
      chart: { kind: 'horizontal-bar', table: 'stages', category: 'stage', series: ['reached'], format: 'integer' },
    }
  },
  drilldown: async (query, key, page) => {
    const segment = parseSegment(key, 'stage')
    return await drilldownPage(
      query,
      sql`EXISTS (SELECT 1 FROM stages s2 WHERE s2.posting_id = a.posting_id AND s2.archived_at IS NULL
        AND lower(s2.name) = ${segment.value}
        AND s2.position <= (SELECT MAX(s3.position) FROM stage_events e
          JOIN stages s3 ON s3.id = e.to_stage_id AND s3.archived_at IS NULL WHERE e.application_id = a.id))`,
      pick(query.language, { en: `Reached “${segment.value}”`, fr: `Ont atteint « ${segment.value} »` }),
      page,
    )
  },
}

/**
 * Days each application spent in each stage while active, all visits added up, from its events in order
 * (application by application): the clock runs from an event into a stage as active until the next event,
 * or until `now` for the last one. Stages not counted (the hired stage, removed stages) have no key.
 * Returns, per stage key, the days of each application that was active in it, sorted.
 */
export function daysPerStage(
  events: readonly { application: number; stage: number; active: number; at: string }[],
  keyOf: ReadonlyMap<number, string>,
  now: number,
): Map<string, number[]> {
  const perStage = new Map<string, number[]>()
  const totals = new Map<string, number>()
  let application: number | null = null
  let running: { key: string | undefined; since: number } | null = null
  const flush = () => {
    if (running?.key !== undefined) totals.set(running.key, (totals.get(running.key) ?? 0) + (now - running.since))
    for (const [key, ms] of totals) {
      const list = perStage.get(key) ?? []
      list.push(ms / DAY_MS)
      perStage.set(key, list)
    }
    totals.clear()
    running = null
  }
  for (const event of events) {
    if (event.application !== application) {
      flush()
      application = event.application
    }
    const at = Date.parse(event.at)
    if (running?.key !== undefined)
      totals.set(running.key, (totals.get(running.key) ?? 0) + Math.max(0, at - running.since))
    const key = keyOf.get(event.stage)
    if (event.active && key !== undefined && !totals.has(key)) totals.set(key, 0)
    running = event.active ? { key, since: at } : null
  }
  flush()
  for (const list of perStage.values()) list.sort((a, b) => a - b)
  return perStage
}

/**
 * Time in stage: per stage, the median and 75th percentile of the days applications spent in it while
 * active (all their visits added up; still running for those in it now), from their stage events.
 */
export const timeInStageReport: ReportDefinition = {
  name: 'time-in-stage',
  title: { en: 'Time in stage', fr: 'Temps par étape' },
  description: {
    en: 'Days applications spent in each stage while active: median and 75th percentile.',
    fr: 'Jours passés dans chaque étape par les candidatures actives : médiane et 75e centile.',
  },
  run: async (query) => {
    const { language } = query
    const names = await sql<StageName>`WITH cohort AS (${cohortSelect(query.filters)}), names AS (${stageNames(query)})
      SELECT key, name, position, hired FROM names WHERE hired = 0 ORDER BY position, key`.execute(query.db)
    const stages = await sql<{ id: number; key: string; counted: number }>`SELECT id, lower(name) AS key,
      kind = 'open' AND archived_at IS NULL AS counted FROM stages`.execute(query.db)
    const keyOf = new Map(stages.rows.filter((stage) => stage.counted).map((stage) => [stage.id, stage.key]))
    const events = await sql<{ application: number; stage: number; active: number; at: string }>`WITH
      cohort AS (${cohortSelect(query.filters)})
      SELECT e.application_id AS application, e.to_stage_id AS stage, e.to_status = 'active' AS active, e.at
      FROM cohort c JOIN stage_events e ON e.application_id = c.id
      ORDER BY e.application_id, e.at, e.id`.execute(query.db)
    const days = daysPerStage(events.rows, keyOf, Date.parse(query.now))
    const rows: ReportRowDto[] = names.rows.map((stage) => {
      const sorted = days.get(stage.key) ?? []
      return {
        cells: {
          stage: stage.name,
          applications: sorted.length,
          median: percentile(sorted, 0.5),
          p75: percentile(sorted, 0.75),
        },
        segment: segmentKey({ kind: 'stage', value: stage.key }),
      }
    })
    return {
      tables: [
        {
          id: 'stages',
          title: pick(language, { en: 'Days in stage', fr: 'Jours par étape' }),
          columns: [
            { key: 'stage', label: pick(language, { en: 'Stage', fr: 'Étape' }), type: 'text' },
            { key: 'applications', label: pick(language, { en: 'Applications', fr: 'Candidatures' }), type: 'integer' },
            { key: 'median', label: pick(language, { en: 'Median days', fr: 'Jours (médiane)' }), type: 'days' },
            {
              key: 'p75',
              label: pick(language, { en: '75th percentile days', fr: 'Jours (75e centile)' }),
              type: 'days',
            },
          ],
          rows,
        },
      ],
      chart: { kind: 'bar', table: 'stages', category: 'stage', series: ['median', 'p75'], format: 'days' },
    }
  },
  drilldown: async (query, key, page) => {
    const segment = parseSegment(key, 'stage')
    return await drilldownPage(
      query,
      sql`EXISTS (SELECT 1 FROM stage_events e JOIN stages s2 ON s2.id = e.to_stage_id
        WHERE e.application_id = a.id AND e.to_status = 'active' AND s2.archived_at IS NULL
          AND lower(s2.name) = ${segment.value})`,
      pick(query.language, { en: `Were in “${segment.value}”`, fr: `Sont passées par « ${segment.value} »` }),
      page,
    )
  },
}

/** Sources: per application source, the applicants, how many got past the first stage, and hires. */
export const sourcesReport: ReportDefinition = {
  name: 'sources',
  title: { en: 'Sources', fr: 'Sources' },
  description: {
    en: 'Applicants, pass-through beyond the first stage and hires for each source of applications.',
    fr: 'Candidatures, passage au-delà de la première étape et embauches pour chaque source.',
  },
  run: async (query) => {
    const { language } = query
    const none = pick(language, { en: '(no source)', fr: '(sans source)' })
    const rows = await sql<{ source: string; applicants: number; passed: number; hires: number }>`WITH
      cohort AS (${cohortSelect(query.filters)}),
      furthest AS (${furthestSelect}),
      first_stage AS (SELECT posting_id, MIN(position) AS position FROM stages WHERE archived_at IS NULL GROUP BY posting_id)
      SELECT c.source, COUNT(*) AS applicants,
        SUM(CASE WHEN f.reached > fs.position THEN 1 ELSE 0 END) AS passed,
        SUM(CASE WHEN c.status = 'hired' THEN 1 ELSE 0 END) AS hires
      FROM cohort c
      LEFT JOIN furthest f ON f.id = c.id
      LEFT JOIN first_stage fs ON fs.posting_id = c.posting_id
      GROUP BY c.source
      ORDER BY applicants DESC, c.source`.execute(query.db)
    return {
      tables: [
        {
          id: 'sources',
          title: pick(language, { en: 'By source', fr: 'Par source' }),
          columns: [
            { key: 'source', label: pick(language, { en: 'Source', fr: 'Source' }), type: 'text' },
            { key: 'applicants', label: pick(language, { en: 'Applicants', fr: 'Candidatures' }), type: 'integer' },
            {
              key: 'passed',
              label: pick(language, { en: 'Past first stage', fr: 'Au-delà de la 1re étape' }),
              type: 'integer',
            },
            {
              key: 'passThrough',
              label: pick(language, { en: 'Pass-through', fr: 'Taux de passage' }),
              type: 'percent',
            },
            { key: 'hires', label: pick(language, { en: 'Hires', fr: 'Embauches' }), type: 'integer' },
            { key: 'hireRate', label: pick(language, { en: 'Hire rate', fr: 'Taux d’embauche' }), type: 'percent' },
          ],
          rows: rows.rows.map((row) => {
            const applicants = Number(row.applicants)
            return {
              cells: {
                source: row.source === '' ? none : row.source,
                applicants,
                passed: Number(row.passed),
                passThrough: rate(Number(row.passed), applicants),
                hires: Number(row.hires),
                hireRate: rate(Number(row.hires), applicants),
              },
              segment: segmentKey({ kind: 'source', value: row.source }),
            }
          }),
        },
      ],
      chart: {
        kind: 'bar',
        table: 'sources',
        category: 'source',
        series: ['applicants', 'passed', 'hires'],
        format: 'integer',
      },
    }
  },
  drilldown: async (query, key, page) => {
    const segment = parseSegment(key, 'source')
    const shown = segment.value || pick(query.language, { en: '(no source)', fr: '(sans source)' })
    return await drilldownPage(
      query,
      sql`a.source = ${segment.value}`,
      pick(query.language, { en: `Source: ${shown}`, fr: `Source : ${shown}` }),
      page,
    )
  },
}

/**
 * Hiring activity per ISO week: applications made, moves between stages and hires, from the stage events.
 * The date range applies to when things happened; posting, level and source to the applications.
 */
export const activityReport: ReportDefinition = {
  name: 'activity',
  title: { en: 'Hiring activity', fr: 'Activité de recrutement' },
  description: {
    en: 'Applications, moves between stages and hires, week by week.',
    fr: 'Candidatures, passages d’étape et embauches, semaine par semaine.',
  },
  run: async (query) => {
    const { language, filters } = query
    // Dates are UTC days, and every stored time is UTC ISO text: its first ten characters are its day.
    const conditions = [
      ...(filters.from === null ? [] : [sql`substr(e.at, 1, 10) >= ${filters.from}`]),
      ...(filters.to === null ? [] : [sql`substr(e.at, 1, 10) <= ${filters.to}`]),
      filters.postingId === null && filters.levelId === null && filters.source === null
        ? sql`e.application_id NOT IN (SELECT id FROM applications WHERE merged_into_id IS NOT NULL)`
        : sql`e.application_id IN (SELECT a.id FROM applications a JOIN postings p ON p.id = a.posting_id
            WHERE ${cohortWhere(filters, 'none')})`,
    ]
    // Counted per day (read in day order from an index), then added up per ISO week here.
    const days = await sql<{ day: string; created: number; moved: number; hired: number }>`SELECT
        substr(e.at, 1, 10) AS day,
        SUM(e.from_status IS NULL) AS created,
        SUM(e.from_stage_id IS NOT NULL AND e.from_stage_id != e.to_stage_id) AS moved,
        SUM(e.to_status = 'hired' AND (e.from_status IS NULL OR e.from_status != 'hired')) AS hired
      FROM stage_events e
      WHERE ${sql.join(conditions, sql` AND `)}
      GROUP BY day`.execute(query.db)
    const byWeek = new Map<string, { created: number; moved: number; hired: number }>()
    for (const day of days.rows) {
      const week = mondayOf(day.day)
      const total = byWeek.get(week) ?? { created: 0, moved: 0, hired: 0 }
      total.created += Number(day.created)
      total.moved += Number(day.moved)
      total.hired += Number(day.hired)
      byWeek.set(week, total)
    }
    const known = [...byWeek.keys()].sort()
    const first = filters.from ? mondayOf(filters.from) : known[0]
    const last = filters.to ? mondayOf(filters.to) : known.at(-1)
    const weeks: string[] = []
    if (first && last) {
      const count = Math.round((Date.parse(last) - Date.parse(first)) / (7 * DAY_MS)) + 1
      if (count > MAX_ACTIVITY_WEEKS) {
        throw new AppError(
          'too_large',
          `The activity report covers at most ${MAX_ACTIVITY_WEEKS} weeks (about ${Math.round(MAX_ACTIVITY_WEEKS / 52)} years) at a time; this range spans ${count}. Narrow the dates.`,
        )
      }
      // Weeks without activity are shown as zeros, so the line does not skip them.
      for (let index = 0; index < count; index++) weeks.push(addDays(first, 7 * index))
    }
    return {
      tables: [
        {
          id: 'weeks',
          title: pick(language, { en: 'Per week', fr: 'Par semaine' }),
          columns: [
            { key: 'week', label: pick(language, { en: 'Week', fr: 'Semaine' }), type: 'text' },
            { key: 'monday', label: pick(language, { en: 'Starting', fr: 'Début' }), type: 'date' },
            { key: 'created', label: pick(language, { en: 'Applications', fr: 'Candidatures' }), type: 'integer' },
            { key: 'moved', label: pick(language, { en: 'Moves', fr: 'Passages d’étape' }), type: 'integer' },
            { key: 'hired', label: pick(language, { en: 'Hires', fr: 'Embauches' }), type: 'integer' },
          ],
          rows: weeks.map((week) => {
            const row = byWeek.get(week)
            return {
              cells: {
                week: isoWeek(week),
                monday: week,
                created: Number(row?.created ?? 0),
                moved: Number(row?.moved ?? 0),
                hired: Number(row?.hired ?? 0),
              },
              segment: segmentKey({ kind: 'week', value: week }),
            }
          }),
        },
      ],
      chart: {
        kind: 'line',
        table: 'weeks',
        category: 'week',
        series: ['created', 'moved', 'hired'],
        format: 'integer',
      },
    }
  },
  drilldown: async (query, key, page) => {
    const segment = parseSegment(key, 'week')
    const { fromInstant, toInstant } = query.filters
    const start = `${segment.value}T00:00:00.000Z`
    const end = `${addDays(segment.value, 7)}T00:00:00.000Z`
    const from = fromInstant !== null && fromInstant > start ? fromInstant : start
    const to = toInstant !== null && toInstant < end ? toInstant : end
    return await drilldownPage(
      query,
      sql`EXISTS (SELECT 1 FROM stage_events e WHERE e.application_id = a.id AND e.at >= ${from} AND e.at < ${to})`,
      pick(query.language, {
        en: `Activity in ${isoWeek(segment.value)}`,
        fr: `Activité de la semaine ${isoWeek(segment.value)}`,
      }),
      page,
      'none',
    )
  },
}

const STATUSES = ['active', 'hired', 'rejected', 'withdrawn'] as const
const STATUS_LABELS: Record<(typeof STATUSES)[number], Localized> = {
  active: { en: 'Active', fr: 'Active' },
  hired: { en: 'Hired', fr: 'Embauchée' },
  rejected: { en: 'Rejected', fr: 'Refusée' },
  withdrawn: { en: 'Withdrawn', fr: 'Retirée' },
}

interface ApplicationListRow {
  key: number
  candidate: string
  email: string | null
  posting: string
  level: string
  source: string
  created_at: string
  stage: string
  status: string
  reason: string
  stage_entered_at: string
  closed_at: string | null
}

/** Every application of the cohort, one row each: the table big exports carry, read in keyset pages. */
export const applicationsReport: ReportDefinition = {
  name: 'applications',
  title: { en: 'Applications', fr: 'Candidatures' },
  description: {
    en: 'Every application in the period by status; the exports list them all, one row each.',
    fr: 'Toutes les candidatures de la période par statut ; les exports les listent toutes, une ligne chacune.',
  },
  run: async (query) => {
    const { language } = query
    const rows = await sql<{ status: string; n: number }>`SELECT a.status, COUNT(*) AS n
      FROM applications a JOIN postings p ON p.id = a.posting_id
      WHERE ${cohortWhere(query.filters)} GROUP BY a.status`.execute(query.db)
    const counts = new Map(rows.rows.map((row) => [row.status, Number(row.n)]))
    const total = [...counts.values()].reduce((sum, n) => sum + n, 0)
    return {
      tables: [
        {
          id: 'statuses',
          title: pick(language, { en: 'By status', fr: 'Par statut' }),
          columns: [
            { key: 'status', label: pick(language, { en: 'Status', fr: 'Statut' }), type: 'text' },
            { key: 'applications', label: pick(language, { en: 'Applications', fr: 'Candidatures' }), type: 'integer' },
            { key: 'share', label: pick(language, { en: 'Share', fr: 'Part' }), type: 'percent' },
          ],
          rows: STATUSES.map((status) => ({
            cells: {
              status: pick(language, STATUS_LABELS[status]),
              applications: counts.get(status) ?? 0,
              share: rate(counts.get(status) ?? 0, total),
            },
            segment: segmentKey({ kind: 'status', value: status }),
          })),
        },
      ],
      chart: { kind: 'bar', table: 'statuses', category: 'status', series: ['applications'], format: 'integer' },
    }
  },
  drilldown: async (query, key, page) => {
    const segment = parseSegment(key, 'status')
    const status = STATUSES.find((candidate) => candidate === segment.value)
    return await drilldownPage(
      query,
      sql`a.status = ${segment.value}`,
      status ? pick(query.language, STATUS_LABELS[status]) : segment.value,
      page,
    )
  },
  exportTables: async (query) => {
    const { language } = query
    const label = (text: Localized) => pick(language, text)
    // Counted first, so the export's progress has a total.
    const count = await sql<{
      n: number
    }>`SELECT COUNT(*) AS n FROM applications a JOIN postings p ON p.id = a.posting_id
      WHERE ${cohortWhere(query.filters)}`.execute(query.db)
    return [
      {
        rowCount: Number(count.rows[0]?.n ?? 0),
        title: label({ en: 'Applications', fr: 'Candidatures' }),
        columns: [
          { key: 'id', label: label({ en: 'Application', fr: 'Candidature' }), type: 'integer' },
          { key: 'candidate', label: label({ en: 'Candidate', fr: 'Candidat' }), type: 'text' },
          { key: 'email', label: label({ en: 'E-mail', fr: 'Courriel' }), type: 'text' },
          { key: 'posting', label: label({ en: 'Posting', fr: 'Annonce' }), type: 'text' },
          { key: 'level', label: label({ en: 'Level', fr: 'Niveau' }), type: 'text' },
          { key: 'source', label: label({ en: 'Source', fr: 'Source' }), type: 'text' },
          { key: 'applied', label: label({ en: 'Applied', fr: 'Candidature le' }), type: 'date' },
          { key: 'stage', label: label({ en: 'Stage', fr: 'Étape' }), type: 'text' },
          { key: 'status', label: label({ en: 'Status', fr: 'Statut' }), type: 'text' },
          { key: 'reason', label: label({ en: 'Reason', fr: 'Motif' }), type: 'text' },
          { key: 'inStage', label: label({ en: 'In stage since', fr: 'Dans l’étape depuis' }), type: 'date' },
          { key: 'closed', label: label({ en: 'Closed', fr: 'Clôturée le' }), type: 'date' },
        ],
        rows: pagedRows(
          async (after, limit) =>
            (
              await sql<ApplicationListRow>`SELECT a.id AS key, c.name AS candidate,
                (SELECT email FROM candidate_emails WHERE candidate_id = c.id ORDER BY position LIMIT 1) AS email,
                p.title AS posting, l.title AS level, a.source, a.created_at, s.name AS stage, a.status, a.reason,
                a.stage_entered_at, a.closed_at
              FROM applications a
              JOIN postings p ON p.id = a.posting_id
              JOIN levels l ON l.id = p.level_id
              JOIN candidates c ON c.id = a.candidate_id
              JOIN stages s ON s.id = a.stage_id
              WHERE ${cohortWhere(query.filters)} AND a.id > ${after}
              ORDER BY a.id LIMIT ${limit}`.execute(query.db)
            ).rows,
          (row) => {
            const status = STATUSES.find((candidate) => candidate === row.status)
            return {
              id: row.key,
              candidate: row.candidate,
              email: row.email,
              posting: row.posting,
              level: row.level,
              source: row.source,
              applied: row.created_at,
              stage: row.stage,
              status: status ? label(STATUS_LABELS[status]) : row.status,
              reason: row.reason,
              inStage: row.stage_entered_at,
              closed: row.closed_at,
            }
          },
        ),
      },
    ]
  },
}

export const pipelineReports: readonly ReportDefinition[] = [
  funnelReport,
  timeInStageReport,
  sourcesReport,
  activityReport,
  applicationsReport,
]
