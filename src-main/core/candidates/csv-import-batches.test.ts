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
import { onSqliteWorkspace } from '../testing/test-database'
import { CandidateBulkWriter } from './bulk-writer'
import type { CsvImportWriter } from './csv-import-writer'
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
  workspace = await openTestWorkspace({ kind: 'sqlite' })
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

// Every test here watches the import from a second connection to the SQLite file, or from child processes that
// hold it; csv-import-postgres.test.ts proves the same on PostgreSQL (a lost connection mid-publish, busy, cancel).
describe.runIf(onSqliteWorkspace())('long CSV imports commit in short transactions', () => {
  it('lets another connection write between the batches of an all-or-nothing import, staging and publishing, and never shows a row early or twice', async () => {
    // The last row repeats one published in a late batch, after other writers took ids in between.
    const path = csvFile('long.csv', `name,email\n${people(3_000)}\nAgain,imported2500@example.org\n`)
    const { csvImport } = workspace.services
    const { value, error, seen, written } = await watch(
      csvImport.importFile(path, { fileName: 'long.csv', mapping: null, mode: 'all_or_nothing', batchRows: 100 }),
    )
    expect(error).toBeNull()
    expect(value).toMatchObject({ rows: 3_001, created: 3_000, existing: 1, errorCount: 0 })
    const [again] = value?.known ?? []
    expect(again).toMatchObject({ line: 3_002, name: 'Imported 2500' })
    expect((await workspace.services.candidates.get(again?.candidateId ?? 0)).name).toBe('Imported 2500')
    // Writes landed while the import was partway through its staging, and partway through its publishing:
    // it did not hold the lock throughout either.
    const staging = seen.filter((entry) => entry.staged > 0 && entry.staged < 3_000 && entry.visible === 0)
    expect(staging.length).toBeGreaterThan(1)
    const publishing = seen.filter((entry) => entry.visible > 0 && entry.visible < 3_000)
    expect(publishing.length).toBeGreaterThan(1)
    // No reader saw an imported row before publishing began; from then on every row was in exactly one place.
    expect(seen.every((entry) => entry.visible === 0 || entry.staged + entry.visible === 3_000)).toBe(true)
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
    expect(countOf(reader, `SELECT count(DISTINCT entity_id) FROM activity WHERE detail LIKE '%"via":"csv"%'`)).toBe(
      3_000,
    )
    expect(countOf(reader, `SELECT count(*) FROM candidate_emails WHERE email LIKE 'imported%'`)).toBe(3_000)
  }, 120_000)

  it('leaves nothing behind, and shows nothing on the way, when an all-or-nothing import fails at its last row or is cancelled', async () => {
    const { csvImport } = workspace.services
    const path = csvFile('last-bad.csv', `name,email\n${people(2_000)}\nNo Address,not-an-address\n`)
    const failed = await watch(
      csvImport.importFile(path, { fileName: 'last-bad.csv', mapping: null, mode: 'all_or_nothing', batchRows: 100 }),
    )
    expect(failed.error).toBeInstanceOf(AppError)
    expect((failed.error as AppError).message).toMatch(
      /^1 problem in last-bad\.csv; nothing was imported\. First: line 2002/,
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

    // Cancelled once publishing had started (here, just as it starts): too late, the import finishes whole.
    const { jobs } = workspace.services
    const late = csvFile('late.csv', `name,email\n${people(1_000)}\n`)
    const lateJob = jobs.start('candidates.csv-import', (context) =>
      csvImport.importFile(
        late,
        { fileName: 'late.csv', mapping: null, mode: 'all_or_nothing', batchRows: 100 },
        {
          ...context,
          uncancellable: () => {
            jobs.cancel(lateJob.id)
            context.uncancellable?.()
            jobs.cancel(lateJob.id)
          },
        },
      ),
    )
    const finished = await jobs.wait(lateJob.id)
    expect(finished.status).toBe('succeeded')
    expect(finished.result).toMatchObject({ rows: 1_000, created: 1_000, errorCount: 0 })
    expect(leftovers()).toEqual({ ...nothing, imported: 1_000, emails: 1_000, history: 1_000, logged: 1 })
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
      'Cancelled. The lines up to 211 stay imported (new candidates: 210, already known: 0, skipped: 0); nothing after that line was imported.',
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

  it('keeps another process waiting for the lock about one batch at most while an import stages and publishes', async () => {
    const path = csvFile('measured.csv', `name,email\n${people(8_000)}\n`)
    // The other process opens the data folder as the app and the command line do, then writes every 10 ms.
    const script = `
      import { openDatabase } from './src-main/core/db/connection.ts'
      const opened = await openDatabase(${JSON.stringify(workspace.dataDir)}, { holder: 'the other writer' })
      const insert = opened.sqlite.prepare('INSERT INTO settings (key, value) VALUES (?, ?)')
      let stop = false
      process.stdin.on('data', () => { stop = true })
      const writes = []
      process.stdout.write('ready\\n')
      for (let i = 0; !stop && i < 20000; i++) {
        const start = Date.now()
        opened.sqlite.transaction(() => insert.run('probe-' + i, String(start))).immediate()
        writes.push([start, Date.now() - start])
        await new Promise((resolve) => setTimeout(resolve, 10))
      }
      process.stdout.write(JSON.stringify(writes) + '\\n')
      await opened.close()
    `
    child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: root,
      stdio: ['pipe', 'pipe', 'inherit'],
    })
    const lines = childLines(child)
    expect(await lines.next()).toEqual({ done: false, value: 'ready' })

    // This process's longest stall: the longest transaction of the import (every statement is synchronous).
    let longestStall = 0
    let lastTick = performance.now()
    const ticker = setInterval(() => {
      longestStall = Math.max(longestStall, performance.now() - lastTick)
      lastTick = performance.now()
    }, 1)
    let publishedFrom = 0
    const job = { ...jobContext(), uncancellable: () => (publishedFrom = Date.now()) }
    const startedAt = Date.now()
    const result = await workspace.services.csvImport.importFile(
      path,
      { fileName: 'measured.csv', mapping: null, mode: 'all_or_nothing', batchRows: 500 },
      job,
    )
    const endedAt = Date.now()
    clearInterval(ticker)
    expect(result).toMatchObject({ rows: 8_000, created: 8_000 })
    child.stdin?.write('stop\n')
    const reported = await lines.next()
    const writes = JSON.parse(String(reported.value)) as [number, number][]
    const during = writes.filter(([start, wait]) => start < endedAt && start + wait > startedAt)
    const whilePublishing = writes.filter(([start]) => start >= publishedFrom && start < endedAt)
    const longestWait = Math.max(...during.map(([, wait]) => wait))
    console.info(
      `import ${endedAt - startedAt} ms (publishing ${endedAt - publishedFrom} ms); other process: ${during.length} writes, ${whilePublishing.length} while publishing, longest wait ${longestWait} ms; longest transaction here ${Math.round(longestStall)} ms`,
    )
    // It wrote all along, publishing included, each time waiting about one batch at most (plus SQLite's own
    // polling and a loaded machine's scheduling); publishing in one transaction made it wait for all of it.
    expect(whilePublishing.length).toBeGreaterThan(3)
    expect(longestWait).toBeLessThan(2 * longestStall + 500)
    expect(longestWait).toBeLessThan((endedAt - publishedFrom) / 2)
    expect(countOf(secondConnection(), `SELECT count(*) FROM settings WHERE key LIKE 'probe-%'`)).toBe(writes.length)
  }, 120_000)

  it('finishes an import whose process was killed while publishing, at the next open: every row once, its activity once', async () => {
    const { candidates } = workspace.services
    await candidates.create({
      name: 'Kept Before',
      emails: ['kept@example.net'],
      phones: [],
      links: [],
      location: '',
      source: '',
      tags: [],
      ifDuplicate: 'refuse',
    })
    // 1,000 new people, one already known, one given twice in the file.
    const path = csvFile(
      'crash.csv',
      `name,email\n${people(500)}\nKnown Again,kept@example.net\nTwice,imported7@example.org\n${people(500, 500)}\n`,
    )
    await workspace.close()
    const dataDir = workspace.dataDir
    // The process stops for good once its third publish batch is committed, and is then killed.
    const script = `
      import { openWorkspace } from './src-main/core/services.ts'
      const opened = await openWorkspace({ dataDir: ${JSON.stringify(dataDir)}, resourcesDir: ${JSON.stringify(resourcesDir)}, appVersion: '0.0.0-test', demoOnFirstRun: false })
      const writer = opened.services.csvImport.writer
      const publishBatch = writer.publishBatch.bind(writer)
      let batches = 0
      writer.publishBatch = async (...args) => {
        const step = await publishBatch(...args)
        if (++batches === 3) {
          process.stdout.write('published\\n')
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0)
        }
        return step
      }
      const job = { id: 'crash-job', signal: new AbortController().signal, throwIfCancelled: () => {}, progress: () => {} }
      await opened.services.csvImport.importFile(${JSON.stringify(path)}, { fileName: 'crash.csv', mapping: null, mode: 'all_or_nothing', batchRows: 100 }, job)
    `
    child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    expect(await childLines(child).next()).toEqual({ done: false, value: 'published' })
    const reader = secondConnection()
    const state = () => ({
      candidates: countOf(reader, 'SELECT count(*) FROM candidates'),
      staged: countOf(reader, 'SELECT count(*) FROM candidate_import_rows'),
      publishing: countOf(reader, `SELECT count(*) FROM candidate_imports WHERE state = 'publishing'`),
      logged: countOf(reader, `SELECT count(*) FROM activity WHERE entity_type = 'candidate_import'`),
    })
    // Partly published: what a reader sees for the few seconds publishing takes.
    expect(state()).toEqual({ candidates: 301, staged: 700, publishing: 1, logged: 0 })

    // While its process lives, a workspace opened meanwhile leaves the import to it.
    const open = () => openWorkspace({ dataDir, resourcesDir, appVersion: '0.0.0-test', demoOnFirstRun: false })
    await (await open()).close()
    expect(state()).toEqual({ candidates: 301, staged: 700, publishing: 1, logged: 0 })

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
    expect(state()).toEqual({ candidates: 1_001, staged: 0, publishing: 0, logged: 1 })
    // Every row of the file once: one candidate per address, each with its e-mail and its own history entry.
    expect(countOf(reader, `SELECT count(DISTINCT email) FROM candidate_emails WHERE email LIKE 'imported%'`)).toBe(
      1_000,
    )
    expect(countOf(reader, `SELECT count(*) FROM candidate_emails WHERE email LIKE 'imported%'`)).toBe(1_000)
    expect(countOf(reader, `SELECT count(*) FROM candidate_emails WHERE email = 'kept@example.net'`)).toBe(1)
    expect(countOf(reader, `SELECT count(*) FROM activity WHERE detail LIKE '%"via":"csv"%'`)).toBe(1_000)
    expect(countOf(reader, `SELECT count(DISTINCT entity_id) FROM activity WHERE detail LIKE '%"via":"csv"%'`)).toBe(
      1_000,
    )
    // All of it stamped with the import's own time, before and after the crash.
    expect(countOf(reader, `SELECT count(DISTINCT created_at) FROM candidates WHERE name LIKE 'Imported %'`)).toBe(1)
    const logged = reader
      .prepare(`SELECT detail FROM activity WHERE entity_type = 'candidate_import'`)
      .pluck()
      .all() as string[]
    expect(logged.map((detail) => JSON.parse(detail) as unknown)).toEqual([
      { mode: 'all_or_nothing', rows: 1_002, created: 1_000, existing: 2, skipped: 0 },
    ])
    const [last] = await workspace.services.candidates.search('imported999', 1)
    expect(last?.name.text).toBe('Imported 999')
    // Opening again finds nothing left to do.
    await (await open()).close()
    expect(state()).toEqual({ candidates: 1_001, staged: 0, publishing: 0, logged: 1 })
  }, 120_000)

  it('stops publishing with `busy` when another process keeps the lock, and finishes the import before the next one', async () => {
    await workspace.close()
    const dataDir = workspace.dataDir
    const opened = await openWorkspace({
      dataDir,
      resourcesDir,
      appVersion: '0.0.0-test',
      demoOnFirstRun: false,
      busyTimeoutMs: 200,
    })
    workspace = {
      ...opened,
      dataDir,
      dispose: async () => {
        await opened.close()
        rmSync(dataDir, { recursive: true, force: true })
      },
    }
    // Another process that takes the write lock when told to, and keeps it until told again.
    const script = `
      import { openDatabase } from './src-main/core/db/connection.ts'
      const opened = await openDatabase(${JSON.stringify(dataDir)}, { holder: 'the lock holder' })
      process.stdin.setEncoding('utf8')
      process.stdin.on('data', (said) => {
        if (said.includes('lock') && !said.includes('unlock')) {
          opened.sqlite.exec('BEGIN IMMEDIATE')
          opened.sqlite.prepare("INSERT INTO settings (key, value) VALUES ('held', '1')").run()
          process.stdout.write('locked\\n')
        } else {
          opened.sqlite.exec('COMMIT')
          process.stdout.write('unlocked\\n')
        }
      })
      process.stdout.write('ready\\n')
    `
    child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: root,
      stdio: ['pipe', 'pipe', 'inherit'],
    })
    const holder = child
    const said = childLines(holder)
    expect(await said.next()).toEqual({ done: false, value: 'ready' })
    const { csvImport } = workspace.services
    // The lock is taken once two publish batches are committed.
    const writer = (csvImport as unknown as { writer: CsvImportWriter }).writer
    const publishBatch = writer.publishBatch.bind(writer)
    let batches = 0
    writer.publishBatch = async (...args) => {
      if (++batches === 3) {
        holder.stdin?.write('lock\n')
        expect(await said.next()).toEqual({ done: false, value: 'locked' })
      }
      return publishBatch(...args)
    }
    const path = csvFile('held.csv', `name,email\n${people(1_000)}\n`)
    const stopped = await failure(
      csvImport.importFile(path, { fileName: 'held.csv', mapping: null, mode: 'all_or_nothing', batchRows: 100 }),
    )
    expect(stopped.code).toBe('busy')
    expect(stopped.message).toBe(
      'The database stayed busy while the import was adding its candidates: 200 of 1000 are in. The rest are added, once each, the next time this workspace is opened or another import starts.',
    )
    writer.publishBatch = publishBatch
    holder.stdin?.write('unlock\n')
    expect(await said.next()).toEqual({ done: false, value: 'unlocked' })
    const reader = secondConnection()
    const state = () => ({
      imported: countOf(reader, `SELECT count(*) FROM candidates WHERE name LIKE 'Imported %'`),
      staged: countOf(reader, 'SELECT count(*) FROM candidate_import_rows'),
      imports: countOf(reader, 'SELECT count(*) FROM candidate_imports'),
      logged: countOf(reader, `SELECT count(*) FROM activity WHERE entity_type = 'candidate_import'`),
    })
    expect(state()).toEqual({ imported: 200, staged: 800, imports: 1, logged: 0 })

    // The next import of this process finishes the first one, then runs.
    const next = csvFile('next.csv', `name,email\n${people(10, 1_000)}\n`)
    const result = await csvImport.importFile(next, { fileName: 'next.csv', mapping: null, mode: 'all_or_nothing' })
    expect(result).toMatchObject({ rows: 10, created: 10 })
    expect(state()).toEqual({ imported: 1_010, staged: 0, imports: 0, logged: 2 })
    expect(countOf(reader, `SELECT count(DISTINCT email) FROM candidate_emails WHERE email LIKE 'imported%'`)).toBe(
      1_010,
    )
    const logged = reader
      .prepare(`SELECT detail FROM activity WHERE entity_type = 'candidate_import' ORDER BY id`)
      .pluck()
      .all() as string[]
    expect(logged.map((detail) => JSON.parse(detail) as unknown)).toEqual([
      { mode: 'all_or_nothing', rows: 1_000, created: 1_000, existing: 0, skipped: 0 },
      { mode: 'all_or_nothing', rows: 10, created: 10, existing: 0, skipped: 0 },
    ])
  }, 120_000)

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

const root = join(import.meta.dirname, '..', '..', '..')

/** The lines a child process writes on its stdout, as they come. */
async function* childLines(process: ChildProcess): AsyncGenerator<string> {
  let pending = ''
  for await (const chunk of process.stdout ?? []) {
    pending += String(chunk)
    for (let end = pending.indexOf('\n'); end >= 0; end = pending.indexOf('\n')) {
      yield pending.slice(0, end)
      pending = pending.slice(end + 1)
    }
  }
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof AppError) return error
    throw error
  }
  throw new Error('expected a rejection')
}
