import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { test as base } from '@playwright/test'
import type { WorkspaceDto } from '@contract'
import { AppServer } from './app-server'
import { expect } from './fixtures'
import { callApi } from './pages/everyday'
import { PostingsPage } from './pages/postings'
import { Shell } from './pages/shell'

/** A web mode that asks the first-run question, as `npm run web` does for a new user. */
const test = base.extend<{ app: AppServer }>({
  app: async ({}, use) => {
    const app = new AppServer('ask')
    await app.start()
    await use(app)
    await app.stop()
    app.dispose()
  },
})

test.describe.configure({ timeout: 180_000 })

const DEMO_POSTING = 'Senior Backend Engineer II — Payments Platform'

test('a first run with the demo: you join as yourself and every screen has something to show', async ({
  page,
  app,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 })
  await new Shell(page).open(app.launchUrl)
  const dialog = page.getByRole('dialog', { name: 'Welcome to Yardstick' })
  await expect(dialog).toBeVisible()
  const folder = join(import.meta.dirname, '..', 'test-results', 'screenshots')
  mkdirSync(folder, { recursive: true })
  await page.screenshot({ path: join(folder, 'light-first-run.png') })
  await dialog.getByRole('button', { name: 'Start' }).click()
  await expect(dialog.getByText('Required', { exact: true })).toBeVisible()
  await dialog.getByLabel('Your name').fill('Robin Example')
  await dialog.getByLabel('Your e-mail (optional)').fill('robin@example.org')
  await expect(dialog.getByRole('radio', { name: /With the demo/ })).toBeChecked()
  await dialog.getByRole('button', { name: 'Start' }).click()
  await expect(dialog).toBeHidden({ timeout: 30_000 })

  const info = await callApi<WorkspaceDto>(page, app, 'workspace:info', {})
  expect(info.me).toMatchObject({ name: 'Robin Example', email: 'robin@example.org' })
  // The start page shows the interviews waiting for this person, and the posting they manage.
  const main = page.getByRole('main')
  await expect(main.getByRole('row', { name: /Hiring manager/ }).first()).toBeVisible()
  await expect(main.getByText('Overdue').first()).toBeVisible()
  await page.screenshot({ path: join(folder, 'light-first-run-start.png') })

  await new PostingsPage(page).open(DEMO_POSTING)
  await page.getByRole('tab', { name: 'Applicants' }).click()
  await expect(main.getByRole('row', { name: /Yara Nasser/ })).toContainText('Knock-out')
})

test('a first run with an empty workspace: only you, nothing else', async ({ page, app }) => {
  await new Shell(page).open(app.launchUrl)
  const dialog = page.getByRole('dialog', { name: 'Welcome to Yardstick' })
  await dialog.getByLabel('Your name').fill('Robin Example')
  await dialog.getByRole('radio', { name: /With an empty workspace/ }).check()
  await dialog.getByRole('button', { name: 'Start' }).click()
  await expect(dialog).toBeHidden()
  const people = await callApi<{ name: string }[]>(page, app, 'people:list', {})
  expect(people.map((person) => person.name)).toEqual(['Robin Example'])
  await new Shell(page).goTo('Postings')
  await expect(page.getByRole('main').getByRole('link', { name: DEMO_POSTING })).toHaveCount(0)
})
