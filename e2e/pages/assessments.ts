import { expect, type Locator, type Page } from '@playwright/test'

/** The assessment view of one applicant, the assessment columns of the applicants table and the comparison. */
export class AssessmentsPage {
  constructor(readonly page: Page) {}

  /** In a posting's requirements editor: ticks "Must-have" on an item. */
  async markMustHave(text: string): Promise<void> {
    await this.page.getByRole('listitem', { name: text, exact: true }).getByRole('button', { name: 'Edit' }).click()
    const drawer = this.page.getByRole('dialog', { name: 'Edit item' })
    await drawer.getByLabel('Must-have').check()
    await drawer.getByRole('button', { name: 'Save' }).click()
    await expect(drawer).toHaveCount(0)
  }

  /** From the applicants table: the row's "Assess" button. */
  async assess(name: string): Promise<void> {
    await this.page.getByRole('link', { name: `Assess ${name}`, exact: true }).click()
    await expect(this.heading()).toHaveText(`Assessment of ${name}`)
  }

  heading(): Locator {
    return this.page.getByRole('main').getByRole('heading', { level: 2 })
  }

  items(): Locator {
    return this.page.getByRole('listbox', { name: 'Requirements' })
  }

  item(text: string): Locator {
    return this.items().getByTestId('assessment-item').filter({ hasText: text })
  }

  /** Selects an item by clicking it; keys then act on it. */
  async select(text: string): Promise<Locator> {
    const item = this.item(text)
    await item.click({ position: { x: 8, y: 8 } })
    await expect(item).toHaveAttribute('aria-selected', 'true')
    return item
  }

  async expectRating(text: string, rating: string): Promise<void> {
    await expect(this.item(text)).toHaveAttribute('data-rating', rating)
  }

  resume(): Locator {
    return this.page.getByTestId('resume-text')
  }

  fit(): Locator {
    return this.page.getByRole('main').getByTestId('fit-summary').first()
  }

  table(): Locator {
    return this.page.getByRole('table', { name: 'Applicants' })
  }

  row(name: string): Locator {
    return this.table().getByRole('row', { name, exact: true })
  }

  /** Names of the table's rows, top to bottom. */
  async rowNames(): Promise<string[]> {
    const rows = await this.table().getByRole('row').all()
    const names = await Promise.all(rows.map((row) => row.getAttribute('aria-label')))
    return names.filter((name): name is string => name !== null)
  }

  async sortBy(header: string): Promise<void> {
    await this.table().getByRole('columnheader').getByRole('button', { name: header, exact: true }).click()
  }
}
