import { sql, type Kysely, type Transaction } from 'kysely'
import type { Database } from '../db/schema'
import { moveIdentityPast, TableRows, type TableSpec } from '../db/table-rows-writer'
import { PostgresCandidateWriter, type KnownContacts } from './bulk-writer'
import type { NormalisedCandidate } from './candidate-input'
import {
  DROP_BATCH_ROWS,
  stagedRowValues,
  type CsvImportStore,
  type ImportState,
  type PublishedBatch,
  type PublishStep,
  type StagedCandidate,
} from './csv-import-writer'

/** What an import's connection calls itself in `pg_stat_activity`, for an administrator looking at the server. */
export const IMPORT_APPLICATION_NAME = 'yardstick csv import'
/**
 * "YSIM": with the import's id, the session lock an import's connection holds while it runs. The server drops it
 * with the connection however the import ends, so a lock nobody holds means an import nobody runs.
 */
const IMPORT_LOCK_CLASS = 0x5953494d

const STAGED_ROWS: TableSpec = {
  table: 'candidate_import_rows',
  columns: [
    ['import_id', 'int'],
    ['seq', 'int'],
    ['line', 'int'],
    ['name', 'text'],
    ['name_key', 'text'],
    ['name_match', 'text'],
    ['location', 'text'],
    ['source', 'text'],
    ['origin', 'text'],
    ['legal_basis', 'text'],
    ['consent_given_on', 'text'],
    ['consent_expires_on', 'text'],
    ['emails', 'text'],
    ['phones', 'text'],
    ['links', 'text'],
    ['tags', 'text'],
    ['notes', 'text'],
    ['search_name', 'text'],
    ['search_contact', 'text'],
    ['search_notes', 'text'],
  ],
}

interface PublishParameters {
  offset: number
  at: string
  actor: number | null
  importId: number
  from: number
  to: number
}

/** One batch of staged rows (`from`…`to`) into the candidate tables, as set-based statements: never a row at a time. */
function publishStatements(p: PublishParameters) {
  const staged = sql`candidate_import_rows r WHERE r.import_id = ${p.importId} AND r.seq BETWEEN ${p.from} AND ${p.to}`
  const id = sql`${p.offset}::integer + r.seq`
  return [
    sql`INSERT INTO candidates (id, name, name_key, name_match, location, source, created_at, updated_at, created_by,
        origin, legal_basis, consent_given_on, consent_expires_on)
      SELECT ${id}, r.name, r.name_key, r.name_match, r.location, r.source, ${p.at}, ${p.at}, ${p.actor}::integer,
        r.origin, r.legal_basis, r.consent_given_on, r.consent_expires_on
      FROM ${staged} ORDER BY r.seq`,
    sql`INSERT INTO candidate_emails (candidate_id, position, email)
      SELECT ${id}, e.n - 1, e.value FROM candidate_import_rows r
        CROSS JOIN LATERAL jsonb_array_elements_text(r.emails::jsonb) WITH ORDINALITY AS e(value, n)
      WHERE r.import_id = ${p.importId} AND r.seq BETWEEN ${p.from} AND ${p.to}
      ON CONFLICT DO NOTHING`,
    sql`INSERT INTO candidate_phones (candidate_id, position, phone, phone_key)
      SELECT ${id}, e.n - 1, e.value->>0, e.value->>1 FROM candidate_import_rows r
        CROSS JOIN LATERAL jsonb_array_elements(r.phones::jsonb) WITH ORDINALITY AS e(value, n)
      WHERE r.import_id = ${p.importId} AND r.seq BETWEEN ${p.from} AND ${p.to}
      ON CONFLICT DO NOTHING`,
    sql`INSERT INTO candidate_links (candidate_id, position, url)
      SELECT ${id}, e.n - 1, e.value FROM candidate_import_rows r
        CROSS JOIN LATERAL jsonb_array_elements_text(r.links::jsonb) WITH ORDINALITY AS e(value, n)
      WHERE r.import_id = ${p.importId} AND r.seq BETWEEN ${p.from} AND ${p.to}
      ON CONFLICT DO NOTHING`,
    sql`INSERT INTO candidate_tags (candidate_id, tag)
      SELECT ${id}, e.value FROM candidate_import_rows r
        CROSS JOIN LATERAL jsonb_array_elements_text(r.tags::jsonb) AS e(value)
      WHERE r.import_id = ${p.importId} AND r.seq BETWEEN ${p.from} AND ${p.to}
      ON CONFLICT DO NOTHING`,
    sql`INSERT INTO candidate_notes (candidate_id, body, created_at, updated_at, created_by)
      SELECT ${id}, e.value, ${p.at}, ${p.at}, ${p.actor}::integer FROM candidate_import_rows r
        CROSS JOIN LATERAL jsonb_array_elements_text(r.notes::jsonb) WITH ORDINALITY AS e(value, n)
      WHERE r.import_id = ${p.importId} AND r.seq BETWEEN ${p.from} AND ${p.to}
      ORDER BY r.seq, e.n`,
    sql`INSERT INTO candidate_search (candidate_id, name, contact, documents, notes)
      SELECT ${id}, r.search_name, r.search_contact, '', r.search_notes FROM ${staged}`,
    sql`INSERT INTO activity (at, person_id, entity_type, entity_id, action, detail)
      SELECT ${p.at}, ${p.actor}::integer, 'candidate', ${id}, 'created', jsonb_build_object('via', 'csv', 'line', r.line)
      FROM ${staged} ORDER BY r.seq`,
  ]
}

/**
 * The SQL of CSV imports on PostgreSQL, with the same behaviour as `CsvImportWriter` on SQLite: staged rows
 * go in with one multi-row INSERT per batch, a publish batch is a handful of INSERT … SELECT statements, and
 * each runs in one transaction (which takes the workspace's write lock). An import runs on one connection of
 * its own (`db` bound to it): its `pid` is that connection's backend, so another process tells an import whose
 * connection is gone (a crash, a server restart, a terminated backend) from one still running.
 */
export class PostgresCsvImportWriter implements CsvImportStore {
  readonly candidates = new PostgresCandidateWriter()
  readonly stagesInBackground = true

  constructor(private readonly db: Kysely<Database>) {}

  lookup(candidates: readonly NormalisedCandidate[]): Promise<KnownContacts> {
    return this.candidates.knownContacts(this.db, candidates)
  }

  inTransaction<T>(write: (trx: Transaction<Database>) => T | Promise<T>): Promise<T> {
    return this.db.transaction().execute(async (trx) => write(trx))
  }

  /** Lets go of the imports this connection ran: their rows say whether they are finished. */
  async releaseImports(): Promise<void> {
    await sql`SELECT pg_advisory_unlock_all()`.execute(this.db)
  }

  /** Names the connection the import runs on, so an administrator (or a test) can find it on the server. */
  async nameConnection(name: string): Promise<void> {
    await sql`SELECT set_config('application_name', ${name}, false)`.execute(this.db)
  }

  async beginStaging(jobId: string, at: string): Promise<number> {
    return this.inTransaction(async (trx) => {
      const { rows } = await sql<{ id: number }>`INSERT INTO candidate_imports (job_id, pid, started_at)
        VALUES (${jobId}, pg_backend_pid(), ${at}) RETURNING id`.execute(trx)
      const id = Number(rows[0]?.id)
      // Taken before the row is visible to anyone, and kept past this transaction: a session lock.
      await sql`SELECT pg_advisory_lock(${IMPORT_LOCK_CLASS}::integer, ${id}::integer)`.execute(trx)
      return id
    })
  }

  async stage(importId: number, rows: readonly StagedCandidate[]): Promise<void> {
    const table = new TableRows()
    for (const row of rows) table.add(STAGED_ROWS, stagedRowValues(importId, row))
    await this.inTransaction((trx) => table.write(trx))
  }

  async startPublishing(importId: number, actor: number | null, summary: Record<string, unknown>): Promise<void> {
    await this.inTransaction(async (trx) => {
      const result = await trx
        .updateTable('candidate_imports')
        .set({ state: 'publishing', person_id: actor, summary: JSON.stringify(summary) })
        .where('id', '=', importId)
        .where('state', '=', 'staging')
        .executeTakeFirst()
      if (Number(result.numUpdatedRows) !== 1) throw new Error(`import ${importId} was removed`)
    })
  }

  async stagedSpan(importId: number): Promise<number> {
    const { rows } = await sql<{ span: number }>`SELECT coalesce(max(seq) - min(seq) + 1, 0) AS span
      FROM candidate_import_rows WHERE import_id = ${importId}`.execute(this.db)
    return Number(rows[0]?.span ?? 0)
  }

  async publishBatch(importId: number, maxRows: number, now: string): Promise<PublishStep> {
    return this.inTransaction(async (trx): Promise<PublishStep> => {
      const current = await trx
        .selectFrom('candidate_imports')
        .select(['state', 'person_id as actor', 'started_at as at', 'summary'])
        .where('id', '=', importId)
        .executeTakeFirst()
      if (current?.state !== 'publishing') {
        if (current) throw new Error(`import ${importId} is not publishing`)
        return { batch: null, done: true }
      }
      let batch: PublishedBatch | null = null
      const first = await trx
        .selectFrom('candidate_import_rows')
        .select((eb) => eb.fn.min('seq').as('seq'))
        .where('import_id', '=', importId)
        .executeTakeFirst()
      const from = first?.seq ?? null
      if (from !== null) {
        const to = from + maxRows - 1
        const { rows } = await sql<{ id: number }>`SELECT coalesce(max(id), 0) AS id FROM candidates`.execute(trx)
        const offset = Number(rows[0]?.id ?? 0) - from + 1
        for (const statement of publishStatements({
          offset,
          at: current.at,
          actor: current.actor,
          importId,
          from,
          to,
        }))
          await statement.execute(trx)
        await moveIdentityPast(trx, 'candidates')
        const deleted = await trx
          .deleteFrom('candidate_import_rows')
          .where('import_id', '=', importId)
          .where('seq', '>=', from)
          .where('seq', '<=', to)
          .executeTakeFirst()
        batch = { from, to, offset, count: Number(deleted.numDeletedRows) }
      }
      const left = await trx
        .selectFrom('candidate_import_rows')
        .select('seq')
        .where('import_id', '=', importId)
        .limit(1)
        .executeTakeFirst()
      if (left) return { batch, done: false }
      await trx.deleteFrom('candidate_imports').where('id', '=', importId).execute()
      await trx
        .insertInto('activity')
        .values({
          at: now,
          person_id: current.actor,
          entity_type: 'candidate_import',
          entity_id: null,
          action: 'imported',
          detail: current.summary ?? '{}',
        })
        .execute()
      return { batch, done: true }
    })
  }

  async handOver(importId: number): Promise<void> {
    await this.inTransaction((trx) =>
      trx.updateTable('candidate_imports').set({ pid: 0 }).where('id', '=', importId).execute(),
    )
  }

  async drop(importId: number, pause: () => Promise<void>): Promise<boolean> {
    const removed = await this.inTransaction(async (trx) => {
      const current = await trx
        .selectFrom('candidate_imports')
        .select('state')
        .where('id', '=', importId)
        .executeTakeFirst()
      if (current?.state === 'publishing') return false
      await trx.deleteFrom('candidate_imports').where('id', '=', importId).where('state', '=', 'staging').execute()
      return true
    })
    if (!removed) return false
    const batches = Math.ceil((await this.stagedSpan(importId)) / DROP_BATCH_ROWS)
    for (let batch = 0; batch < batches; batch++) {
      if (batch > 0) await pause()
      await this.inTransaction((trx) =>
        sql`DELETE FROM candidate_import_rows WHERE import_id = ${importId} AND seq IN (
          SELECT seq FROM candidate_import_rows WHERE import_id = ${importId} ORDER BY seq LIMIT ${DROP_BATCH_ROWS})`.execute(
          trx,
        ),
      )
    }
    return true
  }

  /**
   * Imports whose connection no longer holds their session lock (it ended the import, or the server lost it) or
   * that were handed over (pid 0), and staged rows without an import. Process ids, as the SQLite writer uses, mean
   * nothing here: several servers share one database, and a pooled connection outlives the import it ran.
   */
  async abandonedImports(): Promise<{ id: number; state: ImportState }[]> {
    const imports = await this.db.selectFrom('candidate_imports').select(['id', 'pid', 'state']).execute()
    const staged = await sql<{ id: number }>`WITH RECURSIVE ids(id) AS (
        SELECT min(import_id) FROM candidate_import_rows
        UNION ALL
        SELECT (SELECT min(import_id) FROM candidate_import_rows WHERE import_id > ids.id) FROM ids WHERE ids.id IS NOT NULL
      )
      SELECT id FROM ids WHERE id IS NOT NULL`.execute(this.db)
    if (imports.length === 0 && staged.rows.length === 0) return []
    const held = await sql<{ id: number }>`SELECT objid::bigint AS id FROM pg_locks
      WHERE locktype = 'advisory' AND classid = ${IMPORT_LOCK_CLASS}::integer AND objsubid = 2 AND granted
        AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`.execute(this.db)
    const running = new Set(held.rows.map((row) => Number(row.id)))
    const known = new Set(imports.map((entry) => entry.id))
    const abandoned = imports
      .filter((entry) => entry.pid <= 0 || !running.has(entry.id))
      .map(({ id, state }) => ({ id, state }))
    for (const { id } of staged.rows) if (!known.has(id)) abandoned.push({ id, state: 'staging' as const })
    return abandoned
  }

  async candidateNames(ids: number[]): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map()
    const rows = await this.db.selectFrom('candidates').select(['id', 'name']).where('id', 'in', ids).execute()
    return new Map(rows.map((row) => [row.id, row.name]))
  }
}
