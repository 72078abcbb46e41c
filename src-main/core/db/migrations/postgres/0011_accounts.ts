import type { Kysely } from 'kysely'
import { runStatements } from './run-statements'

/** As on SQLite: accounts with scrypt hashes, the roles a person holds, sessions kept as token hashes. */
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE accounts (
      person_id integer PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
      email citext NOT NULL UNIQUE CHECK (length(email) BETWEEN 3 AND 320),
      password_hash text NOT NULL,
      password_salt text NOT NULL,
      password_params jsonb NOT NULL,
      password_changed_at text NOT NULL,
      disabled_at text,
      failed_sign_ins integer NOT NULL DEFAULT 0 CHECK (failed_sign_ins >= 0),
      last_failed_at text,
      created_at text NOT NULL
    )`,
    `CREATE TABLE person_roles (
      person_id integer NOT NULL REFERENCES people(id) ON DELETE CASCADE,
      role text NOT NULL CHECK (role IN ('administrator', 'recruiter', 'hiring_manager', 'interviewer')),
      PRIMARY KEY (person_id, role)
    )`,
    `CREATE TABLE sessions (
      token_hash text NOT NULL PRIMARY KEY CHECK (length(token_hash) = 64),
      person_id integer NOT NULL REFERENCES people(id) ON DELETE CASCADE,
      created_at text NOT NULL,
      last_seen_at text NOT NULL,
      idle_expires_at text NOT NULL,
      expires_at text NOT NULL
    )`,
    `CREATE INDEX sessions_by_person ON sessions (person_id)`,
  ])
}
