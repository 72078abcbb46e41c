import type { Kysely } from 'kysely'
import { runStatements } from './run-statements'

/** A stored UTC time (ISO text) in milliseconds since 1970. */
const ms = (time: string) => `(extract(epoch FROM ${time}::timestamptz) * 1000)::bigint`

/** As on SQLite: the time per application and stage, kept by a trigger on the stage events, the history replayed. */
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE stage_stays (
      application_id integer NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
      stage_id integer NOT NULL REFERENCES stages(id) ON DELETE CASCADE,
      closed_ms bigint NOT NULL DEFAULT 0,
      since_ms bigint,
      PRIMARY KEY (application_id, stage_id)
    )`,
    `CREATE FUNCTION stage_events_stays() RETURNS trigger LANGUAGE plpgsql AS $$
     DECLARE
       at_ms bigint := ${ms('NEW.at')};
     BEGIN
       UPDATE stage_stays SET closed_ms = closed_ms + greatest(0, at_ms - since_ms), since_ms = NULL
         WHERE application_id = NEW.application_id AND since_ms IS NOT NULL;
       IF NEW.to_status = 'active' THEN
         INSERT INTO stage_stays (application_id, stage_id, closed_ms, since_ms)
           VALUES (NEW.application_id, NEW.to_stage_id, 0, at_ms)
           ON CONFLICT (application_id, stage_id) DO UPDATE SET since_ms = excluded.since_ms;
       END IF;
       RETURN NULL;
     END $$`,
    `CREATE TRIGGER stage_events_stays AFTER INSERT ON stage_events FOR EACH ROW EXECUTE FUNCTION stage_events_stays()`,
    `INSERT INTO stage_stays (application_id, stage_id, closed_ms, since_ms)
     SELECT application_id, stage_id,
       SUM(CASE WHEN next_ms IS NULL THEN 0 ELSE greatest(0, next_ms - at_ms) END),
       MAX(CASE WHEN next_ms IS NULL THEN at_ms END)
     FROM (
       SELECT application_id, to_stage_id AS stage_id, to_status, ${ms('at')} AS at_ms,
         LEAD(${ms('at')}) OVER (PARTITION BY application_id ORDER BY at, id) AS next_ms
       FROM stage_events
     ) AS replayed
     WHERE to_status = 'active'
     GROUP BY application_id, stage_id`,
  ])
}
