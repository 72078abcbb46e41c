import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { PostingDto, PostingSummaryDto } from '@contract'
import { expect, test, testOnFirstRun } from './fixtures'
import { callApi, firstRunWithDemo } from './pages/everyday'
import { PipelinePage } from './pages/pipeline'
import { PostingsPage } from './pages/postings'
import { Shell } from './pages/shell'

const DEMO_POSTING = 'Senior Backend Engineer II — Payments Platform'

/** A header's accessible name also holds its resize handle's label. */
const headerName = (name: string) => new RegExp(`^(★ )?${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} Resize`)

// Each test starts its own server on a shared, busy machine.
test.describe.configure({ timeout: 180_000 })

test('requirement columns have unique short headers, and the legend gives their full text', async ({ page, app }) => {
  await page.setViewportSize({ width: 1440, height: 900 })
  await new Shell(page).open(app.launchUrl)
  await new PostingsPage(page).open(DEMO_POSTING)
  const pipeline = new PipelinePage(page)
  await pipeline.tab('Applicants')
  await expect(pipeline.row('Clara Fontaine')).toBeVisible()

  const postings = JSON.parse(await app.cli('postings', 'list')) as PostingSummaryDto[]
  const summary = postings.find((entry) => entry.title === DEMO_POSTING)
  const posting = await callApi<PostingDto>(page, app, 'postings:get', { id: summary?.id })
  const assessed = posting.requirements.filter((item) => item.section !== 'benefit' && item.section !== 'other')
  expect(assessed.length).toBeGreaterThanOrEqual(15)

  await page.getByRole('button', { name: 'Column legend' }).click()
  const legend = page.getByTestId('requirement-legend')
  await expect(legend.getByRole('row')).toHaveCount(assessed.length + 1)
  const rows = await legend.getByRole('row').all()
  const pairs = await Promise.all(rows.slice(1).map((row) => row.getByRole('cell').allInnerTexts()))
  const headers = pairs.map(([header]) => (header ?? '').replace(/^★\s*/, '').trim())
  expect(new Set(headers.map((header) => header.toLowerCase())).size).toBe(assessed.length)
  for (const [index, item] of assessed.entries()) {
    expect(pairs[index]?.[1]).toContain(item.text)
    expect(headers[index]?.length).toBeLessThanOrEqual(16)
  }
  await page.keyboard.press('Escape')

  // The table scrolls sideways to each header, which carries the full text on hover, the name staying in view.
  const table = pipeline.table()
  const first = assessed[0]
  const last = assessed.at(-1)
  if (!first || !last) throw new Error('no assessed items')
  const header = (name: string | undefined) => table.getByRole('columnheader', { name: headerName(name ?? '') })
  // The requirement columns start after the applicant's own columns, out of view at 1440 px.
  const firstHeader = header(headers[0])
  await expect(firstHeader).toHaveCount(0)
  await pipeline.row('Clara Fontaine').hover()
  await page.mouse.wheel(900, 0)
  await expect(firstHeader).toBeInViewport()
  await expect(firstHeader).toHaveAttribute('title', first.text)
  await page.mouse.wheel(5000, 0)
  const lastHeader = header(headers.at(-1))
  await expect(lastHeader).toBeInViewport()
  await expect(lastHeader).toHaveAttribute('title', last.text)
  await expect(header('Name')).toBeInViewport()
  await expect(pipeline.row('Clara Fontaine').getByTestId('fit-cell')).toBeInViewport()
  // Columns scrolled out of view are not in the page at all.
  await expect(firstHeader).toHaveCount(0)
  await lastHeader.getByRole('button').click()
  await expect(lastHeader).toHaveAttribute('aria-sort', 'ascending')
})

test('a saved view of the applicants table survives a reload and applies its filters, sort and columns', async ({
  page,
  app,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 })
  const shell = new Shell(page)
  await shell.open(app.launchUrl)
  const postings = new PostingsPage(page)
  await postings.open(DEMO_POSTING)
  const pipeline = new PipelinePage(page)
  await pipeline.tab('Applicants')
  await expect(pipeline.row('Clara Fontaine')).toBeVisible()
  const table = pipeline.table()

  await page.getByRole('search', { name: 'Filter applicants' }).getByRole('combobox', { name: 'Status' }).click()
  await page.getByRole('option', { name: 'Active', exact: true }).click()
  await table.getByRole('columnheader').getByRole('button', { name: 'Fit', exact: true }).click()
  // The order read below is the sorted one only once the table shows the sort.
  await expect(table.getByRole('columnheader', { name: headerName('Fit') })).toHaveAttribute('aria-sort', 'descending')
  await page.getByRole('button', { name: 'Columns' }).click()
  // The box follows the saved column preferences, so it changes once they are saved: click, then wait for it.
  const emailColumn = page.getByRole('menu').getByRole('checkbox', { name: 'E-mail', exact: true })
  await emailColumn.click()
  await expect(emailColumn).not.toBeChecked()
  await page.keyboard.press('Escape')
  await expect(table.getByRole('columnheader', { name: 'E-mail' })).toHaveCount(0)

  await page.getByRole('button', { name: 'Views' }).click()
  await page.getByRole('menuitem', { name: 'Save as a new view…' }).click()
  await page.getByRole('dialog').getByLabel('Name of the view').fill('Best active')
  await page.getByRole('dialog').getByRole('button', { name: 'Save', exact: true }).click()
  await expect(page.getByRole('button', { name: 'View: Best active' })).toBeVisible()
  const bestFirst = await table.getByRole('row').nth(1).getAttribute('aria-label')

  // Back to a plain table: the filter cleared, sorted by name, every column shown.
  await page.reload()
  await pipeline.tab('Applicants')
  await page.getByRole('button', { name: 'Columns' }).click()
  await emailColumn.click()
  await expect(emailColumn).toBeChecked()
  await page.keyboard.press('Escape')
  await table.getByRole('columnheader').getByRole('button', { name: 'Name', exact: true }).click()
  await expect(table.getByRole('columnheader', { name: 'E-mail' })).toBeVisible()
  await expect(table.getByRole('columnheader', { name: headerName('Name') })).toHaveAttribute('aria-sort', 'ascending')

  await page.getByRole('button', { name: 'Views' }).click()
  await page.getByRole('menuitem', { name: 'Best active' }).click()
  await expect(page.getByRole('button', { name: 'View: Best active' })).toBeVisible()
  await expect(table.getByRole('columnheader', { name: headerName('Fit') })).toHaveAttribute('aria-sort', 'descending')
  await expect(table.getByRole('columnheader', { name: 'E-mail' })).toHaveCount(0)
  await expect(
    page.getByRole('search', { name: 'Filter applicants' }).getByRole('combobox', { name: 'Status' }),
  ).toHaveValue('Active')
  await expect(table.getByRole('row').nth(1)).toHaveAttribute('aria-label', bestFirst ?? '')

  // Renamed, then deleted: the menu says what it holds.
  await page.getByRole('button', { name: 'View: Best active' }).click()
  await page.getByRole('menuitem', { name: 'Rename “Best active”…' }).click()
  await page.getByRole('dialog').getByLabel('Name of the view').fill('Shortlist')
  await page.getByRole('dialog').getByRole('button', { name: 'Save', exact: true }).click()
  await page.getByRole('button', { name: 'View: Shortlist' }).click()
  await page.getByRole('menuitem', { name: 'Delete “Shortlist”' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Delete “Shortlist”' }).click()
  await expect(page.getByRole('button', { name: 'Views', exact: true })).toBeVisible()
  await page.getByRole('button', { name: 'Views', exact: true }).click()
  await expect(page.getByText('No saved views yet')).toBeVisible()
})

testOnFirstRun(
  'screenshots of the applicants table with its legend and views, and the board, at 1440×900',
  async ({ page, app }) => {
    const folder = join(import.meta.dirname, '..', 'test-results', 'screenshots')
    mkdirSync(folder, { recursive: true })
    await page.setViewportSize({ width: 1440, height: 900 })
    await new Shell(page).open(app.launchUrl)
    await firstRunWithDemo(page)
    const pipeline = new PipelinePage(page)
    for (const theme of ['light', 'dark'] as const) {
      if (theme === 'dark') await page.getByRole('button', { name: 'Switch to dark theme' }).click()
      await new PostingsPage(page).open(DEMO_POSTING)
      await pipeline.tab('Applicants')
      await expect(pipeline.row('Clara Fontaine')).toBeVisible()
      await pipeline.row('Clara Fontaine').hover()
      await page.mouse.wheel(900, 0)
      // The fit cell has room for the score, the must-haves and the knock-out: none of them is cut off.
      interface Box {
        scrollWidth: number
        clientWidth: number
        querySelectorAll: (selector: string) => ArrayLike<Box>
      }
      const cutOff = await pipeline
        .row('Yara Nasser')
        .getByTestId('fit-cell')
        .evaluate((cell) => {
          const root = cell as unknown as Box
          return [root, ...Array.from(root.querySelectorAll('*'))].filter((e) => e.scrollWidth > e.clientWidth).length
        })
      expect(cutOff).toBe(0)
      await page.screenshot({ path: join(folder, `${theme}-applicants-scrolled.png`) })
      await page.getByRole('button', { name: 'Column legend' }).click()
      await expect(page.getByTestId('requirement-legend')).toBeVisible()
      await page.screenshot({ path: join(folder, `${theme}-applicants-legend.png`) })
      await page.keyboard.press('Escape')
      await pipeline.tab('Board')
      await expect(pipeline.column('Applied').getByRole('listitem').first()).toContainText(/Fit \d+/)
      await expect(pipeline.column('Applied').getByRole('listitem').filter({ hasText: 'Yara Nasser' })).toContainText(
        'Knock-out',
      )
      // No column of the board is cut off at 1440 px: each one lies wholly inside the window.
      const columns = page.getByRole('main').getByRole('region', { name: /: \d+$/ })
      await expect(columns.first()).toBeVisible()
      const boxes = await Promise.all((await columns.all()).map((column) => column.boundingBox()))
      expect(boxes.length).toBeGreaterThanOrEqual(5)
      for (const box of boxes) {
        expect(box?.x).toBeGreaterThanOrEqual(0)
        expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(1440)
      }
      await page.screenshot({ path: join(folder, `${theme}-board-1440.png`) })
    }
  },
)
