import { spawn, type ChildProcess } from 'node:child_process'
import { rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { setImmediate as nextTurn } from 'node:timers/promises'
import BetterSqlite3 from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CsvImportResultDto } from '@contract'
import { DATABASE_FILE } from '../db/connection'
import { AppError, StoppedWithResultError } from '../errors'
import type { JobContext } from '../jobs/job-runner'
import { openWorkspace } from '../services'
import { openTestWorkspace, resourcesDir, type TestWorkspace } from '../testing/temp-workspace'
import { CandidateBulkWriter } from './bulk-writer'
import { rowToCandidate } from './csv-mapping'

/**
 * Long imports on a real SQLite file, watched from a second connection to it: what another process sees and
 * whether it can write while an import runs. Every transaction of an import ends before the event loop's next
 * turn, so work scheduled for the next turn runs between two batches.
 */

let workspace: TestWorkspace
let raw: BetterSqlite3.Database | null = null
let child: ChildProcess | null = null
beforeEach(async () => {
  workspace = await openTestWorkspace()
})
afterEach(async () => {
  child?.kill('SIGKILL')
  child = null
  raw?.close()
  raw = null
  await workspace.dispose()
})

const people = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => `Imported ${from + i},imported${from + i}@example.org`).join('\n')

function csvFile(name: string, content: string): string {
  const path = join(workspace.dataDir, name)
  writeFileSync(path, content)
  return path
}

/** A second connection to the workspace's file, as another process has; it never waits for a lock. */
function secondConnection(): BetterSqlite3.Database {
  raw = new BetterSqlite3(join(workspace.dataDir, DATABASE_FILE))
  raw.pragma('busy_timeout = 0')
  return raw
}

const countOf = (db: BetterSqlite3.Database, query: string) => Number(db.prepare(query).pluck().get())

/** A job context that stops the import once `stopAfter` rows were reported done, if given. */
function jobContext(stopAfter?: number): JobContext & { controller: AbortController } {
  const controller = new AbortController()
  return {
    id: 'test-job',
    controller,
    signal: controller.signal,
    progress: (done) => {
      if (stopAfter !== undefined && done >= stopAfter) controller.abort()
    },
    throwIfCancelled: () => {
      if (controller.signal.aborted) throw new AppError('cancelled', 'Cancelled; nothing was imported.')
    },
  }
}

/**
 * Until `done` settles, on every turn of the event loop: a second connection to the file creates a candidate
 * (failing at once if the import holds the write lock), and records what an outside reader sees of the import.
 */
async function watch<T>(done: Promise<T>) {
  const second = secondConnection()
  const writer = new CandidateBulkWriter(second)
  const seen: { staged: number; visible: number }[] = []
  let settled = false
  const outcome = done.then(
    (value) => ({ value, error: null }),
    (error: unknown) => ({ value: null, error }),
  )
  void outcome.then(() => (settled = true))
  let written = 0
  for (let turn = 0; !settled && turn < 100_000; turn++) {
    const { candidate } = rowToCandidate([`Other Writer ${turn}`, `other${turn}@example.net`], ['name', 'email'], 'US')
    if (!candidate) throw new Error('not a candidate')
    second.transaction(() => writer.insert(candidate, null, new Date().toISOString(), { via: 'test' })).immediate()
    written++
    seen.push({
      staged: countOf(second, 'SELECT count(*) FROM candidate_import_rows'),
      visible: countOf(second, `SELECT count(*) FROM candidates WHERE name LIKE 'Imported %'`),
    })
    await nextTurn()
  }
  return { ...(await outcome), seen, written }
}

describe('long CSV imports commit in short transactions', () => {
  it('lets another connection write between the batches of an all-or-nothing import, which nobody sees until it ends', async () => {
    const path = csvFile('long.csv', `name,email\n${people(3_000)}\n`)
    const { csvImport } = workspace.services
    const { value, error, seen, written } = await watch(
      csvImport.importFile(path, { fileName: 'long.csv', mapping: null, mode: 'all_or_nothing', batchRows: 100 }),
    )
    expect(error).toBeNull()
    expect(value).toMatchObject({ rows: 3_000, created: 3_000, errorCount: 0 })
    // Writes landed while the import was partway through its staging: it did not hold the lock throughout.
    const midway = seen.filter((entry) => entry.staged > 0 && entry.staged < 3_000)
    expect(midway.length).toBeGreaterThan(1)
    // And no reader saw a single imported row before the publish.
    expect(seen.filter((entry) => entry.staged > 0).every((entry) => entry.visible === 0)).toBe(true)
    const reader = raw ?? secondConnection()
    expect(countOf(reader, `SELECT count(*) FROM candidates WHERE name LIKE 'Imported %'`)).toBe(3_000)
    expect(countOf(reader, `SELECT count(*) FROM candidates WHERE name LIKE 'Other Writer %'`)).toBe(written)
    expect(countOf(reader, 'SELECT count(*) FROM candidate_import_rows')).toBe(0)
    expect(countOf(reader, 'SELECT count(*) FROM candidate_imports')).toBe(0)
    // The published rows are whole candidates: searchable, with their e-mail, their history and the import's.
    const [hit] = await workspace.services.candidates.search('imported2999', 1)
    const profile = await workspace.services.candidates.get(hit?.id ?? 0)
    expect(profile).toMatchObject({ name: 'Imported 2999', emails: ['imported2999@example.org'] })
    expect(profile.activity[0]).toMatchObject({ action: 'created', detail: { via: 'csv', line: 3_001 } })
    expect(countOf(reader, `SELECT count(*) FROM activity WHERE entity_type = 'candidate_import'`)).toBe(1)
  }, 120_000)

  it('leaves nothing behind, and shows nothing on the way, when an all-or-nothing import fails at its last row or is cancelled', async () => {
    const { csvImport } = workspace.services
    const path = csvFile('last-bad.csv', `name,email\n${people(2_000)}\nNo Address,not-an-address\n`)
    const failed = await watch(
      csvImport.importFile(path, { fileName: 'last-bad.csv', mapping: null, mode: 'all_or_nothing', batchRows: 100 }),
    )
    expect(failed.error).toBeInstanceOf(AppError)
    expect((failed.error as AppError).message).toMatch(
      /^1 problem\(s\) in last-bad\.csv; nothing was imported\. First: line 2002/,
    )
    expect(failed.seen.some((entry) => entry.staged > 0)).toBe(true)
    expect(failed.seen.every((entry) => entry.visible === 0)).toBe(true)
    const reader = raw ?? secondConnection()
    const leftovers = () => ({
      imported: countOf(reader, `SELECT count(*) FROM candidates WHERE name LIKE 'Imported %'`),
      staged: countOf(reader, 'SELECT count(*) FROM candidate_import_rows'),
      imports: countOf(reader, 'SELECT count(*) FROM candidate_imports'),
      emails: countOf(reader, `SELECT count(*) FROM candidate_emails WHERE email LIKE 'imported%'`),
      history: countOf(reader, `SELECT count(*) FROM activity WHERE detail LIKE '%"via":"csv"%'`),
      logged: countOf(reader, `SELECT count(*) FROM activity WHERE entity_type = 'candidate_import'`),
    })
    const nothing = { imported: 0, staged: 0, imports: 0, emails: 0, history: 0, logged: 0 }
    expect(leftovers()).toEqual(nothing)

    // Cancelled after its fifth batch was staged: the same.
    const good = csvFile('good.csv', `name,email\n${people(2_000)}\n`)
    const job = jobContext(500)
    const cancelled = await failure(
      csvImport.importFile(good, { fileName: 'good.csv', mapping: null, mode: 'all_or_nothing', batchRows: 100 }, job),
    )
    expect(cancelled.code).toBe('cancelled')
    expect(leftovers()).toEqual(nothing)
  }, 120_000)

  it('reports exactly the batches a stopped skip_invalid import committed, in its result and in the activity log', async () => {
    const { csvImport } = workspace.services
    const path = csvFile('stopped.csv', `name,email\n${people(1_000)}\n`)
    // Stopped once the third batch of 70 is committed.
    const stopped = await failure(
      csvImport.importFile(
        path,
        { fileName: 'stopped.csv', mapping: null, mode: 'skip_invalid', batchRows: 70 },
        jobContext(210),
      ),
    )
    expect(stopped).toBeInstanceOf(StoppedWithResultError)
    const result = (stopped as StoppedWithResultError).result as CsvImportResultDto
    expect(result).toMatchObject({ rows: 210, created: 210, stopped: { reason: 'cancelled', afterLine: 211 } })
    expect(stopped.message).toBe(
      'Cancelled. The lines up to 211 stay imported: 210 candidate(s) created, 0 already known, 0 skipped; nothing after that line was imported.',
    )
    const reader = secondConnection()
    expect(countOf(reader, `SELECT count(*) FROM candidates`)).toBe(210)
    const logged = reader
      .prepare(`SELECT detail FROM activity WHERE entity_type = 'candidate_import'`)
      .pluck()
      .all() as string[]
    expect(logged.map((detail) => JSON.parse(detail) as unknown)).toEqual([
      { mode: 'skip_invalid', rows: 210, created: 210, existing: 0, skipped: 0, stopped: 'cancelled', afterLine: 211 },
    ])
  }, 60_000)

  it('removes what an all-or-nothing import had staged when its process was killed, once that process is gone', async () => {
    const path = csvFile('crash.csv', `name,email\n${people(2_000)}\n`)
    await workspace.services.candidates.create({
      name: 'Kept Before',
      emails: ['kept@example.net'],
      phones: [],
      links: [],
      location: '',
      source: '',
      tags: [],
      ifDuplicate: 'refuse',
    })
    await workspace.close()
    const dataDir = workspace.dataDir
    // The process stops for good after its third batch is committed, and is then killed.
    const script = `
      import { openWorkspace } from './src-main/core/services.ts'
      const opened = await openWorkspace({ dataDir: ${JSON.stringify(workspace.dataDir)}, resourcesDir: ${JSON.stringify(resourcesDir)}, appVersion: '0.0.0-test', demoOnFirstRun: false })
      const controller = new AbortController()
      const job = {
        id: 'crash-job', signal: controller.signal, throwIfCancelled: () => {},
        progress: (done) => {
          if (done < 300) return
          process.stdout.write('staged\\n')
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0)
        },
      }
      await opened.services.csvImport.importFile(${JSON.stringify(path)}, { fileName: 'crash.csv', mapping: null, mode: 'all_or_nothing', batchRows: 100 }, job)
    `
    const root = join(import.meta.dirname, '..', '..', '..')
    child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let said = ''
    for await (const chunk of child.stdout ?? []) {
      said += String(chunk)
      if (said.includes('staged')) break
    }
    expect(said).toContain('staged')
    const reader = secondConnection()
    const state = () => ({
      candidates: countOf(reader, 'SELECT count(*) FROM candidates'),
      staged: countOf(reader, 'SELECT count(*) FROM candidate_import_rows'),
      imports: countOf(reader, 'SELECT count(*) FROM candidate_imports'),
    })
    expect(state()).toEqual({ candidates: 1, staged: 300, imports: 1 })

    // While its process lives, the import is running: a workspace opened meanwhile leaves it alone.
    const open = () =>
      openWorkspace({ dataDir: workspace.dataDir, resourcesDir, appVersion: '0.0.0-test', demoOnFirstRun: false })
    await (await open()).close()
    expect(state()).toEqual({ candidates: 1, staged: 300, imports: 1 })

    const killed = child
    const exited = new Promise((resolve) => killed.once('exit', resolve))
    killed.kill('SIGKILL')
    await exited
    child = null
    const reopened = await open()
    workspace = {
      ...reopened,
      dataDir,
      dispose: async () => {
        await reopened.close()
        rmSync(dataDir, { recursive: true, force: true })
      },
    }
    expect(state()).toEqual({ candidates: 1, staged: 0, imports: 0 })
    expect((await workspace.services.candidates.search('imported', 5)).length).toBe(0)
  }, 120_000)
})

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof AppError) return error
    throw error
  }
  throw new Error('expected a rejection')
}
