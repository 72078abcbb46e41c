import type { Kysely } from 'kysely'
import { sql } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    `CREATE TABLE candidates (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      -- Case- and diacritics-folded name: the sort key of the all-candidates list.
      name_key TEXT NOT NULL,
      -- Folded name words in alphabetical order: "Varga Elena" and "Elena Varga" flag each other as likely duplicates.
      name_match TEXT NOT NULL,
      location TEXT NOT NULL DEFAULT '',
      source TEXT NOT NULL DEFAULT '',
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      created_by INTEGER REFERENCES people(id) ON DELETE SET NULL
    )`,
    `CREATE INDEX candidates_by_name ON candidates (name_key, id)`,
    `CREATE INDEX candidates_by_name_match ON candidates (name_match)`,
    `CREATE INDEX candidates_by_created ON candidates (created_at, id)`,
    `CREATE INDEX candidates_by_updated ON candidates (updated_at, id)`,
    `CREATE INDEX candidates_by_source ON candidates (source, name_key, id)`,
    `CREATE INDEX candidates_by_location ON candidates (location, id)`,
    `CREATE TABLE candidate_emails (
      candidate_id INTEGER NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      email TEXT NOT NULL,
      PRIMARY KEY (candidate_id, email)
    ) WITHOUT ROWID`,
    `CREATE INDEX candidate_emails_by_email ON candidate_emails (email)`,
    `CREATE TABLE candidate_phones (
      candidate_id INTEGER NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      phone TEXT NOT NULL,
      -- The last nine digits: "+33 6 12 34 56 78" and "06 12 34 56 78" are the same line.
      phone_key TEXT NOT NULL,
      PRIMARY KEY (candidate_id, phone)
    ) WITHOUT ROWID`,
    `CREATE INDEX candidate_phones_by_key ON candidate_phones (phone_key)`,
    `CREATE TABLE candidate_links (
      candidate_id INTEGER NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      url TEXT NOT NULL,
      PRIMARY KEY (candidate_id, url)
    ) WITHOUT ROWID`,
    `CREATE TABLE candidate_tags (
      candidate_id INTEGER NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
      tag TEXT NOT NULL COLLATE NOCASE,
      PRIMARY KEY (candidate_id, tag)
    ) WITHOUT ROWID`,
    `CREATE INDEX candidate_tags_by_tag ON candidate_tags (tag, candidate_id)`,
    // One row per attached file; the bytes live once per content hash under <dataDir>/files/.
    `CREATE TABLE documents (
      id INTEGER PRIMARY KEY,
      candidate_id INTEGER NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
      sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
      file_name TEXT NOT NULL,
      size INTEGER NOT NULL,
      kind TEXT,
      status TEXT NOT NULL CHECK (status IN ('extracted', 'failed')),
      error_code TEXT,
      error_message TEXT,
      text TEXT NOT NULL DEFAULT '',
      pages INTEGER,
      warnings TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(warnings)),
      created_at TEXT NOT NULL,
      created_by INTEGER REFERENCES people(id) ON DELETE SET NULL,
      UNIQUE (candidate_id, sha256)
    )`,
    `CREATE INDEX documents_by_sha256 ON documents (sha256)`,
    `CREATE TABLE candidate_notes (
      id INTEGER PRIMARY KEY,
      candidate_id INTEGER NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
      body TEXT NOT NULL,
      created_at TEXT NOT NULL,
      created_by INTEGER REFERENCES people(id) ON DELETE SET NULL,
      updated_at TEXT NOT NULL
    )`,
    `CREATE INDEX candidate_notes_by_candidate ON candidate_notes (candidate_id, id)`,
    // One search row per candidate (rowid = candidate id), rewritten in the transaction of every change to it.
    `CREATE VIRTUAL TABLE candidate_search USING fts5 (
      name, contact, documents, notes,
      tokenize = 'unicode61 remove_diacritics 2',
      prefix = '2 3'
    )`,
  ]
  for (const statement of statements) await sql.raw(statement).execute(db)
}
