import type BetterSqlite3 from 'better-sqlite3'
import type { Kysely } from 'kysely'
import type { Clock } from './clock'
import type { Database } from './db/schema'

/** What every service gets: the database and where things live. */
export interface CoreContext {
  db: Kysely<Database>
  /**
   * The same connection under Kysely, for hot loops only (bulk import, demo generation): inside a Kysely
   * transaction its prepared statements run in that transaction, without Kysely's per-query cost.
   */
  sqlite: BetterSqlite3.Database
  dataDir: string
  /** The app's bundled resources (demo workspace, fonts …). */
  resourcesDir: string
  appVersion: string
  /** Every time a service stores or compares against "now" comes from here. */
  clock: Clock
}
