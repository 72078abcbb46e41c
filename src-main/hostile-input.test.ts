// SQLite-only suite: the dispatcher and IPC layer above the core, the same on both databases; the core's suites run on both.
import { execFile, execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { extractText } from './core/documents/extract-text'
import { decodeScorecard } from './core/interviews/exchange-files'
import { openTestWorkspace, tempDir, type TestWorkspace } from './core/testing/temp-workspace'
import { dispatch } from './dispatch'

const run = promisify(execFile)
const root = join(import.meta.dirname, '..')
const dir = tempDir()

let workspace: TestWorkspace
beforeAll(async () => {
  workspace = await openTestWorkspace({ demo: true })
}, 60_000)
afterAll(async () => {
  await workspace.dispose()
  dir.remove()
})

const call = (channel: string, input: unknown) => dispatch(channel, input, { services: workspace.services })

async function cli(...args: string[]) {
  try {
    const { stdout, stderr } = await run(join(root, 'node_modules', '.bin', 'tsx'), ['src-main/cli.ts', ...args], {
      cwd: root,
      timeout: 40_000,
    })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string; killed?: boolean }
    return { code: failed.killed ? -1 : failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
}

describe('dates the code can handle', () => {
  it.each([
    ['9999-12-01', '9999-12-31'],
    ['0001-01-01', '0001-01-31'],
    ['1899-12-25', '1900-01-10'],
  ])('refuses an activity report from %s to %s at the contract', async (from, to) => {
    const result = await call('reports:run', { name: 'activity', filters: { from, to } })
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect(!result.ok && result.error.message).toMatch(/year from 1900 to 2200/)
  })

  it('says a range wider than the report computes is too wide, instead of computing it', async () => {
    const started = Date.now()
    const result = await call('reports:run', { name: 'activity', filters: { from: '1900-01-01', to: '2200-12-31' } })
    expect(result).toMatchObject({ ok: false, error: { code: 'too_large' } })
    expect(!result.ok && result.error.message).toMatch(/at most 1044 weeks.*Narrow the dates/)
    expect(Date.now() - started).toBeLessThan(2_000)
  })

  it('still runs the widest range it accepts', async () => {
    const result = await call('reports:run', { name: 'activity', filters: { from: '2010-01-01', to: '2028-12-31' } })
    expect(result.ok).toBe(true)
  })

  it('refuses interviews scheduled outside the years it handles', async () => {
    const result = await call('interviews:schedule', {
      applicationId: 1,
      stepId: 1,
      interviewerId: 1,
      scheduledAt: '9999-12-31T23:00:00Z',
    })
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
  })
})

describe('every input error is an input error', () => {
  it.each([
    ['stages:add', { postingId: 1, name: '\u0000' }],
    ['stages:add', { postingId: 1, name: 'Screen\u0007' }],
    ['ladders:create', { name: 'Ops\u001b[31m' }],
    ['people:create', { name: '\u0085Sam' }],
  ])('refuses control characters in a name (%s)', async (channel, input) => {
    const result = await call(channel, input)
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect(!result.ok && result.error.message).toMatch(/control characters/)
  })

  it('refuses a scorecard file nested 10,000 levels deep without overflowing the stack', () => {
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`
    const text = `{"format":"yardstick-scorecard","version":1,"extra":${deep}}`
    expect(() => decodeScorecard(new TextEncoder().encode(text), 'deep.json')).toThrow(/nests more than 32 levels/)
  })

  it('says the real size of a file just over the limit', async () => {
    const bytes = new Uint8Array(20 * 1_048_576 + 1)
    await expect(extractText(bytes, 'big.pdf')).rejects.toThrow(/is 20 MB \(20,971,521 bytes\); documents up to 20 MB/)
  })

  it('refuses to read a FIFO given to `candidates extract`, at once', async () => {
    const fifo = join(dir.path, 'resume.pdf')
    execFileSync('mkfifo', [fifo])
    const started = Date.now()
    const result = await cli('candidates', 'extract', fifo, '--format', 'json')
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/not a regular file/)
    expect(Date.now() - started).toBeLessThan(25_000)
  }, 60_000)

  it('imports a résumé whose file name is not UTF-8', async () => {
    const folder = join(dir.path, 'latin1')
    mkdirSync(folder)
    const latin1Name = Buffer.concat([Buffer.from(folder + '/'), Buffer.from('Ren\xe9 Dupont.txt', 'latin1')])
    writeFileSync(latin1Name, 'René Dupont\nrene.dupont@example.com\nBackend engineer\n')
    const data = join(dir.path, 'data')
    const result = await cli('candidates', 'import-folder', folder, '--data-dir', data)
    expect(result.stderr).not.toMatch(/ENOENT/)
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout)).toMatchObject({ files: 1, created: 1, refused: [] })
  }, 60_000)
})
