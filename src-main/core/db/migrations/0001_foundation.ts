import type { Kysely } from 'kysely'
import { sql } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    `CREATE TABLE workspace (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      uid TEXT NOT NULL,
      name TEXT NOT NULL,
      created_at TEXT NOT NULL
    )`,
    `CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL CHECK (json_valid(value))
    ) WITHOUT ROWID`,
    `CREATE TABLE people (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      email TEXT,
      role TEXT NOT NULL DEFAULT 'member'
        CHECK (role IN ('member', 'interviewer', 'hiring_manager', 'recruiter')),
      created_at TEXT NOT NULL,
      archived_at TEXT
    )`,
    `CREATE TABLE ladders (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL COLLATE NOCASE UNIQUE,
      description TEXT NOT NULL DEFAULT '',
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`,
    `CREATE TABLE levels (
      id INTEGER PRIMARY KEY,
      ladder_id INTEGER NOT NULL REFERENCES ladders(id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      code TEXT NOT NULL COLLATE NOCASE,
      title TEXT NOT NULL COLLATE NOCASE,
      summary TEXT NOT NULL DEFAULT '',
      UNIQUE (ladder_id, code),
      UNIQUE (ladder_id, title)
    )`,
    `CREATE INDEX levels_by_ladder ON levels (ladder_id, position)`,
    `CREATE TABLE competencies (
      id INTEGER PRIMARY KEY,
      ladder_id INTEGER NOT NULL REFERENCES ladders(id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      name TEXT NOT NULL COLLATE NOCASE,
      description TEXT NOT NULL DEFAULT '',
      UNIQUE (ladder_id, name)
    )`,
    `CREATE INDEX competencies_by_ladder ON competencies (ladder_id, position)`,
    `CREATE TABLE expectations (
      level_id INTEGER NOT NULL REFERENCES levels(id) ON DELETE CASCADE,
      competency_id INTEGER NOT NULL REFERENCES competencies(id) ON DELETE CASCADE,
      text TEXT NOT NULL,
      examples TEXT NOT NULL DEFAULT '',
      updated_at TEXT NOT NULL,
      updated_by INTEGER REFERENCES people(id) ON DELETE SET NULL,
      PRIMARY KEY (level_id, competency_id)
    ) WITHOUT ROWID`,
    `CREATE INDEX expectations_by_competency ON expectations (competency_id)`,
    `CREATE TABLE activity (
      id INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      person_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
      entity_type TEXT NOT NULL,
      entity_id INTEGER,
      action TEXT NOT NULL,
      detail TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail))
    )`,
    `CREATE INDEX activity_by_entity ON activity (entity_type, entity_id, id)`,
    // The log is append-only; only re-pointing an entry (merging records) is allowed.
    `CREATE TRIGGER activity_no_delete BEFORE DELETE ON activity
     BEGIN SELECT RAISE(ABORT, 'activity log is append-only'); END`,
    `CREATE TRIGGER activity_no_rewrite BEFORE UPDATE OF at, person_id, action, detail ON activity
     BEGIN SELECT RAISE(ABORT, 'activity log is append-only'); END`,
  ]
  for (const statement of statements) await sql.raw(statement).execute(db)
}
