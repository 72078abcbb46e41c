import type { Kysely } from 'kysely'
import { sql } from 'kysely'

/** The pipeline every posting starts with; the last one is where hired applications end up. */
const DEFAULT_STAGES = ['Applied', 'Screen', 'Interview', 'Offer', 'Hired']

export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    // kind 'hired' marks the one terminal stage of a posting: hired applications sit there, active ones never do.
    // A stage that applications passed through is archived, not deleted, so their history keeps its name.
    `CREATE TABLE stages (
      id INTEGER PRIMARY KEY,
      posting_id INTEGER NOT NULL REFERENCES postings(id) ON DELETE CASCADE,
      position INTEGER NOT NULL CHECK (position >= 0),
      name TEXT NOT NULL COLLATE NOCASE CHECK (length(trim(name)) > 0),
      kind TEXT NOT NULL DEFAULT 'open' CHECK (kind IN ('open', 'hired')),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      archived_at TEXT,
      CHECK (kind = 'open' OR archived_at IS NULL)
    )`,
    `CREATE INDEX stages_by_posting ON stages (posting_id, position)`,
    `CREATE UNIQUE INDEX stages_live_name ON stages (posting_id, name) WHERE archived_at IS NULL`,
    `CREATE UNIQUE INDEX stages_one_hired ON stages (posting_id) WHERE kind = 'hired'`,
    // RESTRICT everywhere: a posting with applications is closed, not deleted, and a candidate merge must
    // re-point applications explicitly rather than lose them to a cascade.
    // merged_into_id: when two merged candidates had applied to the same posting, the one not kept stays here,
    // with its stage history, pointing at the one kept; lists and counts leave it out.
    `CREATE TABLE applications (
      id INTEGER PRIMARY KEY,
      candidate_id INTEGER NOT NULL REFERENCES candidates(id) ON DELETE RESTRICT,
      posting_id INTEGER NOT NULL REFERENCES postings(id) ON DELETE RESTRICT,
      stage_id INTEGER NOT NULL REFERENCES stages(id) ON DELETE RESTRICT,
      -- The candidate's name_key, so a posting's applicants are read in name order from an index; kept in
      -- step by the triggers below.
      name_key TEXT NOT NULL,
      status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'hired', 'rejected', 'withdrawn')),
      reason TEXT NOT NULL DEFAULT '',
      source TEXT NOT NULL DEFAULT '',
      created_at TEXT NOT NULL,
      created_by INTEGER REFERENCES people(id) ON DELETE SET NULL,
      updated_at TEXT NOT NULL,
      stage_entered_at TEXT NOT NULL,
      closed_at TEXT,
      merged_into_id INTEGER REFERENCES applications(id) ON DELETE RESTRICT,
      CHECK ((status = 'active') = (closed_at IS NULL)),
      CHECK (status NOT IN ('rejected', 'withdrawn') OR length(trim(reason)) > 0)
    )`,
    `CREATE UNIQUE INDEX applications_one_per_posting ON applications (candidate_id, posting_id)
      WHERE merged_into_id IS NULL`,
    `CREATE INDEX applications_by_candidate ON applications (candidate_id, posting_id)`,
    // The applicants table and the board: one index per sort column, each carrying the usual filters (status,
    // stage) so a filtered page is read from the index alone; the status index serves the board and the counts.
    `CREATE INDEX applications_by_status ON applications (posting_id, status, stage_id, stage_entered_at)
      WHERE merged_into_id IS NULL`,
    `CREATE INDEX applications_by_stage ON applications (posting_id, stage_id, id, status) WHERE merged_into_id IS NULL`,
    `CREATE INDEX applications_by_name ON applications (posting_id, name_key, id, status, stage_id)
      WHERE merged_into_id IS NULL`,
    `CREATE INDEX applications_by_created ON applications (posting_id, created_at, id, status, stage_id)
      WHERE merged_into_id IS NULL`,
    `CREATE INDEX applications_by_updated ON applications (posting_id, updated_at, id, status, stage_id)
      WHERE merged_into_id IS NULL`,
    `CREATE INDEX applications_by_entered ON applications (posting_id, stage_entered_at, id, status, stage_id)
      WHERE merged_into_id IS NULL`,
    `CREATE INDEX applications_by_source ON applications (posting_id, source, id, status, stage_id)
      WHERE merged_into_id IS NULL`,
    `CREATE INDEX applications_merged ON applications (merged_into_id) WHERE merged_into_id IS NOT NULL`,
    `CREATE TRIGGER applications_stage_of_posting BEFORE INSERT ON applications
     WHEN (SELECT posting_id FROM stages WHERE id = NEW.stage_id) IS NOT NEW.posting_id
     BEGIN SELECT RAISE(ABORT, 'the stage belongs to another posting'); END`,
    `CREATE TRIGGER applications_stage_of_posting_update BEFORE UPDATE OF stage_id, posting_id ON applications
     WHEN (SELECT posting_id FROM stages WHERE id = NEW.stage_id) IS NOT NEW.posting_id
     BEGIN SELECT RAISE(ABORT, 'the stage belongs to another posting'); END`,
    `CREATE TRIGGER candidates_name_key_to_applications AFTER UPDATE OF name_key ON candidates
     BEGIN UPDATE applications SET name_key = NEW.name_key WHERE candidate_id = NEW.id; END`,
    `CREATE TRIGGER applications_name_key_on_repoint AFTER UPDATE OF candidate_id ON applications
     BEGIN
       UPDATE applications SET name_key = (SELECT name_key FROM candidates WHERE id = NEW.candidate_id)
       WHERE id = NEW.id;
     END`,
    // Every move and status change, first of all the application entering its first stage (from_* null).
    // Reports compute funnels and time in stage from these rows, so they are never changed or removed.
    `CREATE TABLE stage_events (
      id INTEGER PRIMARY KEY,
      application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE RESTRICT,
      from_stage_id INTEGER REFERENCES stages(id) ON DELETE RESTRICT,
      to_stage_id INTEGER NOT NULL REFERENCES stages(id) ON DELETE RESTRICT,
      from_status TEXT CHECK (from_status IN ('active', 'hired', 'rejected', 'withdrawn')),
      to_status TEXT NOT NULL CHECK (to_status IN ('active', 'hired', 'rejected', 'withdrawn')),
      reason TEXT NOT NULL DEFAULT '',
      person_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
      at TEXT NOT NULL
    )`,
    `CREATE INDEX stage_events_by_application ON stage_events (application_id, at, id)`,
    `CREATE INDEX stage_events_by_time ON stage_events (at)`,
    `CREATE INDEX stage_events_by_stage ON stage_events (to_stage_id, at)`,
    `CREATE TRIGGER stage_events_no_delete BEFORE DELETE ON stage_events
     BEGIN SELECT RAISE(ABORT, 'stage events are append-only'); END`,
    `CREATE TRIGGER stage_events_no_update BEFORE UPDATE ON stage_events
     BEGIN SELECT RAISE(ABORT, 'stage events are append-only'); END`,
  ]
  for (const statement of statements) await sql.raw(statement).execute(db)
  // Postings saved before this version get the default pipeline.
  const now = new Date().toISOString()
  for (const [position, name] of DEFAULT_STAGES.entries()) {
    await sql`INSERT INTO stages (posting_id, position, name, kind, created_at, updated_at)
      SELECT id, ${position}, ${name}, ${position === DEFAULT_STAGES.length - 1 ? 'hired' : 'open'}, ${now}, ${now}
      FROM postings`.execute(db)
  }
}
