/**
 * Measures the app's hot operations on a generated workspace, next to the database driver doing the same work.
 * Usage: npm run bench -- --data-dir DIR [--out bench.json] [--only TEXT]   (make DIR with `demo generate` first)
 *        npm run bench -- --database postgres://… [--candidates N] [--seed S] [--out …] [--only …]
 *        npm run bench -- --database postgres://…/DB --existing-database [--out …] [--only …]
 * On SQLite the raw side is better-sqlite3; on PostgreSQL it is node-postgres, and the bench creates a fresh
 * database on the server the URL names, fills it with `demo generate` (100,000 candidates unless told) and
 * drops it at the end; with --existing-database it measures the URL's database as it is (one `demo generate` made
 * earlier) and only copies it for the writes. --only runs the operations whose name contains TEXT.
 * Each feature adds its operations to `operations` below (see scripts/bench/harness.ts).
 */
import { writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { resolveTarget } from '../src-main/paths'
import { applicationOperations } from './bench/application-operations'
import { assessmentOperations } from './bench/assessment-operations'
import { postgresBench, sqliteBench, type BenchWorkspaces } from './bench/bench-databases'
import { blankRowOperations } from './bench/blank-rows-operations'
import { candidateOperations } from './bench/candidate-operations'
import { reportOperations } from './bench/report-operations'
import { machine, measure, table, type BenchOperation, type BenchResult } from './bench/harness'

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    database: { type: 'string' },
    candidates: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '1' },
    out: { type: 'string', default: 'bench.json' },
    only: { type: 'string' },
    'existing-database': { type: 'boolean', default: false },
  },
})
const usage = `Usage: npm run bench -- --data-dir DIR [--out bench.json] [--only TEXT]
         (create DIR with: npm run -s cli -- demo generate --candidates 100000 --data-dir DIR)
       npm run bench -- --database postgres://USER:PASSWORD@HOST:PORT/DATABASE [--candidates 100000] [--seed 1] [--out …] [--only …]
       npm run bench -- --database postgres://…/DATABASE --existing-database [--out …] [--only …]
         (a database already filled by demo generate, measured as it is; a copy of it is made for the writes)`
const wholeNumber = (text: string, flag: string, min: number) => {
  const value = Number(text)
  if (!Number.isInteger(value) || value < min) {
    console.error(`--${flag} must be a whole number of at least ${min}, not ${text}.\n${usage}`)
    process.exit(2)
  }
  return value
}

let target
try {
  target = resolveTarget({ database: values.database, dataDir: values['data-dir'] })
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error))
  process.exit(2)
}
if (target.kind === 'sqlite' && values['data-dir'] === undefined) {
  console.error(usage)
  process.exit(2)
}
if (values['existing-database'] && target.kind !== 'postgres') {
  console.error(
    `--existing-database names a PostgreSQL database (--database URL); a data folder is always used as it is.\n${usage}`,
  )
  process.exit(2)
}
const size = { candidates: wholeNumber(values.candidates, 'candidates', 1), seed: wholeNumber(values.seed, 'seed', 0) }

let bench: BenchWorkspaces
try {
  bench =
    target.kind === 'postgres'
      ? await postgresBench(
          target.url,
          values['existing-database']
            ? null
            : {
                populate: async (workspace) => {
                  process.stderr.write(`demo generate --candidates ${size.candidates} --seed ${size.seed}…\n`)
                  const summary = await workspace.services.demo.generate({
                    ...size,
                    onProgress: (done, total) => process.stderr.write(`\r${done}/${total} candidates`),
                  })
                  // The workspace's figures, for the line above the README's table.
                  process.stderr.write(`\n${JSON.stringify(summary)}\n`)
                },
              },
        )
      : await sqliteBench(target.dataDir)
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error))
  process.exit(1)
}
let failed = false
try {
  const candidates = Number(await bench.raw.value('SELECT count(*) FROM candidates'))
  if (candidates === 0) {
    throw new Error(`${bench.where} has no candidates; run demo generate first.`)
  }
  /** A group of operations whose setup fails is reported by name, and the others still run. */
  const group = async (name: string, build: () => BenchOperation[] | Promise<BenchOperation[]>) => {
    try {
      return await build()
    } catch (error) {
      failed = true
      console.error(`${name}: not measured: ${error instanceof Error ? error.message : String(error)}`)
      return []
    }
  }
  const operations = [
    ...(await group('candidates', () => candidateOperations(bench))),
    ...(await group('applicants', () => applicationOperations(bench))),
    ...(await group('applicants with fit', () => assessmentOperations(bench))),
    ...(await group('reports', () => reportOperations(bench))),
    ...(await group('blank rows', () => blankRowOperations(bench))),
  ].filter((operation) => values.only === undefined || operation.name.includes(values.only))
  const results: BenchResult[] = []
  for (const operation of operations) {
    process.stderr.write(`${operation.name}…\n`)
    try {
      results.push(await measure(operation))
    } catch (error) {
      failed = true
      console.error(`${operation.name}: failed: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
  const report = {
    machine: machine(),
    database: bench.kind,
    candidates,
    measuredAt: new Date().toISOString(),
    results,
  }
  console.log(
    `Yardstick bench: ${candidates.toLocaleString('en-US')} candidates on ${bench.where}; ${report.machine.cpu} (${report.machine.cores} cores), ${report.machine.memoryGb} GB, ${report.machine.os}, Node ${report.machine.node}\n`,
  )
  console.log(table(results))
  writeFileSync(values.out, `${JSON.stringify(report, null, 2)}\n`)
  const allMet = !failed && results.every((r) => r.pass)
  console.log(`\nWritten to ${values.out}.${allMet ? ' Every floor is met.' : ' Some floors are missed.'}`)
  if (failed) process.exitCode = 1
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error))
  process.exitCode = 1
} finally {
  await bench.close()
}
