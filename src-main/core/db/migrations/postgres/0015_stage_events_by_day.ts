import type { Kysely } from 'kysely'
import { runStatements } from './run-statements'

/**
 * The same index as on SQLite. PostgreSQL keeps its hash plan, but the statistics of the indexed expression tell
 * it how many days there are (720, where it guessed 140,000), so it counts them in parallel: 270 → 115 ms.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    `CREATE INDEX stage_events_by_day
     ON stage_events (substr(at, 1, 10), application_id, from_status, to_status, from_stage_id, to_stage_id)`,
    `ANALYZE stage_events`,
  ])
}
