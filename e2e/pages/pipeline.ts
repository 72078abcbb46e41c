import { expect, type Locator, type Page } from '@playwright/test'

/** A posting's applicants table, its board and its stages; a candidate's applications. */
export class PipelinePage {
  constructor(readonly page: Page) {}

  async tab(name: 'Details and requirements' | 'Applicants' | 'Board' | 'Stages'): Promise<void> {
    await this.page.getByRole('tab', { name, exact: true }).click()
  }

  table(): Locator {
    return this.page.getByRole('table', { name: 'Applicants' })
  }

  row(name: string): Locator {
    return this.table().getByRole('row', { name, exact: true })
  }

  async filter(text: string): Promise<void> {
    await this.page.getByRole('search', { name: 'Filter applicants' }).getByLabel('Filter by name or e-mail').fill(text)
  }

  /** Imports résumé files into the open posting from its applicants tab; waits until every file is done. */
  async importResumes(files: string[]): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Import résumés into this posting' }).click()
    const dialog = this.page.getByRole('dialog')
    await dialog.locator('input[type=file]').first().setInputFiles(files)
    await expect(dialog.getByText(`${files.length} of ${files.length}`)).toBeVisible({ timeout: 60_000 })
    return dialog.getByLabel('Imported files')
  }

  column(stage: string): Locator {
    return this.page.getByRole('list', { name: stage, exact: true })
  }

  card(name: string, stage: string): Locator {
    return this.column(stage).getByRole('listitem', { name, exact: true })
  }

  /** Drags a card with the mouse from its column onto another one. */
  async drag(name: string, from: string, to: string): Promise<void> {
    const card = this.card(name, from)
    await card.scrollIntoViewIfNeeded()
    const start = (await card.boundingBox()) ?? { x: 0, y: 0, width: 0, height: 0 }
    const target = (await this.column(to).boundingBox()) ?? { x: 0, y: 0, width: 0, height: 0 }
    await this.page.mouse.move(start.x + start.width / 2, start.y + start.height / 2)
    await this.page.mouse.down()
    await this.page.mouse.move(start.x + start.width / 2 + 12, start.y + start.height / 2, { steps: 4 })
    await this.page.mouse.move(target.x + target.width / 2, target.y + 20, { steps: 20 })
    await this.page.mouse.up()
    await expect(this.card(name, to)).toBeVisible()
  }

  applications(): Locator {
    return this.page.getByRole('main').getByRole('list', { name: 'Applications', exact: true })
  }

  /** From a candidate profile. */
  async addToPosting(title: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Add to posting' }).click()
    const dialog = this.page.getByRole('dialog')
    await dialog.getByLabel('Posting').click()
    await this.page.getByRole('option', { name: title, exact: true }).click()
    await dialog.getByRole('button', { name: 'Add', exact: true }).click()
    await expect(this.applications().getByRole('listitem', { name: title, exact: true })).toBeVisible()
  }
}
