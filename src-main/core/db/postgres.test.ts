import { createServer, type Server, type Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { createTestDatabase, TEST_DATABASE_URL_VARIABLE, type TestDatabase } from '../testing/test-database'
import { migrations } from './migrations'
import { openPostgresDatabase, parsePostgresUrl } from './postgres'

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function listen(onConnection: (socket: Socket) => void): Promise<{ server: Server; port: number }> {
  const sockets = new Set<Socket>()
  const server = createServer((socket) => {
    sockets.add(socket)
    onConnection(socket)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  )
  const address = server.address()
  return { server, port: typeof address === 'object' && address ? address.port : 0 }
}

describe('opening a PostgreSQL database: what cannot be reached', () => {
  it('refuses a URL it cannot read, without repeating its password', async () => {
    for (const url of [
      'not a url',
      'mysql://a:b@host/db',
      'postgres://user:s3cret@host:5432/',
      'postgres://user:s3cret@/db',
    ]) {
      const failure = await openPostgresDatabase(url).catch((error: unknown) => error)
      expect(failure).toMatchObject({ code: 'invalid_input' })
      expect(String((failure as Error).message)).not.toContain('s3cret')
    }
    expect(parsePostgresUrl('postgres://ada:s3cret@db.example:6543/team').describe).toBe('ada@db.example:6543/team')
  })

  it('says a server that refuses connections is unreachable', async () => {
    const { server, port } = await listen(() => {})
    await new Promise<void>((resolve) => server.close(() => resolve()))
    await expect(openPostgresDatabase(`postgres://u:p@127.0.0.1:${port}/yardstick`)).rejects.toMatchObject({
      code: 'database_unreachable',
      message: expect.stringContaining(`127.0.0.1:${port}/yardstick`) as string,
    })
  })

  it('gives up on a server that never answers after the connect timeout, not minutes later', async () => {
    // Accepts the connection and says nothing, as a firewall that swallows packets or a hung server does.
    const { port } = await listen(() => {})
    const started = Date.now()
    await expect(
      openPostgresDatabase(`postgres://u:p@127.0.0.1:${port}/yardstick`, { connectTimeoutMs: 300 }),
    ).rejects.toMatchObject({ code: 'database_unreachable' })
    expect(Date.now() - started).toBeLessThan(5_000)
  })

  it('says a connection dropped during the handshake is unreachable, and stays up', async () => {
    const { port } = await listen((socket) => socket.destroy())
    await expect(openPostgresDatabase(`postgres://u:p@127.0.0.1:${port}/yardstick`)).rejects.toMatchObject({
      code: 'database_unreachable',
    })
  })
})

const server = process.env[TEST_DATABASE_URL_VARIABLE]

describe.skipIf(!server)('opening a PostgreSQL database: what the server refuses', () => {
  async function freshDatabase(): Promise<TestDatabase> {
    const database = await createTestDatabase('postgres')
    cleanups.push(() => database.dispose())
    return database
  }

  it('says a refused password is refused, without repeating it', async () => {
    const database = await freshDatabase()
    const url = new URL(database.location)
    url.password = 'not-the-password'
    const failure = await openPostgresDatabase(url.toString()).catch((error: unknown) => error)
    if (!(failure instanceof Error)) {
      await (failure as { close(): Promise<void> }).close()
      // .ci/postgres starts its cluster with scram-sha-256 so that this can be checked.
      throw new Error('The test server accepted a wrong password: start it with password authentication.')
    }
    expect(failure).toMatchObject({ code: 'database_access_denied' })
    expect(failure.message).not.toContain('not-the-password')
  })

  it('says which database is missing', async () => {
    const url = new URL(server ?? '')
    url.pathname = '/yardstick_no_such_database'
    await expect(openPostgresDatabase(url.toString())).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringContaining('yardstick_no_such_database') as string,
    })
  })

  it('refuses a chain with a migration written for SQLite only, before writing anything', async () => {
    const database = await freshDatabase()
    const sqliteOnly = [...migrations, { version: migrations.length + 1, name: '0099_sqlite_only', up: async () => {} }]
    await expect(openPostgresDatabase(database.location, { migrations: sqliteOnly })).rejects.toMatchObject({
      code: 'incompatible_database',
      message: expect.stringContaining('0099_sqlite_only') as string,
    })
    const opened = await openPostgresDatabase(database.location, { migrations: [] })
    const tables = await opened.pool.query(`SELECT count(*) AS n FROM pg_tables WHERE schemaname = current_schema()`)
    expect(tables.rows).toEqual([{ n: 0 }])
    await opened.close()
  })

  it('reads counts as numbers and JSON as text, as the SQLite driver does', async () => {
    const database = await freshDatabase()
    const opened = await openPostgresDatabase(database.location)
    const { rows } = await opened.pool.query(`SELECT count(*) AS n, '{"a": 1}'::jsonb AS j, 2.5::float8 AS f`)
    expect(rows).toEqual([{ n: 1, j: '{"a": 1}', f: 2.5 }])
    expect(opened.schemaVersion).toBe(migrations.length)
    await opened.close()
  })

  it('runs every pooled connection without JIT and with 16 MB per sort or hash, whatever the server defaults', async () => {
    const database = await freshDatabase()
    const opened = await openPostgresDatabase(database.location)
    // Two connections at once: the settings come with each connection the pool opens, not one SET on one of them.
    const [first, second] = await Promise.all([opened.pool.connect(), opened.pool.connect()])
    try {
      for (const client of [first, second]) {
        const { rows } = await client.query(`SELECT current_setting('jit') AS jit, current_setting('work_mem') AS mem`)
        expect(rows).toEqual([{ jit: 'off', mem: '16MB' }])
      }
    } finally {
      first.release()
      second.release()
      await opened.close()
    }
  })
})
