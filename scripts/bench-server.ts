/**
 * The team server under load, on loopback: 50 signed-in sessions for 30 s mixing the applicants page, a rating and
 * a search, against `npm run server` on a PostgreSQL database of the generated workspace.
 * Usage: npm run bench:server -- --database postgres://ADMIN@HOST:PORT/DB [--candidates 100000] [--seed 1]
 *        npm run bench:server -- --database postgres://ADMIN@HOST:PORT/DB --copy-of bench100k
 *        [--connections 50] [--duration 30] [--think-ms 1000] [--warmup 5] [--out bench-server.json]
 * Each session pauses --think-ms on average before each call (0: back to back, the server's throughput); the
 * first --warmup seconds of load are not timed (the server's pool and PostgreSQL's caches are cold).
 * The URL names a server where the account may create databases. The bench makes a fresh database there, filled
 * by `demo generate` or copied from an existing generated one (--copy-of NAME: CREATE DATABASE … TEMPLATE NAME,
 * so the original is only read for the copy), and drops it at the end, whatever happened.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { parsePostgresUrl } from '../src-main/core/db/postgres'
import { openWorkspace } from '../src-main/core/services'
import { dispatch } from '../src-main/dispatch'
import { appVersion, resourcesDir } from '../src-main/node-entry'
import { machine } from './bench/harness'
import { LOAD_KINDS, runLoad, type LoadInputs, type LoadResult } from './bench/server-load'

const FLOOR_P95_MS = 100
/** Sessions are spread over a few people, as in a team; each person signs in several times (several browsers). */
const PEOPLE = 10
const PASSWORD = `bench ${randomBytes(12).toString('hex')}`

const { values } = parseArgs({
  options: {
    database: { type: 'string' },
    'copy-of': { type: 'string' },
    candidates: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '1' },
    connections: { type: 'string', default: '50' },
    duration: { type: 'string', default: '30' },
    'think-ms': { type: 'string', default: '1000' },
    warmup: { type: 'string', default: '5' },
    out: { type: 'string', default: 'bench-server.json' },
  },
})
const usage = `Usage: npm run bench:server -- --database postgres://USER:PASSWORD@HOST:PORT/DATABASE [--candidates 100000] [--seed 1]
       npm run bench:server -- --database postgres://… --copy-of GENERATED_DATABASE
       [--connections 50] [--duration 30] [--think-ms 1000] [--warmup 5] [--out bench-server.json]`
const fail = (message: string): never => {
  console.error(`${message}\n${usage}`)
  process.exit(2)
}
const wholeNumber = (text: string, flag: string, min: number) => {
  const value = Number(text)
  if (!Number.isInteger(value) || value < min) fail(`--${flag} must be a whole number of at least ${min}, not ${text}.`)
  return value
}
if (values.database === undefined) fail('--database is required.')
const adminUrl = parsePostgresUrl(values.database ?? '').url
const copyOf = values['copy-of']
if (copyOf !== undefined && !/^[a-z_][a-z0-9_]*$/.test(copyOf)) fail(`--copy-of takes a database name, not ${copyOf}.`)
const size = { candidates: wholeNumber(values.candidates, 'candidates', 1), seed: wholeNumber(values.seed, 'seed', 0) }
const connections = wholeNumber(values.connections, 'connections', 1)
const durationSeconds = wholeNumber(values.duration, 'duration', 1)
const thinkMs = wholeNumber(values['think-ms'], 'think-ms', 0)
const warmupSeconds = wholeNumber(values.warmup, 'warmup', 0)

const databaseName = `yardstick_load_${process.pid}_${randomBytes(3).toString('hex')}`
const databaseUrl = (() => {
  const url = new URL(adminUrl)
  url.pathname = `/${databaseName}`
  return url.toString()
})()
const filesDir = mkdtempSync(join(tmpdir(), 'yardstick-load-'))
const root = join(import.meta.dirname, '..')
let server: ChildProcess | undefined
let created = false

async function asAdmin<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 })
  await client.connect()
  try {
    return await run(client)
  } finally {
    await client.end()
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** A copy fails while anyone is connected to its template: a few tries a few seconds apart. */
async function copyDatabase(template: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await asAdmin(adminUrl, (client) => client.query(`CREATE DATABASE ${databaseName} TEMPLATE ${template}`))
      return
    } catch (error) {
      const code = (error as { code?: string }).code
      if (code !== '55006' || attempt === 10) throw error
      process.stderr.write(`${template} is in use; trying again in 3 s…\n`)
      await sleep(3000)
    }
  }
}

const open = () =>
  openWorkspace({
    dataDir: join(filesDir, 'workspace'),
    postgresUrl: databaseUrl,
    resourcesDir,
    appVersion: appVersion(),
    demoOnFirstRun: false,
  })

/** The database, its people (made as the command line makes them: a local administrator's call) and the inputs. */
async function prepare(): Promise<{ inputs: LoadInputs; emails: string[] }> {
  if (copyOf === undefined) {
    await asAdmin(adminUrl, (client) =>
      client.query(`CREATE DATABASE ${databaseName} TEMPLATE template0 ENCODING 'UTF8'`),
    )
    created = true
    const workspace = await open()
    try {
      process.stderr.write(`demo generate --candidates ${size.candidates} --seed ${size.seed}…\n`)
      await workspace.services.demo.generate({
        ...size,
        onProgress: (done, total) => process.stderr.write(`\r${done}/${total} candidates`),
      })
      process.stderr.write('\n')
    } finally {
      await workspace.close()
    }
  } else {
    await copyDatabase(copyOf)
    created = true
  }
  // Fresh rows carry no statistics or visibility map yet; a workspace in use has both.
  await asAdmin(databaseUrl, (client) => client.query('VACUUM (ANALYZE)'))

  const workspace = await open()
  const emails: string[] = []
  try {
    for (let i = 1; i <= PEOPLE; i++) {
      const email = `load-${i}@example.com`
      const result = await dispatch(
        'accounts:create',
        { email, name: `Load Person ${i}`, roles: ['recruiter', 'hiring_manager'], password: PASSWORD },
        { services: workspace.services },
      )
      if (!result.ok) throw new Error(`Could not create ${email}: ${result.error.message}`)
      emails.push(email)
    }
  } finally {
    await workspace.close()
  }

  const inputs = await asAdmin(databaseUrl, async (client) => {
    const postings = await client.query<{ id: number }>(
      `SELECT posting_id AS id FROM applications GROUP BY posting_id ORDER BY count(*) DESC, posting_id LIMIT 5`,
    )
    // Surnames and a skill of the generated candidates: words that find some, like a person would type.
    const names = await client.query<{ name: string }>(
      `SELECT name FROM candidates WHERE id % 97 = 0 ORDER BY id LIMIT 40`,
    )
    // Each item is rated once during the run, from the version read here: no rating conflicts with another.
    const items = await client.query<{ applicationId: number; requirementId: number; version: number }>(
      `SELECT a.id AS "applicationId", r.id AS "requirementId", coalesce(s.version, 0) AS version
         FROM applications a JOIN requirements r ON r.posting_id = a.posting_id
         LEFT JOIN assessments s ON s.application_id = a.id AND s.requirement_id = r.id
        WHERE r.section IN ('requirement', 'nice_to_have') AND r.archived_at IS NULL
        ORDER BY a.id DESC, r.id LIMIT 60000`,
    )
    return {
      postingIds: postings.rows.map((row) => Number(row.id)),
      searches: [
        ...names.rows.map((row) => row.name.split(' ').at(-1) ?? row.name),
        'kafka',
        'postgresql lyon',
        'rust',
      ],
      items: items.rows.map((row) => ({
        applicationId: Number(row.applicationId),
        requirementId: Number(row.requirementId),
        expectedVersion: Number(row.version),
      })),
    }
  })
  if (inputs.postingIds.length === 0 || inputs.items.length === 0)
    throw new Error(
      `The workspace has ${inputs.postingIds.length} postings with applications and ${inputs.items.length} items to rate: nothing to load.`,
    )
  return { inputs, emails }
}

async function startServer(): Promise<string> {
  const child = spawn(
    join(root, 'node_modules', '.bin', 'tsx'),
    ['src-main/server.ts', '--database', databaseUrl, '--files-dir', join(filesDir, 'files'), '--port', '0'],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  server = child
  let errors = ''
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()))
  return new Promise<string>((resolve, reject) => {
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const match = /team server on (http:\/\/\S+)/.exec(output)
      if (match?.[1]) resolve(match[1])
    })
    child.once('exit', (code) => reject(new Error(`The team server exited with ${code}: ${errors}`)))
  })
}

/** One sign-in per session, one after another (the server slows down a burst of sign-ins from one address). */
async function signIn(url: string, emails: string[]): Promise<string[]> {
  const cookies: string[] = []
  for (let i = 0; i < connections; i++) {
    const email = emails[i % emails.length] ?? ''
    const response = await fetch(new URL('/api/session:signIn', url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD }),
    })
    const cookie = response.headers.get('set-cookie')?.split(';')[0]
    if (!response.ok || !cookie)
      throw new Error(`Sign-in of ${email} refused: ${response.status} ${await response.text()}`)
    cookies.push(cookie)
  }
  return cookies
}

async function stopServer(): Promise<void> {
  const child = server
  if (!child || child.exitCode !== null) return
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })
}

let cleaning: Promise<void> | undefined
const cleanUp = () =>
  (cleaning ??= (async () => {
    await stopServer()
    if (created)
      await asAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`)).catch(
        (error: unknown) => console.error(`Could not drop ${databaseName}: ${String(error)}`),
      )
    rmSync(filesDir, { recursive: true, force: true })
  })())
const onSignal = () => void cleanUp().finally(() => process.exit(130))
process.once('SIGINT', onSignal).once('SIGTERM', onSignal)

function report(result: LoadResult, where: string): string {
  const row = (name: string, figures: { requests: number; errors: number; p50: number; p95: number; p99: number }) =>
    `| ${name} | ${figures.requests.toLocaleString('en-US')} | ${figures.p50} | ${figures.p95} | ${figures.p99} | ${figures.errors} |`
  return [
    `${where}; ${result.connections} sessions for ${result.durationSeconds} s on loopback after ${warmupSeconds} s of warm-up, ${
      result.thinkMs === 0
        ? 'each call sent as soon as the last is answered'
        : `pausing ${result.thinkMs} ms on average before each call`
    }`,
    '',
    '| Calls | Requests | p50 ms | p95 ms | p99 ms | Errors |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...LOAD_KINDS.map((kind) => row(kind, result.byKind[kind])),
    row('all', result),
    '',
    `${result.requestsPerSecond} requests/s, slowest ${result.max} ms; floor: p95 ≤ ${FLOOR_P95_MS} ms with no errors — ${
      result.p95 <= FLOOR_P95_MS && result.errors === 0 ? 'PASS' : 'FAIL'
    }`,
    ...result.errorSamples.map((sample) => `  refused: ${sample}`),
  ].join('\n')
}

try {
  const { inputs, emails } = await prepare()
  const url = await startServer()
  const cookies = await signIn(url, emails)
  process.stderr.write(
    `${connections} sessions signed in; loading ${url} for ${warmupSeconds} s of warm-up and ${durationSeconds} s measured…\n`,
  )
  const result = await runLoad({ url, cookies, durationSeconds, warmupSeconds, thinkMs, inputs })
  const where = `PostgreSQL, ${copyOf === undefined ? `demo generate --candidates ${size.candidates} --seed ${size.seed}` : `a copy of ${copyOf}`}`
  console.log(report(result, where))
  writeFileSync(
    values.out,
    `${JSON.stringify({ machine: machine(), where, floorP95Ms: FLOOR_P95_MS, warmupSeconds, ...result }, null, 2)}\n`,
  )
  if (result.p95 > FLOOR_P95_MS || result.errors > 0) process.exitCode = 1
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error))
  process.exitCode = 1
} finally {
  await cleanUp()
}
