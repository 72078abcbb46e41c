import type { Kysely } from 'kysely'

/**
 * Nothing to do on SQLite: FTS5 already answers a search in its ranked order quickly. The PostgreSQL part gives
 * the search table the narrow index its ranking needs.
 */
export async function up(_db: Kysely<any>): Promise<void> {}
