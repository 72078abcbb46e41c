import { readFileSync } from 'node:fs'
import type { Api } from '@contract'
import { expect, test } from '@playwright/test'
import { connect, startHost, stopHost } from './desktop-host'
import { AssessmentsPage } from './pages/assessments'
import { LaddersPage } from './pages/ladders'
import { PipelinePage } from './pages/pipeline'
import { PostingsPage } from './pages/postings'
import { ReportsPage } from './pages/reports'
import { Shell } from './pages/shell'

const DEMO_POSTING = 'Senior Backend Engineer II — Payments Platform'

/** The page's window as the preload leaves it. */
type DesktopWindow = { api: Api }

test('the desktop transport: the built preload and the real IPC registration drive the screens', async ({
  page,
}, testInfo) => {
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
    await stopHost(host)
  }
})
