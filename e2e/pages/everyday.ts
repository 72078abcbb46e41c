import type { Locator, Page } from '@playwright/test'
import type { AppServer } from '../app-server'

/** Calls a channel of the running app the way the renderer does, for setting a scene the test is not about. */
export async function callApi<T>(page: Page, app: AppServer, channel: string, input: unknown): Promise<T> {
  const response = await page.request.post(`${app.url}api/${channel}`, {
    headers: { 'content-type': 'application/json', 'x-yardstick-token': app.token, origin: app.url.replace(/\/$/, '') },
    data: input,
  })
  const result = (await response.json()) as { ok: boolean; data: T; error?: { message: string } }
  if (!result.ok) throw new Error(`${channel}: ${result.error?.message ?? 'failed'}`)
  return result.data
}

/**
 * Answers the first-run question the way a new user does, with the full demo (ratings with evidence, a spread of
 * fit with knock-outs, interviews and scorecards), and waits for the start page.
 */
export async function firstRunWithDemo(page: Page, name = 'Robin Example'): Promise<void> {
  const dialog = page.getByRole('dialog', { name: 'Welcome to Yardstick' })
  await dialog.getByLabel('Your name').fill(name)
  await dialog.getByRole('radio', { name: /With the demo/ }).check()
  await dialog.getByRole('button', { name: 'Start' }).click()
  await dialog.waitFor({ state: 'hidden', timeout: 60_000 })
}

/** The start page: scorecards due, applicants waiting, items nobody assessed. */
export class StartPage {
  constructor(readonly page: Page) {}

  heading(): Locator {
    return this.page.getByRole('main').getByRole('heading', { level: 2 })
  }

  section(name: 'Scorecards to write' | 'Applicants waiting' | 'Items nobody assessed yet'): Locator {
    return this.page.getByRole('main').getByRole('region', { name, exact: true })
  }
}

/** The applicants table's bulk bar and the notifications that offer Undo. */
export class BulkPage {
  constructor(readonly page: Page) {}

  async tick(name: string): Promise<void> {
    await this.page.getByRole('checkbox', { name: `Select ${name}`, exact: true }).check()
  }

  bar(): Locator {
    return this.page.getByRole('region', { name: 'Bulk actions' })
  }

  async reject(reason: string): Promise<void> {
    await this.bar().getByRole('button', { name: 'Reject…' }).click()
    const dialog = this.page.getByRole('dialog')
    await dialog.getByLabel('Reason').fill(reason)
    await dialog.getByRole('button', { name: 'Reject', exact: true }).click()
  }

  notification(text: string | RegExp): Locator {
    return this.page.locator('.mantine-Notification-root').filter({ hasText: text })
  }

  async undo(text: string | RegExp): Promise<void> {
    await this.notification(text).getByRole('button', { name: 'Undo' }).click()
  }
}

/** A downloaded text file, read back. */
export async function downloadText(page: Page, trigger: Locator, path: string): Promise<string> {
  const download = page.waitForEvent('download')
  await trigger.click()
  const file = await download
  await file.saveAs(path)
  const { readFile } = await import('node:fs/promises')
  return readFile(path, 'utf8')
}
