import { sql, type Kysely } from 'kysely'
import type { Database } from './schema'

/** PostgreSQL's type of a column a bulk write fills: `unnest` takes one typed array per column. */
export type ColumnType = 'int' | 'text' | 'jsonb' | 'float8'

export interface TableSpec {
  table: string
  /** The columns written, in the order `TableRows.add` takes their values. */
  columns: readonly (readonly [name: string, type: ColumnType])[]
  /** Rows whose key is taken already are skipped, as SQLite's INSERT OR IGNORE does. */
  ignoreConflicts?: boolean
  /** The rows carry their `id`: the table's identity moves past them after the write, so later inserts follow on. */
  explicitIds?: boolean
}

/** Rows per statement: each column travels as one array parameter, so this only bounds one message's size. */
const ROWS_PER_STATEMENT = 50_000

/**
 * Rows of several tables collected in memory and written to PostgreSQL with one multi-row INSERT per table
 * (`INSERT … SELECT * FROM unnest($1::int[], $2::text[], …)`: one parameter per column whatever the row count,
 * so nothing is parsed per row and no statement is run per row). Tables are written in the order their first
 * row was added, which is the order of their foreign keys for every caller; within a table, rows keep the order
 * they were added in, so identity ids are given in that order, as SQLite gives rowids one statement at a time.
 * Run `write` inside the caller's transaction.
 */
export class TableRows {
  private readonly tables = new Map<TableSpec, unknown[][]>()

  add(spec: TableSpec, values: readonly unknown[]): void {
    let rows = this.tables.get(spec)
    if (!rows) {
      rows = []
      this.tables.set(spec, rows)
    }
    rows.push(values as unknown[])
  }

  get size(): number {
    let size = 0
    for (const rows of this.tables.values()) size += rows.length
    return size
  }

  async write(db: Kysely<Database>): Promise<void> {
    for (const [spec, rows] of this.tables) {
      for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT)
        await insertColumns(db, spec, rows.slice(start, start + ROWS_PER_STATEMENT))
      if (spec.explicitIds && rows.length > 0) await moveIdentityPast(db, spec.table)
    }
    this.tables.clear()
  }
}

async function insertColumns(db: Kysely<Database>, spec: TableSpec, rows: readonly unknown[][]): Promise<void> {
  if (rows.length === 0) return
  const arrays = spec.columns.map(([, type], index) => {
    const values = rows.map((row) => row[index] ?? null)
    return sql`${values}::${sql.raw(type)}[]`
  })
  await sql`INSERT INTO ${sql.table(spec.table)} (${sql.join(spec.columns.map(([name]) => sql.ref(name)))})
    SELECT * FROM unnest(${sql.join(arrays)})
    ${spec.ignoreConflicts ? sql`ON CONFLICT DO NOTHING` : sql``}`.execute(db)
}

/** After rows with explicit ids: the identity gives the next id after them, never one of theirs. */
export async function moveIdentityPast(db: Kysely<Database>, table: string): Promise<void> {
  await sql`SELECT setval(s.name, m.id)
    FROM (SELECT pg_get_serial_sequence(${table}, 'id') AS name) AS s, (SELECT max(id) AS id FROM ${sql.table(table)}) AS m
    WHERE m.id > coalesce(pg_sequence_last_value(s.name::regclass), 0)`.execute(db)
}

/** The id the next row of `table` gets on SQLite (the largest rowid plus one): explicit ids on PostgreSQL follow it. */
export async function nextIdOf(db: Kysely<Database>, table: string): Promise<number> {
  const { rows } = await sql<{ id: number }>`SELECT coalesce(max(id), 0) + 1 AS id FROM ${sql.table(table)}`.execute(db)
  return Number(rows[0]?.id ?? 1)
}
