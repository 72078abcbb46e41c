import type { Kysely } from 'kysely'
import { sql } from 'kysely'

/**
 * Where an all-or-nothing CSV import keeps its rows until it publishes them. The import writes here in short
 * transactions, so other work never waits for more than one batch, and no query outside the import reads these
 * tables: an unfinished import is invisible to every candidate list, search, report and duplicate check as they are.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    `CREATE TABLE candidate_imports (
      id INTEGER PRIMARY KEY,
      -- The job running it, for whoever reads the table while it runs; '' when run without a job.
      job_id TEXT NOT NULL DEFAULT '',
      -- The process running it: a workspace opened once that process is gone removes what it staged.
      pid INTEGER NOT NULL,
      started_at TEXT NOT NULL
    )`,
    // One row per candidate to create, in the shape the publish copies into the candidate tables. No foreign key
    // to the import: its row goes in the publishing transaction, and the staged rows after it, in batches.
    `CREATE TABLE candidate_import_rows (
      import_id INTEGER NOT NULL,
      seq INTEGER NOT NULL CHECK (seq > 0),
      line INTEGER NOT NULL,
      name TEXT NOT NULL,
      name_key TEXT NOT NULL,
      name_match TEXT NOT NULL,
      location TEXT NOT NULL,
      source TEXT NOT NULL,
      origin TEXT NOT NULL,
      legal_basis TEXT NOT NULL,
      consent_given_on TEXT,
      consent_expires_on TEXT,
      -- JSON arrays: e-mails, [phone, key] pairs, links, tags and note bodies, in the order of the file.
      emails TEXT NOT NULL,
      phones TEXT NOT NULL,
      links TEXT NOT NULL,
      tags TEXT NOT NULL,
      notes TEXT NOT NULL,
      search_name TEXT NOT NULL,
      search_contact TEXT NOT NULL,
      search_notes TEXT NOT NULL,
      PRIMARY KEY (import_id, seq)
    ) WITHOUT ROWID`,
  ]
  for (const statement of statements) await sql.raw(statement).execute(db)
}
