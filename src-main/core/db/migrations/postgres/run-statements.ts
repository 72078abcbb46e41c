import type { Kysely } from 'kysely'
import { sql } from 'kysely'

/**
 * The SQLSTATE of a Yardstick rule (append-only logs, locked scorecards, a stage of another posting), raised
 * by the PL/pgSQL triggers: class YS is free for applications, so repositories tell it from PostgreSQL's own.
 */
export const RULE_SQLSTATE = 'YS001'

export async function runStatements(db: Kysely<any>, statements: readonly string[]): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}
