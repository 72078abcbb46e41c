import { type Kysely, sql, type RawBuilder } from 'kysely'
import type { Dialect } from '../context'
import type { Database } from './schema'

/**
 * What `workspace copy` reads and writes, table by table, on either database. The two schemas hold the same
 * tables and columns; what differs is spelled here: SQLite's full-text table keys its rows by `rowid` where
 * PostgreSQL's has a `candidate_id` column, and PostgreSQL computes its `tsvector` column itself.
 */
export type Row = Record<string, unknown>

/** Tables that are bookkeeping of one database, not data of the workspace. */
const SKIPPED = new Set(['yardstick_schema', 'files', 'sqlite_sequence', 'sqlite_stat1', 'sqlite_stat4'])
/** FTS5 keeps its index in shadow tables; the copy fills the virtual table, which rebuilds them. */
const FTS_SHADOW = /^candidate_search_(?:config|content|data|docsize|idx)$/
const SEARCH_TABLE = 'candidate_search'

export class CopyRepository {
  constructor(
    private readonly db: Kysely<Database>,
    readonly dialect: Dialect,
  ) {}

  async tables(): Promise<string[]> {
    const rows =
      this.dialect === 'sqlite'
        ? await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`.execute(
            this.db,
          )
        : await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables
            WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(this.db)
    return rows.rows
      .map((row) => row.name)
      .filter((name) => !SKIPPED.has(name) && !FTS_SHADOW.test(name) && !name.startsWith('sqlite_'))
  }

  /** The columns a copy writes (generated ones are left to the database), in the table's order. */
  async columns(table: string): Promise<string[]> {
    if (this.dialect === 'sqlite') {
      const rows = await sql<{ name: string; hidden: number }>`SELECT name, hidden FROM pragma_table_xinfo(${table})
        ORDER BY cid`.execute(this.db)
      const names = rows.rows.filter((row) => row.hidden === 0).map((row) => row.name)
      return table === SEARCH_TABLE ? ['candidate_id', ...names] : names
    }
    const rows = await sql<{ name: string }>`SELECT column_name AS name FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = ${table} AND is_generated = 'NEVER'
      ORDER BY ordinal_position`.execute(this.db)
    return rows.rows.map((row) => row.name)
  }

  /** Each table with the tables its foreign keys point to (itself excluded). */
  async references(tables: readonly string[]): Promise<Map<string, string[]>> {
    const edges = new Map<string, string[]>(tables.map((table) => [table, []]))
    if (this.dialect === 'sqlite') {
      for (const table of tables) {
        const rows = await sql<{
          table: string
        }>`SELECT DISTINCT "table" FROM pragma_foreign_key_list(${table})`.execute(this.db)
        edges.set(
          table,
          rows.rows.map((row) => row.table).filter((other) => other !== table),
        )
      }
      return edges
    }
    const rows = await sql<{ child: string; parent: string }>`SELECT DISTINCT c.relname AS child, p.relname AS parent
      FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE k.contype = 'f' AND n.nspname = current_schema()`.execute(this.db)
    for (const row of rows.rows) {
      if (row.child !== row.parent) edges.get(row.child)?.push(row.parent)
    }
    return edges
  }

  async count(table: string): Promise<number> {
    const result = await sql<{ n: number | string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(this.db)
    return Number(result.rows[0]?.n ?? 0)
  }

  /** One page of rows in a stable order (the key, else every column), so pages neither skip nor repeat. */
  async page(table: string, columns: readonly string[], offset: number, limit: number): Promise<Row[]> {
    const select = sql.join(columns.map((column) => this.read(table, column)))
    const order = sql.join((await this.key(table, columns)).map((column) => this.order(table, column)))
    const result = await sql<Row>`SELECT ${select} FROM ${sql.table(table)} ORDER BY ${order}
      LIMIT ${limit} OFFSET ${offset}`.execute(this.db)
    return result.rows
  }

  async insert(table: string, columns: readonly string[], rows: readonly Row[]): Promise<void> {
    if (rows.length === 0) return
    const names = sql.join(columns.map((column) => this.write(table, column)))
    const values = sql.join(rows.map((row) => sql`(${sql.join(columns.map((column) => row[column]))})`))
    await sql`INSERT INTO ${sql.table(table)} (${names}) VALUES ${values}`.execute(this.db)
  }

  /**
   * The rules that guard the live workspace (append-only history, rows a trigger adds on insert) must not act
   * on rows copied as they were: they are switched off inside the copy's transaction and back on before it
   * commits. PostgreSQL disables the table owner's triggers; SQLite's cannot be disabled, so they are dropped
   * and created again from their own text.
   */
  async suspendTriggers(tables: readonly string[]): Promise<() => Promise<void>> {
    if (this.dialect === 'postgres') {
      for (const table of tables) await sql`ALTER TABLE ${sql.table(table)} DISABLE TRIGGER USER`.execute(this.db)
      return async () => {
        for (const table of tables) await sql`ALTER TABLE ${sql.table(table)} ENABLE TRIGGER USER`.execute(this.db)
      }
    }
    const triggers = await sql<{ name: string; sql: string }>`SELECT name, sql FROM sqlite_master
      WHERE type = 'trigger' ORDER BY name`.execute(this.db)
    for (const trigger of triggers.rows) await sql`DROP TRIGGER ${sql.id(trigger.name)}`.execute(this.db)
    // Foreign keys are checked at commit, so a row may point to one copied later in the same transaction.
    await sql`PRAGMA defer_foreign_keys = ON`.execute(this.db)
    return async () => {
      for (const trigger of triggers.rows) await sql.raw(trigger.sql).execute(this.db)
    }
  }

  /** PostgreSQL's identity columns continue after the copied ids (SQLite's AUTOINCREMENT follows by itself). */
  async continueIdentities(): Promise<void> {
    if (this.dialect !== 'postgres') return
    const columns = await sql<{ table: string; column: string }>`SELECT table_name AS "table", column_name AS "column"
      FROM information_schema.columns WHERE table_schema = current_schema() AND is_identity = 'YES'`.execute(this.db)
    for (const { table, column } of columns.rows) {
      await sql`SELECT setval(pg_get_serial_sequence(${table}, ${column}),
        coalesce((SELECT max(${sql.ref(column)}) FROM ${sql.table(table)}), 0) + 1, false)`.execute(this.db)
    }
  }

  private read(table: string, column: string): RawBuilder<unknown> {
    if (this.dialect === 'sqlite' && table === SEARCH_TABLE && column === 'candidate_id')
      return sql`rowid AS candidate_id`
    return sql`${sql.ref(column)}`
  }

  private write(table: string, column: string): RawBuilder<unknown> {
    if (this.dialect === 'sqlite' && table === SEARCH_TABLE && column === 'candidate_id') return sql`rowid`
    return sql`${sql.ref(column)}`
  }

  private order(table: string, column: string): RawBuilder<unknown> {
    return this.dialect === 'sqlite' && column === 'rowid' ? sql`rowid` : sql.ref(column)
  }

  private async key(table: string, columns: readonly string[]): Promise<string[]> {
    if (this.dialect === 'sqlite') {
      const rows = await sql<{ name: string }>`SELECT name FROM pragma_table_info(${table}) WHERE pk > 0
        ORDER BY pk`.execute(this.db)
      // A rowid table without a declared key (the full-text table) keeps its rows in rowid order.
      return rows.rows.length > 0 ? rows.rows.map((row) => row.name) : ['rowid']
    }
    const rows = await sql<{ name: string }>`SELECT a.attname AS name
      FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
      WHERE i.indrelid = ${table}::regclass AND i.indisprimary ORDER BY array_position(i.indkey::int2[], a.attnum)`.execute(
      this.db,
    )
    return rows.rows.length > 0 ? rows.rows.map((row) => row.name) : [...columns]
  }
}
