import type BetterSqlite3 from 'better-sqlite3'
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../db/schema'
import { CandidateBulkWriter, type BulkCandidate } from './bulk-writer'
import { HIGHLIGHT_CLOSE, HIGHLIGHT_OPEN } from './repository'

/** Staged rows removed per transaction, after a publish or when an import is abandoned. */
const DROP_BATCH_ROWS = 5_000

const indexable = (value: string) => value.replaceAll(HIGHLIGHT_OPEN, ' ').replaceAll(HIGHLIGHT_CLOSE, ' ')

export interface StagedCandidate {
  seq: number
  line: number
  candidate: BulkCandidate
}

/**
 * The SQL of CSV imports. Every write runs in a Kysely transaction (BEGIN IMMEDIATE, serialised with the
 * rest of this process's queries on its one connection) around synchronous better-sqlite3 statements, so a
 * transaction never spans a turn of the event loop and holds the write lock only for the batch it writes.
 *
 * All-or-nothing imports stage their rows in `candidate_import_rows` and publish them at the end with a few
 * set-based INSERT … SELECT statements in one transaction. A staging table rather than hidden rows in the
 * candidate tables: no other query in the app has to learn to skip an unfinished import (lists, search,
 * reports, duplicate checks, privacy sweeps stay as they are), and an abandoned import is removed without
 * ever having been visible. The price is the publish transaction, which copies every row in SQLite's own
 * code: far shorter than importing row by row in it, but it grows with the file.
 */
export class CsvImportWriter {
  readonly candidates: CandidateBulkWriter
  private readonly statements

  constructor(
    private readonly db: Kysely<Database>,
    private readonly sqlite: BetterSqlite3.Database,
  ) {
    this.candidates = new CandidateBulkWriter(sqlite)
    this.statements = {
      begin: sqlite.prepare<[string, number, string]>(
        'INSERT INTO candidate_imports (job_id, pid, started_at) VALUES (?, ?, ?)',
      ),
      stage: sqlite.prepare<unknown[]>(
        `INSERT INTO candidate_import_rows (import_id, seq, line, name, name_key, name_match, location, source,
           origin, legal_basis, consent_given_on, consent_expires_on, emails, phones, links, tags, notes,
           search_name, search_contact, search_notes)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      endImport: sqlite.prepare<[number]>('DELETE FROM candidate_imports WHERE id = ?'),
      dropRows: sqlite.prepare<[number, number, number]>(
        `DELETE FROM candidate_import_rows WHERE import_id = ?
           AND seq IN (SELECT seq FROM candidate_import_rows WHERE import_id = ? ORDER BY seq LIMIT ?)`,
      ),
      hasStaged: sqlite.prepare<[], number>('SELECT 1 FROM candidate_import_rows LIMIT 1').pluck(),
      anyImport: sqlite.prepare<[], number>('SELECT 1 FROM candidate_imports LIMIT 1').pluck(),
      imports: sqlite.prepare<[], { id: number; pid: number }>('SELECT id, pid FROM candidate_imports'),
      stagedImports: sqlite
        .prepare<[], number>(
          // One index probe per import: the next import id after each one seen (a skip scan by hand).
          `WITH RECURSIVE ids(id) AS (
             SELECT min(import_id) FROM candidate_import_rows
             UNION ALL
             SELECT (SELECT min(import_id) FROM candidate_import_rows WHERE import_id > ids.id) FROM ids WHERE ids.id IS NOT NULL
           )
           SELECT id FROM ids WHERE id IS NOT NULL`,
        )
        .pluck(),
      maxCandidateId: sqlite.prepare<[], number>('SELECT coalesce(max(id), 0) FROM candidates').pluck(),
      publish: [
        `INSERT INTO candidates (id, name, name_key, name_match, location, source, created_at, updated_at, created_by,
           origin, legal_basis, consent_given_on, consent_expires_on)
         SELECT $base + seq, name, name_key, name_match, location, source, $at, $at, $actor,
           origin, legal_basis, consent_given_on, consent_expires_on
         FROM candidate_import_rows WHERE import_id = $import ORDER BY seq`,
        `INSERT OR IGNORE INTO candidate_emails (candidate_id, position, email)
         SELECT $base + r.seq, e.key, e.value FROM candidate_import_rows r, json_each(r.emails) e
         WHERE r.import_id = $import`,
        `INSERT OR IGNORE INTO candidate_phones (candidate_id, position, phone, phone_key)
         SELECT $base + r.seq, p.key, json_extract(p.value, '$[0]'), json_extract(p.value, '$[1]')
         FROM candidate_import_rows r, json_each(r.phones) p WHERE r.import_id = $import`,
        `INSERT OR IGNORE INTO candidate_links (candidate_id, position, url)
         SELECT $base + r.seq, l.key, l.value FROM candidate_import_rows r, json_each(r.links) l
         WHERE r.import_id = $import`,
        `INSERT OR IGNORE INTO candidate_tags (candidate_id, tag)
         SELECT $base + r.seq, t.value FROM candidate_import_rows r, json_each(r.tags) t WHERE r.import_id = $import`,
        `INSERT INTO candidate_notes (candidate_id, body, created_at, updated_at, created_by)
         SELECT $base + r.seq, n.value, $at, $at, $actor FROM candidate_import_rows r, json_each(r.notes) n
         WHERE r.import_id = $import ORDER BY r.seq, n.key`,
        `INSERT INTO candidate_search (rowid, name, contact, documents, notes)
         SELECT $base + seq, search_name, search_contact, '', search_notes
         FROM candidate_import_rows WHERE import_id = $import`,
        `INSERT INTO activity (at, person_id, entity_type, entity_id, action, detail)
         SELECT $at, $actor, 'candidate', $base + seq, 'created', json_object('via', 'csv', 'line', line)
         FROM candidate_import_rows WHERE import_id = $import ORDER BY seq`,
      ].map((text) => sqlite.prepare<[{ base: number; at: string; actor: number | null; import: number }]>(text)),
    }
  }

  /** Runs `write` (synchronous statements of this writer) in one short transaction. */
  async inTransaction<T>(write: (trx: Transaction<Database>) => T | Promise<T>): Promise<T> {
    return this.db.transaction().execute(async (trx) => write(trx))
  }

  /** Registers an all-or-nothing import; its rows are staged under the id returned. */
  async beginStaging(jobId: string, at: string): Promise<number> {
    return this.inTransaction(() => Number(this.statements.begin.run(jobId, process.pid, at).lastInsertRowid))
  }

  /** One batch of staged rows, in one transaction. */
  async stage(importId: number, rows: readonly StagedCandidate[]): Promise<void> {
    await this.inTransaction(() => {
      for (const { seq, line, candidate } of rows) {
        const { values } = candidate
        const consent = candidate.consent
        this.statements.stage.run(
          importId,
          seq,
          line,
          values.name,
          values.nameKey,
          values.nameMatch,
          values.location,
          values.source,
          consent?.origin ?? 'applied',
          consent?.legalBasis ?? 'legitimate_interest',
          consent?.consentGivenOn ?? null,
          consent?.consentExpiresOn ?? null,
          JSON.stringify(candidate.emails),
          JSON.stringify(candidate.phones.map(({ phone, key }) => [phone, key])),
          JSON.stringify(candidate.links),
          JSON.stringify(candidate.tags),
          JSON.stringify(candidate.notes),
          indexable(values.name),
          indexable([...candidate.emails, ...candidate.phones.map((entry) => entry.phone)].join(' ')),
          indexable(candidate.notes.join('\n')),
        )
      }
    })
  }

  /**
   * Makes every staged row of the import a candidate, in one transaction with `inSameTransaction` (the import's
   * own activity entry). Candidate ids follow the largest one at that moment: the write lock is held, so no
   * other writer can take them. Returns the id the staged row `seq` became, minus `seq`.
   */
  async publish(
    importId: number,
    actor: number | null,
    at: string,
    inSameTransaction: (trx: Transaction<Database>) => Promise<void>,
  ): Promise<number> {
    return this.inTransaction(async (trx) => {
      // Gone only if another process took this import for abandoned: then nothing may be published.
      if (this.statements.endImport.run(importId).changes !== 1) throw new Error(`import ${importId} was removed`)
      const base = this.statements.maxCandidateId.get() ?? 0
      for (const statement of this.statements.publish) statement.run({ base, at, actor, import: importId })
      await inSameTransaction(trx)
      return base
    })
  }

  /** Removes the import's staged rows, a batch per transaction; then the import itself. */
  async drop(importId: number, pause: () => Promise<void>): Promise<void> {
    for (;;) {
      const removed = await this.inTransaction(
        () => this.statements.dropRows.run(importId, importId, DROP_BATCH_ROWS).changes,
      )
      if (removed < DROP_BATCH_ROWS) break
      await pause()
    }
    await this.inTransaction(() => this.statements.endImport.run(importId))
  }

  /**
   * Staged imports whose process is gone (a crash, a kill), and rows left by published imports. Reads only:
   * opening a workspace with nothing to clean writes nothing.
   */
  abandonedImports(isRunning: (pid: number) => boolean): number[] {
    if (this.statements.anyImport.get() === undefined && this.statements.hasStaged.get() === undefined) return []
    const running = new Set(
      this.statements.imports
        .all()
        .filter((entry) => isRunning(entry.pid))
        .map((entry) => entry.id),
    )
    const abandoned = new Set(this.statements.stagedImports.all().filter((id) => !running.has(id)))
    for (const entry of this.statements.imports.all()) if (!running.has(entry.id)) abandoned.add(entry.id)
    return [...abandoned]
  }

  async candidateNames(ids: number[]): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map()
    const rows = await this.db.selectFrom('candidates').select(['id', 'name']).where('id', 'in', ids).execute()
    return new Map(rows.map((row) => [row.id, row.name]))
  }
}
