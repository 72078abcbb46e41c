import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../core/testing/test-database'

const run = promisify(execFile)
const root = join(import.meta.dirname, '..', '..')

async function cli(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(join(root, 'node_modules', '.bin', 'tsx'), ['src-main/cli.ts', ...args], {
      cwd: root,
      env: { ...process.env, YARDSTICK_DATABASE_URL: '', ...env },
    })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
}

const databases: TestDatabase[] = []
afterEach(async () => {
  for (const database of databases.splice(0)) await database.dispose()
})

const flagFor = (database: TestDatabase) =>
  database.target.kind === 'sqlite' ? ['--data-dir', database.target.dataDir] : ['--database', database.target.url]

describe.each(testDatabaseKinds())('database migrate on the command line (%s)', (kind) => {
  it('prepares an empty database and says which one, never with its password', async () => {
    const database = await createTestDatabase(kind)
    databases.push(database)
    const result = await cli(['database', 'migrate', ...flagFor(database)])
    expect(result.code).toBe(0)
    const printed = JSON.parse(result.stdout) as { database: string; location: string; schemaVersion: number }
    expect(printed).toMatchObject({ database: kind, schemaVersion: expect.any(Number) as number })
    expect(printed.schemaVersion).toBeGreaterThan(0)
    if (database.target.kind === 'postgres') {
      const password = new URL(database.target.url).password
      if (password) expect(result.stdout).not.toContain(password)
    }
  })
})

describe('choosing a database on the command line', () => {
  it('reports an unreachable server and a --database that is not a URL in one line each', async () => {
    // Side by side: each start of the command line costs seconds on a shared machine.
    const [unreachable, notUrl] = await Promise.all([
      cli(['ladders', 'list'], { YARDSTICK_DATABASE_URL: 'postgres://ada:s3cret@127.0.0.1:1/team' }),
      cli(['database', 'migrate', '--database', '/some/folder']),
    ])
    expect(unreachable.code).toBe(1)
    expect(unreachable.stderr.trim()).toBe(
      'error: The PostgreSQL server at ada@127.0.0.1:1/team cannot be reached (ECONNREFUSED). Check the host and port, and that the server runs.',
    )
    expect(notUrl.code).toBe(2)
    expect(notUrl.stderr.trim()).toBe(
      'error: --database takes a PostgreSQL URL (postgres://USER:PASSWORD@HOST:PORT/DATABASE); a local workspace is opened with --data-dir.',
    )
  })
})
