import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ReportFiltersDto, ReportTableDto } from '@contract'
import ExcelJS from 'exceljs'
import { sql } from 'kysely'
import Papa from 'papaparse'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HistoryStep } from '../applications/application-history'
import { insertApplicationRows } from '../applications/application-row-writer'
import { fixedClock } from '../clock'
import type { ApplicationStatus } from '../db/schema'
import { openTestWorkspace, tempDir, type TestWorkspace } from '../testing/temp-workspace'
import { resolveFilters } from './filters'
import {
  activityReport,
  applicationsReport,
  daysPerStage,
  funnelReport,
  sourcesReport,
  timeInStageReport,
} from './pipeline-reports'
import { labelsFor } from './labels'
import { reportRepositories, type ReportDefinition } from './report-definition'
import { ReportService } from './service'
import { isoWeek, mondayOf, percentile } from './statistics'

/** Day n of the dataset at 09:00 UTC; day 0 is Monday 2026-01-05, the first day of ISO week 2026-W02. */
const day = (n: number) => new Date(Date.UTC(2026, 0, 5 + n, 9)).toISOString()
const NOW = day(20)

let workspace: TestWorkspace
let postingA: number
let postingB: number
const ids: Record<string, number> = {}
/** Each posting's stage ids by name. */
let stages: Record<number, Map<string, number>>

type Step = [stage: string, status: ApplicationStatus, dayNumber: number]

const newCandidate = (name: string) =>
  workspace.services.candidates.create({
    name,
    emails: [],
    phones: [],
    links: [],
    location: '',
    source: '',
    tags: [],
    ifDuplicate: 'create',
  })

const historyOf = (postingId: number, steps: Step[]): HistoryStep[] =>
  steps.map(([stage, status, n]) => ({
    stageId: stages[postingId]?.get(stage) ?? 0,
    status,
    reason: status === 'active' || status === 'hired' ? '' : 'Not now',
    at: day(n),
    personId: null,
  }))

/** A new candidate's application to the posting, with the history given; its id goes in `ids`. */
async function add(name: string, postingId: number, source: string, steps: Step[]): Promise<void> {
  const candidate = await newCandidate(name)
  ids[name] = await workspace.context.db.transaction().execute((trx) =>
    insertApplicationRows(trx, {
      candidateId: candidate.id,
      postingId,
      postingTitle: '',
      source,
      steps: historyOf(postingId, steps),
    }),
  )
}

const TRICKY_NAME = '=HYPERLINK("http://x") <b>Ünal</b> שלום 😀'
const LONG_REASON = '-'.repeat(10_000)

const none: ReportFiltersDto = { postingId: null, levelId: null, source: null, from: null, to: null }

beforeAll(async () => {
  workspace = await openTestWorkspace()
  const { services } = workspace
  const ladder = await services.ladders.create({ name: 'Engineering', description: '' })
  const levels = {
    BE2: await services.ladders.addLevel({
      ladderId: ladder.id,
      code: 'BE2',
      title: 'Backend Engineer II',
      summary: '',
    }),
    STAFF: await services.ladders.addLevel({
      ladderId: ladder.id,
      code: 'STAFF',
      title: 'Staff Engineer',
      summary: '',
    }),
  }
  const create = (code: keyof typeof levels, team: string) =>
    services.postings.createFromLevel({
      levelId: levels[code].id,
      team,
      language: 'en',
      countries: [],
      remotePolicy: 'remote',
      summary: '',
      status: 'open',
    })
  postingA = (await create('BE2', 'Search')).id
  postingB = (await create('STAFF', 'Platform')).id
  const stagesOf = async (postingId: number) =>
    new Map((await services.stages.list(postingId)).map((stage) => [stage.name, stage.id]))
  stages = { [postingA]: await stagesOf(postingA), [postingB]: await stagesOf(postingB) }
  await add('One', postingA, 'LinkedIn', [
    ['Applied', 'active', 0],
    ['Screen', 'active', 2],
    ['Interview', 'active', 5],
    ['Offer', 'active', 9],
    ['Hired', 'hired', 10],
  ])
  await add('Two', postingA, 'LinkedIn', [
    ['Applied', 'active', 0],
    ['Screen', 'active', 4],
    ['Screen', 'rejected', 6],
  ])
  await add('Three', postingA, 'Referral', [
    ['Applied', 'active', 1],
    ['Applied', 'rejected', 3],
  ])
  await add('Four', postingA, 'Referral', [
    ['Applied', 'active', 7],
    ['Screen', 'active', 8],
    ['Interview', 'active', 12],
    ['Interview', 'withdrawn', 15],
  ])
  // Skips Screen, and is still in Interview "now" (day 20).
  await add('Five', postingA, '', [
    ['Applied', 'active', 8],
    ['Interview', 'active', 10],
  ])
  await add('Six', postingB, 'LinkedIn', [
    ['Applied', 'active', 14],
    ['Screen', 'active', 17],
    ['Screen', 'rejected', 18],
  ])
  // Left over from a candidate merge: counted nowhere.
  await add('Merged', postingB, 'LinkedIn', [
    ['Applied', 'active', 2],
    ['Screen', 'active', 3],
    ['Interview', 'active', 4],
  ])
  await sql`UPDATE applications SET merged_into_id = ${ids.Six} WHERE id = ${ids.Merged}`.execute(workspace.context.db)
})
afterAll(() => workspace.dispose())

async function run(report: ReportDefinition, filters: Partial<ReportFiltersDto> = {}, language: 'en' | 'fr' = 'en') {
  const repositories = reportRepositories(workspace.context.db)
  const query = {
    repositories,
    filters: await resolveFilters(repositories.cohort, { ...none, ...filters }),
    language,
    labels: labelsFor(language),
    now: NOW,
  }
  return { output: await report.run(query), query }
}

const cells = (table: ReportTableDto | undefined) => table?.rows.map((row) => row.cells) ?? []

describe('pipeline funnel', () => {
  it('counts each application at every stage up to the furthest it reached, with pass-through rates', async () => {
    const { output } = await run(funnelReport)
    expect(cells(output.tables[0])).toEqual([
      { stage: 'Applied', reached: 6, passThrough: 5 / 6, ofApplicants: 1 },
      { stage: 'Screen', reached: 5, passThrough: 3 / 5, ofApplicants: 5 / 6 },
      { stage: 'Interview', reached: 3, passThrough: 1 / 3, ofApplicants: 3 / 6 },
      { stage: 'Offer', reached: 1, passThrough: 1, ofApplicants: 1 / 6 },
      { stage: 'Hired', reached: 1, passThrough: null, ofApplicants: 1 / 6 },
    ])
    expect(output.tables[0]?.rows[1]?.segment).toBe('stage:screen')
  })

  it('takes the cohort of applications made in the range, and one posting', async () => {
    const fromDay1 = await run(funnelReport, { from: '2026-01-06' })
    expect(cells(fromDay1.output.tables[0]).map((row) => row.reached)).toEqual([4, 3, 2, 0, 0])
    const firstDay = await run(funnelReport, { to: '2026-01-05' })
    expect(cells(firstDay.output.tables[0]).map((row) => row.reached)).toEqual([2, 2, 1, 1, 1])
    const onlyA = await run(funnelReport, { postingId: postingA })
    expect(cells(onlyA.output.tables[0]).map((row) => row.reached)).toEqual([5, 4, 3, 1, 1])
    const referral = await run(funnelReport, { source: 'Referral' })
    expect(cells(referral.output.tables[0]).map((row) => row.reached)).toEqual([2, 1, 1, 0, 0])
  })

  it('drills down to the applications that reached a stage', async () => {
    const { query } = await run(funnelReport)
    const page = await funnelReport.drilldown!(query, 'stage:interview', { offset: 0, limit: 50 })
    expect(page.total).toBe(3)
    expect(page.rows.map((row) => row.candidateName).sort()).toEqual(['Five', 'Four', 'One'])
    expect(page.title).toBe('Reached “interview”')
    await expect(funnelReport.drilldown!(query, 'source:x', { offset: 0, limit: 50 })).rejects.toMatchObject({
      code: 'invalid_input',
    })
  })
})

describe('time in stage', () => {
  it('gives the median and 75th percentile of active days per stage (PERCENTILE.INC)', async () => {
    const { output } = await run(timeInStageReport)
    expect(cells(output.tables[0])).toEqual([
      { stage: 'Applied', applications: 6, median: 2, p75: 2.75 },
      { stage: 'Screen', applications: 4, median: 2.5, p75: 3.25 },
      { stage: 'Interview', applications: 3, median: 4, p75: 7 },
      { stage: 'Offer', applications: 1, median: 1, p75: 1 },
    ])
  })

  it("runs as of the clock's now: the report's time and the days of applications still in a stage", async () => {
    const { services } = workspace
    const asOf = (at: string) =>
      new ReportService({ ...workspace.context, clock: fixedClock(at) }, services.workspace, services.jobs, services)
    const atNow = await asOf(NOW).run('time-in-stage', none, 'en')
    expect(atNow.generatedAt).toBe(NOW)
    expect(cells(atNow.tables[0])).toEqual(cells((await run(timeInStageReport)).output.tables[0]))
    const later = await asOf(day(40)).run('time-in-stage', none, 'en')
    expect(later.generatedAt).toBe(day(40))
    // Only the application still in Interview runs on: its 10 days become 30, the 75th percentile 4 + (30 − 4) / 2.
    expect(cells(later.tables[0])).toEqual(
      cells(atNow.tables[0]).map((row) => (row.stage === 'Interview' ? { ...row, p75: 17 } : row)),
    )
  })

  it('adds up repeated visits and stops the clock while closed, from the stays the stage events keep', async () => {
    const keyOf = new Map([...(stages[postingA] ?? [])].map(([name, id]) => [id, name.toLowerCase()]))
    const candidate = await newCandidate('Revisits')
    // Written and read in a transaction that is rolled back: the other reports' figures stay as they are.
    const trx = await workspace.context.db.startTransaction().execute()
    let days: Map<string, Float64Array>
    try {
      await insertApplicationRows(trx, {
        candidateId: candidate.id,
        postingId: postingA,
        postingTitle: '',
        source: 'Revisits',
        steps: historyOf(postingA, [
          ['Applied', 'active', 0],
          ['Screen', 'active', 1],
          ['Applied', 'active', 3],
          ['Applied', 'rejected', 4],
          ['Applied', 'active', 10],
        ]),
      })
      const repositories = reportRepositories(trx)
      const filters = await resolveFilters(repositories.cohort, { ...none, source: 'Revisits' })
      days = daysPerStage(await repositories.pipeline.stageStays(filters), keyOf, Date.parse(day(12)))
    } finally {
      await trx.rollback().execute()
    }
    // Applied: days 0–1, 3–4 and 10–12 (still there); Screen: days 1–3.
    expect([...(days.get('applied') ?? [])]).toEqual([4])
    expect([...(days.get('screen') ?? [])]).toEqual([2])
    expect(days.has('interview')).toBe(false)
  })
})

describe('sources', () => {
  it('counts applicants, those past the first stage and hires per source', async () => {
    const { output, query } = await run(sourcesReport)
    expect(cells(output.tables[0])).toEqual([
      { source: 'LinkedIn', applicants: 3, passed: 3, passThrough: 1, hires: 1, hireRate: 1 / 3 },
      { source: 'Referral', applicants: 2, passed: 1, passThrough: 0.5, hires: 0, hireRate: 0 },
      { source: '(no source)', applicants: 1, passed: 1, passThrough: 1, hires: 0, hireRate: 0 },
    ])
    const empty = await sourcesReport.drilldown!(query, 'source:', { offset: 0, limit: 50 })
    expect(empty.rows.map((row) => row.candidateName)).toEqual(['Five'])
  })
})

describe('hiring activity', () => {
  it('counts applications, moves and hires per ISO week, zero weeks included', async () => {
    const { output } = await run(activityReport)
    expect(cells(output.tables[0])).toEqual([
      { week: '2026-W02', monday: '2026-01-05', created: 3, moved: 3, hired: 0 },
      { week: '2026-W03', monday: '2026-01-12', created: 2, moved: 5, hired: 1 },
      { week: '2026-W04', monday: '2026-01-19', created: 1, moved: 1, hired: 0 },
    ])
    const onlyA = await run(activityReport, { postingId: postingA })
    expect(cells(onlyA.output.tables[0]).map((row) => [row.created, row.moved, row.hired])).toEqual([
      [3, 3, 0],
      [2, 5, 1],
      [0, 0, 0],
    ])
  })

  it('applies the date range to when things happened, and drills into a week', async () => {
    const { output, query } = await run(activityReport, { from: '2026-01-12', to: '2026-01-18' })
    expect(cells(output.tables[0])).toEqual([
      { week: '2026-W03', monday: '2026-01-12', created: 2, moved: 5, hired: 1 },
    ])
    const page = await activityReport.drilldown!(query, 'week:2026-01-12', { offset: 0, limit: 50 })
    expect(page.rows.map((row) => row.candidateName).sort()).toEqual(['Five', 'Four', 'One'])
  })
})

describe('applications', () => {
  it('counts statuses and exports every application of the cohort, merged ones left out', async () => {
    const { output, query } = await run(applicationsReport, {}, 'fr')
    expect(cells(output.tables[0])).toEqual([
      { status: 'Active', applications: 1, share: 1 / 6 },
      { status: 'Embauchée', applications: 1, share: 1 / 6 },
      { status: 'Refusée', applications: 3, share: 3 / 6 },
      { status: 'Retirée', applications: 1, share: 1 / 6 },
    ])
    const [listing] = await applicationsReport.exportTables!(query)
    expect(listing?.rowCount).toBe(6)
    const rows = []
    for await (const row of listing!.rows) rows.push(row)
    expect(rows.map((row) => row.candidate)).toEqual(['One', 'Two', 'Three', 'Four', 'Five', 'Six'])
    expect(rows[3]).toMatchObject({ status: 'Retirée', stage: 'Interview', reason: 'Not now', applied: day(7) })
  })
})

describe('statistics', () => {
  it('interpolates percentiles like PERCENTILE.INC and names ISO weeks', () => {
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5)
    expect(percentile([1, 2, 3, 4], 0.75)).toBe(3.25)
    expect(percentile([7], 0.75)).toBe(7)
    expect(percentile([], 0.5)).toBeNull()
    expect(isoWeek('2025-12-29')).toBe('2026-W01')
    expect(isoWeek('2020-12-28')).toBe('2020-W53')
    expect(mondayOf('2026-01-11')).toBe('2026-01-05')
    expect(mondayOf('2026-01-12T23:00:00.000Z')).toBe('2026-01-12')
  })
})

describe('bad input in exports', () => {
  it('exports names with formulas, HTML, right-to-left text and emoji, and a 10,000-character reason', async () => {
    // Added last: the counts above do not include it.
    await add(TRICKY_NAME, postingB, '@source', [
      ['Applied', 'active', 16],
      ['Applied', 'rejected', 19],
    ])
    await sql`UPDATE applications SET reason = ${LONG_REASON} WHERE id = ${ids[TRICKY_NAME]}`.execute(
      workspace.context.db,
    )
    const reports = new ReportService(
      workspace.context,
      workspace.services.workspace,
      workspace.services.jobs,
      workspace.services,
    )
    const dir = tempDir()
    try {
      for (const format of ['csv', 'xlsx', 'pdf'] as const) {
        const work = await reports.reportExport('applications', { ...none, source: '@source' }, format, 'en')
        await reports.writeTo(join(dir.path, `a.${format}`), work)
      }
      const records = Papa.parse<string[]>(readFileSync(join(dir.path, 'a.csv'), 'utf8').slice(1), {
        newline: '\r\n',
      }).data
      const row = records.find((record) => record[1]?.includes('HYPERLINK'))
      expect(row?.[1]).toBe(`'${TRICKY_NAME}`)
      expect(row?.[5]).toBe("'@source")
      expect(row?.[9]).toBe(`'${LONG_REASON}`)
      const workbook = new ExcelJS.Workbook()
      await workbook.xlsx.readFile(join(dir.path, 'a.xlsx'))
      const sheet = workbook.getWorksheet('Applications')!
      expect(sheet.getCell('B2').value).toBe(`'${TRICKY_NAME}`)
      expect(sheet.getCell('J2').value).toBe(`'${LONG_REASON}`)
      const text = execFileSync('pdftotext', ['-layout', join(dir.path, 'a.pdf'), '-'], { encoding: 'utf8' })
      expect(text).toContain('=HYPERLINK("http://x")')
      expect(readdirSync(dir.path).sort()).toEqual(['a.csv', 'a.pdf', 'a.xlsx'])
    } finally {
      dir.remove()
    }
  })
})
