import type { Kysely } from 'kysely'
import { sql } from 'kysely'

/** A stored UTC time (ISO text) in milliseconds since 1970, exact: `julianday` keeps milliseconds. */
const ms = (time: string) => `CAST(round((julianday(${time}) - 2440587.5) * 86400000.0) AS INTEGER)`

/**
 * Per application and stage, how long it was active there: the visits that ended, added up, and since when it is
 * there now. A trigger keeps it from each stage event as it is written (the events are append-only), so the
 * time-in-stage report reads one row per stage visited instead of replaying 300,000 events over 100,000
 * candidates. The history written before is replayed once here, each application's events in order.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    `CREATE TABLE stage_stays (
      application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
      stage_id INTEGER NOT NULL REFERENCES stages(id) ON DELETE CASCADE,
      -- The visits that ended, added up, in milliseconds.
      closed_ms INTEGER NOT NULL DEFAULT 0,
      -- When the running visit began (milliseconds since 1970); null when the application is not there now.
      since_ms INTEGER,
      PRIMARY KEY (application_id, stage_id)
    ) WITHOUT ROWID`,
    // An event ends the running visit (a later event never takes time off it) and, when it makes the
    // application active in a stage, starts one there.
    `CREATE TRIGGER stage_events_stays AFTER INSERT ON stage_events
     BEGIN
       UPDATE stage_stays SET closed_ms = closed_ms + max(0, ${ms('NEW.at')} - since_ms), since_ms = NULL
         WHERE application_id = NEW.application_id AND since_ms IS NOT NULL;
       INSERT INTO stage_stays (application_id, stage_id, closed_ms, since_ms)
         SELECT NEW.application_id, NEW.to_stage_id, 0, ${ms('NEW.at')} WHERE NEW.to_status = 'active'
         ON CONFLICT (application_id, stage_id) DO UPDATE SET since_ms = excluded.since_ms;
     END`,
    `INSERT INTO stage_stays (application_id, stage_id, closed_ms, since_ms)
     SELECT application_id, stage_id,
       SUM(CASE WHEN next_ms IS NULL THEN 0 ELSE max(0, next_ms - at_ms) END),
       MAX(CASE WHEN next_ms IS NULL THEN at_ms END)
     FROM (
       SELECT application_id, to_stage_id AS stage_id, to_status, ${ms('at')} AS at_ms,
         LEAD(${ms('at')}) OVER (PARTITION BY application_id ORDER BY at, id) AS next_ms
       FROM stage_events
     ) AS replayed
     WHERE to_status = 'active'
     GROUP BY application_id, stage_id`,
  ]
  for (const statement of statements) await sql.raw(statement).execute(db)
}
