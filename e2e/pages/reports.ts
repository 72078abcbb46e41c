import { expect, type Download, type Locator, type Page } from '@playwright/test'

/** The reports list, one report with its filters, chart, table, drill-down and exports. */
export class ReportsPage {
  constructor(readonly page: Page) {}

  async open(title: string): Promise<void> {
    await this.page.getByRole('link', { name: `Open ${title}` }).click()
    await expect(this.page.getByRole('main').getByRole('heading', { level: 2 })).toHaveText(title)
  }

  table(title: string): Locator {
    return this.page.getByRole('table', { name: `Table of ${title}` })
  }

  chart(title: string): Locator {
    return this.page.getByLabel(`Chart of ${title}`)
  }

  /** The table as text, header first, one array of cell texts per row. */
  async tableCells(title: string): Promise<string[][]> {
    const table = this.table(title)
    await expect(table.locator('tbody tr').first()).toBeVisible()
    const header = (await table.locator('thead th').allInnerTexts()).map((cell) => cell.trim())
    const rows: string[][] = []
    for (const row of await table.locator('tbody tr').all())
      rows.push((await row.locator('td').allInnerTexts()).map((cell) => cell.trim()))
    return [header, ...rows]
  }

  async filter(label: string, value: string): Promise<void> {
    await this.page.getByRole('search', { name: 'Report filters' }).getByLabel(label, { exact: true }).fill(value)
  }

  drilldown(): Locator {
    return this.page.getByRole('dialog')
  }

  /** Exports in a format and waits for the browser download of the finished file. */
  async export(format: 'CSV' | 'Excel' | 'PDF'): Promise<Download> {
    const download = this.page.waitForEvent('download', { timeout: 60_000 })
    await this.page.getByRole('button', { name: format, exact: true }).click()
    return download
  }
}
