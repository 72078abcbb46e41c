import { expect, type Locator, type Page } from '@playwright/test'

/** The candidates list, a candidate profile, the import dialogs and the search palette. */
export class CandidatesPage {
  constructor(readonly page: Page) {}

  heading(): Locator {
    return this.page.getByRole('main').getByRole('heading', { level: 2 })
  }

  table(): Locator {
    return this.page.getByRole('table', { name: 'Candidates' })
  }

  row(name: string): Locator {
    return this.table().getByRole('row', { name, exact: true })
  }

  async importResumes(files: string[]): Promise<void> {
    await this.page.getByRole('button', { name: 'Import résumés' }).click()
    const dialog = this.page.getByRole('dialog')
    await dialog.locator('input[type=file]').first().setInputFiles(files)
    await expect(dialog.getByText(`${files.length} of ${files.length}`)).toBeVisible({ timeout: 60_000 })
  }

  async openFromImport(name: string): Promise<void> {
    await this.page.getByRole('dialog').getByText(`new candidate ${name}`).click()
    await expect(this.heading()).toHaveText(name)
  }

  contacts(label: 'E-mails' | 'Phones' | 'Links'): Locator {
    return this.page.getByRole('main').getByLabel(label, { exact: true })
  }

  async search(words: string): Promise<void> {
    await this.page.keyboard.press('Control+K')
    await this.page.getByRole('textbox', { name: 'Search candidates' }).fill(words)
  }

  async create(name: string): Promise<void> {
    await this.page.getByRole('button', { name: 'New candidate' }).click()
    const dialog = this.page.getByRole('dialog')
    await dialog.getByLabel('Name').fill(name)
    await dialog.getByRole('button', { name: 'Create candidate' }).click()
    await expect(this.heading()).toHaveText(name)
  }
}
