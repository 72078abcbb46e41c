import { expect, type Locator, type Page } from '@playwright/test'

export class LaddersPage {
  constructor(readonly page: Page) {}

  heading(): Locator {
    return this.page.getByRole('main').getByRole('heading', { level: 2 })
  }

  /** The app opens on the start page: the ladders list is one click away in the navigation. */
  async openList(): Promise<void> {
    await this.page.getByRole('navigation').getByRole('link', { name: 'Role ladders' }).click()
    await expect(this.page.getByRole('heading', { name: 'Role ladders' })).toBeVisible()
  }

  async create(name: string, description: string): Promise<void> {
    await this.openList()
    await this.page.getByRole('button', { name: 'New ladder' }).click()
    const dialog = this.page.getByRole('dialog')
    await dialog.getByLabel('Name').fill(name)
    await dialog.getByLabel('Description').fill(description)
    await dialog.getByRole('button', { name: 'Create ladder' }).click()
    await expect(this.heading()).toHaveText(name)
  }

  async open(name: string): Promise<void> {
    await this.openList()
    await this.page.getByRole('link', { name, exact: true }).click()
    await expect(this.heading()).toHaveText(name)
  }

  async tab(name: RegExp | string): Promise<void> {
    await this.page.getByRole('tab', { name }).click()
  }

  async addLevel(code: string, title: string, summary: string): Promise<void> {
    await this.tab(/^Levels/)
    const form = this.page.locator('form').filter({ has: this.page.getByRole('button', { name: 'Add level' }) })
    await form.getByLabel('Code').fill(code)
    await form.getByLabel('Title').fill(title)
    await form.getByLabel('Scope summary').fill(summary)
    await form.getByRole('button', { name: 'Add level' }).click()
    await expect(this.page.getByRole('listitem', { name: title })).toBeVisible()
  }

  async addCompetency(name: string, description: string): Promise<void> {
    await this.tab(/^Competencies/)
    const form = this.page.locator('form').filter({ has: this.page.getByRole('button', { name: 'Add competency' }) })
    await form.getByLabel('Name').fill(name)
    await form.getByLabel('Description').fill(description)
    await form.getByRole('button', { name: 'Add competency' }).click()
    await expect(this.page.getByRole('listitem', { name })).toBeVisible()
  }

  async levelOrder(): Promise<string[]> {
    await this.tab(/^Levels/)
    const items = await this.page.getByRole('list').first().getByRole('listitem').all()
    return Promise.all(items.map(async (item) => (await item.getAttribute('aria-label')) ?? ''))
  }

  async moveLevelUp(title: string): Promise<void> {
    await this.tab(/^Levels/)
    await this.page.getByRole('button', { name: `Move ${title} up` }).click()
  }

  cell(level: string, competency: string): Locator {
    return this.page.getByRole('gridcell', { name: `${level} — ${competency}` })
  }

  /** Edits an expectation with the keyboard only: focus, Enter, type, Enter. */
  async writeExpectation(level: string, competency: string, text: string): Promise<void> {
    await this.tab('Expectations')
    const cell = this.cell(level, competency)
    await cell.focus()
    await this.page.keyboard.press('Enter')
    const editor = this.page.getByRole('textbox', { name: `${level} — ${competency}` })
    await editor.fill(text)
    await this.page.keyboard.press('Enter')
    await expect(this.cell(level, competency)).toContainText(text)
  }
}
