import { join } from 'node:path'
import type { ReportDto, ReportInfoDto } from '@contract'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CopyResult } from '../core/db/copy-workspace'
import { openWorkspace } from '../core/services'
import { createTestDatabase, TEST_DATABASE_URL_VARIABLE, type TestDatabase } from '../core/testing/test-database'
import { resourcesDir, tempDir } from '../core/testing/temp-workspace'
import { dispatch } from '../dispatch'
import { runCaptured } from './captured'

const dir = tempDir()
const original = join(dir.path, 'original')
const back = join(dir.path, 'back')
const onPostgres = Boolean(process.env[TEST_DATABASE_URL_VARIABLE])
let database: TestDatabase | null = null
/** Where the workspace goes in between: an empty PostgreSQL database, else a second folder. */
let middle = join(dir.path, 'middle')
const copy = async (from: string, to: string) => {
  const result = await runCaptured(['workspace', 'copy', '--from', from, '--to', to])
  return { ...result, copied: result.code === 0 ? (JSON.parse(result.stdout) as CopyResult) : null }
}

/** Every report of a workspace as the services give it, without the moment it was made. */
async function everyReport(dataDir: string): Promise<Record<string, unknown>> {
  const workspace = await openWorkspace({ dataDir, resourcesDir, appVersion: '0.0.0-test', demoOnFirstRun: false })
  try {
    const context = { services: workspace.services }
    const listed = await dispatch('reports:list', {}, context)
    if (!listed.ok) throw new Error(listed.error.message)
    const reports: Record<string, unknown> = {}
    for (const info of listed.data as ReportInfoDto[]) {
      const result = await dispatch('reports:run', { name: info.name, filters: {} }, context)
      if (!result.ok) throw new Error(`${info.name}: ${result.error.message}`)
      reports[info.name] = { ...(result.data as ReportDto), generatedAt: null }
    }
    const applicants = await dispatch('candidates:list', {}, context)
    reports['candidates:list'] = applicants.ok ? applicants.data : applicants.error
    return reports
  } finally {
    await workspace.close()
  }
}

beforeAll(async () => {
  const generated = await runCaptured([
    'demo',
    'generate',
    '--candidates',
    '40',
    '--seed',
    '11',
    '--data-dir',
    original,
  ])
  expect(generated.code).toBe(0)
  if (onPostgres) {
    database = await createTestDatabase('postgres')
    middle = database.location
  }
}, 180_000)
afterAll(async () => {
  await database?.dispose()
  dir.remove()
})

describe(`workspace copy (through ${onPostgres ? 'PostgreSQL' : 'a folder'})`, () => {
  it('moves the demo workspace there and back to a new folder, with the same rows, files and reports', async () => {
    const there = await copy(original, middle)
    expect(there.stderr).toContain('Checked: every table has as many rows on both sides')
    expect(there.code).toBe(0)
    const again = await copy(middle, back)
    expect(again.code).toBe(0)
    const first = there.copied!
    const second = again.copied!
    const sourceCounts = Object.fromEntries(first.tables.map((count) => [count.table, count.source]))
    // The generated 40 and the plain demo's dozen.
    expect(sourceCounts.candidates).toBe(52)
    expect(there.stderr).toContain('  candidates: 52 rows')
    expect(sourceCounts.stage_events).toBeGreaterThan(40)
    for (const count of [...first.tables, ...second.tables]) expect(count.target, count.table).toBe(count.source)
    expect(Object.fromEntries(second.tables.map((count) => [count.table, count.target]))).toEqual(sourceCounts)
    expect(first.files.source).toBeGreaterThanOrEqual(40)
    expect(second.files).toEqual({ source: first.files.source, target: first.files.source })

    const before = await everyReport(original)
    const after = await everyReport(back)
    expect(Object.keys(before).length).toBeGreaterThan(4)
    expect(after).toEqual(before)

    // New rows continue after the copied ids (on PostgreSQL, through the identity sequences the copy set).
    const moved = await openWorkspace({
      dataDir: database ? join(dir.path, 'scratch') : middle,
      ...(database ? { postgresUrl: database.location } : {}),
      resourcesDir,
      appVersion: '0.0.0-test',
      demoOnFirstRun: false,
    })
    try {
      const created = await dispatch('ladders:create', { name: 'Data Engineering' }, { services: moved.services })
      expect(created).toMatchObject({ ok: true, data: { id: sourceCounts.ladders! + 1 } })
    } finally {
      await moved.close()
    }
  })

  it('refuses a target that is not empty, the same place twice, and a server that cannot be reached', async () => {
    const [full, same, unreachable] = await Promise.all([
      copy(original, back),
      copy(original, `${original}/`),
      copy(original, 'postgres://ada:s3cret@127.0.0.1:1/team'),
    ])
    expect(full.code).toBe(1)
    expect(full.stderr).toMatch(/is not empty \(table \w+ has rows\).*Nothing was written/)
    expect(same.code).toBe(1)
    expect(same.stderr).toContain('name the same workspace')
    expect(unreachable.code).toBe(1)
    expect(unreachable.stderr).toContain('cannot be reached')
    expect(unreachable.stderr).not.toContain('s3cret')
    const usage = await runCaptured(['workspace', 'copy', '--from', original])
    expect(usage.code).toBe(2)
    expect(usage.stderr).toContain('--to DIR|URL is required')
  })
})
