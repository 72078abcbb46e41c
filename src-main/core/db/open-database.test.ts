import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { openRawTestDatabase, testDatabaseKinds, type RawTestDatabase } from '../testing/test-database'
import { latestVersion } from './migrate'
import { MIGRATION_LOCK } from './migrate-postgres'
import { migrations, type Migration, type MigrationStep } from './migrations'
import { openDatabaseAt, resolveDatabaseTarget } from './open-database'

const opened: RawTestDatabase[] = []
afterEach(async () => {
  for (const item of opened.splice(0)) await item.dispose()
})

async function fresh(kind: RawTestDatabase['kind']): Promise<RawTestDatabase> {
  const raw = await openRawTestDatabase(kind)
  opened.push(raw)
  return raw
}

/** The tables of the database's own schema (not SQLite's internal ones). */
async function tables(raw: RawTestDatabase): Promise<string[]> {
  const rows =
    raw.kind === 'sqlite'
      ? await raw.all<{ name: string }>(
          `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
        )
      : await raw.all<{ name: string }>(
          `SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename`,
        )
  return rows.map((row) => row.name)
}

/** One step written for both databases, as a migration's two parts are. */
const both = (step: MigrationStep): Pick<Migration, 'up' | 'postgres'> => ({ up: step, postgres: step })

describe.each(testDatabaseKinds())('opening a workspace database (%s)', (kind) => {
  it('runs the whole migration chain on an empty database', async () => {
    const raw = await fresh(kind)
    const database = await openDatabaseAt(raw.target)
    expect(database.kind).toBe(kind)
    expect(database.schemaVersion).toBe(latestVersion)
    await database.close()
    expect(await raw.version()).toBe(latestVersion)
    expect(await tables(raw)).toEqual(
      expect.arrayContaining(['activity', 'applications', 'candidates', 'privacy_audit', 'scorecards']),
    )
  })

  it('refuses a schema written by a newer Yardstick and leaves it as it was', async () => {
    const raw = await fresh(kind)
    await (await openDatabaseAt(raw.target)).close()
    if (kind === 'sqlite') await raw.run(`PRAGMA user_version = ${latestVersion + 5}`)
    else await raw.run(`UPDATE yardstick_schema SET version = ?`, latestVersion + 5)
    const before = await tables(raw)
    await expect(openDatabaseAt(raw.target)).rejects.toMatchObject({
      code: 'incompatible_database',
      message: expect.stringContaining('newer version of Yardstick') as string,
    })
    expect(await raw.version()).toBe(latestVersion + 5)
    expect(await tables(raw)).toEqual(before)
  })

  it('refuses a database that belongs to another application and writes nothing in it', async () => {
    const raw = await fresh(kind)
    await raw.run(`CREATE TABLE billing_customers (id integer PRIMARY KEY, email text)`)
    await expect(openDatabaseAt(raw.target)).rejects.toMatchObject({ code: 'incompatible_database' })
    expect(await tables(raw)).toEqual(['billing_customers'])
    expect(await raw.version()).toBe(0)
  })

  it('rolls back every migration of a failed upgrade', async () => {
    const raw = await fresh(kind)
    const failing: Migration[] = [
      ...migrations,
      {
        version: latestVersion + 1,
        name: 'creates_then_fails',
        ...both(async (db) => {
          await sql`CREATE TABLE half_done (id integer)`.execute(db)
          throw new Error('boom')
        }),
      },
    ]
    await expect(openDatabaseAt(raw.target, { migrations: failing })).rejects.toThrow('boom')
    expect(await raw.version()).toBe(0)
    expect(await tables(raw)).toEqual([])
  })
})

describe.skipIf(!testDatabaseKinds().includes('postgres'))('two servers opening one PostgreSQL database', () => {
  it('migrate it once: the second waits for the first, then finds the schema current', async () => {
    const raw = await fresh('postgres')
    const counted: Migration[] = [
      ...migrations,
      {
        version: latestVersion + 1,
        name: 'counts_its_runs',
        up: () => Promise.reject(new Error('not for SQLite')),
        postgres: async (db) => {
          await sql`CREATE TABLE IF NOT EXISTS migration_runs (at text)`.execute(db)
          await sql`INSERT INTO migration_runs (at) VALUES (${new Date().toISOString()})`.execute(db)
          // Long enough that the other opener arrives while this one still holds the lock.
          await sql`SELECT pg_sleep(0.3)`.execute(db)
        },
      },
    ]
    const [first, second] = await Promise.all([
      openDatabaseAt(raw.target, { migrations: counted }),
      openDatabaseAt(raw.target, { migrations: counted }),
    ])
    expect([first.schemaVersion, second.schemaVersion]).toEqual([latestVersion + 1, latestVersion + 1])
    await Promise.all([first.close(), second.close()])
    expect(await raw.all(`SELECT COUNT(*) AS n FROM migration_runs`)).toEqual([{ n: 1 }])
    expect(await raw.version()).toBe(latestVersion + 1)
  })
})

describe.skipIf(!testDatabaseKinds().includes('postgres'))(
  'a PostgreSQL database another server keeps migrating',
  () => {
    it('is reported busy once the wait is over, with nothing written', async () => {
      const raw = await fresh('postgres')
      // Another server in the middle of a migration: it holds the lock inside an open transaction.
      const other = await raw.db.connection().execute(async (connection) => {
        await sql`BEGIN`.execute(connection)
        await sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(connection)
        try {
          return await openDatabaseAt(raw.target, { lockTimeoutMs: 200 }).catch((error: unknown) => error)
        } finally {
          await sql`ROLLBACK`.execute(connection)
        }
      })
      expect(other).toMatchObject({ code: 'busy' })
      expect(await tables(raw)).toEqual([])
    })
  },
)

describe('choosing the database', () => {
  const none = () => '/default/folder'

  it('takes --database, then --data-dir, then the environment, then the default folder', () => {
    const env = { YARDSTICK_DATABASE_URL: 'postgres://env@db/yardstick', YARDSTICK_DATA_DIR: '/env/folder' }
    expect(resolveDatabaseTarget({ database: 'postgresql://a@b/c' }, env, none)).toEqual({
      kind: 'postgres',
      url: 'postgresql://a@b/c',
    })
    expect(resolveDatabaseTarget({ dataDir: '/flag/folder' }, env, none)).toEqual({
      kind: 'sqlite',
      dataDir: '/flag/folder',
    })
    expect(resolveDatabaseTarget({}, env, none)).toEqual({ kind: 'postgres', url: 'postgres://env@db/yardstick' })
    expect(resolveDatabaseTarget({}, { YARDSTICK_DATA_DIR: '/env/folder' }, none)).toEqual({
      kind: 'sqlite',
      dataDir: '/env/folder',
    })
    expect(resolveDatabaseTarget({}, {}, none)).toEqual({ kind: 'sqlite', dataDir: '/default/folder' })
  })

  it('refuses both flags at once, and a --database that is not a PostgreSQL URL', () => {
    expect(() => resolveDatabaseTarget({ database: 'postgres://a@b/c', dataDir: '/x' }, {}, none)).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    )
    expect(() => resolveDatabaseTarget({ database: '/some/folder' }, {}, none)).toThrow(
      expect.objectContaining({ code: 'invalid_input', message: expect.stringContaining('--data-dir') as string }),
    )
    expect(() => resolveDatabaseTarget({}, { YARDSTICK_DATABASE_URL: 'mysql://a@b/c' }, none)).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    )
  })
})
