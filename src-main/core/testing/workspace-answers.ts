import { isDeepStrictEqual } from 'node:util'
import { sql } from 'kysely'
import type { ReportFiltersDto } from '@contract'
import {
  applicantSortColumns,
  applicationStatuses,
  candidateSortColumns,
  mustHaveFilters,
  sortDirections,
} from '@contract/closed-lists'
import type { OpenWorkspace } from '../services'

/**
 * Everything a workspace answers that must be the same on SQLite and on PostgreSQL for the same data: every
 * report under every filter, the applicants page of every posting under each sort and each filter, the
 * candidates list under each sort, and search results. Keyed by a label that says which call gave it.
 */
export type WorkspaceAnswers = Map<string, unknown>

export interface AnswerOptions {
  /** Words typed in the search box and in the applicants filter. */
  searches: readonly string[]
  /** The window of the date filter of the reports (YYYY-MM-DD). */
  period: { from: string; to: string }
  /** Segments drilled into per drillable report, at most. */
  drilldownsPerReport?: number
}

/**
 * A call's answer, or what it threw: one database failing a call must not hide what the others return, and the
 * comparison then names the failed call and its error.
 */
async function answer(call: () => Promise<unknown>): Promise<unknown> {
  try {
    // Through JSON, as the wire carries it: undefined fields vanish on both sides alike.
    return JSON.parse(JSON.stringify(await call())) as unknown
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : 'thrown'
    return { threw: { code, message: error instanceof Error ? error.message : String(error) } }
  }
}

const none: ReportFiltersDto = { postingId: null, levelId: null, source: null, from: null, to: null }
/** The largest page the contract allows: a small workspace's posting fits on one, so ties show in full. */
const WHOLE_PAGE = 500

/**
 * `reference`: the other workspace's answers, when collected first. The drill-downs then open the segments its
 * reports showed, so a report that fails or differs here still has its drill-downs compared.
 */
export async function collectAnswers(
  workspace: OpenWorkspace,
  options: AnswerOptions,
  reference?: WorkspaceAnswers,
): Promise<WorkspaceAnswers> {
  const { services } = workspace
  const answers: WorkspaceAnswers = new Map()
  const record = async (label: string, call: () => Promise<unknown>) => {
    if (answers.has(label)) throw new Error(`two answers labelled ${label}`)
    answers.set(label, await answer(call))
  }

  /** Records a call whose answer also drives what is asked next; a failure there asks nothing further. */
  const listed = async <T>(label: string, call: () => Promise<T>, otherwise: T): Promise<T> => {
    await record(label, call)
    const value = answers.get(label)
    return threw(value) ? otherwise : (value as T)
  }
  const postings = await listed('postings', () => services.postings.list({}), [])
  const levels = [...new Set(postings.map((posting) => posting.levelId))].sort((a, b) => a - b)
  const sources = await listed('report sources', () => services.reports.sources(), [])

  const filterSets: [string, ReportFiltersDto][] = [
    ['everything', none],
    ...postings.map((posting): [string, ReportFiltersDto] => [
      `posting ${posting.id}`,
      { ...none, postingId: posting.id },
    ]),
    ...levels.map((level): [string, ReportFiltersDto] => [`level ${level}`, { ...none, levelId: level }]),
    ...sources.map((source): [string, ReportFiltersDto] => [`source ${source}`, { ...none, source }]),
    [`${options.period.from}..${options.period.to}`, { ...none, ...options.period }],
  ]
  for (const report of services.reports.list('en')) {
    for (const [label, filters] of filterSets) {
      await record(`report ${report.name} (${label})`, () => services.reports.run(report.name, filters, 'en'))
    }
    if (!report.drilldown) continue
    // Drill-downs of the unfiltered report, into the first segments it shows.
    const whole =
      reference?.get(`report ${report.name} (everything)`) ?? answers.get(`report ${report.name} (everything)`)
    const segments = segmentsOf(whole).slice(0, options.drilldownsPerReport ?? 4)
    for (const segment of segments) {
      await record(`drilldown ${report.name} ${segment}`, () =>
        services.reports.drilldown(report.name, none, segment, { offset: 0, limit: 200 }, 'en'),
      )
    }
  }

  for (const posting of postings) {
    const detail = await listed(`posting ${posting.id}`, () => services.postings.get(posting.id), null)
    const stages = await listed(`stages ${posting.id}`, () => services.stages.list(posting.id), [])
    const facets = await listed(`applicant facets ${posting.id}`, () => services.applications.facets(posting.id), {
      sources: [],
    })
    const requirements = (detail?.requirements ?? []).map((requirement) => requirement.id)
    const base = { postingId: posting.id, offset: 0, limit: WHOLE_PAGE, source: '', text: '', atLeast: [] }
    const page = (label: string, input: Partial<Parameters<typeof services.applications.list>[0]>) =>
      record(`applicants ${posting.id} ${label}`, () =>
        services.applications.list({ ...base, sort: 'applied', direction: 'desc', ...input }),
      )
    for (const sort of applicantSortColumns) {
      const ratingOf = requirements[0]
      if (sort === 'rating' && ratingOf === undefined) continue
      for (const direction of sortDirections) {
        await page(`by ${sort} ${direction}`, { sort, direction, ...(sort === 'rating' ? { ratingOf } : {}) })
      }
    }
    // A short page further in: the offset cuts through tied rows the same way on both.
    await page('by status asc, rows 5 to 11', { sort: 'status', direction: 'asc', offset: 5, limit: 7 })
    for (const stage of stages) await page(`in stage ${stage.id}`, { stageId: stage.id })
    for (const status of applicationStatuses) await page(`status ${status}`, { status, sort: 'name', direction: 'asc' })
    for (const source of facets.sources) await page(`source ${source}`, { source })
    for (const text of options.searches) await page(`text ${text}`, { text, sort: 'name', direction: 'asc' })
    for (const mustHaves of mustHaveFilters) await page(`must-haves ${mustHaves}`, { mustHaves, sort: 'fit' })
    for (const [index, requirementId] of requirements.slice(0, 2).entries()) {
      const rating = index === 0 ? 'partial' : 'met'
      await page(`requirement ${requirementId} at least ${rating}`, { atLeast: [{ requirementId, rating }] })
    }
  }

  for (const sort of candidateSortColumns) {
    for (const direction of sortDirections) {
      await record(`candidates by ${sort} ${direction}`, () =>
        services.candidates.list({ offset: 0, limit: WHOLE_PAGE, sort, direction, text: '', tag: '', source: '' }),
      )
    }
  }
  for (const words of options.searches) {
    await record(`search ${words}`, () => services.candidates.search(words, 20))
  }
  return answers
}

/**
 * Tables whose rows differ by design: the search index (an FTS5 table on SQLite, a tsvector column on
 * PostgreSQL), the files held in the database on PostgreSQL only, and each database's own bookkeeping.
 */
const DIFFERENT_BY_DESIGN = /^(candidate_search|files$|yardstick_schema$|sqlite_)/

/**
 * Every stored row of every table the two databases share: what `demo generate --seed S` wrote, compared before
 * any service reads it. Rows are keyed by id where the table has one (so a difference names the row), others
 * sorted; column order does not count, and JSON text is compared as the value it holds with its keys sorted
 * (PostgreSQL's jsonb gives its text back in its own key order and spacing).
 */
export async function collectRows(workspace: OpenWorkspace): Promise<WorkspaceAnswers> {
  const db = workspace.context.db
  const tables = (await db.introspection.getTables())
    .filter((table) => !table.isView && !DIFFERENT_BY_DESIGN.test(table.name))
    .sort((a, b) => (a.name < b.name ? -1 : 1))
  const rows: WorkspaceAnswers = new Map()
  for (const table of tables) {
    const read = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table.name)}`.execute(db)
    const canonical = read.rows.map((row) => canonicalRow(table.name, row))
    if (table.columns.some((column) => column.name === 'id')) {
      const byId = [...canonical].sort((a, b) => Number(a.id) - Number(b.id))
      rows.set(`table ${table.name}`, Object.fromEntries(byId.map((row) => [`id=${String(row.id)}`, row])))
    } else {
      rows.set(`table ${table.name}`, canonical.map((row) => JSON.stringify(row)).sort())
    }
  }
  return rows
}

/**
 * Columns that must differ: the workspace's own random identity, made when each database was created, and each
 * interview's packet key, a secret drawn from the system's random source (never from the demo's seed).
 */
const OWN_IDENTITY = new Set(['workspace.uid', 'interviews.packet_key'])

function canonicalRow(table: string, row: Record<string, unknown>): Record<string, unknown> {
  const keys = Object.keys(row)
    .filter((key) => !OWN_IDENTITY.has(`${table}.${key}`))
    .sort()
  return Object.fromEntries(keys.map((key) => [key, canonicalValue(row[key])]))
}

/** JSON with its object keys sorted at every depth: jsonb stores keys in its own order. */
const sortedJson = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(sortedJson)
    : isRecord(value)
      ? Object.fromEntries(
          Object.keys(value)
            .sort()
            .map((key) => [key, sortedJson(value[key])]),
        )
      : value

function canonicalValue(value: unknown): unknown {
  if (typeof value === 'string' && /^[[{]/.test(value)) {
    try {
      return JSON.stringify(sortedJson(JSON.parse(value)))
    } catch {
      return value
    }
  }
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64')
  return value
}

function segmentsOf(report: unknown): string[] {
  const tables = (report as { tables?: { rows?: { segment?: string | null }[] }[] } | undefined)?.tables ?? []
  const segments = tables.flatMap((table) => (table.rows ?? []).map((row) => row.segment ?? null))
  return [...new Set(segments.filter((segment): segment is string => typeof segment === 'string'))]
}

export interface AnswerDifference {
  /** The call, as labelled by collectAnswers. */
  call: string
  /** Where in its JSON: `.tables[0].rows[3].cells.median`; empty for the whole answer. */
  path: string
  left: unknown
  right: unknown
}

/**
 * Every place where two workspaces answer differently, down to the field: a missing call, a call that threw on
 * one side, a different value. At most `perCall` differences per call, so one broken report stays readable.
 */
export function compareAnswers(left: WorkspaceAnswers, right: WorkspaceAnswers, perCall = 5): AnswerDifference[] {
  const differences: AnswerDifference[] = []
  const calls = [...new Set([...left.keys(), ...right.keys()])]
  for (const call of calls) {
    const found: AnswerDifference[] = []
    if (!left.has(call) || !right.has(call)) {
      found.push({
        call,
        path: '',
        left: left.has(call) ? 'answered' : 'not asked',
        right: right.has(call) ? 'answered' : 'not asked',
      })
    } else if (threw(left.get(call)) || threw(right.get(call))) {
      // A failed call differs as a whole: its error is the news, not every field the other side has.
      if (!isDeepStrictEqual(left.get(call), right.get(call))) {
        found.push({ call, path: '', left: summary(left.get(call)), right: summary(right.get(call)) })
      }
    } else {
      walk(left.get(call), right.get(call), '', (path, a, b) => {
        if (found.length < perCall) found.push({ call, path, left: a, right: b })
      })
    }
    differences.push(...found)
  }
  return differences
}

function walk(a: unknown, b: unknown, path: string, report: (path: string, a: unknown, b: unknown) => void): void {
  if (Object.is(a, b)) return
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) report(`${path}.length`, a.length, b.length)
    for (let i = 0; i < Math.min(a.length, b.length); i++) walk(a[i], b[i], `${path}[${i}]`, report)
    return
  }
  if (isRecord(a) && isRecord(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])]
    for (const key of keys) {
      if (!(key in a) || !(key in b))
        report(`${path}.${key}`, key in a ? a[key] : 'absent', key in b ? b[key] : 'absent')
      else walk(a[key], b[key], `${path}.${key}`, report)
    }
    // The order of keys is part of the JSON the renderer and the exports receive.
    const order = (value: Record<string, unknown>) => Object.keys(value).join(',')
    if (keys.every((key) => key in a && key in b) && order(a) !== order(b))
      report(`${path} (key order)`, order(a), order(b))
    return
  }
  report(path, a, b)
}

const threw = (value: unknown): value is { threw: { code: string; message: string } } =>
  isRecord(value) && isRecord(value.threw) && Object.keys(value).length === 1

const summary = (value: unknown) => (threw(value) ? `threw ${value.threw.code}: ${value.threw.message}` : 'answered')

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** The differences as lines for a failure message: which call, which field, which values. */
export function describeDifferences(differences: AnswerDifference[], names: [string, string]): string {
  const show = (value: unknown) => {
    const text = JSON.stringify(value) ?? 'undefined'
    return text.length > 200 ? `${text.slice(0, 200)}…` : text
  }
  return differences
    .map((d) => `${d.call}${d.path}: ${names[0]} ${show(d.left)} / ${names[1]} ${show(d.right)}`)
    .join('\n')
}
