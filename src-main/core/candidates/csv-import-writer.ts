import type BetterSqlite3 from 'better-sqlite3'
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../db/schema'
import { CandidateBulkWriter, type BulkCandidate, type CandidateBatchWriter, type KnownContacts } from './bulk-writer'
import type { NormalisedCandidate } from './candidate-input'
import { HIGHLIGHT_CLOSE, HIGHLIGHT_OPEN } from './repository'

/** Staged rows removed per transaction, after a publish or when an import is abandoned. */
export const DROP_BATCH_ROWS = 5_000

export const indexable = (value: string) => value.replaceAll(HIGHLIGHT_OPEN, ' ').replaceAll(HIGHLIGHT_CLOSE, ' ')

export type ImportState = 'staging' | 'publishing'

/** Staged rows `from`…`to` became candidates `offset + seq`. */
export interface PublishedBatch {
  from: number
  to: number
  offset: number
  count: number
}

export interface PublishStep {
  batch: PublishedBatch | null
  /** No staged row is left and the import's activity entry is written (by this step or an earlier one). */
  done: boolean
}

export interface StagedCandidate {
  seq: number
  line: number
  candidate: BulkCandidate
}

/** A staged row's columns, in the order of `candidate_import_rows` as both writers insert them. */
export function stagedRowValues(importId: number, { seq, line, candidate }: StagedCandidate): unknown[] {
  const { values, consent } = candidate
  return [
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
  ]
}

/**
 * What a CSV import writes and reads, on either database: `CsvImportWriter` (SQLite, prepared statements) and
 * `PostgresCsvImportWriter` (multi-row and set-based statements on one connection) behave the same.
 */
export interface CsvImportStore {
  readonly candidates: CandidateBatchWriter
  /**
   * The database writes a staged batch in a process of its own (PostgreSQL): the import reads the next rows
   * meanwhile. SQLite writes in this process, so its batches are written before the next rows are read.
   */
  readonly stagesInBackground: boolean
  /** Who already holds the e-mails and phones of these candidates, read outside any transaction. */
  lookup(candidates: readonly NormalisedCandidate[]): Promise<KnownContacts>
  inTransaction<T>(write: (trx: Transaction<Database>) => T | Promise<T>): Promise<T>
  beginStaging(jobId: string, at: string): Promise<number>
  stage(importId: number, rows: readonly StagedCandidate[]): Promise<void>
  startPublishing(importId: number, actor: number | null, summary: Record<string, unknown>): Promise<void>
  stagedSpan(importId: number): Promise<number>
  publishBatch(importId: number, maxRows: number, now: string): Promise<PublishStep>
  handOver(importId: number): Promise<void>
  drop(importId: number, pause: () => Promise<void>): Promise<boolean>
  abandonedImports(isRunning: (pid: number) => boolean): Promise<{ id: number; state: ImportState }[]>
  candidateNames(ids: number[]): Promise<Map<number, string>>
}

/**
 * The SQL of CSV imports on SQLite. Every write runs in a Kysely transaction (BEGIN IMMEDIATE, serialised with the
 * rest of this process's queries on its one connection) around synchronous better-sqlite3 statements, so a
 * transaction never spans a turn of the event loop and holds the write lock only for the batch it writes.
 *
 * All-or-nothing imports stage their rows in `candidate_import_rows`, then publish them with a few set-based
 * INSERT … SELECT statements, a bounded batch of staged rows per transaction, each batch deleting the staged
 * rows it published. A staging table rather than hidden rows in the candidate tables: no other query in the
 * app has to learn to skip an unfinished import (lists, search, reports, duplicate checks, privacy sweeps stay
 * as they are), and an import abandoned while staging is removed without ever having been visible. Once
 * publishing starts (`state = 'publishing'`) the import is only ever finished, never dropped: a publish batch
 * is exactly-once by construction (it takes the lowest staged rows and deletes them in the same transaction),
 * and the import's activity entry goes in the transaction that publishes its last row.
 */
export class CsvImportWriter implements CsvImportStore {
  readonly candidates: CandidateBulkWriter
  readonly stagesInBackground = false
  private readonly statements
  /** Imports this process gave up publishing: its next import finishes them, even if the database refused `handOver`. */
  private readonly givenUp = new Set<number>()

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
      endStaging: sqlite.prepare<[number]>(`DELETE FROM candidate_imports WHERE id = ? AND state = 'staging'`),
      startPublishing: sqlite.prepare<[number | null, string, number]>(
        `UPDATE candidate_imports SET state = 'publishing', person_id = ?, summary = ? WHERE id = ? AND state = 'staging'`,
      ),
      importState: sqlite.prepare<
        [number],
        { state: ImportState; actor: number | null; at: string; summary: string | null }
      >('SELECT state, person_id AS actor, started_at AS at, summary FROM candidate_imports WHERE id = ?'),
      handOver: sqlite.prepare<[number]>('UPDATE candidate_imports SET pid = 0 WHERE id = ?'),
      firstStaged: sqlite
        .prepare<[number], number | null>('SELECT min(seq) FROM candidate_import_rows WHERE import_id = ?')
        .pluck(),
      stagedSpan: sqlite
        .prepare<[number], number>(
          'SELECT coalesce(max(seq) - min(seq) + 1, 0) FROM candidate_import_rows WHERE import_id = ?',
        )
        .pluck(),
      anyStagedOf: sqlite
        .prepare<[number], number>('SELECT 1 FROM candidate_import_rows WHERE import_id = ? LIMIT 1')
        .pluck(),
      deletePublished: sqlite.prepare<[number, number, number]>(
        'DELETE FROM candidate_import_rows WHERE import_id = ? AND seq BETWEEN ? AND ?',
      ),
      logImport: sqlite.prepare<[string, number | null, string]>(
        `INSERT INTO activity (at, person_id, entity_type, entity_id, action, detail)
         VALUES (?, ?, 'candidate_import', NULL, 'imported', ?)`,
      ),
      dropRows: sqlite.prepare<[number, number, number]>(
        `DELETE FROM candidate_import_rows WHERE import_id = ?
           AND seq IN (SELECT seq FROM candidate_import_rows WHERE import_id = ? ORDER BY seq LIMIT ?)`,
      ),
      hasStaged: sqlite.prepare<[], number>('SELECT 1 FROM candidate_import_rows LIMIT 1').pluck(),
      anyImport: sqlite.prepare<[], number>('SELECT 1 FROM candidate_imports LIMIT 1').pluck(),
      imports: sqlite.prepare<[], { id: number; pid: number; state: ImportState }>(
        'SELECT id, pid, state FROM candidate_imports',
      ),
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
      // One batch: staged rows `from`…`to`, which become candidates `offset + seq`.
      publish: [
        `INSERT INTO candidates (id, name, name_key, name_match, location, source, created_at, updated_at, created_by,
           origin, legal_basis, consent_given_on, consent_expires_on)
         SELECT $offset + seq, name, name_key, name_match, location, source, $at, $at, $actor,
           origin, legal_basis, consent_given_on, consent_expires_on
         FROM candidate_import_rows WHERE import_id = $import AND seq BETWEEN $from AND $to ORDER BY seq`,
        `INSERT OR IGNORE INTO candidate_emails (candidate_id, position, email)
         SELECT $offset + r.seq, e.key, e.value FROM candidate_import_rows r, json_each(r.emails) e
         WHERE r.import_id = $import AND r.seq BETWEEN $from AND $to`,
        `INSERT OR IGNORE INTO candidate_phones (candidate_id, position, phone, phone_key)
         SELECT $offset + r.seq, p.key, json_extract(p.value, '$[0]'), json_extract(p.value, '$[1]')
         FROM candidate_import_rows r, json_each(r.phones) p WHERE r.import_id = $import AND r.seq BETWEEN $from AND $to`,
        `INSERT OR IGNORE INTO candidate_links (candidate_id, position, url)
         SELECT $offset + r.seq, l.key, l.value FROM candidate_import_rows r, json_each(r.links) l
         WHERE r.import_id = $import AND r.seq BETWEEN $from AND $to`,
        `INSERT OR IGNORE INTO candidate_tags (candidate_id, tag)
         SELECT $offset + r.seq, t.value FROM candidate_import_rows r, json_each(r.tags) t
         WHERE r.import_id = $import AND r.seq BETWEEN $from AND $to`,
        `INSERT INTO candidate_notes (candidate_id, body, created_at, updated_at, created_by)
         SELECT $offset + r.seq, n.value, $at, $at, $actor FROM candidate_import_rows r, json_each(r.notes) n
         WHERE r.import_id = $import AND r.seq BETWEEN $from AND $to ORDER BY r.seq, n.key`,
        `INSERT INTO candidate_search (rowid, name, contact, documents, notes)
         SELECT $offset + seq, search_name, search_contact, '', search_notes
         FROM candidate_import_rows WHERE import_id = $import AND seq BETWEEN $from AND $to`,
        `INSERT INTO activity (at, person_id, entity_type, entity_id, action, detail)
         SELECT $at, $actor, 'candidate', $offset + seq, 'created', json_object('via', 'csv', 'line', line)
         FROM candidate_import_rows WHERE import_id = $import AND seq BETWEEN $from AND $to ORDER BY seq`,
      ].map((text) =>
        sqlite.prepare<
          [{ offset: number; at: string; actor: number | null; import: number; from: number; to: number }]
        >(text),
      ),
    }
  }

  lookup(candidates: readonly NormalisedCandidate[]): Promise<KnownContacts> {
    return Promise.resolve(this.candidates.knownContacts(candidates))
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
      for (const row of rows) this.statements.stage.run(...stagedRowValues(importId, row))
    })
  }

  /**
   * The point of no return: from here the import is finished, never dropped. Fails if the import is gone
   * (another process took it for abandoned) or already publishing. `summary` is its activity entry's detail.
   */
  async startPublishing(importId: number, actor: number | null, summary: Record<string, unknown>): Promise<void> {
    await this.inTransaction(() => {
      if (this.statements.startPublishing.run(actor, JSON.stringify(summary), importId).changes !== 1)
        throw new Error(`import ${importId} was removed`)
    })
  }

  /** How many sequence numbers the import's staged rows span: a bound on the batches that publish them. */
  stagedSpan(importId: number): Promise<number> {
    return Promise.resolve(this.statements.stagedSpan.get(importId) ?? 0)
  }

  /**
   * Publishes the import's lowest `maxRows` staged rows in one transaction and deletes them there, so a batch
   * is published exactly once whoever runs it. Their candidate ids follow the largest one at that moment: the
   * write lock is held, so no other writer can take them. The transaction that leaves no staged row removes the
   * import and records its activity entry (at `now`), once. A publishing import that is gone was finished.
   */
  async publishBatch(importId: number, maxRows: number, now: string): Promise<PublishStep> {
    const s = this.statements
    const step = await this.inTransaction((): PublishStep => {
      const current = s.importState.get(importId)
      if (current?.state !== 'publishing') {
        if (current) throw new Error(`import ${importId} is not publishing`)
        return { batch: null, done: true }
      }
      let batch: PublishedBatch | null = null
      const from = s.firstStaged.get(importId)
      if (typeof from === 'number') {
        const to = from + maxRows - 1
        const offset = (s.maxCandidateId.get() ?? 0) - from + 1
        const params = { offset, at: current.at, actor: current.actor, import: importId, from, to }
        for (const statement of s.publish) statement.run(params)
        batch = { from, to, offset, count: s.deletePublished.run(importId, from, to).changes }
      }
      if (s.anyStagedOf.get(importId) !== undefined) return { batch, done: false }
      s.endImport.run(importId)
      s.logImport.run(now, current.actor, current.summary ?? '{}')
      return { batch, done: true }
    })
    if (step.done) this.givenUp.delete(importId)
    return step
  }

  /** Leaves a publishing import to whoever opens the workspace next, or to this process's next import. */
  async handOver(importId: number): Promise<void> {
    this.givenUp.add(importId)
    await this.inTransaction(() => this.statements.handOver.run(importId))
  }

  /**
   * Removes an import that is still staging, then its staged rows, a batch per transaction (rows without an
   * import are removed at the next open if this stops halfway). A publishing import is left alone: false.
   */
  async drop(importId: number, pause: () => Promise<void>): Promise<boolean> {
    const s = this.statements
    const removed = await this.inTransaction(() => {
      if (s.importState.get(importId)?.state === 'publishing') return false
      s.endStaging.run(importId)
      return true
    })
    if (!removed) return false
    const batches = Math.ceil((await this.stagedSpan(importId)) / DROP_BATCH_ROWS)
    for (let batch = 0; batch < batches; batch++) {
      if (batch > 0) await pause()
      await this.inTransaction(() => s.dropRows.run(importId, importId, DROP_BATCH_ROWS))
    }
    return true
  }

  /**
   * Imports whose process is gone (a crash, a kill) or that their process handed over (pid 0), and staged rows
   * without an import. Reads only: opening a workspace with nothing to clean writes nothing.
   */
  abandonedImports(isRunning: (pid: number) => boolean): Promise<{ id: number; state: ImportState }[]> {
    return Promise.resolve(this.abandoned(isRunning))
  }

  private abandoned(isRunning: (pid: number) => boolean): { id: number; state: ImportState }[] {
    if (this.statements.anyImport.get() === undefined && this.statements.hasStaged.get() === undefined) return []
    const imports = this.statements.imports.all()
    const known = new Set(imports.map((entry) => entry.id))
    const abandoned = imports
      .filter((entry) => entry.pid <= 0 || this.givenUp.has(entry.id) || !isRunning(entry.pid))
      .map(({ id, state }) => ({ id, state }))
    for (const id of this.statements.stagedImports.all())
      if (!known.has(id)) abandoned.push({ id, state: 'staging' as const })
    return abandoned
  }

  async candidateNames(ids: number[]): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map()
    const rows = await this.db.selectFrom('candidates').select(['id', 'name']).where('id', 'in', ids).execute()
    return new Map(rows.map((row) => [row.id, row.name]))
  }
}
