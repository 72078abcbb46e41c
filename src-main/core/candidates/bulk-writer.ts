import type BetterSqlite3 from 'better-sqlite3'
import { HIGHLIGHT_CLOSE, HIGHLIGHT_OPEN } from './repository'
import type { CandidateOrigin, LegalBasis } from '../db/schema'
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
 * Inserts candidates with prepared better-sqlite3 statements, for bulk import and demo generation.
 * Kysely builds, compiles and awaits every query; at eight statements per row that overhead alone would
 * keep a CSV import under its floor of 20,000 rows a second. The caller owns the transaction: run these
 * inside `db.transaction().execute(...)`, on the same connection, so they commit or roll back with it.
 */
export class CandidateBulkWriter {
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
      byEmail: sqlite
        .prepare<[string], number>('SELECT candidate_id FROM candidate_emails WHERE email = ? LIMIT 1')
        .pluck(),
      byPhone: sqlite
        .prepare<[string], number>('SELECT candidate_id FROM candidate_phones WHERE phone_key = ? LIMIT 1')
        .pluck(),
    }
  }

  /** The candidate already holding one of these e-mails or phone numbers, if any. */
  findExisting(candidate: NormalisedCandidate): number | null {
    for (const email of candidate.emails) {
      const id = this.statements.byEmail.get(email)
      if (id !== undefined) return id
    }
    for (const { key } of candidate.phones) {
      const id = this.statements.byPhone.get(key)
      if (id !== undefined) return id
    }
    return null
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
