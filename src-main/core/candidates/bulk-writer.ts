import type BetterSqlite3 from 'better-sqlite3'
import { sql, type Kysely } from 'kysely'
import type { CandidateOrigin, Database, LegalBasis } from '../db/schema'
import { nextIdOf, TableRows, type TableSpec } from '../db/table-rows-writer'
import { HIGHLIGHT_CLOSE, HIGHLIGHT_OPEN } from './repository'
import type { NormalisedCandidate } from './service'

export interface BulkDocument {
  sha256: string
  fileName: string
  size: number
  kind: string
  text: string
}

export interface BulkCandidate extends NormalisedCandidate {
  notes: string[]
  documents?: BulkDocument[]
  /** The schema's defaults (applied, legitimate interest) when absent. */
  consent?: {
    origin: CandidateOrigin
    legalBasis: LegalBasis
    consentGivenOn: string | null
    consentExpiresOn: string | null
  }
}

const indexable = (value: string) => value.replaceAll(HIGHLIGHT_OPEN, ' ').replaceAll(HIGHLIGHT_CLOSE, ' ')

/**
 * New candidates written together, inside the caller's transaction, on either database. `findExisting` sees the
 * workspace's candidates and those inserted earlier in the batch; `insert` returns the new candidate's id at once
 * (on PostgreSQL the rows wait in memory, with ids given as SQLite would give them, until `write`).
 */
export interface CandidateBatch {
  findExisting(candidate: NormalisedCandidate): number | null
  insert(candidate: BulkCandidate, actor: number | null, at: string, detail: Record<string, unknown>): number
  /** Writes what the batch holds; call it before the transaction ends. */
  write(): Promise<void>
}

/**
 * Who already holds each e-mail and phone key, read for a whole batch at once: the smallest candidate id, as
 * SQLite's LIMIT 1 on its index finds first. E-mails are looked at before phone numbers.
 */
export class KnownContacts {
  constructor(
    private readonly byEmail: Map<string, number>,
    private readonly byPhone: Map<string, number>,
  ) {}

  /** The values to read for these candidates, each once. */
  static keysOf(candidates: readonly NormalisedCandidate[]) {
    return {
      emails: [...new Set(candidates.flatMap((candidate) => candidate.emails))],
      phoneKeys: [...new Set(candidates.flatMap((candidate) => candidate.phones.map(({ key }) => key)))],
    }
  }

  findExisting(candidate: NormalisedCandidate): number | null {
    for (const email of candidate.emails) {
      const id = this.byEmail.get(email)
      if (id !== undefined) return id
    }
    for (const { key } of candidate.phones) {
      const id = this.byPhone.get(key)
      if (id !== undefined) return id
    }
    return null
  }

  /** A candidate written after the lookup: later rows with its e-mails or phones are matched to it. */
  add(candidate: NormalisedCandidate, id: number): void {
    for (const email of candidate.emails) if (!this.byEmail.has(email)) this.byEmail.set(email, id)
    for (const { key } of candidate.phones) if (!this.byPhone.has(key)) this.byPhone.set(key, id)
  }
}

export interface CandidateBatchWriter {
  /**
   * A batch in `db` (the caller's transaction, or the database for lookups only). `lookup`: the candidates
   * `findExisting` will be asked about, so PostgreSQL looks them all up in one query.
   */
  batch(db: Kysely<Database>, lookup: readonly NormalisedCandidate[], rows?: TableRows): Promise<CandidateBatch>
}

/** The bulk writer of the workspace's database. */
export function candidateBatchWriter(sqlite: BetterSqlite3.Database | undefined): CandidateBatchWriter {
  return sqlite ? new CandidateBulkWriter(sqlite) : new PostgresCandidateWriter()
}

/**
 * Inserts candidates with prepared better-sqlite3 statements, for bulk import and demo generation.
 * Kysely builds, compiles and awaits every query; at eight statements per row that overhead alone would
 * keep a CSV import under its floor of 20,000 rows a second. The caller owns the transaction: run these
 * inside `db.transaction().execute(...)`, on the same connection, so they commit or roll back with it.
 */
export class CandidateBulkWriter implements CandidateBatchWriter {
  private readonly statements

  constructor(sqlite: BetterSqlite3.Database) {
    this.statements = {
      candidate: sqlite.prepare<[string, string, string, string, string, string, string, number | null]>(
        `INSERT INTO candidates (name, name_key, name_match, location, source, created_at, updated_at, created_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      consent: sqlite.prepare<[string, string, string | null, string | null, number]>(
        `UPDATE candidates SET origin = ?, legal_basis = ?, consent_given_on = ?, consent_expires_on = ? WHERE id = ?`,
      ),
      email: sqlite.prepare<[number, number, string]>(
        'INSERT OR IGNORE INTO candidate_emails (candidate_id, position, email) VALUES (?, ?, ?)',
      ),
      phone: sqlite.prepare<[number, number, string, string]>(
        'INSERT OR IGNORE INTO candidate_phones (candidate_id, position, phone, phone_key) VALUES (?, ?, ?, ?)',
      ),
      link: sqlite.prepare<[number, number, string]>(
        'INSERT OR IGNORE INTO candidate_links (candidate_id, position, url) VALUES (?, ?, ?)',
      ),
      tag: sqlite.prepare<[number, string]>('INSERT OR IGNORE INTO candidate_tags (candidate_id, tag) VALUES (?, ?)'),
      note: sqlite.prepare<[number, string, string, string, number | null]>(
        'INSERT INTO candidate_notes (candidate_id, body, created_at, updated_at, created_by) VALUES (?, ?, ?, ?, ?)',
      ),
      document: sqlite.prepare<[number, string, string, number, string, string, string, number | null]>(
        `INSERT OR IGNORE INTO documents (candidate_id, sha256, file_name, size, kind, status, text, created_at, created_by)
         VALUES (?, ?, ?, ?, ?, 'extracted', ?, ?, ?)`,
      ),
      search: sqlite.prepare<[number, string, string, string, string]>(
        'INSERT INTO candidate_search (rowid, name, contact, documents, notes) VALUES (?, ?, ?, ?, ?)',
      ),
      activity: sqlite.prepare<[string, number | null, number, string]>(
        `INSERT INTO activity (at, person_id, entity_type, entity_id, action, detail) VALUES (?, ?, 'candidate', ?, 'created', ?)`,
      ),
      emailOwners: sqlite.prepare<[string], { key: string; id: number }>(
        `SELECT email AS key, min(candidate_id) AS id FROM candidate_emails
         WHERE email IN (SELECT value FROM json_each(?)) GROUP BY email`,
      ),
      phoneOwners: sqlite.prepare<[string], { key: string; id: number }>(
        `SELECT phone_key AS key, min(candidate_id) AS id FROM candidate_phones
         WHERE phone_key IN (SELECT value FROM json_each(?)) GROUP BY phone_key`,
      ),
    }
  }

  /** Who holds the e-mails and phones of these candidates: two queries, where a probe per value took 12 µs each. */
  knownContacts(candidates: readonly NormalisedCandidate[]): KnownContacts {
    const { emails, phoneKeys } = KnownContacts.keysOf(candidates)
    const owners = (statement: BetterSqlite3.Statement<[string], { key: string; id: number }>, keys: string[]) =>
      new Map(keys.length === 0 ? [] : statement.all(JSON.stringify(keys)).map((row) => [row.key, row.id] as const))
    return new KnownContacts(
      owners(this.statements.emailOwners, emails),
      owners(this.statements.phoneOwners, phoneKeys),
    )
  }

  /** Rows inserted by the batch are matched as the database's are: through `known`, not a query per row. */
  batch(_db: Kysely<Database>, lookup: readonly NormalisedCandidate[]): Promise<CandidateBatch> {
    const known = this.knownContacts(lookup)
    return Promise.resolve({
      findExisting: (candidate) => known.findExisting(candidate),
      insert: (candidate, actor, at, detail) => {
        const id = this.insert(candidate, actor, at, detail)
        known.add(candidate, id)
        return id
      },
      write: () => Promise.resolve(),
    })
  }

  insert(candidate: BulkCandidate, actor: number | null, at: string, detail: Record<string, unknown>): number {
    const s = this.statements
    const { values } = candidate
    const id = Number(
      s.candidate.run(values.name, values.nameKey, values.nameMatch, values.location, values.source, at, at, actor)
        .lastInsertRowid,
    )
    const consent = candidate.consent
    if (consent) s.consent.run(consent.origin, consent.legalBasis, consent.consentGivenOn, consent.consentExpiresOn, id)
    candidate.emails.forEach((email, position) => s.email.run(id, position, email))
    candidate.phones.forEach(({ phone, key }, position) => s.phone.run(id, position, phone, key))
    candidate.links.forEach((url, position) => s.link.run(id, position, url))
    for (const tag of candidate.tags) s.tag.run(id, tag)
    for (const note of candidate.notes) s.note.run(id, note, at, at, actor)
    for (const doc of candidate.documents ?? []) {
      s.document.run(id, doc.sha256, doc.fileName, doc.size, doc.kind, doc.text, at, actor)
    }
    s.search.run(
      id,
      indexable(values.name),
      indexable([...candidate.emails, ...candidate.phones.map((entry) => entry.phone)].join(' ')),
      indexable((candidate.documents ?? []).map((doc) => doc.text).join('\n')),
      indexable(candidate.notes.join('\n')),
    )
    s.activity.run(at, actor, id, JSON.stringify(detail))
    return id
  }
}

const CANDIDATES: TableSpec = {
  table: 'candidates',
  explicitIds: true,
  columns: [
    ['id', 'int'],
    ['name', 'text'],
    ['name_key', 'text'],
    ['name_match', 'text'],
    ['location', 'text'],
    ['source', 'text'],
    ['created_at', 'text'],
    ['updated_at', 'text'],
    ['created_by', 'int'],
    ['origin', 'text'],
    ['legal_basis', 'text'],
    ['consent_given_on', 'text'],
    ['consent_expires_on', 'text'],
  ],
}
const EMAILS: TableSpec = {
  table: 'candidate_emails',
  ignoreConflicts: true,
  columns: [
    ['candidate_id', 'int'],
    ['position', 'int'],
    ['email', 'text'],
  ],
}
const PHONES: TableSpec = {
  table: 'candidate_phones',
  ignoreConflicts: true,
  columns: [
    ['candidate_id', 'int'],
    ['position', 'int'],
    ['phone', 'text'],
    ['phone_key', 'text'],
  ],
}
const LINKS: TableSpec = {
  table: 'candidate_links',
  ignoreConflicts: true,
  columns: [
    ['candidate_id', 'int'],
    ['position', 'int'],
    ['url', 'text'],
  ],
}
const TAGS: TableSpec = {
  table: 'candidate_tags',
  ignoreConflicts: true,
  columns: [
    ['candidate_id', 'int'],
    ['tag', 'text'],
  ],
}
const NOTES: TableSpec = {
  table: 'candidate_notes',
  columns: [
    ['candidate_id', 'int'],
    ['body', 'text'],
    ['created_at', 'text'],
    ['updated_at', 'text'],
    ['created_by', 'int'],
  ],
}
const DOCUMENTS: TableSpec = {
  table: 'documents',
  ignoreConflicts: true,
  columns: [
    ['candidate_id', 'int'],
    ['sha256', 'text'],
    ['file_name', 'text'],
    ['size', 'int'],
    ['kind', 'text'],
    ['status', 'text'],
    ['text', 'text'],
    ['created_at', 'text'],
    ['created_by', 'int'],
  ],
}
const SEARCH: TableSpec = {
  table: 'candidate_search',
  columns: [
    ['candidate_id', 'int'],
    ['name', 'text'],
    ['contact', 'text'],
    ['documents', 'text'],
    ['notes', 'text'],
  ],
}
/** Shared with the other bulk writers of a batch, so activity entries keep the order they were made in. */
export const ACTIVITY_ROWS: TableSpec = {
  table: 'activity',
  columns: [
    ['at', 'text'],
    ['person_id', 'int'],
    ['entity_type', 'text'],
    ['entity_id', 'int'],
    ['action', 'text'],
    ['detail', 'jsonb'],
  ],
}

/**
 * The PostgreSQL side of the bulk writes: a batch looks up the e-mails and phones it will be asked about in two
 * queries, collects its rows in memory, and writes each table with one multi-row INSERT. Ids follow the largest
 * one, read inside the transaction (which holds the workspace's write lock), as SQLite's rowids do.
 */
export class PostgresCandidateWriter implements CandidateBatchWriter {
  async batch(db: Kysely<Database>, lookup: readonly NormalisedCandidate[], rows = new TableRows()) {
    const known = await this.knownContacts(db, lookup)
    let nextId = await nextIdOf(db, 'candidates')
    const batch: CandidateBatch = {
      findExisting: (candidate) => known.findExisting(candidate),
      insert: (candidate, actor, at, detail) => {
        const id = nextId++
        addCandidateRows(rows, id, candidate, actor, at, detail)
        known.add(candidate, id)
        return id
      },
      write: () => rows.write(db),
    }
    return batch
  }

  async knownContacts(db: Kysely<Database>, candidates: readonly NormalisedCandidate[]): Promise<KnownContacts> {
    const { emails, phoneKeys } = KnownContacts.keysOf(candidates)
    const byEmail = new Map<string, number>()
    const byPhone = new Map<string, number>()
    if (emails.length > 0)
      for (const row of (
        await sql<{ key: string; id: number }>`SELECT email AS key, min(candidate_id) AS id FROM candidate_emails
          WHERE email = ANY(${emails}::text[]) GROUP BY email`.execute(db)
      ).rows)
        byEmail.set(row.key, row.id)
    if (phoneKeys.length > 0)
      for (const row of (
        await sql<{ key: string; id: number }>`SELECT phone_key AS key, min(candidate_id) AS id FROM candidate_phones
          WHERE phone_key = ANY(${phoneKeys}::text[]) GROUP BY phone_key`.execute(db)
      ).rows)
        byPhone.set(row.key, row.id)
    return new KnownContacts(byEmail, byPhone)
  }
}

function addCandidateRows(
  rows: TableRows,
  id: number,
  candidate: BulkCandidate,
  actor: number | null,
  at: string,
  detail: Record<string, unknown>,
): void {
  const { values, consent } = candidate
  rows.add(CANDIDATES, [
    id,
    values.name,
    values.nameKey,
    values.nameMatch,
    values.location,
    values.source,
    at,
    at,
    actor,
    consent?.origin ?? 'applied',
    consent?.legalBasis ?? 'legitimate_interest',
    consent?.consentGivenOn ?? null,
    consent?.consentExpiresOn ?? null,
  ])
  candidate.emails.forEach((email, position) => rows.add(EMAILS, [id, position, email]))
  candidate.phones.forEach(({ phone, key }, position) => rows.add(PHONES, [id, position, phone, key]))
  candidate.links.forEach((url, position) => rows.add(LINKS, [id, position, url]))
  for (const tag of candidate.tags) rows.add(TAGS, [id, tag])
  for (const note of candidate.notes) rows.add(NOTES, [id, note, at, at, actor])
  for (const doc of candidate.documents ?? [])
    rows.add(DOCUMENTS, [id, doc.sha256, doc.fileName, doc.size, doc.kind, 'extracted', doc.text, at, actor])
  rows.add(SEARCH, [
    id,
    indexable(values.name),
    indexable([...candidate.emails, ...candidate.phones.map((entry) => entry.phone)].join(' ')),
    indexable((candidate.documents ?? []).map((doc) => doc.text).join('\n')),
    indexable(candidate.notes.join('\n')),
  ])
  rows.add(ACTIVITY_ROWS, [at, actor, 'candidate', id, 'created', JSON.stringify(detail)])
}
