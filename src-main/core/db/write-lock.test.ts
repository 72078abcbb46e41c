import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { createTestDatabase, TEST_DATABASE_URL_VARIABLE } from '../testing/test-database'
import { asBusy } from './connection'
import { openPostgresDatabase, type OpenedPostgresDatabase } from './postgres'

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** Two servers on one database: each with its own pool, as two team servers would be. */
async function twoServers(writeLockTimeoutMs: number): Promise<[OpenedPostgresDatabase, OpenedPostgresDatabase]> {
  const database = await createTestDatabase('postgres', { migrated: true })
  cleanups.push(() => database.dispose())
  const first = await openPostgresDatabase(database.location, { writeLockTimeoutMs })
  cleanups.push(() => first.close())
  const second = await openPostgresDatabase(database.location, { writeLockTimeoutMs })
  cleanups.push(() => second.close())
  return [first, second]
}

const now = '2026-01-01T00:00:00.000Z'

// PostgreSQL only: SQLite's BEGIN IMMEDIATE gives the same guarantee and is covered by busy.test.ts.
describe.runIf(process.env[TEST_DATABASE_URL_VARIABLE])('PostgreSQL write transactions', () => {
  it('run one at a time, so a rule that reads then writes holds between two servers', async () => {
    const [first, second] = await twoServers(5_000)
    await sql`INSERT INTO ladders (name, created_at, updated_at) VALUES ('L', ${now}, ${now})`.execute(first.db)
    // Each writer reads the next position, waits a little, then writes it: without the write lock both would
    // read the same position.
    const addLevel = (db: OpenedPostgresDatabase['db'], code: string) =>
      db.transaction().execute(async (trx) => {
        const { next } = await trx
          .selectFrom('levels')
          .select((eb) => eb.fn.coalesce(eb.fn.max('position'), eb.lit(-1)).as('next'))
          .executeTakeFirstOrThrow()
        await new Promise((resolve) => setTimeout(resolve, 200))
        await trx
          .insertInto('levels')
          .values({ ladder_id: 1, position: Number(next) + 1, code, title: code, summary: '' })
          .execute()
      })
    await Promise.all([addLevel(first.db, 'A'), addLevel(second.db, 'B'), addLevel(first.db, 'C')])
    const positions = await first.db.selectFrom('levels').select('position').orderBy('position').execute()
    expect(positions.map((row) => row.position)).toEqual([0, 1, 2])
  })

  it('gives up after the lock timeout with the code busy, and leaves the other write whole', async () => {
    const [first, second] = await twoServers(300)
    let release = () => {}
    const held = new Promise<void>((resolve) => (release = resolve))
    const holding = first.db.transaction().execute(async (trx) => {
      await sql`INSERT INTO ladders (name, created_at, updated_at) VALUES ('Held', ${now}, ${now})`.execute(trx)
      await held
    })
    await new Promise((resolve) => setTimeout(resolve, 100))
    const waiting = await second.db
      .transaction()
      .execute((trx) =>
        sql`INSERT INTO ladders (name, created_at, updated_at) VALUES ('Late', ${now}, ${now})`.execute(trx),
      )
      .catch((error: unknown) => error)
    expect(asBusy(waiting)).toMatchObject({ code: 'busy' })
    release()
    await holding
    const names = await second.db.selectFrom('ladders').select('name').execute()
    expect(names.map((row) => row.name)).toEqual(['Held'])
  })
})
