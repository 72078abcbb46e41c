import type BetterSqlite3 from 'better-sqlite3'
import type { SqliteDatabase } from 'kysely'

const STATEMENT_CACHE_SIZE = 500

/**
 * Kysely prepares every statement anew; reusing prepared statements keyed by SQL
 * keeps hot queries close to raw better-sqlite3 speed.
 */
export function withStatementCache(sqlite: BetterSqlite3.Database): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>()
  return {
    close: () => sqlite.close(),
    prepare(requested) {
      // A transaction takes the write lock when it begins: one that read first and wrote later would fail
      // at once (SQLITE_BUSY_SNAPSHOT) whenever another process wrote in between, whatever the busy timeout.
      const sqlText = requested === 'begin' ? 'begin immediate' : requested
      let statement = cache.get(sqlText)
      if (statement) {
        cache.delete(sqlText)
      } else {
        statement = sqlite.prepare(sqlText)
        if (cache.size >= STATEMENT_CACHE_SIZE) {
          const oldest = cache.keys().next().value
          if (oldest !== undefined) cache.delete(oldest)
        }
      }
      cache.set(sqlText, statement)
      return statement
    },
  }
}
