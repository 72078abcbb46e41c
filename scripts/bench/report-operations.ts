import { rmSync } from 'node:fs'
import { join } from 'node:path'
import type BetterSqlite3 from 'better-sqlite3'
import type { ReportFiltersDto } from '@contract'
import { sqliteOf } from '../../src-main/core/context'
import type { OpenWorkspace } from '../../src-main/core/services'
import { largestPosting } from './application-operations'
import type { BenchOperation } from './harness'

const REPORT_FLOORS = { p95Ms: 500 }
const none: ReportFiltersDto = { postingId: null, levelId: null, source: null, from: null, to: null }

interface Captured {
  source: string
  parameters: unknown[]
}

/**
 * The statements a call runs, with their parameters, recorded by wrapping the connection's `prepare` while it
 * runs once: the raw side then replays exactly that SQL with better-sqlite3, without the app's work around it.
 */
async function captureStatements(sqlite: BetterSqlite3.Database, call: () => Promise<unknown>): Promise<Captured[]> {
  const captured: Captured[] = []
  const prepare = sqlite.prepare.bind(sqlite)
  sqlite.prepare = ((source: string) => {
    const statement = prepare(source)
    const all = statement.all.bind(statement)
    statement.all = (...parameters: unknown[]) => {
      captured.push({ source, parameters })
      return all(...parameters)
    }
    return statement
    // The wrapper returns the same statement; TypeScript cannot follow prepare's generic signature through it.
  }) as typeof sqlite.prepare
  try {
    await call()
  } finally {
    sqlite.prepare = prepare
  }
  return captured
}

/**
 * Every report at the workspace's scale, each with three filters in turn: everything, the largest posting,
 * and the last three months of the generated history. Then the applications listing exported in full.
 */
export async function reportOperations(workspace: OpenWorkspace, scratchDir: string): Promise<BenchOperation[]> {
  const { services, context } = workspace
  const sqlite = sqliteOf(context)
  const posting = largestPosting(sqlite)
  const last: unknown = sqlite.prepare('SELECT max(created_at) FROM applications').pluck().get()
  const to = typeof last === 'string' ? last.slice(0, 10) : '2026-01-01'
  const from = new Date(Date.parse(`${to}T00:00:00Z`) - 91 * 86_400_000).toISOString().slice(0, 10)
  const variants: ReportFiltersDto[] = [none, { ...none, postingId: posting.id }, { ...none, from, to }]
  const operations: BenchOperation[] = []
  for (const report of services.reports.list('en')) {
    const replays: Captured[][] = []
    for (const filters of variants)
      replays.push(await captureStatements(sqlite, () => services.reports.run(report.name, filters, 'en')))
    const prepared = replays.map((statements) =>
      statements.map((entry) => ({ statement: sqlite.prepare(entry.source), parameters: entry.parameters })),
    )
    operations.push({
      name: `reports: ${report.title.toLowerCase()}`,
      iterations: 30,
      warmup: 3,
      floors: REPORT_FLOORS,
      run: (i) => services.reports.run(report.name, variants[i % variants.length] ?? none, 'en'),
      raw: (i) => prepared[i % prepared.length]?.map((entry) => entry.statement.all(...entry.parameters)),
    })
  }
  const rows = Number(sqlite.prepare('SELECT count(*) FROM applications WHERE merged_into_id IS NULL').pluck().get())
  const listing = sqlite.prepare(
    `SELECT a.id, c.name, (SELECT email FROM candidate_emails WHERE candidate_id = c.id ORDER BY position LIMIT 1),
       p.title, l.title, a.source, a.created_at, s.name, a.status, a.reason, a.stage_entered_at, a.closed_at
     FROM applications a JOIN postings p ON p.id = a.posting_id JOIN levels l ON l.id = p.level_id
     JOIN candidates c ON c.id = a.candidate_id JOIN stages s ON s.id = a.stage_id
     WHERE a.merged_into_id IS NULL ORDER BY a.id`,
  )
  for (const format of ['csv', 'xlsx'] as const) {
    const path = join(scratchDir, `applications.${format}`)
    operations.push({
      name: `reports: export ${rows.toLocaleString('en-US')} applications to ${format.toUpperCase()}`,
      iterations: 3,
      warmup: 1,
      rows,
      floors: {},
      run: async () => {
        const work = await services.reports.reportExport('applications', none, format, 'en')
        await services.reports.writeTo(path, work)
        rmSync(path, { force: true })
      },
      raw: () => listing.raw().all(),
    })
  }
  return operations
}
