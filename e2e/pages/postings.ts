import { expect, type Locator, type Page } from '@playwright/test'

/** The postings list, the import review and a posting's requirements editor. */
export class PostingsPage {
  constructor(readonly page: Page) {}

  heading(): Locator {
    return this.page.getByRole('main').getByRole('heading', { level: 2 })
  }

  async open(title: string): Promise<void> {
    await this.page.getByRole('navigation').getByRole('link', { name: 'Postings' }).click()
    await this.page.getByRole('link', { name: title, exact: true }).click()
    await expect(this.heading()).toHaveText(title)
  }

  /** Pastes text on the import page and parses it; nothing is saved yet. */
  async pasteAndParse(text: string): Promise<void> {
    await this.page.getByRole('navigation').getByRole('link', { name: 'Postings' }).click()
    await this.page.getByRole('link', { name: 'Import posting' }).click()
    await this.page.getByLabel('Posting text').fill(text)
    await this.page.getByRole('button', { name: 'Parse' }).click()
    await expect(this.heading()).toHaveText('Review the posting')
  }

  async saveReviewed(title: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Save posting' }).click()
    await expect(this.heading()).toHaveText(title)
  }

  section(name: string): Locator {
    return this.page.getByRole('list', { name, exact: true })
  }

  async sectionTexts(name: string): Promise<string[]> {
    const items = await this.section(name).getByRole('listitem').all()
    return Promise.all(items.map(async (item) => (await item.getAttribute('aria-label')) ?? ''))
  }

  item(text: string): Locator {
    return this.page.getByRole('listitem', { name: text, exact: true })
  }

  async editText(text: string, newText: string): Promise<void> {
    await this.item(text).getByRole('button', { name: 'Edit' }).click()
    const drawer = this.page.getByRole('dialog', { name: 'Edit item' })
    await drawer.getByLabel('Text').fill(newText)
    await drawer.getByRole('button', { name: 'Save' }).click()
    await expect(this.item(newText)).toBeVisible()
  }

  async moveDown(text: string): Promise<void> {
    await this.item(text).getByRole('button', { name: 'Move down' }).click()
  }
}
