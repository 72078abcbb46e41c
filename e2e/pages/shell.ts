import type { Page } from '@playwright/test'

/** The app shell: navigation, language, theme. */
export class Shell {
  constructor(readonly page: Page) {}

  async open(launchUrl: string): Promise<void> {
    await this.page.goto(launchUrl)
  }

  async goTo(section: string | RegExp): Promise<void> {
    await this.page.getByRole('navigation').getByRole('link', { name: section }).click()
  }

  async switchLanguage(code: 'EN' | 'FR' | 'DE' | 'ES'): Promise<void> {
    await this.page
      .getByRole('radiogroup', { name: /language|langue|sprache|idioma/i })
      .getByText(code, { exact: true })
      .click()
  }
}
