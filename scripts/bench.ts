/**
 * Measures the app's hot operations on a generated workspace, next to raw better-sqlite3 doing the same work.
 * Usage: npm run bench -- --data-dir DIR [--out bench.json] [--only TEXT]   (make DIR with `demo generate` first;
 * --database postgres://… or $YARDSTICK_DATABASE_URL is checked and migrated, then refused until the services run there;
 * --only runs the operations whose name contains TEXT)
 * Each feature adds its operations to `operations` below (see scripts/bench/harness.ts).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { sql } from 'kysely'
import { sqliteOf } from '../src-main/core/context'
import { requireLocalWorkspace } from '../src-main/core/db/open-database'
import { openWorkspace } from '../src-main/core/services'
import { appVersion, resourcesDir } from '../src-main/node-entry'
import { resolveTarget } from '../src-main/paths'
import { applicationOperations } from './bench/application-operations'
import { assessmentOperations } from './bench/assessment-operations'
import { blankRowOperations } from './bench/blank-rows-operations'
import { candidateOperations } from './bench/candidate-operations'
import { reportOperations } from './bench/report-operations'
import { machine, measure, table, type BenchResult } from './bench/harness'

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    database: { type: 'string' },
    out: { type: 'string', default: 'bench.json' },
    only: { type: 'string' },
  },
})
if (values.database !== undefined || (!values['data-dir'] && process.env.YARDSTICK_DATABASE_URL)) {
  try {
    await requireLocalWorkspace(resolveTarget({ database: values.database, dataDir: values['data-dir'] }))
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error))
    process.exit(1)
  }
}
const dataDir = values['data-dir']
if (!dataDir) {
  console.error(
    'Usage: npm run bench -- --data-dir DIR [--out bench.json]   (create DIR with: npm run -s cli -- demo generate --candidates 100000 --data-dir DIR)',
  )
  process.exit(2)
}

const open = (dir: string) =>
  openWorkspace({ dataDir: dir, resourcesDir, appVersion: appVersion(), demoOnFirstRun: false })
const workspace = await open(resolve(dataDir))
const candidates = Number(sqliteOf(workspace.context).prepare('SELECT count(*) FROM candidates').pluck().get())
if (candidates === 0) {
  console.error(`${dataDir} has no candidates; run demo generate first.`)
  process.exit(1)
}
// Writes go to a copy, so the workspace stays as generated and runs stay comparable.
const scratchDir = mkdtempSync(join(tmpdir(), 'yardstick-bench-'))
await sql`VACUUM INTO ${join(scratchDir, 'yardstick.db')}`.execute(workspace.context.db)
const scratch = await open(scratchDir)
try {
  const operations = [
    ...candidateOperations(workspace, scratch, scratchDir),
    ...applicationOperations(workspace),
    ...assessmentOperations(workspace),
    ...(await reportOperations(workspace, scratchDir)),
    ...blankRowOperations(scratch, scratchDir),
  ].filter((operation) => values.only === undefined || operation.name.includes(values.only))
  const results: BenchResult[] = []
  for (const operation of operations) {
    process.stderr.write(`${operation.name}…\n`)
    results.push(await measure(operation))
  }
  const report = { machine: machine(), candidates, measuredAt: new Date().toISOString(), results }
  console.log(
    `Yardstick bench: ${candidates.toLocaleString('en-US')} candidates; ${report.machine.cpu} (${report.machine.cores} cores), ${report.machine.memoryGb} GB, ${report.machine.os}, Node ${report.machine.node}\n`,
  )
  console.log(table(results))
  writeFileSync(values.out, `${JSON.stringify(report, null, 2)}\n`)
  console.log(
    `\nWritten to ${values.out}.${results.every((r) => r.pass) ? ' Every floor is met.' : ' Some floors are missed.'}`,
  )
} finally {
  await scratch.close()
  await workspace.close()
  rmSync(scratchDir, { recursive: true, force: true })
}
