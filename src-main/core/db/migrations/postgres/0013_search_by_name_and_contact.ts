import type { Kysely } from 'kysely'
import { runStatements } from './run-statements'

/**
 * The words of the name (weight A) and of the contact details (weight B) alone, indexed: a search ranks the
 * candidates with a word found there first, and those few are found through this narrow index. The others all
 * tie on it, so the first page of them is read in name order with a LIMIT, instead of ranking every match
 * (half the workspace for a word found in most résumés) through its full, out-of-line tsvector.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    `ALTER TABLE candidate_search ADD COLUMN name_contact_words tsvector GENERATED ALWAYS AS (
       setweight(to_tsvector('simple', yardstick_fold(yardstick_search_words(name))), 'A') ||
       setweight(to_tsvector('simple', yardstick_fold(yardstick_search_words(contact))), 'B')
     ) STORED`,
    `CREATE INDEX candidate_search_name_contact_words ON candidate_search USING gin (name_contact_words)`,
  ])
}
