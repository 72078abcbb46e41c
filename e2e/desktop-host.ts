import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'

const root = join(import.meta.dirname, '..')

export interface Host {
  pageUrl: string
  bridgeUrl: string
  process: ChildProcess
  dataDir: string
  /** With `team`: the real team server's address and data folder. */
  teamUrl?: string
  teamDir?: string
}

/**
 * Starts e2e/ipc-host.ts: the real registerIpc on a fresh demo workspace, behind a loopback bridge; with `team`, a
 * real team server on another folder too.
 */
export async function startHost(options: { team?: boolean } = {}): Promise<Host> {
  const dataDir = mkdtempSync(join(tmpdir(), 'yardstick-ipc-'))
  const teamDir = options.team ? mkdtempSync(join(tmpdir(), 'yardstick-team-')) : undefined
  const child = spawn(
    join(root, 'node_modules', '.bin', 'tsx'),
    ['e2e/ipc-host.ts', dataDir, ...(teamDir ? [teamDir] : [])],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let errors = ''
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()))
  const first = await new Promise<string>((resolve, reject) => {
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const line = output.split('\n').find((candidate) => candidate.startsWith('{'))
      if (line !== undefined && output.includes('\n')) resolve(line)
    })
    child.once('exit', (code) => reject(new Error(`the IPC host exited with ${code}: ${errors}`)))
  })
  const { pageUrl, bridgeUrl, teamUrl } = JSON.parse(first) as { pageUrl: string; bridgeUrl: string; teamUrl?: string }
  return { pageUrl, bridgeUrl, process: child, dataDir, teamUrl, teamDir }
}

/**
 * The stand-in for the `electron` module the sandboxed preload requires: contextBridge puts the API on the
 * page's window, ipcRenderer.invoke goes to the host through a Playwright binding. The built preload runs as
 * it is, wrapped in a CommonJS scope (no eval: the renderer's CSP forbids it).
 */
function preloadWithStandIn(): string {
  const preload = readFileSync(join(root, 'out', 'preload', 'index.cjs'), 'utf8')
  return `(() => {
  const electron = {
    contextBridge: {
      exposeInMainWorld: (key, api) => Object.defineProperty(window, key, { value: Object.freeze(api) }),
    },
    ipcRenderer: { invoke: (channel, input) => window.__yardstickIpcInvoke(channel, input) },
  }
  const require = (name) => {
    if (name === 'electron') return electron
    throw new Error('A sandboxed preload can only require electron, not ' + name)
  }
  const module = { s: {} }
  ;(function (require, module, s) {
${preload}
  })(require, module, module.s)
})()`
}

/** What the desktop main process sees of a call: the sending frame, and whether it is the window's top frame. */
export async function connect(page: Page, host: Host): Promise<void> {
  await page.exposeBinding('__yardstickIpcInvoke', async (source, channel: string, input: unknown) => {
    const response = await fetch(`${host.bridgeUrl}/invoke`, {
      method: 'POST',
      body: JSON.stringify({
        channel,
        input,
        frameUrl: source.frame.url(),
        topFrame: source.frame === source.page.mainFrame(),
      }),
    })
    const answer: unknown = await response.json()
    if (!response.ok) throw new Error((answer as { message: string }).message)
    return answer
  })
  await page.addInitScript({ content: preloadWithStandIn() })
}

export async function stopHost(host: Host): Promise<void> {
  await new Promise<void>((resolve) => {
    host.process.once('exit', () => resolve())
    host.process.kill('SIGTERM')
  })
  rmSync(host.dataDir, { recursive: true, force: true })
  if (host.teamDir) rmSync(host.teamDir, { recursive: true, force: true })
}
