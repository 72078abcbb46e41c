import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { expect, test } from '@playwright/test'

const root = join(import.meta.dirname, '..')
const tsx = join(root, 'node_modules', '.bin', 'tsx')
const run = promisify(execFile)
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
  const passwordFile = join(dir, 'admin-password')
  writeFileSync(passwordFile, `${PASSWORD}\n`)
  chmodSync(passwordFile, 0o600)
  const data = join(dir, 'data')
  await run(
    tsx,
    ['src-main/cli.ts', 'people', 'add', '--email', 'ada@example.com', '--name', 'Ada Admin', '--role', 'admin'].concat(
      ['--password-file', passwordFile, '--data-dir', data],
    ),
    { cwd: root },
  )
  const child = spawn(tsx, ['src-main/server.ts', '--data-dir', data, '--port', '0'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  server = child
  let errors = ''
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()))
  url = await new Promise<string>((resolve, reject) => {
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const match = /team server on (http:\/\/\S+)/.exec(output)
      if (match?.[1]) resolve(match[1])
    })
    child.once('exit', (code) => reject(new Error(`the team server exited with ${code}: ${errors}`)))
  })
})

test.afterEach(async () => {
  const child = server
  if (child && child.exitCode === null)
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve())
      child.kill('SIGTERM')
    })
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
