import type { ReportRowDto } from '@contract'
import { applicationStatuses } from '@contract/closed-lists'
import { AppError } from '../errors'
import { drilldownPage, parseSegment, segmentKey } from './drilldown'
import { inEveryLanguage, type LabelKey } from './labels'
import { pagedRows } from './paged-rows'
import type { ReportDefinition } from './report-definition'
import { addDays, DAY_MS, isoWeek, mondayOf, percentile, rate } from './statistics'

/** Twenty years of weeks: a wider range is refused with a message rather than computed. */
export const MAX_ACTIVITY_WEEKS = 1_044

/**
 * Pipeline funnel, by cohort: of the applications made in the range, how many reached each stage (entered
 * it or any later one, from their stage events), and the share of those that reached the next stage.
 * Across postings, stages are matched by name and ordered by their average position.
 */
export const funnelReport: ReportDefinition = {
  name: 'funnel',
  title: inEveryLanguage('funnel.title'),
  description: inEveryLanguage('funnel.description'),
  run: async (query) => {
    const { labels: label } = query
    const stages = await query.repositories.pipeline.funnel(query.filters)
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
          title: label('funnel.table'),
          columns: [
            { key: 'stage', label: label('funnel.stage'), type: 'text' },
            { key: 'reached', label: label('funnel.reached'), type: 'integer' },
            { key: 'passThrough', label: label('funnel.passThrough'), type: 'percent' },
            { key: 'ofApplicants', label: label('funnel.ofApplicants'), type: 'percent' },
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
      { kind: 'reached-stage', stage: segment.value },
      query.labels('funnel.drilldown', { stage: segment.value }),
      page,
    )
  },
}

/**
 * Days each application spent in each stage while active, all visits added up, from its stays (application by
 * application): the visits that ended, and the running one until `now`. Stages not counted (the hired stage,
 * removed stages) have no key; stages of one name count as one. Returns, per stage key, the days of each
 * application that was active in it, sorted (as a typed array: its numeric sort is five times faster than a
 * comparator's on the 200,000 figures of 100,000 candidates).
 */
export function daysPerStage(
  stays: readonly { application: number; stage: number; closed: number; since: number | null }[],
  keyOf: ReadonlyMap<number, string>,
  now: number,
): Map<string, Float64Array> {
  const perStage = new Map<string, number[]>()
  const totals = new Map<string, number>()
  let application: number | null = null
  const flush = () => {
    for (const [key, ms] of totals) {
      const list = perStage.get(key) ?? []
      list.push(ms / DAY_MS)
      perStage.set(key, list)
    }
    totals.clear()
  }
  for (const stay of stays) {
    if (stay.application !== application) {
      flush()
      application = stay.application
    }
    const key = keyOf.get(stay.stage)
    if (key === undefined) continue
    const ms = stay.closed + (stay.since === null ? 0 : now - stay.since)
    totals.set(key, (totals.get(key) ?? 0) + ms)
  }
  flush()
  return new Map([...perStage].map(([key, list]) => [key, Float64Array.from(list).sort()]))
}

/**
 * Time in stage: per stage, the median and 75th percentile of the days applications spent in it while
 * active (all their visits added up; still running for those in it now), from their stage events.
 */
export const timeInStageReport: ReportDefinition = {
  name: 'time-in-stage',
  title: inEveryLanguage('timeInStage.title'),
  description: inEveryLanguage('timeInStage.description'),
  run: async (query) => {
    const { labels: label, repositories } = query
    const names = await repositories.pipeline.openStageNames(query.filters)
    const stages = await repositories.pipeline.stageKeys()
    const keyOf = new Map(stages.filter((stage) => stage.counted).map((stage) => [stage.id, stage.key]))
    const stays = await repositories.pipeline.stageStays(query.filters)
    const days = daysPerStage(stays, keyOf, Date.parse(query.now))
    const rows: ReportRowDto[] = names.map((stage) => {
      const sorted = days.get(stage.key) ?? new Float64Array()
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
          title: label('timeInStage.table'),
          columns: [
            { key: 'stage', label: label('timeInStage.stage'), type: 'text' },
            { key: 'applications', label: label('timeInStage.applications'), type: 'integer' },
            { key: 'median', label: label('timeInStage.median'), type: 'days' },
            { key: 'p75', label: label('timeInStage.p75'), type: 'days' },
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
      { kind: 'was-in-stage', stage: segment.value },
      query.labels('timeInStage.drilldown', { stage: segment.value }),
      page,
    )
  },
}

/** Sources: per application source, the applicants, how many got past the first stage, and hires. */
export const sourcesReport: ReportDefinition = {
  name: 'sources',
  title: inEveryLanguage('sources.title'),
  description: inEveryLanguage('sources.description'),
  run: async (query) => {
    const { labels: label } = query
    const none = label('noSource')
    const rows = await query.repositories.pipeline.sources(query.filters)
    return {
      tables: [
        {
          id: 'sources',
          title: label('sources.table'),
          columns: [
            { key: 'source', label: label('sources.source'), type: 'text' },
            { key: 'applicants', label: label('sources.applicants'), type: 'integer' },
            { key: 'passed', label: label('sources.passed'), type: 'integer' },
            { key: 'passThrough', label: label('sources.passThrough'), type: 'percent' },
            { key: 'hires', label: label('sources.hires'), type: 'integer' },
            { key: 'hireRate', label: label('sources.hireRate'), type: 'percent' },
          ],
          rows: rows.map((row) => {
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
    const shown = segment.value || query.labels('noSource')
    return await drilldownPage(
      query,
      { kind: 'source', source: segment.value },
      query.labels('sources.drilldown', { source: shown }),
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
  title: inEveryLanguage('activity.title'),
  description: inEveryLanguage('activity.description'),
  run: async (query) => {
    const { labels: label, filters } = query
    // Dates are UTC days, counted per day, then added up per ISO week here.
    const days = await query.repositories.pipeline.activityDays(filters)
    const byWeek = new Map<string, { created: number; moved: number; hired: number }>()
    for (const day of days) {
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
        throw AppError.of('activity_range_too_long', {
          max: MAX_ACTIVITY_WEEKS,
          years: Math.round(MAX_ACTIVITY_WEEKS / 52),
          count,
        })
      }
      // Weeks without activity are shown as zeros, so the line does not skip them.
      for (let index = 0; index < count; index++) weeks.push(addDays(first, 7 * index))
    }
    return {
      tables: [
        {
          id: 'weeks',
          title: label('activity.table'),
          columns: [
            { key: 'week', label: label('activity.week'), type: 'text' },
            { key: 'monday', label: label('activity.monday'), type: 'date' },
            { key: 'created', label: label('activity.created'), type: 'integer' },
            { key: 'moved', label: label('activity.moved'), type: 'integer' },
            { key: 'hired', label: label('activity.hired'), type: 'integer' },
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
      { kind: 'events-between', from, to },
      query.labels('activity.drilldown', { week: isoWeek(segment.value) }),
      page,
      'none',
    )
  },
}

const statusKey = (status: string): LabelKey | null => {
  const known = applicationStatuses.find((candidate) => candidate === status)
  return known ? `statuses.${known}` : null
}

const LIST_COLUMNS = [
  ['id', 'integer'],
  ['candidate', 'text'],
  ['email', 'text'],
  ['posting', 'text'],
  ['level', 'text'],
  ['source', 'text'],
  ['applied', 'date'],
  ['stage', 'text'],
  ['status', 'text'],
  ['reason', 'text'],
  ['inStage', 'date'],
  ['closed', 'date'],
] as const

/** Every application of the cohort, one row each: the table big exports carry, read in keyset pages. */
export const applicationsReport: ReportDefinition = {
  name: 'applications',
  title: inEveryLanguage('applications.title'),
  description: inEveryLanguage('applications.description'),
  run: async (query) => {
    const { labels: label } = query
    const rows = await query.repositories.pipeline.statusCounts(query.filters)
    const counts = new Map(rows.map((row) => [row.status, Number(row.n)]))
    const total = [...counts.values()].reduce((sum, n) => sum + n, 0)
    return {
      tables: [
        {
          id: 'statuses',
          title: label('applications.table'),
          columns: [
            { key: 'status', label: label('applications.status'), type: 'text' },
            { key: 'applications', label: label('applications.applications'), type: 'integer' },
            { key: 'share', label: label('applications.share'), type: 'percent' },
          ],
          rows: applicationStatuses.map((status) => ({
            cells: {
              status: label(`statuses.${status}`),
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
    const status = statusKey(segment.value)
    return await drilldownPage(
      query,
      { kind: 'status', status: segment.value },
      status ? query.labels(status) : segment.value,
      page,
    )
  },
  exportTables: async (query) => {
    const { labels: label, repositories, filters } = query
    return [
      {
        // Counted first, so the export's progress has a total.
        rowCount: await repositories.pipeline.countApplications(filters),
        title: label('applications.list.title'),
        columns: LIST_COLUMNS.map(([key, type]) => ({ key, label: label(`applications.list.${key}`), type })),
        rows: pagedRows(
          (after, limit) => repositories.pipeline.applicationsPage(filters, after, limit),
          (row) => {
            const status = statusKey(row.status)
            return {
              id: row.key,
              candidate: row.candidate,
              email: row.email,
              posting: row.posting,
              level: row.level,
              source: row.source,
              applied: row.created_at,
              stage: row.stage,
              status: status ? label(status) : row.status,
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
