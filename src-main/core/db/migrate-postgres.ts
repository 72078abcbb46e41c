import type { Kysely, Transaction } from 'kysely'
import { sql } from 'kysely'
import { AppError } from '../errors'
import { migrations as registered, type Migration } from './migrations'
import type { Database } from './schema'

/** "YARD": the advisory lock every Yardstick takes to migrate a database; scoped to that database. */
export const MIGRATION_LOCK = 0x59415244
/** A server that finds another one migrating waits this long for it; a first migration takes seconds. */
export const MIGRATION_LOCK_TIMEOUT_MS = 60_000

export interface PostgresMigrationResult {
  fromVersion: number
  toVersion: number
}

/**
 * Applies every pending migration in one transaction, under a transaction-scoped advisory lock: when two
 * servers start at once, the second waits, then finds the schema current and applies nothing. Everything is
 * read after the lock is taken, and a refusal throws before anything is written.
 */
export async function migratePostgres(
  db: Kysely<Database>,
  migrations: readonly Migration[] = registered,
  options: { lockTimeoutMs?: number } = {},
): Promise<PostgresMigrationResult> {
  const latest = migrations.at(-1)?.version ?? 0
  return db.transaction().execute(async (trx) => {
    const lockTimeout = Math.max(1, Math.round(options.lockTimeoutMs ?? MIGRATION_LOCK_TIMEOUT_MS))
    await sql.raw(`SET LOCAL lock_timeout = ${lockTimeout}`).execute(trx)
    await sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(trx)
    await sql.raw(`SET LOCAL lock_timeout = 0`).execute(trx)
    const version = await readSchemaVersion(trx)
    if (version === null) await refuseForeignSchema(trx)
    const fromVersion = version ?? 0
    if (fromVersion > latest) {
      throw AppError.of('pg_database_newer', { version: fromVersion, latest })
    }
    const pending = migrations.filter((migration) => migration.version > fromVersion)
    const missing = pending.find((migration) => migration.postgres === undefined)
    if (missing) {
      throw AppError.of('pg_migration_sqlite_only', { name: missing.name })
    }
    if (pending.length === 0) return { fromVersion, toVersion: fromVersion }
    if (version === null) {
      await sql
        .raw(
          `CREATE TABLE yardstick_schema (
            id integer PRIMARY KEY CHECK (id = 1),
            application text NOT NULL CHECK (application = 'yardstick'),
            version integer NOT NULL CHECK (version >= 0),
            migrated_at text NOT NULL
          )`,
        )
        .execute(trx)
      await sql`INSERT INTO yardstick_schema (id, application, version, migrated_at)
        VALUES (1, 'yardstick', 0, ${new Date().toISOString()})`.execute(trx)
    }
    for (const migration of pending) await migration.postgres?.(trx)
    const toVersion = pending.at(-1)?.version ?? fromVersion
    await sql`UPDATE yardstick_schema SET version = ${toVersion}, migrated_at = ${new Date().toISOString()}
      WHERE id = 1`.execute(trx)
    return { fromVersion, toVersion }
  })
}

/** The schema version, or null where Yardstick never migrated (no yardstick_schema table in the schema). */
export async function readSchemaVersion(db: Kysely<Database> | Transaction<Database>): Promise<number | null> {
  const table = await sql<{ found: string | null }>`SELECT to_regclass('yardstick_schema')::text AS found`.execute(db)
  if (!table.rows[0]?.found) return null
  const row = await sql<{ version: number }>`SELECT version FROM yardstick_schema WHERE id = 1`.execute(db)
  return row.rows[0]?.version ?? 0
}

/** A schema with tables but no yardstick_schema belongs to another application: it is never migrated. */
async function refuseForeignSchema(trx: Transaction<Database>): Promise<void> {
  const tables = await sql<{ name: string }>`
    SELECT c.relname AS name FROM pg_class c
    WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
    ORDER BY c.relname LIMIT 3`.execute(trx)
  if (tables.rows.length > 0) {
    throw AppError.of('pg_schema_foreign', {
      tables: `${tables.rows.map((row) => row.name).join(', ')}${tables.rows.length === 3 ? ', …' : ''}`,
    })
  }
}
