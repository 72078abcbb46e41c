/**
 * Frames per second of the applicants table while it scrolls, in Chromium, on a generated workspace whose
 * demo posting has over 15 requirement columns. Not a test: it measures and prints, and fails only when the
 * page cannot be driven.
 * Usage: npm run bench:ui -- [--candidates 5000] [--seconds 4] [--no-build] [--out bench-ui.json]
 */
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
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
      const next = at + step > max ? 0 : at + step
      if (axis === 'x') element.scrollLeft = next
      else element.scrollTop = next
      domCells = Math.max(domCells, element.querySelectorAll('[role="cell"]').length)
      if (now - start < ms) requestAnimationFrame(tick)
      else resolve({ frames, ms: now - start, worstMs: worst, domCells })
    }
    requestAnimationFrame(tick)
  }))`
  const run = (axis: 'x' | 'y', step: number) =>
    page.evaluate<{ frames: number; ms: number; worstMs: number; domCells: number }>(
      `${measure}(${JSON.stringify({ axis, step, ms: seconds * 1000 })})`,
    )
  await run('x', 40)
  const sideways = await run('x', 40)
  const down = await run('y', 120)
  const fps = (result: { frames: number; ms: number }) => Math.round((result.frames / result.ms) * 10000) / 10
  const report = {
    at: new Date().toISOString(),
    chromium: browser.version(),
    candidates,
    requirementColumns: Number(requirementColumns),
    viewport: '1440×900',
    sideways: { fps: fps(sideways), worstFrameMs: Math.round(sideways.worstMs), maxCellsInDom: sideways.domCells },
    down: { fps: fps(down), worstFrameMs: Math.round(down.worstMs), maxCellsInDom: down.domCells },
  }
  console.log(JSON.stringify(report, null, 2))
  if (values.out) writeFileSync(values.out, JSON.stringify(report, null, 2))
} finally {
  await browser.close()
  server.kill('SIGTERM')
  rmSync(dataDir, { recursive: true, force: true })
}
