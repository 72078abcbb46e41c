import type { Kysely } from 'kysely'
import type { Database } from './db/schema'

/** What every service gets: the database and where things live. */
export interface CoreContext {
  db: Kysely<Database>
  dataDir: string
  /** The app's bundled resources (demo workspace, fonts …). */
  resourcesDir: string
  appVersion: string
}
