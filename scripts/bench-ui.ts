/**
 * Frames per second of the applicants table while it scrolls, in Chromium, on a generated workspace whose
 * demo posting has over 15 requirement columns. Not a test: it measures and prints, and fails only when the
 * page cannot be driven.
 * Usage: npm run bench:ui -- [--candidates 5000] [--seconds 4] [--no-build] [--out bench-ui.json]
 *        [--trace trace.json]  (a Chromium performance trace of the scrolling, for chrome://tracing or DevTools;
 *        the main thread's costliest kinds of work are printed too)
 */
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { chromium } from '@playwright/test'

const DEMO_POSTING = 'Senior Backend Engineer II — Payments Platform'
const root = join(import.meta.dirname, '..')
const tsx = join(root, 'node_modules', '.bin', 'tsx')

const { values } = parseArgs({
  options: {
    candidates: { type: 'string', default: '5000' },
    seconds: { type: 'string', default: '4' },
    'no-build': { type: 'boolean', default: false },
    out: { type: 'string' },
    trace: { type: 'string' },
  },
})
const candidates = Number(values.candidates)
const seconds = Number(values.seconds)
if (!Number.isInteger(candidates) || candidates < 1000 || !(seconds > 0 && seconds <= 60)) {
  console.error('Usage: npm run bench:ui -- [--candidates N (≥ 1000)] [--seconds S (≤ 60)] [--no-build]')
  process.exit(2)
}

if (!values['no-build']) {
  process.stderr.write('building the renderer…\n')
  execFileSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  })
}

const dataDir = mkdtempSync(join(tmpdir(), 'yardstick-bench-ui-'))
process.stderr.write(`generating ${candidates} candidates…\n`)
execFileSync(tsx, ['src-main/cli.ts', 'demo', 'generate', '--candidates', String(candidates), '--data-dir', dataDir], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
})

const server = spawn(tsx, ['src-main/serve.ts', '--data-dir', dataDir, '--port', '0'], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
})
const launchUrl = await new Promise<string>((resolve, reject) => {
  let output = ''
  server.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString()
    const match = /open (http:\/\/\S+)/.exec(output)
    if (match?.[1]) resolve(match[1])
  })
  server.once('exit', (code) => reject(new Error(`web mode exited with ${code}`)))
})

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
})
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
  await page.goto(launchUrl)
  await page.getByRole('navigation').getByRole('link', { name: 'Postings' }).click()
  await page.getByRole('link', { name: DEMO_POSTING, exact: true }).click()
  await page.getByRole('tab', { name: 'Applicants', exact: true }).click()
  const table = page.getByRole('table', { name: 'Applicants' })
  await table.getByRole('row').nth(3).waitFor()
  const requirementColumns = await page.getByTestId('requirement-legend-count').getAttribute('data-count')

  // Scrolls a fixed distance each frame and counts the frames the browser managed in the time given. Sent as
  // text: tsx would wrap named functions in a helper the page does not have.
  const measure = `(({ axis, step, ms }) => new Promise((resolve, reject) => {
    const element = document.querySelector('[role="table"][aria-label="Applicants"]')
    if (!element) return reject(new Error('no applicants table'))
    let frames = 0, worst = 0, domCells = 0
    const start = performance.now()
    let last = start
    const tick = (now) => {
      frames++
      worst = Math.max(worst, now - last)
      last = now
      const max = axis === 'x' ? element.scrollWidth - element.clientWidth : element.scrollHeight - element.clientHeight
      const at = axis === 'x' ? element.scrollLeft : element.scrollTop
      // Back and forth, so a short or narrow table keeps scrolling for the whole run.
      const next = step === 0 ? at : at + step > max ? 0 : at + step
      if (axis === 'x') element.scrollLeft = next
      else element.scrollTop = next
      domCells = Math.max(domCells, element.querySelectorAll('[role="cell"]').length)
      if (now - start < ms) requestAnimationFrame(tick)
      else resolve({ frames, ms: now - start, worstMs: worst, domCells })
    }
    requestAnimationFrame(tick)
  }))`
  // Where the main thread's time went during a run (Chromium's own counters, in ms): script, style, layout,
  // and the rest of the tasks (mostly paint and raster without a GPU).
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Performance.enable')
  const counters = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics')
    return Object.fromEntries(metrics.map((metric) => [metric.name, metric.value]))
  }
  const run = async (axis: 'x' | 'y', step: number) => {
    const before = await counters()
    const result = await page.evaluate<{ frames: number; ms: number; worstMs: number; domCells: number }>(
      `${measure}(${JSON.stringify({ axis, step, ms: seconds * 1000 })})`,
    )
    const after = await counters()
    const spent = (name: string) => Math.round(((after[name] ?? 0) - (before[name] ?? 0)) * 1000)
    const script = spent('ScriptDuration')
    const style = spent('RecalcStyleDuration')
    const layout = spent('LayoutDuration')
    const mainThreadMs = { script, style, layout, other: spent('TaskDuration') - script - style - layout }
    // CPU time rather than time elapsed: on a shared machine the page waits for a core, and the wall-clock
    // durations above grow with the load while these stay what a frame costs.
    const perFrame = (name: string) => Math.round((spent(name) / result.frames) * 10) / 10
    const cpuMsPerFrame = { mainThread: perFrame('ThreadTime'), rendererProcess: perFrame('ProcessTime') }
    return { ...result, mainThreadMs, cpuMsPerFrame }
  }
  await run('x', 40)
  if (values.trace) {
    await browser.startTracing(page, {
      path: values.trace,
      categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'cc', 'v8'],
    })
  }
  // The same loop without scrolling: what this machine's Chromium manages at all, to read the others against.
  const idle = await run('x', 0)
  const sideways = await run('x', 40)
  // Down from the left edge, as the table opens: where the sideways run happened to stop would otherwise decide
  // which columns (and how many cells a row) the rows coming into view have.
  await page.evaluate(
    `new Promise((resolve) => {
      document.querySelector('[role="table"][aria-label="Applicants"]').scrollLeft = 0
      requestAnimationFrame(() => requestAnimationFrame(resolve))
    })`,
  )
  const down = await run('y', 120)
  if (values.trace) {
    await browser.stopTracing()
    printCostliest(values.trace)
  }
  const fps = (result: { frames: number; ms: number }) => Math.round((result.frames / result.ms) * 10000) / 10
  const report = {
    at: new Date().toISOString(),
    chromium: browser.version(),
    candidates,
    requirementColumns: Number(requirementColumns),
    viewport: '1440×900',
    loadAverage: loadavg().map((load) => Math.round(load * 100) / 100),
    cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
    idle: {
      fps: fps(idle),
      worstFrameMs: Math.round(idle.worstMs),
      mainThreadMs: idle.mainThreadMs,
      cpuMsPerFrame: idle.cpuMsPerFrame,
    },
    sideways: {
      fps: fps(sideways),
      worstFrameMs: Math.round(sideways.worstMs),
      maxCellsInDom: sideways.domCells,
      mainThreadMs: sideways.mainThreadMs,
      cpuMsPerFrame: sideways.cpuMsPerFrame,
    },
    down: {
      fps: fps(down),
      worstFrameMs: Math.round(down.worstMs),
      maxCellsInDom: down.domCells,
      mainThreadMs: down.mainThreadMs,
      cpuMsPerFrame: down.cpuMsPerFrame,
    },
  }
  console.log(JSON.stringify(report, null, 2))
  if (values.out) writeFileSync(values.out, JSON.stringify(report, null, 2))
} finally {
  await browser.close()
  server.kill('SIGTERM')
  rmSync(dataDir, { recursive: true, force: true })
}

/** The renderer main thread's kinds of work by time spent in them, not counting the work they contain. */
function printCostliest(path: string) {
  interface TraceEvent {
    name: string
    ph: string
    pid: number
    tid: number
    ts: number
    dur?: number
    args?: { name?: string }
  }
  const { traceEvents } = JSON.parse(readFileSync(path, 'utf8')) as { traceEvents: TraceEvent[] }
  const main = traceEvents.find((event) => event.name === 'thread_name' && event.args?.name === 'CrRendererMain')
  if (!main) return
  const complete = traceEvents
    .filter((event) => event.pid === main.pid && event.tid === main.tid && event.ph === 'X' && event.dur)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0))
  const self = new Map<string, number>()
  const open: { event: TraceEvent; end: number }[] = []
  for (const event of complete) {
    while (open.length > 0 && (open.at(-1)?.end ?? 0) <= event.ts) open.pop()
    const parent = open.at(-1)
    if (parent) self.set(parent.event.name, (self.get(parent.event.name) ?? 0) - (event.dur ?? 0))
    self.set(event.name, (self.get(event.name) ?? 0) + (event.dur ?? 0))
    open.push({ event, end: event.ts + (event.dur ?? 0) })
  }
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 15)
  process.stderr.write(`renderer main thread, self time:\n`)
  for (const [name, micros] of top)
    process.stderr.write(`  ${String(Math.round(micros / 1000)).padStart(6)} ms  ${name}\n`)
}
