import type { Kysely } from 'kysely'
import { sql } from 'kysely'

/**
 * Accounts of a team workspace: a person who signs in, the roles they hold and their open sessions.
 * Passwords are kept as scrypt hashes with their salt and cost, so the cost can rise for new hashes without
 * breaking old ones; sessions are kept only as the SHA-256 of their token, so a copy of the database
 * cannot be used to sign in. A local workspace has these tables too, empty.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    `CREATE TABLE accounts (
      person_id INTEGER PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
      email TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(email) BETWEEN 3 AND 320),
      password_hash TEXT NOT NULL,
      password_salt TEXT NOT NULL,
      password_params TEXT NOT NULL CHECK (json_valid(password_params)),
      password_changed_at TEXT NOT NULL,
      disabled_at TEXT,
      failed_sign_ins INTEGER NOT NULL DEFAULT 0 CHECK (failed_sign_ins >= 0),
      last_failed_at TEXT,
      created_at TEXT NOT NULL
    )`,
    `CREATE TABLE person_roles (
      person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
      role TEXT NOT NULL CHECK (role IN ('administrator', 'recruiter', 'hiring_manager', 'interviewer')),
      PRIMARY KEY (person_id, role)
    ) WITHOUT ROWID`,
    `CREATE TABLE sessions (
      token_hash TEXT NOT NULL PRIMARY KEY CHECK (length(token_hash) = 64),
      person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
      created_at TEXT NOT NULL,
      last_seen_at TEXT NOT NULL,
      idle_expires_at TEXT NOT NULL,
      expires_at TEXT NOT NULL
    ) WITHOUT ROWID`,
    `CREATE INDEX sessions_by_person ON sessions (person_id)`,
  ]
  for (const statement of statements) await sql.raw(statement).execute(db)
}
