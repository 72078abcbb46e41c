import { spawn } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import {
  downloadEnv,
  electronVersion,
  freshProject,
  isFile,
  removeProject,
  standInArchiveName,
  standInExecutable,
  startMirror,
  type Mirror,
} from './electron-mirror'

interface Run {
  code: number | null
  output: string
}

/** Runs a command to its end (bounded), with stdout and stderr together as a user sees them. */
function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, timeoutMs = 150_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`${command} ${args.join(' ')} took over ${timeoutMs} ms:\n${output}`))
    }, timeoutMs)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, output })
    })
  })
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'

test.describe('npm start on a fresh clone', () => {
  test.describe.configure({ mode: 'serial', timeout: 240_000 })

  let project = ''
  let cache = ''
  let mirror: Mirror | undefined

  test.beforeAll(() => {
    project = freshProject()
    cache = join(project, '..', `${project.split(/[/\\]/).pop()}-cache`)
    mkdirSync(cache)
  })
  test.afterAll(async () => {
    await mirror?.close()
    removeProject(project)
    rmSync(cache, { recursive: true, force: true })
  })

  test('a blocked download ends with one paragraph that says what to do, and no stack trace', async () => {
    const broken = await startMirror({ broken: true })
    try {
      const result = await run(npm, ['start'], project, downloadEnv(broken, cache))
      expect(result.code).not.toBe(0)
      expect(broken.requests.some((path) => path.endsWith(standInArchiveName))).toBe(true)
      expect(result.output).toContain(`could not download the Electron ${electronVersion} runtime from ${broken.url}`)
      expect(result.output).toContain('404')
      expect(result.output).toContain('ELECTRON_MIRROR')
      expect(result.output).toContain('npm run web')
      expect(result.output).not.toMatch(/^\s+at /m)
      expect(result.output).not.toContain('Electron uninstall')
      expect(isFile(join(project, 'node_modules', 'electron', 'path.txt'))).toBe(false)
    } finally {
      await broken.close()
    }
  })

  test('downloads the runtime from the mirror, unpacks it and launches it with the built main bundle', async () => {
    mirror = await startMirror()
    const electronDir = join(project, 'node_modules', 'electron')
    // What an interrupted first download leaves behind: dist/ without path.txt.
    mkdirSync(join(electronDir, 'dist'))
    writeFileSync(join(electronDir, 'dist', 'LICENSE'), 'partial')
    const record = join(cache, 'launched.txt')

    const result = await run(npm, ['start'], project, downloadEnv(mirror, cache, { YARDSTICK_STAND_IN_RECORD: record }))

    expect(result.code, result.output).toBe(0)
    expect(result.output).toContain('unfinished Electron download')
    expect(mirror.requests).toContain(`/v${electronVersion}/${standInArchiveName}`)
    expect(mirror.requests).toContain(`/v${electronVersion}/SHASUMS256.txt`)
    expect(readFileSync(join(electronDir, 'path.txt'), 'utf8')).toBe(standInExecutable)
    expect(isFile(join(electronDir, 'dist', standInExecutable))).toBe(true)
    expect(isFile(join(electronDir, 'dist', 'LICENSE'))).toBe(false)
    // Launched from the project folder with "." = package.json's main, the bundle `npm start` just built.
    const [cwd, ...args] = readFileSync(record, 'utf8').trim().split('\n')
    expect(realpathSync(cwd ?? '')).toBe(realpathSync(project))
    expect(args).toEqual(['.'])
    const main = (JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')) as { main: string }).main
    expect(readFileSync(join(project, main), 'utf8')).toContain('requestSingleInstanceLock')
    // The archive went through @electron/get's cache, so the next repair needs no network.
    expect(readdirSync(cache, { recursive: true }).map(String)).toContainEqual(
      expect.stringContaining(standInArchiveName),
    )
  })

  test('a path.txt whose binary is gone is repaired from the cache', async () => {
    const electronDir = join(project, 'node_modules', 'electron')
    rmSync(join(electronDir, 'dist'), { recursive: true })
    const served = mirror?.requests.length ?? 0
    const result = await run(
      process.execPath,
      ['scripts/ensure-deps.mjs', '--electron'],
      project,
      downloadEnv(mirror as Mirror, cache),
    )
    expect(result.code, result.output).toBe(0)
    expect(result.output).toContain('which is missing: downloading Electron again')
    expect(isFile(join(electronDir, 'dist', standInExecutable))).toBe(true)
    // Only the checksums are fetched again; the archive comes from the cache.
    expect(mirror?.requests.slice(served)).toEqual([`/v${electronVersion}/SHASUMS256.txt`])
  })
})
