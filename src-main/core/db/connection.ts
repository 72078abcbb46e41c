import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import type { SqliteDatabase } from 'kysely'
import { Kysely, SqliteDialect } from 'kysely'
import { AppError } from '../errors'
import { migrate, pendingMigrations } from './migrate'
import { migrations as registered, type Migration } from './migrations'
import type { Database } from './schema'

export const DATABASE_FILE = 'yardstick.db'
/** "YARD": marks the file as ours, so a foreign SQLite file is never migrated. */
export const APPLICATION_ID = 0x59415244
const BACKUPS_KEPT = 5
const STATEMENT_CACHE_SIZE = 500

export interface OpenedDatabase {
  db: Kysely<Database>
  sqlite: BetterSqlite3.Database
  file: string
  /** Backup written before migrating, if any. */
  backupFile: string | null
  close(): Promise<void>
}

export interface OpenOptions {
  /** Tests substitute the chain; the app always uses the registered one. */
  migrations?: readonly Migration[]
}

export async function openDatabase(dataDir: string, options: OpenOptions = {}): Promise<OpenedDatabase> {
  const migrations = options.migrations ?? registered
  mkdirSync(dataDir, { recursive: true })
  const file = join(dataDir, DATABASE_FILE)
  const existed = existsSync(file) && statSync(file).size > 0
  const sqlite = new BetterSqlite3(file)
  try {
    sqlite.pragma('busy_timeout = 5000')
    const version = Number(sqlite.pragma('user_version', { simple: true }))
    checkCompatible(sqlite, version, migrations.at(-1)?.version ?? 0)
    const backupFile =
      existed && pendingMigrations(version, migrations).length > 0 ? await backup(sqlite, dataDir, version) : null
    sqlite.pragma('journal_mode = WAL')
    sqlite.pragma('synchronous = NORMAL')
    sqlite.pragma('foreign_keys = ON')
    // Deleted rows are overwritten with zeros: an erased candidate leaves no bytes in free pages.
    sqlite.pragma('secure_delete = ON')
    sqlite.pragma('temp_store = MEMORY')
    sqlite.pragma('cache_size = -65536')
    sqlite.pragma(`application_id = ${APPLICATION_ID}`)
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) })
    await migrate(db, version, migrations)
    return { db, sqlite, file, backupFile, close: () => db.destroy() }
  } catch (error) {
    sqlite.close()
    throw error
  }
}

/** Refuses files from a newer Yardstick and SQLite files that are not ours, before anything is written. */
function checkCompatible(sqlite: BetterSqlite3.Database, version: number, latestVersion: number): void {
  if (version > latestVersion) {
    throw new AppError(
      'incompatible_database',
      `This database was written by a newer version of Yardstick (schema ${version}; this version knows up to ${latestVersion}). Update Yardstick to open it; the file was left untouched.`,
    )
  }
  const applicationId = Number(sqlite.pragma('application_id', { simple: true }))
  const tables = Number(sqlite.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'table'").pluck().get())
  if ((applicationId !== 0 && applicationId !== APPLICATION_ID) || (applicationId === 0 && tables > 0)) {
    throw new AppError(
      'incompatible_database',
      'This file is an SQLite database, but not a Yardstick one; it was left untouched.',
    )
  }
}

async function backup(sqlite: BetterSqlite3.Database, dataDir: string, version: number): Promise<string> {
  const dir = join(dataDir, 'backups')
  mkdirSync(dir, { recursive: true })
  const stamp = new Date().toISOString().replace(/[:.]/g, '-')
  const target = join(dir, `yardstick-v${version}-${stamp}-${randomBytes(3).toString('hex')}.db`)
  await sqlite.backup(target)
  const old = readdirSync(dir)
    .filter((name) => name.startsWith('yardstick-v') && name.endsWith('.db'))
    .sort()
  for (const name of old.slice(0, Math.max(0, old.length - BACKUPS_KEPT))) rmSync(join(dir, name))
  return target
}

/**
 * Kysely prepares every statement anew; reusing prepared statements keyed by SQL
 * keeps hot queries close to raw better-sqlite3 speed.
 */
function withStatementCache(sqlite: BetterSqlite3.Database): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>()
  return {
    close: () => sqlite.close(),
    prepare(sqlText) {
      let statement = cache.get(sqlText)
      if (statement) {
        cache.delete(sqlText)
      } else {
        statement = sqlite.prepare(sqlText)
        if (cache.size >= STATEMENT_CACHE_SIZE) {
          const oldest = cache.keys().next().value
          if (oldest !== undefined) cache.delete(oldest)
        }
      }
      cache.set(sqlText, statement)
      return statement
    },
  }
}
