import type { Kysely } from 'kysely'
import { sql } from 'kysely'

/**
 * Saved views: one person's named arrangement (filters, sort, hidden columns) of one table of a posting.
 * The state is JSON checked by the contract when written and again when read, since the posting's stages and
 * requirements it names may be deleted later.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    `CREATE TABLE saved_views (
      id INTEGER PRIMARY KEY,
      table_id TEXT NOT NULL CHECK (length(table_id) BETWEEN 1 AND 40),
      posting_id INTEGER NOT NULL REFERENCES postings(id) ON DELETE CASCADE,
      person_id INTEGER REFERENCES people(id) ON DELETE CASCADE,
      name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
      state TEXT NOT NULL CHECK (json_valid(state)),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`,
    // Without a local person the views belong to nobody (0): still one name per table and posting.
    `CREATE UNIQUE INDEX saved_views_by_name
      ON saved_views (table_id, posting_id, COALESCE(person_id, 0), name COLLATE NOCASE)`,
  ]
  for (const statement of statements) await sql.raw(statement).execute(db)
}
