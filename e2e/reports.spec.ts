import { execFileSync } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import Papa from 'papaparse'
import { restoreCell } from '../src-main/core/files/csv-cell'
import type { AppServer } from './app-server'
import { expect, test } from './fixtures'
import { ReportsPage } from './pages/reports'
import { Shell } from './pages/shell'

/** The reports, with the title of the table that carries their chart. */
const REPORTS = [
  { title: 'Pipeline funnel', table: 'Stages' },
  { title: 'Time in stage', table: 'Days in stage' },
  { title: 'Sources', table: 'By source' },
  { title: 'Hiring activity', table: 'Per week' },
  { title: 'Applications', table: 'By status' },
  { title: 'Requirement coverage', table: 'Hardest to fill' },
  { title: 'Interviewer calibration', table: 'By interviewer' },
]

/** A generated workspace instead of the demo: the server is stopped, the folder emptied and filled, restarted. */
async function generatedWorkspace(app: AppServer): Promise<void> {
  await app.stop()
  for (const entry of readdirSync(app.dataDir)) rmSync(join(app.dataDir, entry), { recursive: true, force: true })
  await app.cli('demo', 'generate', '--candidates', '300', '--seed', '7')
  await app.start()
}

/** A shown cell as a number: "1,234" → 1234, "41.7%" → 41.7; null for text and "—". */
function shownNumber(text: string): number | null {
  const cleaned = text.replace(/,/g, '').replace('%', '').trim()
  return /^-?\d+(\.\d+)?$/.test(cleaned) ? Number(cleaned) : null
}

function expectSameCell(shown: string, exported: string | number | null, percent: boolean): void {
  const number = shownNumber(shown)
  const date = typeof exported === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(exported) ? exported : null
  if (date !== null) expect(new Date(`${date}T00:00:00Z`).toLocaleDateString('en', { timeZone: 'UTC' })).toBe(shown)
  else if (shown === '—') expect(exported === null || exported === '').toBe(true)
  else if (number !== null && typeof exported === 'number')
    expect(percent ? exported * 100 : exported).toBeCloseTo(number, 1)
  else if (number !== null) expect(shownNumber(String(exported))).toBeCloseTo(number, 1)
  else expect(restoreCell(String(exported))).toBe(shown)
}

test('on a generated workspace, every report opens, drills down and exports CSV, XLSX and PDF that match the table', async ({
  page,
  app,
}, testInfo) => {
  test.setTimeout(240_000)
  await generatedWorkspace(app)
  const shell = new Shell(page)
  const reports = new ReportsPage(page)
  await shell.open(app.launchUrl)

  for (const [index, report] of REPORTS.entries()) {
    await shell.goTo('Reports')
    await reports.open(report.title)
    await expect(reports.chart(report.table).locator('svg').first()).toBeVisible()
    const shown = await reports.tableCells(report.table)
    expect(shown.length).toBeGreaterThan(1)

    if (index === 0) {
      // Drill down from the chart's bar for the second stage, then open one candidate's page.
      await reports.chart(report.table).locator('.recharts-bar-rectangle path').nth(1).click()
      const drawer = reports.drilldown()
      await expect(drawer.getByRole('heading')).toContainText('Reached')
      const second = shown[2]?.[1] ?? ''
      await expect(drawer.getByText(`${second} applications`)).toBeVisible()
      const first = drawer.getByRole('table').getByRole('link').first()
      const name = (await first.textContent()) ?? ''
      await first.click()
      await expect(page.getByRole('main').getByRole('heading', { level: 2 })).toHaveText(name)
      await page.goBack()
      await expect(reports.table(report.table)).toBeVisible()
    }

    const csvPath = testInfo.outputPath(`${index}.csv`)
    await (await reports.export('CSV')).saveAs(csvPath)
    const csv = readFileSync(csvPath, 'utf8')
    expect(csv.startsWith('\uFEFF')).toBe(true)
    const records = Papa.parse<string[]>(csv.slice(1), { newline: '\r\n' }).data
    expect(records[0]).toEqual(['Report', report.title])
    expect(records.find((record) => record[0] === 'App version')?.[1]).toMatch(/^\d+\.\d+\.\d+/)
    const titleAt = records.findIndex((record) => record.length === 1 && record[0] === report.table)
    const exported = records.slice(titleAt + 1, titleAt + shown.length + 1)
    expect(exported[0]).toEqual(shown[0])
    exported
      .slice(1)
      .forEach((record, row) =>
        record.forEach((cell, column) =>
          expectSameCell(shown[row + 1]?.[column] ?? '', cell === '' ? null : cell, false),
        ),
      )

    const xlsxPath = testInfo.outputPath(`${index}.xlsx`)
    await (await reports.export('Excel')).saveAs(xlsxPath)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(xlsxPath)
    expect(workbook.worksheets[0]?.name).toBe('Provenance')
    const sheet = workbook.getWorksheet(report.table)!
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    expect(sheet.rowCount).toBe(shown.length)
    for (let row = 1; row < shown.length; row++) {
      for (let column = 0; column < (shown[0]?.length ?? 0); column++) {
        const cell = sheet.getRow(row + 1).getCell(column + 1)
        const value =
          cell.value instanceof Date ? cell.value.toISOString().slice(0, 10) : (cell.value as string | number | null)
        expectSameCell(shown[row]?.[column] ?? '', value, cell.numFmt === '0.0%')
      }
    }

    const pdfPath = testInfo.outputPath(`${index}.pdf`)
    await (await reports.export('PDF')).saveAs(pdfPath)
    expect(execFileSync('pdftotext', [pdfPath, '-'], { encoding: 'utf8' })).toContain(report.title)
    execFileSync('pdftoppm', ['-png', '-r', '40', pdfPath, testInfo.outputPath(`page-${index}`)])
    const pages = readdirSync(testInfo.outputDir).filter((file) => file.startsWith(`page-${index}`))
    expect(pages.length).toBeGreaterThanOrEqual(1)
  }
})

test('a reversed date range is refused on screen and on the command line, and nothing is written', async ({
  page,
  app,
}) => {
  const shell = new Shell(page)
  const reports = new ReportsPage(page)
  await shell.open(app.launchUrl)
  await shell.goTo('Reports')
  await reports.open('Sources')
  await reports.filter('Applied from', '2026-03-01')
  await reports.filter('Applied to', '2026-01-01')
  await expect(page.getByText('The start date is after the end date')).toBeVisible()
  await expect(page.getByRole('button', { name: 'CSV', exact: true })).toBeDisabled()
  const out = join(app.dataDir, 'sources.csv')
  await expect(
    app.cli('reports', 'sources', '--from', '2026-03-01', '--to', '2026-01-01', '--format', 'csv', '--out', out),
  ).rejects.toMatchObject({
    code: 2,
  })
  expect(readdirSync(app.dataDir)).not.toContain('sources.csv')
})

test('at 1440×900, light and dark, every report fits: no table cut off, shares up to 100 %, one reason when empty', async ({
  page,
  app,
}) => {
  test.setTimeout(240_000)
  const folder = join(import.meta.dirname, '..', 'test-results', 'screenshots')
  mkdirSync(folder, { recursive: true })
  await page.setViewportSize({ width: 1440, height: 900 })
  const shell = new Shell(page)
  const reports = new ReportsPage(page)
  await shell.open(app.launchUrl)
  for (const theme of ['light', 'dark'] as const) {
    if (theme === 'dark') await page.getByRole('button', { name: 'Switch to dark theme' }).click()
    for (const report of REPORTS) {
      await shell.goTo('Reports')
      await reports.open(report.title)
      const table = reports.table(report.table)
      await expect(table).toBeVisible()
      await page.screenshot({
        path: join(folder, `report-${theme}-${report.title.toLowerCase().replace(/\W+/g, '-')}.png`),
        fullPage: true,
      })
      // A table wider than its box would hide columns behind a sideways scroll.
      for (const box of await page.locator('.mantine-Table-scrollContainer, [class*="ScrollContainer"]').all()) {
        // The e2e project has no DOM types: the element is described by what is read from it.
        const { scrollWidth, clientWidth } = await box.evaluate(
          (element: { scrollWidth: number; clientWidth: number }) => ({
            scrollWidth: element.scrollWidth,
            clientWidth: element.clientWidth,
          }),
        )
        expect(scrollWidth, `${report.title}: a table is cut off`).toBeLessThanOrEqual(clientWidth + 1)
      }
      const ticks = await reports.chart(report.table).locator('.recharts-cartesian-axis-tick-value').allTextContents()
      // A value axis never repeats a figure (whole counts rounded from half steps would).
      const figures = ticks.filter((text) => /^[\d.,\s]+%?$/.test(text))
      expect(new Set(figures).size, `${report.title}: axis ${figures.join(' ')}`).toBe(figures.length)
      for (const tick of ticks.filter((text) => text.endsWith('%')))
        expect(Number(tick.replace(/[^\d.]/g, '')), `${report.title}: axis tick ${tick}`).toBeLessThanOrEqual(100)
    }
  }

  // Every bar keeps its own label, even with fifteen long requirement texts.
  await shell.goTo('Reports')
  await reports.open('Requirement coverage')
  const rows = (await reports.tableCells('Hardest to fill')).length - 1
  await expect(reports.chart('Hardest to fill').locator('.recharts-yAxis .recharts-cartesian-axis-tick')).toHaveCount(
    rows,
  )

  // The demo has no decided application with a scorecard: calibration says so once, without an empty chart.
  await shell.goTo('Reports')
  await reports.open('Interviewer calibration')
  await expect(page.getByText(/No submitted scorecard on a decided application/)).toHaveCount(1)
  await expect(page.getByText(/No applications match/)).toHaveCount(0)
  await expect(reports.chart('By interviewer')).toHaveCount(0)
})
