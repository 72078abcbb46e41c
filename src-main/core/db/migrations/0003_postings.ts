import type { Kysely } from 'kysely'
import { sql } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    // RESTRICT: a level (and so its ladder) cannot be deleted while postings target it.
    `CREATE TABLE postings (
      id INTEGER PRIMARY KEY,
      title TEXT NOT NULL,
      level_id INTEGER NOT NULL REFERENCES levels(id) ON DELETE RESTRICT,
      team TEXT NOT NULL DEFAULT '',
      language TEXT NOT NULL CHECK (length(language) = 2),
      countries TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(countries) AND json_type(countries) = 'array'),
      remote_policy TEXT NOT NULL DEFAULT 'onsite' CHECK (remote_policy IN ('onsite', 'hybrid', 'remote')),
      status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'paused', 'closed')),
      summary TEXT NOT NULL DEFAULT '',
      original_text TEXT NOT NULL DEFAULT '',
      original_file_name TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      closed_at TEXT,
      CHECK ((status = 'closed') = (closed_at IS NOT NULL))
    )`,
    `CREATE INDEX postings_by_status ON postings (status, updated_at)`,
    `CREATE INDEX postings_by_level ON postings (level_id, updated_at)`,
    `CREATE INDEX postings_by_language ON postings (language, updated_at)`,
    `CREATE INDEX postings_by_updated ON postings (updated_at)`,
    `CREATE TABLE requirements (
      id INTEGER PRIMARY KEY,
      posting_id INTEGER NOT NULL REFERENCES postings(id) ON DELETE CASCADE,
      section TEXT NOT NULL
        CHECK (section IN ('responsibility', 'requirement', 'nice_to_have', 'benefit', 'other')),
      position INTEGER NOT NULL CHECK (position >= 0),
      text TEXT NOT NULL CHECK (length(trim(text)) > 0),
      must_have INTEGER NOT NULL DEFAULT 0 CHECK (must_have IN (0, 1)),
      preferred INTEGER NOT NULL DEFAULT 0 CHECK (preferred IN (0, 1)),
      weight INTEGER NOT NULL CHECK (weight BETWEEN 0 AND 5),
      min_years INTEGER CHECK (min_years IS NULL OR min_years >= 0),
      skills TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(skills) AND json_type(skills) = 'array'),
      competency_id INTEGER REFERENCES competencies(id) ON DELETE SET NULL,
      -- Assessments (a later release) will archive a removed requirement that has ratings instead of deleting it.
      archived_at TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      CHECK (NOT (must_have = 1 AND preferred = 1))
    )`,
    `CREATE INDEX requirements_by_posting ON requirements (posting_id, section, position)`,
    `CREATE INDEX requirements_by_competency ON requirements (competency_id)`,
  ]
  for (const statement of statements) await sql.raw(statement).execute(db)
}
