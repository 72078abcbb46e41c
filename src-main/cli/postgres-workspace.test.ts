import type { LadderDto, PostingSummaryDto, ReportDto, ReportInfoDto } from '@contract'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, TEST_DATABASE_URL_VARIABLE, type TestDatabase } from '../core/testing/test-database'
import { runCaptured } from './captured'

/** The command line on a PostgreSQL workspace: the same commands, the same JSON, the files in the database. */
describe.runIf(Boolean(process.env[TEST_DATABASE_URL_VARIABLE]))('the command line on PostgreSQL', () => {
  let database: TestDatabase
  let url = ''
  const cli = (...args: string[]) => runCaptured([...args, '--database', url])

  beforeAll(async () => {
    database = await createTestDatabase('postgres', { migrated: true })
    url = database.target.kind === 'postgres' ? database.target.url : ''
    const init = await cli('demo', 'init')
    expect(init.stderr).toBe('')
    expect(init.code).toBe(0)
  }, 120_000)
  afterAll(async () => {
    await database.dispose()
  })

  it('lists ladders, postings and reports, and runs a report', async () => {
    const ladders = await cli('ladders', 'list')
    expect(ladders.code).toBe(0)
    expect((JSON.parse(ladders.stdout) as LadderDto[]).map((ladder) => ladder.name)).toEqual(['Backend Engineering'])

    const postings = await cli('postings', 'list', '--format', 'table')
    expect(postings.code).toBe(0)
    expect(postings.stdout).toContain('Payments Platform')
    const listed = JSON.parse((await cli('postings', 'list')).stdout) as PostingSummaryDto[]
    expect(listed).toHaveLength(1)

    const reports = JSON.parse((await cli('reports', 'list')).stdout) as ReportInfoDto[]
    expect(reports.map((report) => report.name)).toContain('applications')
    const report = await cli('reports', 'applications')
    expect(report.code).toBe(0)
    const applications = JSON.parse(report.stdout) as ReportDto
    const statusRows = applications.tables[0]?.rows ?? []
    // The demo's dozen applicants, each counted once under their status.
    const total = statusRows.reduce((sum, row) => sum + Number(row.cells.applications ?? 0), 0)
    expect(total).toBe(12)
  })

  it("keeps the demo's résumés in the database, not in a folder", async () => {
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    try {
      const files = await client.query<{ count: string }>('SELECT count(*) AS count FROM files')
      const documents = await client.query<{ count: string }>('SELECT count(DISTINCT sha256) AS count FROM documents')
      expect(Number(files.rows[0]?.count)).toBe(12)
      expect(Number(files.rows[0]?.count)).toBe(Number(documents.rows[0]?.count))
    } finally {
      await client.end()
    }
  })

  it('says which password-free database it opened when the server refuses, and never prints the password', async () => {
    const wrong = new URL(url)
    wrong.password = 'not-the-password'
    const refused = await runCaptured(['ladders', 'list', '--database', wrong.toString()])
    expect(refused.code).toBe(1)
    expect(refused.stderr).not.toContain('not-the-password')
    expect(refused.stderr).toMatch(/^error: /)
  })
})
