import { PostgresAdapter, sql, type Kysely, type RawBuilder } from 'kysely'
import { jsonArrayFrom as postgresJsonArrayFrom } from 'kysely/helpers/postgres'
import { jsonArrayFrom as sqliteJsonArrayFrom } from 'kysely/helpers/sqlite'
import type { Dialect } from '../context'

/**
 * Which database a Kysely instance (or one of its transactions) talks to, read from its adapter: repositories
 * take their `db` as they always did and still know where they run.
 */
export function dialectOf<DB>(db: Kysely<DB>): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite'
}

/**
 * The few SQL fragments the two databases spell differently. Everything else is Kysely builder code that
 * compiles on both; a repository reaches for these only where the builder has no neutral form.
 */
export function dialectSql<DB>(db: Kysely<DB>) {
  const postgres = dialectOf(db) === 'postgres'
  return {
    postgres,
    /** The values of a column over the group, joined by `separator`, in no particular order. */
    joined: (expression: RawBuilder<unknown>, separator: string): RawBuilder<string | null> =>
      postgres
        ? sql<string | null>`string_agg(${expression}, ${separator})`
        : sql<string | null>`group_concat(${expression}, ${separator})`,
    /**
     * Rows of a sub-select as one JSON array, in the sub-select's order. Both read back as JSON text (the
     * PostgreSQL pool leaves JSON unparsed), so the mappers parse one format.
     */
    jsonArrayFrom: postgres ? postgresJsonArrayFrom : sqliteJsonArrayFrom,
    /** The key column of the candidates' search table: FTS5's rowid on SQLite, a plain column on PostgreSQL. */
    searchKey: postgres ? sql.ref('candidate_id') : sql.ref('rowid'),
  }
}
