import {
  CompiledQuery,
  Kysely,
  PostgresDialect,
  PostgresDriver,
  type DatabaseConnection,
  type Dialect,
  type PostgresDialectConfig,
  type TransactionSettings,
} from 'kysely'
import pg from 'pg'
import { AppError } from '../errors'
import { migratePostgres } from './migrate-postgres'
import { migrations as registered, type Migration } from './migrations'
import type { Database } from './schema'

/** How long opening waits for the server to answer; an unreachable server fails after this, not minutes later. */
export const CONNECT_TIMEOUT_MS = 5_000
/** Enough for a team server's concurrent requests; PostgreSQL's own default limit is 100 connections. */
export const POOL_SIZE = 10
/** Trusted extensions (created without superuser rights) and stored generated columns need 13 or newer. */
const MINIMUM_SERVER_VERSION = 130_000

export interface OpenedPostgresDatabase {
  kind: 'postgres'
  db: Kysely<Database>
  pool: pg.Pool
  /** The URL without its password, for messages and logs. */
  describe: string
  schemaVersion: number
  close(): Promise<void>
}

export interface OpenPostgresOptions {
  /** Tests substitute the chain; the app always uses the registered one. */
  migrations?: readonly Migration[]
  connectTimeoutMs?: number
  poolSize?: number
  /** How long a server that finds another one migrating waits for it. */
  lockTimeoutMs?: number
  /** Tests shorten how long a write waits for another one. */
  writeLockTimeoutMs?: number
}

/**
 * Reads rows as the SQLite driver does, so one set of row types serves both: counts and sums (int8) as
 * numbers, JSON as its text.
 */
const INT8_OID = 20
const JSON_OIDS = new Set([114, 3802])
const rowTypes = {
  getTypeParser: (oid: number, format?: 'text' | 'binary'): ((value: string) => unknown) => {
    if (oid === INT8_OID) return Number
    if (JSON_OIDS.has(oid)) return (value: string) => value
    // pg-types declares its parsers as any; every one of them takes the value's text.
    return pg.types.getTypeParser(oid, format ?? 'text') as (value: string) => unknown
  },
}

/** "YSWR": the advisory lock every write transaction takes; scoped to the database, like the migration lock. */
export const WRITE_LOCK = 0x59535752
/** A write waits this long for another one to commit, as a local workspace's busy timeout; then it fails as `busy`. */
export const WRITE_LOCK_TIMEOUT_MS = 5_000

/**
 * Every transaction takes one database-wide write lock when it begins, as SQLite's BEGIN IMMEDIATE does: the
 * services' transactions read, decide and write (the next stage position, "is this name taken", a version
 * check followed by its follow-ups), and under READ COMMITTED two of them could both decide on the same read.
 * One writer at a time keeps every such rule as safe as it is on SQLite without a row lock or a retry loop in
 * each service; reads outside transactions never wait for it. The price is that writes do not run in
 * parallel, which a hiring team's write rate does not notice; finer locks can replace it rule by rule.
 */
class WriteLockedPostgresDriver extends PostgresDriver {
  constructor(
    config: PostgresDialectConfig,
    private readonly lockTimeoutMs: number,
  ) {
    super(config)
  }

  override async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const begin = ['start transaction', settings.isolationLevel && `isolation level ${settings.isolationLevel}`]
      .concat(settings.accessMode ?? [])
      .filter(Boolean)
      .join(' ')
    try {
      // One round trip (a statement list without parameters): a call's writes wait for the server, not for the
      // network, and every write on a team server begins this way.
      await connection.executeQuery(
        CompiledQuery.raw(
          `${begin}; SET LOCAL lock_timeout = ${this.lockTimeoutMs}; SELECT pg_advisory_xact_lock(${WRITE_LOCK}); SET LOCAL lock_timeout = 0`,
        ),
      )
    } catch (error) {
      // Kysely rolls back only a transaction that began; this one failed while beginning, and its connection
      // would go back to the pool inside an aborted transaction.
      await connection.executeQuery(CompiledQuery.raw('rollback')).catch(() => {})
      throw error
    }
  }
}

export function writeLockedPostgresDialect(
  config: PostgresDialectConfig,
  lockTimeoutMs = WRITE_LOCK_TIMEOUT_MS,
): Dialect {
  const plain = new PostgresDialect(config)
  return {
    createDriver: () => new WriteLockedPostgresDriver(config, Math.max(1, Math.round(lockTimeoutMs))),
    createQueryCompiler: () => plain.createQueryCompiler(),
    createAdapter: () => plain.createAdapter(),
    createIntrospector: (db) => plain.createIntrospector(db),
  }
}

/** Parses a connection URL; the message never repeats the password. */
export function parsePostgresUrl(value: string): { url: string; describe: string; database: string } {
  const trimmed = value.trim()
  let parsed: URL
  try {
    parsed = new URL(trimmed)
  } catch {
    throw AppError.of('pg_url_unreadable', undefined, [{ path: 'database', message: 'not a URL' }])
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw AppError.of('pg_url_scheme', { scheme: `${parsed.protocol}//` }, [
      { path: 'database', message: 'not a PostgreSQL URL' },
    ])
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''))
  if (parsed.hostname === '' && !parsed.searchParams.has('host')) {
    throw AppError.of('pg_url_no_host', undefined, [{ path: 'database', message: 'no host' }])
  }
  if (database === '' || database.includes('/')) {
    throw AppError.of('pg_url_no_database', undefined, [{ path: 'database', message: 'no database name' }])
  }
  const host = parsed.hostname || parsed.searchParams.get('host') || ''
  const user = parsed.username ? `${decodeURIComponent(parsed.username)}@` : ''
  return { url: trimmed, describe: `${user}${decodeURIComponent(host)}:${parsed.port || '5432'}/${database}`, database }
}

/** A bounded pool whose rows read as the SQLite driver's do; the tests' raw connections use it too. */
export function createPostgresPool(
  url: string,
  options: { connectTimeoutMs?: number; poolSize?: number } = {},
): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? POOL_SIZE,
    connectionTimeoutMillis: options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS,
    idleTimeoutMillis: 30_000,
    application_name: 'yardstick',
    // JIT compiled every plan whose cost passed 100,000 (reports over a whole workspace: calibration, sources),
    // 0.3–4 s of compiling on each run for queries that take less. The reports group 100,000 applications in
    // hash tables of about 20 MB: at the default 4 MB they spilled to disk in batches. Sixteen MB per sort or
    // hash, on a pool of ten connections, is what a hiring team's server has to spare. Starting a parallel
    // worker took 10–20 ms on a 2-core server, where the planner's default setup cost (1000) bought it for
    // searches of 5 ms (p95 18 → 53 ms); at 10,000 only the reports' whole-history scans still go parallel.
    options: '-c jit=off -c work_mem=16MB -c parallel_setup_cost=10000',
    types: rowTypes,
  })
  // A pooled connection the server drops while idle (restart, network) emits here; without a listener the
  // whole process would stop. The next query opens a fresh connection.
  pool.on('error', () => {})
  // The same for a connection the server drops while it is checked out (a request, an import's own connection):
  // the query in flight fails with the error; without a listener the process would stop as well.
  pool.on('connect', (client) => client.on('error', () => {}))
  return pool
}

export async function openPostgresDatabase(
  value: string,
  options: OpenPostgresOptions = {},
): Promise<OpenedPostgresDatabase> {
  const { url, describe, database } = parsePostgresUrl(value)
  const pool = createPostgresPool(url, options)
  const db = new Kysely<Database>({ dialect: writeLockedPostgresDialect({ pool }, options.writeLockTimeoutMs) })
  const close = async () => {
    await db.destroy()
    if (!pool.ended) await pool.end()
  }
  try {
    const client = await pool.connect()
    try {
      const version = await client.query<{ v: string }>(`SELECT current_setting('server_version_num') AS v`)
      const number = Number(version.rows[0]?.v ?? 0)
      if (number < MINIMUM_SERVER_VERSION) {
        throw AppError.of('pg_server_too_old', { server: describe, version: Math.floor(number / 10_000) })
      }
    } finally {
      client.release()
    }
    const result = await migratePostgres(db, options.migrations ?? registered, { lockTimeoutMs: options.lockTimeoutMs })
    return { kind: 'postgres', db, pool, describe, schemaVersion: result.toVersion, close }
  } catch (error) {
    await close().catch(() => {})
    throw asPostgresOpenError(error, describe, database)
  }
}

const errorCode = (error: unknown): string | undefined =>
  error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined

/** What went wrong while opening, as the app says it: a stable code and a message without the password. */
export function asPostgresOpenError(error: unknown, describe: string, database: string): unknown {
  if (error instanceof AppError) return error
  const code = errorCode(error)
  const detail = error instanceof Error ? error.message : String(error)
  switch (code) {
    case '28P01':
    case '28000':
      return AppError.of('pg_credentials_refused', { server: describe, detail })
    case '42501':
      return AppError.of('pg_create_denied', { server: describe, detail })
    case '3D000':
      return AppError.of('pg_no_database', { database })
    case '55P03':
      return AppError.of('pg_preparing_elsewhere', { server: describe })
    case '57P03':
    case '53300':
      return AppError.of('pg_not_accepting', { server: describe, detail })
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ETIMEDOUT':
    case 'ECONNRESET':
    case 'ENOENT':
      return AppError.of('pg_unreachable', { server: describe, detail: code })
  }
  if (/timeout|terminated/i.test(detail)) {
    return AppError.of('pg_no_answer', { server: describe })
  }
  return error
}
