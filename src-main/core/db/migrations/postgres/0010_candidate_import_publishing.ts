import type { Kysely } from 'kysely'
import { runStatements } from './run-statements'

/** As on SQLite: the state of an all-or-nothing import, and who and what its publishing records once finished. */
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    `ALTER TABLE candidate_imports
      ADD COLUMN state text NOT NULL DEFAULT 'staging' CHECK (state IN ('staging', 'publishing'))`,
    `ALTER TABLE candidate_imports ADD COLUMN person_id integer REFERENCES people(id) ON DELETE SET NULL`,
    // SQLite's CHECK (json_valid) is jsonb's own.
    `ALTER TABLE candidate_imports ADD COLUMN summary jsonb`,
  ])
}
