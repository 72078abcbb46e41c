import type { Kysely } from 'kysely'
import { runStatements } from './run-statements'

/**
 * The statistics of the name-and-contact words from a sample of 300,000 rows instead of 30,000. A search with
 * several words tests both search indexes, and PostgreSQL reads the one it expects to match fewer rows first,
 * skipping the other when the first finds nothing. From the small sample its guess for the name index swung
 * between analyses of the same 100,000 candidates (1,500 or 5,900 rows for "payments ledger go", which matches
 * none): when it guessed high, it read the résumé index first, 23 ms of prefix entries, for nothing.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    `ALTER TABLE candidate_search ALTER COLUMN name_contact_words SET STATISTICS 1000`,
    `ANALYZE candidate_search`,
  ])
}
