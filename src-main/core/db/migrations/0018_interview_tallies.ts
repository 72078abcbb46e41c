import type { Kysely } from 'kysely'
import { sql } from 'kysely'

/** A submitted scorecard's ratings as one digit per focus item: 1–4, or 0 when left unrated. */
const digits = (scorecard: string) =>
  `coalesce((SELECT group_concat(coalesce(rating, 0), '' ORDER BY position) FROM scorecard_ratings WHERE scorecard_id = ${scorecard}), '')`

/**
 * Each interview's latest submitted scorecard, tallied: calibration reads one row per interview instead of
 * finding the latest version among all the submitted ones (an anti-join over 96,000 scorecards, a third of the
 * report's time on PostgreSQL). An amendment replaces its interview's row as it is submitted; submitted
 * scorecards are locked and only go with their interview, so the row never goes stale. Replaces
 * `scorecard_tallies` (0017), which kept every version.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    `CREATE TABLE interview_tallies (
      interview_id INTEGER PRIMARY KEY REFERENCES interviews(id) ON DELETE CASCADE,
      scorecard_id INTEGER NOT NULL UNIQUE REFERENCES scorecards(id) ON DELETE CASCADE,
      version INTEGER NOT NULL,
      recommendation TEXT NOT NULL,
      -- One digit per focus item, in the items' order: its rating 1–4, or 0 when left unrated.
      ratings TEXT NOT NULL
    )`,
    `DROP TRIGGER scorecards_tally`,
    // A version submitted out of order (never done by the app) does not replace a later one.
    `CREATE TRIGGER scorecards_tally AFTER UPDATE OF status ON scorecards
     WHEN NEW.status = 'submitted' AND OLD.status = 'draft'
     BEGIN
       INSERT INTO interview_tallies (interview_id, scorecard_id, version, recommendation, ratings)
       VALUES (NEW.interview_id, NEW.id, NEW.version, NEW.recommendation, ${digits('NEW.id')})
       ON CONFLICT (interview_id) DO UPDATE SET scorecard_id = excluded.scorecard_id, version = excluded.version,
         recommendation = excluded.recommendation, ratings = excluded.ratings
       WHERE interview_tallies.version < excluded.version;
     END`,
    `INSERT INTO interview_tallies (interview_id, scorecard_id, version, recommendation, ratings)
     SELECT s.interview_id, s.id, s.version, s.recommendation, t.ratings
     FROM scorecards s JOIN scorecard_tallies t ON t.scorecard_id = s.id
     WHERE NOT EXISTS (
       SELECT 1 FROM scorecards later
       WHERE later.interview_id = s.interview_id AND later.status = 'submitted' AND later.version > s.version
     )`,
    `DROP TABLE scorecard_tallies`,
  ]
  for (const statement of statements) await sql.raw(statement).execute(db)
}
