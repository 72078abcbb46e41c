import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { dispatch } from '../../dispatch'
import { openWorkspace, type OpenWorkspace } from '../services'
import { resourcesDir, tempDir } from '../testing/temp-workspace'

/**
 * Two real processes on one real database file: a second process holds the write lock (as the CLI does during
 * an import while the app is open), and this one keeps reading, opens the workspace without writing, and
 * fails its writes with the code `busy` and who holds the lock, within its bounded wait.
 */

const root = join(import.meta.dirname, '..', '..', '..')
const dir = tempDir()
let holder: ChildProcess | null = null
const opened: OpenWorkspace[] = []

afterEach(async () => {
  holder?.kill('SIGKILL')
  holder = null
  for (const workspace of opened.splice(0)) await workspace.close()
})

const open = async (busyTimeoutMs = 300) => {
  const workspace = await openWorkspace({
    dataDir: dir.path,
    resourcesDir,
    appVersion: '0.0.0-test',
    demoOnFirstRun: true,
    busyTimeoutMs,
  })
  opened.push(workspace)
  return workspace
}

/** Starts a second process that opens the data folder as "the command line", takes the write lock and keeps it. */
async function holdWriteLock(): Promise<void> {
  const script = `
    import { openDatabase } from './src-main/core/db/connection.ts'
    const opened = await openDatabase(${JSON.stringify(dir.path)}, { holder: 'the command line ("candidates import")' })
    opened.sqlite.exec('BEGIN IMMEDIATE')
    opened.sqlite.prepare("INSERT INTO settings (key, value) VALUES ('lock-test', '1')").run()
    process.stdout.write('locked\\n')
    setInterval(() => {}, 1000)
  `
  // Node itself with tsx's loader: one process, which SIGKILL stops together with its lock.
  holder = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const stdout = holder.stdout
  if (!stdout) throw new Error('no stdout')
  let seen = ''
  for await (const chunk of stdout) {
    seen += String(chunk)
    if (seen.includes('locked')) return
  }
  throw new Error('the lock holder stopped before taking the lock')
}

describe('a database another process is writing to', () => {
  it('is opened, read and refused writes with `busy`, saying who holds it', async () => {
    const first = await open()
    await first.close()
    opened.length = 0

    await holdWriteLock()

    const startedOpen = Date.now()
    const workspace = await open()
    // Opening needed no write, so it did not wait for the lock at all.
    expect(Date.now() - startedOpen).toBeLessThan(3_000)
    const call = (channel: string, input: unknown) => dispatch(channel, input, { services: workspace.services })

    const listed = await call('ladders:list', {})
    expect(listed.ok).toBe(true)
    expect((await call('candidates:list', {})).ok).toBe(true)

    const startedWrite = Date.now()
    const refused = await call('ladders:create', { name: 'Data Engineering' })
    expect(refused).toMatchObject({ ok: false, error: { code: 'busy' } })
    expect(!refused.ok && refused.error.message).toMatch(
      /busy: the command line \("candidates import"\) \(process \d+\)/,
    )
    expect(Date.now() - startedWrite).toBeLessThan(3_000)

    holder?.kill('SIGKILL')
    if (holder) await once(holder, 'exit')
    holder = null
    const created = await call('ladders:create', { name: 'Data Engineering' })
    expect(created.ok).toBe(true)
  }, 60_000)
})
