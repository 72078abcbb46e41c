import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Api } from '@contract'
import { expect, test, type Page } from '@playwright/test'
import { AssessmentsPage } from './pages/assessments'
import { LaddersPage } from './pages/ladders'
import { PipelinePage } from './pages/pipeline'
import { PostingsPage } from './pages/postings'
import { ReportsPage } from './pages/reports'
import { Shell } from './pages/shell'

const root = join(import.meta.dirname, '..')
const DEMO_POSTING = 'Senior Backend Engineer II — Payments Platform'

/** The page's window as the preload leaves it. */
type DesktopWindow = { api: Api }

interface Host {
  pageUrl: string
  bridgeUrl: string
  process: ChildProcess
  dataDir: string
}

/** Starts e2e/ipc-host.ts: the real registerIpc on a fresh demo workspace, behind a loopback bridge. */
async function startHost(): Promise<Host> {
  const dataDir = mkdtempSync(join(tmpdir(), 'yardstick-ipc-'))
  const child = spawn(join(root, 'node_modules', '.bin', 'tsx'), ['e2e/ipc-host.ts', dataDir], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
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
  const { pageUrl, bridgeUrl } = JSON.parse(first) as { pageUrl: string; bridgeUrl: string }
  return { pageUrl, bridgeUrl, process: child, dataDir }
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
  const module = { exports: {} }
  ;(function (require, module, exports) {
${preload}
  })(require, module, module.exports)
})()`
}

/** What the desktop main process sees of a call: the sending frame, and whether it is the window's top frame. */
async function connect(page: Page, host: Host): Promise<void> {
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

test('the desktop transport: the built preload and the real IPC registration drive the screens', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000)
  const host = await startHost()
  try {
    const apiRequests: string[] = []
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/api/')) apiRequests.push(request.url())
    })
    await connect(page, host)
    const shell = new Shell(page)
    await shell.open(host.pageUrl)
    await page.getByRole('navigation').getByRole('link', { name: 'Role ladders' }).click()
    await expect(page.getByRole('heading', { name: 'Role ladders' })).toBeVisible()
    expect(await page.evaluate(() => Object.keys((globalThis as unknown as DesktopWindow).api).sort())).toContain(
      'ladders',
    )

    // Validation and the result envelope come back through the same path.
    const refused = await page.evaluate(() => (globalThis as unknown as DesktopWindow).api.ladders.create({ name: '' }))
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } })

    const ladders = new LaddersPage(page)
    await ladders.create('Site Reliability', 'Keeps production calm.')
    await ladders.addLevel('SRE1', 'Reliability Engineer I', 'Runs the on-call playbooks.')

    const postings = new PostingsPage(page)
    const pipeline = new PipelinePage(page)
    const view = new AssessmentsPage(page)
    await postings.open(DEMO_POSTING)
    await pipeline.tab('Applicants')
    await page
      .getByRole('link', { name: /^Assess / })
      .first()
      .click()
    const first = view.items().getByTestId('assessment-item').first()
    await first.click({ position: { x: 8, y: 8 } })
    await expect(first).toHaveAttribute('aria-selected', 'true')
    const before = await first.getAttribute('data-rating')
    // 3 = partial, 4 = met: whichever it is not yet, so the rating really changes.
    const [key, expected] = before === 'partial' ? ['4', 'met'] : ['3', 'partial']
    await page.keyboard.press(key)
    await expect(first).toHaveAttribute('data-rating', expected)
    await page.reload()
    await expect(view.items().getByTestId('assessment-item').first()).toHaveAttribute('data-rating', expected)

    await shell.goTo('Reports')
    const reports = new ReportsPage(page)
    await reports.open('Pipeline funnel')
    const csvPath = testInfo.outputPath('funnel.csv')
    await (await reports.export('CSV')).saveAs(csvPath)
    const csv = readFileSync(csvPath, 'utf8')
    expect(csv.startsWith('\uFEFFReport,Pipeline funnel')).toBe(true)
    expect(csv).toContain('Applied')

    const calls = (await (await fetch(`${host.bridgeUrl}/calls`)).json()) as { ipc: string[]; http: string[] }
    expect(calls.ipc).toEqual(
      expect.arrayContaining(['ladders:create', 'assessments:rate', 'reports:export', 'reports:download']),
    )
    expect(calls.http).toEqual([])
    expect(apiRequests).toEqual([])

    // The same preload on a page that is not the app's: the real sender check refuses it.
    await page.goto('about:blank')
    const foreign = await page.evaluate(() => (globalThis as unknown as DesktopWindow).api.ladders.list({}))
    expect(foreign).toMatchObject({ ok: false, error: { code: 'forbidden' } })
  } finally {
    await new Promise<void>((resolve) => {
      host.process.once('exit', () => resolve())
      host.process.kill('SIGTERM')
    })
    rmSync(host.dataDir, { recursive: true, force: true })
  }
})
