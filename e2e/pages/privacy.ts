import type { Locator, Page } from '@playwright/test'

/** The Privacy page: candidates past retention, anonymise and extend. */
export class PrivacyPage {
  constructor(readonly page: Page) {}

  list(): Locator {
    return this.page.getByRole('table', { name: 'Past retention' })
  }

  row(name: string): Locator {
    return this.list().getByRole('row').filter({ hasText: name })
  }

  async anonymise(name: string): Promise<void> {
    await this.row(name).getByRole('button', { name: 'Anonymise now' }).click()
    const dialog = this.page.getByRole('dialog', { name: /Anonymise 1 candidate/ })
    await dialog.getByRole('button', { name: 'Anonymise', exact: true }).click()
  }
}
