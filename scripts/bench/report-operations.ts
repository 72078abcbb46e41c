import { rmSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import type { ReportFiltersDto } from '@contract'
import { sqliteOf } from '../../src-main/core/context'
import { largestPosting } from './application-operations'
import type { BenchWorkspaces } from './bench-databases'
import type { BenchOperation } from './harness'

const REPORT_FLOORS = { p95Ms: 500 }
const none: ReportFiltersDto = { postingId: null, levelId: null, source: null, from: null, to: null }

interface Captured {
  source: string
  parameters: unknown[]
}

/**
 * The statements a call runs, with their parameters, recorded by wrapping the driver while it runs once: the
 * raw side then replays exactly that SQL, without the app's work around it. On SQLite the connection's
 * `prepare` is wrapped; on PostgreSQL node-postgres's `Client#query`, through which every pooled connection
 * sends Kysely's statements (only the reads: a transaction's own statements are the app's work).
 */
export async function captureStatements(bench: BenchWorkspaces, call: () => Promise<unknown>): Promise<Captured[]> {
  const captured: Captured[] = []
  if (bench.kind === 'sqlite') {
    const sqlite = sqliteOf(bench.workspace.context)
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
  const prototype = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }
  const query = prototype.query
  prototype.query = function (this: unknown, ...args: unknown[]) {
    const [source, parameters] = args
    if (typeof source === 'string' && /^\s*(select|with)\b/i.test(source)) {
      captured.push({ source, parameters: Array.isArray(parameters) ? [...(parameters as unknown[])] : [] })
    }
    return query.apply(this, args)
  }
  try {
    await call()
  } finally {
    prototype.query = query
  }
  return captured
}

/**
 * Every report at the workspace's scale, each with three filters in turn: everything, the largest posting,
 * and the last three months of the generated history. Then the applications listing exported in full.
 */
export async function reportOperations(bench: BenchWorkspaces): Promise<BenchOperation[]> {
  const { workspace, raw, scratchDir } = bench
  const { services } = workspace
  const posting = await largestPosting(raw)
  const last = await raw.value('SELECT max(created_at) FROM applications')
  const to = typeof last === 'string' ? last.slice(0, 10) : '2026-01-01'
  const from = new Date(Date.parse(`${to}T00:00:00Z`) - 91 * 86_400_000).toISOString().slice(0, 10)
  const variants: ReportFiltersDto[] = [none, { ...none, postingId: posting.id }, { ...none, from, to }]
  const operations: BenchOperation[] = []
  for (const report of services.reports.list('en')) {
    const replays: Captured[][] = []
    for (const filters of variants)
      replays.push(await captureStatements(bench, () => services.reports.run(report.name, filters, 'en')))
    const prepared = replays.map((statements) =>
      statements.map((entry) => ({ statement: raw.prepare(entry.source), parameters: entry.parameters })),
    )
    operations.push({
      name: `reports: ${report.title.toLowerCase()}`,
      iterations: 30,
      warmup: 3,
      floors: REPORT_FLOORS,
      run: (i) => services.reports.run(report.name, variants[i % variants.length] ?? none, 'en'),
      raw: async (i) => {
        for (const entry of prepared[i % prepared.length] ?? []) await entry.statement.all(entry.parameters)
      },
    })
  }
  const rows = Number(await raw.value('SELECT count(*) FROM applications WHERE merged_into_id IS NULL'))
  const listing = raw.prepare(
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
      raw: () => listing.all([]),
    })
  }
  return operations
}
