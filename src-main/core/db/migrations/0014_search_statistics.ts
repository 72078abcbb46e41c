import type { Kysely } from 'kysely'

/** Nothing to do on SQLite: FTS5 has no planner statistics. The PostgreSQL part samples the search words fully. */
export async function up(_db: Kysely<any>): Promise<void> {}
