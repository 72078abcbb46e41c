import type { Kysely } from 'kysely'
import { runStatements } from './run-statements'

/** A submitted scorecard's ratings as one digit per focus item: 1–4, or 0 when left unrated. */
const digits = (scorecard: string) =>
  `coalesce((SELECT string_agg(coalesce(rating, 0)::text, '' ORDER BY position) FROM scorecard_ratings WHERE scorecard_id = ${scorecard}), '')`

/**
 * As on SQLite: each interview's latest submitted scorecard, tallied, in place of every version's. The trigger
 * finds its interview's row through ON CONFLICT, which always uses the key: a DELETE or NOT EXISTS would keep the
 * plan made when the table was empty, a scan, while `demo generate` submits 96,000 scorecards in one statement.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE interview_tallies (
      interview_id integer PRIMARY KEY REFERENCES interviews(id) ON DELETE CASCADE,
      scorecard_id integer NOT NULL UNIQUE REFERENCES scorecards(id) ON DELETE CASCADE,
      version integer NOT NULL,
      recommendation text NOT NULL,
      ratings text NOT NULL
    )`,
    `CREATE OR REPLACE FUNCTION scorecards_tally() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       INSERT INTO interview_tallies (interview_id, scorecard_id, version, recommendation, ratings)
       VALUES (NEW.interview_id, NEW.id, NEW.version, NEW.recommendation, ${digits('NEW.id')})
       ON CONFLICT (interview_id) DO UPDATE SET scorecard_id = EXCLUDED.scorecard_id, version = EXCLUDED.version,
         recommendation = EXCLUDED.recommendation, ratings = EXCLUDED.ratings
       WHERE interview_tallies.version < EXCLUDED.version;
       RETURN NULL;
     END $$`,
    `INSERT INTO interview_tallies (interview_id, scorecard_id, version, recommendation, ratings)
     SELECT s.interview_id, s.id, s.version, s.recommendation, t.ratings
     FROM scorecards s JOIN scorecard_tallies t ON t.scorecard_id = s.id
     WHERE NOT EXISTS (
       SELECT 1 FROM scorecards later
       WHERE later.interview_id = s.interview_id AND later.status = 'submitted' AND later.version > s.version
     )`,
    `DROP TABLE scorecard_tallies`,
    `ANALYZE interview_tallies`,
  ])
}
