import type BetterSqlite3 from 'better-sqlite3'
import type { Kysely } from 'kysely'
import type { Clock } from './clock'
import type { Database } from './db/schema'
import { AppError } from './errors'
import type { FileStore } from './files/file-store'

export type Dialect = 'sqlite' | 'postgres'

interface CommonContext {
  /**
   * The workspace's folder: its SQLite file and stored files when local; on PostgreSQL, a local scratch folder
   * only (exports in progress, uploads, backups before an erasure), since the stored files live in the database.
   */
  dataDir: string
  /** The files stored by content hash (résumés, originals): in `dataDir/files/`, or in PostgreSQL's `files` table. */
  files: FileStore
  /** The app's bundled resources (demo workspace, fonts …). */
  resourcesDir: string
  appVersion: string
  /** Every time a service stores or compares against "now" comes from here. */
  clock: Clock
}

/** The workspace's database; `sqlite` exists on SQLite only. */
export type ContextDatabase =
  | {
      dialect: 'sqlite'
      db: Kysely<Database>
      /**
       * The same connection under Kysely, for hot loops only (bulk import, demo generation): inside a Kysely
       * transaction its prepared statements run in that transaction, without Kysely's per-query cost.
       */
      sqlite: BetterSqlite3.Database
    }
  | { dialect: 'postgres'; db: Kysely<Database>; sqlite?: undefined }

/**
 * What every service gets: the database and where things live. Code that needs the raw SQLite connection has
 * to look at `dialect` first (or call `sqliteOf`).
 */
export type CoreContext = CommonContext & ContextDatabase

/**
 * The raw SQLite connection, for code that has no PostgreSQL path: the refusal says so instead of failing on an
 * undefined connection.
 */
export function sqliteOf(ctx: CoreContext): BetterSqlite3.Database {
  if (ctx.dialect === 'sqlite') return ctx.sqlite
  throw AppError.of('sqlite_only')
}
