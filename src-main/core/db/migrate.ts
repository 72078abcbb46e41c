import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import { migrations as registered, type Migration } from './migrations'
import type { Database } from './schema'

export const latestVersion = registered.at(-1)?.version ?? 0

export function pendingMigrations(version: number, migrations: readonly Migration[] = registered): Migration[] {
  return migrations.filter((migration) => migration.version > version)
}

/** Applies every pending migration in one transaction: the file ends up fully migrated or untouched. */
export async function migrate(
  db: Kysely<Database>,
  fromVersion: number,
  migrations: readonly Migration[] = registered,
): Promise<void> {
  const pending = pendingMigrations(fromVersion, migrations)
  if (pending.length === 0) return
  await db.transaction().execute(async (trx) => {
    for (const migration of pending) {
      await migration.up(trx)
      await sql.raw(`PRAGMA user_version = ${migration.version}`).execute(trx)
    }
  })
}
