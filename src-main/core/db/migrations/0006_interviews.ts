import type { Kysely } from 'kysely'
import { sql } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    // One row per posting that has plan settings; a posting without a row has no hiring manager set.
    `CREATE TABLE interview_plans (
      posting_id INTEGER PRIMARY KEY REFERENCES postings(id) ON DELETE CASCADE,
      hiring_manager_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
      updated_at TEXT NOT NULL
    )`,
    `CREATE TABLE interview_steps (
      id INTEGER PRIMARY KEY,
      posting_id INTEGER NOT NULL REFERENCES postings(id) ON DELETE CASCADE,
      position INTEGER NOT NULL CHECK (position >= 0),
      name TEXT NOT NULL CHECK (length(trim(name)) > 0),
      duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 5 AND 480),
      questions TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(questions) AND json_type(questions) = 'array'),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`,
    `CREATE INDEX interview_steps_by_posting ON interview_steps (posting_id, position)`,
    // A focus item is a requirement or a competency; removing either removes it from the plan (ratings keep a copy of the label).
    `CREATE TABLE interview_focus_items (
      id INTEGER PRIMARY KEY,
      step_id INTEGER NOT NULL REFERENCES interview_steps(id) ON DELETE CASCADE,
      position INTEGER NOT NULL CHECK (position >= 0),
      requirement_id INTEGER REFERENCES requirements(id) ON DELETE CASCADE,
      competency_id INTEGER REFERENCES competencies(id) ON DELETE CASCADE,
      CHECK ((requirement_id IS NULL) <> (competency_id IS NULL)),
      UNIQUE (step_id, requirement_id),
      UNIQUE (step_id, competency_id)
    )`,
    `CREATE INDEX interview_focus_by_step ON interview_focus_items (step_id, position)`,
    `CREATE INDEX interview_focus_by_requirement ON interview_focus_items (requirement_id)`,
    `CREATE INDEX interview_focus_by_competency ON interview_focus_items (competency_id)`,
    // A packet from another workspace, opened here so its interviewer can fill and export a scorecard.
    `CREATE TABLE external_interviews (
      id INTEGER PRIMARY KEY,
      source_workspace_uid TEXT NOT NULL,
      source_interview_id INTEGER NOT NULL,
      packet_sha256 TEXT NOT NULL CHECK (length(packet_sha256) = 64),
      -- The validated packet as JSON, interview key included: the key signs the exported scorecard.
      packet TEXT NOT NULL CHECK (json_valid(packet)),
      -- The scorecard being filled: {ratings, keyTakeaways, recommendation}.
      content TEXT NOT NULL CHECK (json_valid(content)),
      -- Bumped when an export carries changed content; an unchanged re-export is the same file, byte for byte.
      revision INTEGER NOT NULL DEFAULT 0 CHECK (revision >= 0),
      exported_content_sha256 TEXT,
      exported_at TEXT,
      opened_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      UNIQUE (source_workspace_uid, source_interview_id)
    )`,
  ]
  for (const statement of statements) await sql.raw(statement).execute(db)
}
