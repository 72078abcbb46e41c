import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { addTeamMember, startTeamServer, stopServer } from './app-server'
const PASSWORD = 'correct horse battery staple'

/**
 * The team server on a data folder (SQLite): the first administrator made by the command line, then
 * `npm run server`, as the README tells an operator.
 */
let dir = ''
let server: ChildProcess | undefined
let url = ''

test.beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'yardstick-team-'))
  const data = join(dir, 'data')
  await addTeamMember(dir, { email: 'ada@example.com', name: 'Ada Admin', role: 'admin', password: PASSWORD }, [
    '--data-dir',
    data,
  ])
  ;[server, url] = await startTeamServer(['--data-dir', data])
})

test.afterEach(async () => {
  await stopServer(server)
  rmSync(dir, { recursive: true, force: true })
})

test('a person signs in, sees the Team page with their role, adds a colleague and signs out', async ({ page }) => {
  await page.goto(url)
  const form = page.getByRole('form', { name: 'Sign in to Yardstick' })
  await expect(form).toBeVisible()
  // The session cookie is out of the page's reach.
  expect(await page.evaluate('document.cookie')).toBe('')

  await form.getByLabel('E-mail').fill('ada@example.com')
  await form.getByRole('textbox', { name: 'Password' }).fill('not the password')
  await form.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('alert')).toContainText('The e-mail or the password is wrong')

  await form.getByRole('textbox', { name: 'Password' }).fill(PASSWORD)
  await form.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('button', { name: 'You are' })).toHaveText('Ada Admin')
  expect(await page.evaluate('document.cookie')).toBe('')
  const cookies = await page.context().cookies()
  expect(cookies.map((cookie) => [cookie.name, cookie.httpOnly, cookie.sameSite])).toEqual([
    ['yardstick_session', true, 'Strict'],
  ])

  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Team' }).click()
  const table = page.getByRole('table', { name: 'Team' })
  const ada = table.getByRole('row', { name: /Ada Admin/ })
  await expect(ada).toContainText('ada@example.com')
  await expect(ada).toContainText('Administrator')
  await expect(ada).toContainText('Enabled')

  await page.getByRole('button', { name: 'Add a person' }).click()
  const dialog = page.getByRole('form', { name: 'Add a person' })
  await dialog.getByLabel('Name').fill('Rita Recruiter')
  await dialog.getByLabel('E-mail').fill('rita@example.com')
  await dialog.getByRole('textbox', { name: 'Password' }).fill('another long password')
  await dialog.getByRole('checkbox', { name: 'Recruiter' }).check()
  await dialog.getByRole('button', { name: 'Create the account' }).click()
  await expect(table.getByRole('row', { name: /Rita Recruiter/ })).toContainText('Recruiter')

  await page.getByRole('button', { name: 'You are' }).click()
  await page.getByRole('menuitem', { name: 'Sign out', exact: true }).click()
  await expect(page.getByRole('form', { name: 'Sign in to Yardstick' })).toBeVisible()
})
