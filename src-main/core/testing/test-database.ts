import { randomBytes } from 'node:crypto'
import BetterSqlite3 from 'better-sqlite3'
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect } from 'kysely'
import pg from 'pg'
import { migrate } from '../db/migrate'
import { migratePostgres, readSchemaVersion } from '../db/migrate-postgres'
import type { Migration } from '../db/migrations'
import type { DatabaseTarget } from '../db/open-database'
import { createPostgresPool } from '../db/postgres'
import { tempDir } from './temp-dir'

export type DatabaseKind = 'sqlite' | 'postgres'

/** An administrator's URL on a server the tests may create and drop databases on; .ci/run sets it. */
export const TEST_DATABASE_URL_VARIABLE = 'YARDSTICK_TEST_DATABASE_URL'

/**
 * Which database `openTestWorkspace()` uses when a test does not say: the Vitest project sets it, so the
 * service suites listed in vitest.config.ts run once per database without a line of their own.
 */
export const TEST_WORKSPACE_KIND_VARIABLE = 'YARDSTICK_TEST_WORKSPACE_KIND'

export function testWorkspaceKind(): DatabaseKind {
  return process.env[TEST_WORKSPACE_KIND_VARIABLE] === 'postgres' ? 'postgres' : 'sqlite'
}

/**
 * For the few tests of a service suite that need one database only (they reach below the services into
 * SQLite's own file or pragmas): `it.runIf(onSqliteWorkspace())(…)`, with the reason next to it.
 */
export const onSqliteWorkspace = () => testWorkspaceKind() === 'sqlite'

/** SQLite always; PostgreSQL too when a test server is given. */
export function testDatabaseKinds(): DatabaseKind[] {
  return process.env[TEST_DATABASE_URL_VARIABLE] ? ['sqlite', 'postgres'] : ['sqlite']
}

export interface TestDatabase {
  kind: DatabaseKind
  /** A fresh data folder (SQLite) or the URL of a fresh, empty database (PostgreSQL). */
  location: string
  /** The location as the app's opener takes it. */
  target: DatabaseTarget
  /** Deletes the folder or drops the database, closing whatever is still connected to it. */
  dispose(): Promise<void>
}

function adminUrl(): string {
  const url = process.env[TEST_DATABASE_URL_VARIABLE]
  if (!url) throw new Error(`${TEST_DATABASE_URL_VARIABLE} is not set: PostgreSQL tests need a server to run on.`)
  return url
}

async function asAdmin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl(), connectionTimeoutMillis: 10_000 })
  await client.connect()
  try {
    return await run(client)
  } finally {
    await client.end()
  }
}

/**
 * A database the Vitest global setup migrated once per run: copying it (CREATE DATABASE … TEMPLATE) gives each
 * test workspace the current schema in a fraction of the time the migration chain takes.
 */
export const TEST_TEMPLATE_DATABASE_VARIABLE = 'YARDSTICK_TEST_TEMPLATE_DATABASE'

export async function createTestDatabase(
  kind: DatabaseKind,
  options: { migrated?: boolean } = {},
): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const dir = tempDir('yardstick-db-')
    return {
      kind,
      location: dir.path,
      target: { kind, dataDir: dir.path },
      dispose: () => Promise.resolve(dir.remove()),
    }
  }
  // A whole database, not a schema: the extensions the migrations create are per database.
  const name = `yardstick_test_${process.pid}_${randomBytes(4).toString('hex')}`
  const template = (options.migrated && process.env[TEST_TEMPLATE_DATABASE_VARIABLE]) || 'template0'
  if (!/^[a-z0-9_]+$/.test(template)) throw new Error(`${TEST_TEMPLATE_DATABASE_VARIABLE} is not a database name.`)
  await asAdmin((client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${template} ENCODING 'UTF8'`))
  const url = new URL(adminUrl())
  url.pathname = `/${name}`
  return {
    kind,
    location: url.toString(),
    target: { kind, url: url.toString() },
    dispose: () => asAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => {}),
  }
}

/** SQL on a fresh test database, below the app's own opening: for migration and schema tests. */
export interface RawTestDatabase {
  kind: DatabaseKind
  location: string
  target: DatabaseTarget
  db: Kysely<unknown>
  /** Runs one statement; `?` marks each parameter on both databases. */
  run(statement: string, ...params: unknown[]): Promise<void>
  all<T>(statement: string, ...params: unknown[]): Promise<T[]>
  /** Applies the chain's migrations up to `version` (those not applied yet). */
  upTo(migrations: readonly Migration[], version: number): Promise<void>
  version(): Promise<number>
  dispose(): Promise<void>
}

export async function openRawTestDatabase(kind: DatabaseKind): Promise<RawTestDatabase> {
  const fresh = await createTestDatabase(kind)
  if (kind === 'sqlite') {
    const sqlite = new BetterSqlite3(`${fresh.location}/yardstick.db`)
    sqlite.pragma('foreign_keys = ON')
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: sqlite }) })
    const version = () => Promise.resolve(Number(sqlite.pragma('user_version', { simple: true })))
    return {
      kind,
      location: fresh.location,
      target: fresh.target,
      db,
      run: async (statement, ...params) => void (await db.executeQuery(CompiledQuery.raw(statement, params))),
      all: async <T>(statement: string, ...params: unknown[]) =>
        (await db.executeQuery<T>(CompiledQuery.raw(statement, params))).rows,
      upTo: async (migrations, last) =>
        migrate(
          db,
          await version(),
          migrations.filter((migration) => migration.version <= last),
        ),
      version,
      dispose: async () => {
        await db.destroy()
        await fresh.dispose()
      },
    }
  }
  const pool = createPostgresPool(fresh.location, { poolSize: 2 })
  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) })
  const numbered = (statement: string) => {
    let index = 0
    return statement.replace(/\?/g, () => `$${++index}`)
  }
  return {
    kind,
    location: fresh.location,
    target: fresh.target,
    db,
    run: async (statement, ...params) => void (await db.executeQuery(CompiledQuery.raw(numbered(statement), params))),
    all: async <T>(statement: string, ...params: unknown[]) =>
      (await db.executeQuery<T>(CompiledQuery.raw(numbered(statement), params))).rows,
    upTo: async (migrations, last) => {
      await migratePostgres(
        db,
        migrations.filter((migration) => migration.version <= last),
      )
    },
    version: async () => (await readSchemaVersion(db)) ?? 0,
    dispose: async () => {
      await db.destroy()
      await fresh.dispose()
    },
  }
}
