import type { Kysely } from 'kysely'
import { sql } from 'kysely'

/** A submitted scorecard's ratings as one digit per focus item: 1–4, or 0 when left unrated. */
const digits = (scorecard: string) =>
  `coalesce((SELECT group_concat(coalesce(rating, 0), '' ORDER BY position) FROM scorecard_ratings WHERE scorecard_id = ${scorecard}), '')`

/**
 * Each submitted scorecard's ratings, written once as it is submitted (submitted ratings are locked, so they
 * never change after). The calibration report reads one short row per scorecard instead of grouping its
 * 240,000 ratings over 100,000 candidates. The scorecards submitted before are written here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    `CREATE TABLE scorecard_tallies (
      scorecard_id INTEGER PRIMARY KEY REFERENCES scorecards(id) ON DELETE CASCADE,
      -- One digit per focus item, in the items' order: its rating 1–4, or 0 when left unrated.
      ratings TEXT NOT NULL
    )`,
    `CREATE TRIGGER scorecards_tally AFTER UPDATE OF status ON scorecards
     WHEN NEW.status = 'submitted' AND OLD.status = 'draft'
     BEGIN
       INSERT INTO scorecard_tallies (scorecard_id, ratings) VALUES (NEW.id, ${digits('NEW.id')});
     END`,
    `INSERT INTO scorecard_tallies (scorecard_id, ratings)
     SELECT s.id, ${digits('s.id')} FROM scorecards s WHERE s.status = 'submitted'`,
  ]
  for (const statement of statements) await sql.raw(statement).execute(db)
}
