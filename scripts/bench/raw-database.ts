import type BetterSqlite3 from 'better-sqlite3'
import type pg from 'pg'

/** One statement of the raw side: prepared once with better-sqlite3, or sent as it is with node-postgres. */
export interface RawStatement {
  all(parameters: readonly unknown[]): unknown[] | Promise<unknown[]>
}

/**
 * The raw side of the bench: the database driver itself, without Kysely, the repositories or the services.
 * On SQLite, better-sqlite3 prepared statements; on PostgreSQL, node-postgres `query` on a pool of the same
 * size, with the same row parsers, that the app uses.
 */
export interface RawDatabase {
  kind: 'sqlite' | 'postgres'
  /** A statement as the repository compiles it for this database (`?` on SQLite, `$1…` on PostgreSQL). */
  prepare(sql: string): RawStatement
  /** Setup reads written once for both: `?` marks each parameter. */
  rows<T>(sql: string, ...parameters: unknown[]): Promise<T[]>
  value(sql: string, ...parameters: unknown[]): Promise<unknown>
}

export function sqliteRaw(sqlite: BetterSqlite3.Database): RawDatabase {
  const statements = new Map<string, BetterSqlite3.Statement>()
  const prepared = (sql: string) => {
    const known = statements.get(sql)
    if (known) return known
    const statement = sqlite.prepare(sql)
    statements.set(sql, statement)
    return statement
  }
  return {
    kind: 'sqlite',
    prepare: (sql) => {
      const statement = prepared(sql)
      return { all: (parameters) => statement.all(...parameters) }
    },
    rows: <T>(sql: string, ...parameters: unknown[]) => Promise.resolve(prepared(sql).all(...parameters) as T[]),
    value: (sql, ...parameters) =>
      Promise.resolve(
        prepared(sql)
          .pluck()
          .get(...parameters),
      ),
  }
}

/** `?` to `$1`, `$2` …: the setup reads contain no question mark of their own. */
const numbered = (sql: string) => {
  let index = 0
  return sql.replace(/\?/g, () => `$${++index}`)
}

export function postgresRaw(pool: pg.Pool): RawDatabase {
  const run = async <T>(sql: string, parameters: readonly unknown[]) =>
    (await pool.query(sql, [...parameters])).rows as T[]
  return {
    kind: 'postgres',
    prepare: (sql) => ({ all: (parameters) => run(sql, parameters) }),
    rows: <T>(sql: string, ...parameters: unknown[]) => run<T>(numbered(sql), parameters),
    value: async (sql, ...parameters) => {
      const [row] = await run<Record<string, unknown>>(numbered(sql), parameters)
      return row ? Object.values(row)[0] : undefined
    },
  }
}
