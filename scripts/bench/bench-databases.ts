import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import pg from 'pg'
import { sqliteOf } from '../../src-main/core/context'
import { createPostgresPool, parsePostgresUrl } from '../../src-main/core/db/postgres'
import { openWorkspace, type OpenWorkspace } from '../../src-main/core/services'
import { appVersion, resourcesDir } from '../../src-main/node-entry'
import { postgresRaw, sqliteRaw, type RawDatabase } from './raw-database'

/**
 * What the operations run on: the workspace as generated (reads) and a copy of it (writes, so the workspace
 * stays as generated and runs stay comparable), each with its raw side.
 */
export interface BenchWorkspaces {
  kind: 'sqlite' | 'postgres'
  workspace: OpenWorkspace
  raw: RawDatabase
  scratch: OpenWorkspace
  scratchRaw: RawDatabase
  /** The copy's own pool on PostgreSQL, for the raw import's transaction. */
  scratchPool: pg.Pool | null
  /** A folder for the files the operations write (CSV to import, exports). */
  scratchDir: string
  /** Where the bench ran, for the line above the table. */
  where: string
  close(): Promise<void>
}

const open = (dataDir: string, postgresUrl?: string) =>
  openWorkspace({
    dataDir,
    ...(postgresUrl === undefined ? {} : { postgresUrl }),
    resourcesDir,
    appVersion: appVersion(),
    demoOnFirstRun: false,
    // As the app and web mode open it.
    checkpointInBackground: true,
  })

/** A data folder made by `demo generate`; the copy is a VACUUM INTO in a temporary folder. */
export async function sqliteBench(dataDir: string): Promise<BenchWorkspaces> {
  const workspace = await open(dataDir)
  const scratchDir = mkdtempSync(join(tmpdir(), 'yardstick-bench-'))
  try {
    await sql`VACUUM INTO ${join(scratchDir, 'yardstick.db')}`.execute(workspace.context.db)
    const scratch = await open(scratchDir)
    return {
      kind: 'sqlite',
      workspace,
      raw: sqliteRaw(sqliteOf(workspace.context)),
      scratch,
      scratchRaw: sqliteRaw(sqliteOf(scratch.context)),
      scratchPool: null,
      scratchDir,
      where: `SQLite, ${dataDir}`,
      close: async () => {
        await scratch.close()
        await workspace.close()
        rmSync(scratchDir, { recursive: true, force: true })
      },
    }
  } catch (error) {
    await workspace.close()
    rmSync(scratchDir, { recursive: true, force: true })
    throw error
  }
}

const errorCode = (error: unknown) =>
  error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined

async function asAdmin<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 })
  await client.connect()
  try {
    return await run(client)
  } finally {
    await client.end()
  }
}

const withDatabase = (url: string, database: string) => {
  const next = new URL(url)
  next.pathname = `/${database}`
  return next.toString()
}

/** Tables, views, sequences and functions outside PostgreSQL's own schemas: a database the bench may fill. */
async function objectCount(url: string): Promise<number> {
  return asAdmin(url, async (client) => {
    const result = await client.query<{ n: string }>(
      `SELECT (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%')
            + (SELECT count(*) FROM pg_extension WHERE extname <> 'plpgsql') AS n`,
    )
    return Number(result.rows[0]?.n ?? 0)
  })
}

export interface Populate {
  /** Fills the fresh workspace: `demo generate` with the bench's size and seed. */
  populate(workspace: OpenWorkspace): Promise<unknown>
  /** The URL names a workspace generated before (`--existing-database`): measured as it is, nothing generated. */
  existing?: boolean
}

/**
 * A workspace generated earlier (a copy of one, made with CREATE DATABASE … TEMPLATE, say), so that a run needs
 * no seven-minute generation. The reads run on it; the writes on a copy of it made here and dropped at the end.
 * It is migrated first if this Yardstick's schema is newer, as opening any workspace does.
 */
async function existingPostgresBench(url: string): Promise<BenchWorkspaces> {
  const { describe, database } = parsePostgresUrl(url)
  const scratchName = `yardstick_bench_${process.pid}_${randomBytes(3).toString('hex')}_scratch`
  const filesDir = mkdtempSync(join(tmpdir(), 'yardstick-bench-'))
  const opened: { close(): Promise<void> }[] = []
  const pools: pg.Pool[] = []
  let copied = false
  const onSignal = () => void cleanUp().finally(() => process.exit(130))
  let closing: Promise<void> | null = null
  const cleanUp = () => (closing ??= dropCopy())
  const dropCopy = async () => {
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal)
    for (const item of opened.reverse()) await item.close().catch(() => {})
    for (const pool of pools) await pool.end().catch(() => {})
    if (copied)
      await asAdmin(url, (client) => client.query(`DROP DATABASE IF EXISTS ${scratchName} WITH (FORCE)`)).catch(
        (error: unknown) => console.error(`Could not drop the bench database ${scratchName}: ${String(error)}`),
      )
    rmSync(filesDir, { recursive: true, force: true })
  }
  process.once('SIGINT', onSignal).once('SIGTERM', onSignal)
  try {
    // Opened once first, so the copy is made of a migrated workspace; the copy needs nobody connected to it.
    const first = await open(join(filesDir, 'workspace'), url)
    await first.close()
    await asAdmin(url, (client) =>
      client.query(`CREATE DATABASE ${scratchName} TEMPLATE ${pg.escapeIdentifier(database)}`),
    )
    copied = true
    const scratchUrl = withDatabase(url, scratchName)
    const workspace = await open(join(filesDir, 'workspace'), url)
    opened.push(workspace)
    const scratch = await open(join(filesDir, 'scratch'), scratchUrl)
    opened.push(scratch)
    const pool = createPostgresPool(url)
    const scratchPool = createPostgresPool(scratchUrl)
    pools.push(pool, scratchPool)
    return {
      kind: 'postgres',
      workspace,
      raw: postgresRaw(pool),
      scratch,
      scratchRaw: postgresRaw(scratchPool),
      scratchPool,
      scratchDir: filesDir,
      where: `PostgreSQL, the existing workspace ${describe}`,
      close: cleanUp,
    }
  } catch (error) {
    await cleanUp()
    throw error
  }
}

/**
 * A fresh database on the server the URL names, filled by `demo generate`, and a copy of it made with
 * CREATE DATABASE … TEMPLATE for the writes; both are dropped when the bench closes, whatever happened.
 * Where the account may not create databases, the URL's own database is used if it is empty (then writes
 * run on the workspace itself, after it is measured as generated, and its schema is emptied at the end).
 */
export async function postgresBench(url: string, generate: Populate): Promise<BenchWorkspaces> {
  const { describe } = parsePostgresUrl(url)
  if (generate.existing) return existingPostgresBench(url)
  const name = `yardstick_bench_${process.pid}_${randomBytes(3).toString('hex')}`
  const created: string[] = []
  let ownDatabase = false
  try {
    await asAdmin(url, (client) => client.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8'`))
    created.push(name)
  } catch (error) {
    if (errorCode(error) !== '42501') throw error
    const objects = await objectCount(url)
    if (objects > 0) {
      throw new Error(
        `${describe}: this account may not create databases, and the URL's database is not empty (${objects} objects). Give an account with CREATEDB, or the URL of an empty database.`,
        { cause: error },
      )
    }
    ownDatabase = true
  }
  const mainUrl = ownDatabase ? url : withDatabase(url, name)
  const scratchUrl = ownDatabase ? url : withDatabase(url, `${name}_scratch`)
  const filesDir = mkdtempSync(join(tmpdir(), 'yardstick-bench-'))
  const scratchDir = join(filesDir, 'scratch')
  const opened: { close(): Promise<void> }[] = []
  const pools: pg.Pool[] = []
  // A signal during the long generation, or during the runs, still drops what the bench created.
  const onSignal = () => void cleanUp().finally(() => process.exit(130))
  let closing: Promise<void> | null = null
  const cleanUp = () => (closing ??= dropEverything())
  const dropEverything = async () => {
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal)
    for (const item of opened.reverse()) await item.close().catch(() => {})
    for (const pool of pools) await pool.end().catch(() => {})
    for (const database of created.reverse()) {
      await asAdmin(url, (client) => client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)).catch(
        (error: unknown) => console.error(`Could not drop the bench database ${database}: ${String(error)}`),
      )
    }
    if (ownDatabase) {
      await asAdmin(url, (client) => client.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public')).catch(
        (error: unknown) => console.error(`Could not empty ${describe} after the bench: ${String(error)}`),
      )
    }
    rmSync(filesDir, { recursive: true, force: true })
  }
  process.once('SIGINT', onSignal).once('SIGTERM', onSignal)
  try {
    const fresh = await open(join(filesDir, 'workspace'), mainUrl)
    try {
      await generate.populate(fresh)
    } finally {
      await fresh.close()
    }
    // Fresh rows carry no statistics or visibility map yet; a workspace in use has both.
    await asAdmin(mainUrl, (client) => client.query('VACUUM (ANALYZE)'))
    if (!ownDatabase) {
      await asAdmin(url, (client) => client.query(`CREATE DATABASE ${name}_scratch TEMPLATE ${name}`))
      created.push(`${name}_scratch`)
    }
    const workspace = await open(join(filesDir, 'workspace'), mainUrl)
    opened.push(workspace)
    const scratch = ownDatabase ? workspace : await open(scratchDir, scratchUrl)
    if (!ownDatabase) opened.push(scratch)
    const pool = createPostgresPool(mainUrl)
    const scratchPool = ownDatabase ? pool : createPostgresPool(scratchUrl)
    pools.push(...new Set([pool, scratchPool]))
    return {
      kind: 'postgres',
      workspace,
      raw: postgresRaw(pool),
      scratch,
      scratchRaw: postgresRaw(scratchPool),
      scratchPool,
      scratchDir: filesDir,
      where: `PostgreSQL, ${ownDatabase ? describe : `a fresh database on ${describe.replace(/\/[^/]*$/, '')}`}${ownDatabase ? ' (writes on the workspace itself: no right to create a copy)' : ''}`,
      close: cleanUp,
    }
  } catch (error) {
    await cleanUp()
    throw error
  }
}
