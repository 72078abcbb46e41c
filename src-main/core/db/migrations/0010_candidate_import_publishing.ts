import type { Kysely } from 'kysely'
import { sql } from 'kysely'

/**
 * An all-or-nothing CSV import publishes its staged rows in short transactions instead of one that grows with the
 * file. Once it starts publishing it can no longer be dropped: whoever finds it unfinished (the same process, or
 * the next one to open the workspace after a crash) publishes the rest, with the actor and time it was started
 * with, and records its activity entry (`summary`, the counts of the whole import) in the transaction that
 * publishes its last row.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    `ALTER TABLE candidate_imports
      ADD COLUMN state TEXT NOT NULL DEFAULT 'staging' CHECK (state IN ('staging', 'publishing'))`,
    `ALTER TABLE candidate_imports ADD COLUMN person_id INTEGER REFERENCES people(id) ON DELETE SET NULL`,
    `ALTER TABLE candidate_imports ADD COLUMN summary TEXT CHECK (summary IS NULL OR json_valid(summary))`,
  ]
  for (const statement of statements) await sql.raw(statement).execute(db)
}
