import type { Kysely } from 'kysely'
import { runStatements } from './run-statements'

/** A submitted scorecard's ratings as one digit per focus item: 1–4, or 0 when left unrated. */
const digits = (scorecard: string) =>
  `coalesce((SELECT string_agg(coalesce(rating, 0)::text, '' ORDER BY position) FROM scorecard_ratings WHERE scorecard_id = ${scorecard}), '')`

/** As on SQLite: each submitted scorecard's ratings, written as it is submitted; those submitted before, here. */
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE scorecard_tallies (
      scorecard_id integer PRIMARY KEY REFERENCES scorecards(id) ON DELETE CASCADE,
      ratings text NOT NULL
    )`,
    `CREATE FUNCTION scorecards_tally() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       INSERT INTO scorecard_tallies (scorecard_id, ratings) VALUES (NEW.id, ${digits('NEW.id')});
       RETURN NULL;
     END $$`,
    `CREATE TRIGGER scorecards_tally AFTER UPDATE OF status ON scorecards FOR EACH ROW
     WHEN (NEW.status = 'submitted' AND OLD.status = 'draft') EXECUTE FUNCTION scorecards_tally()`,
    `INSERT INTO scorecard_tallies (scorecard_id, ratings)
     SELECT s.id, ${digits('s.id')} FROM scorecards s WHERE s.status = 'submitted'`,
  ])
}
