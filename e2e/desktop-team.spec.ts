import { expect, test } from '@playwright/test'
import { connect, startHost, stopHost } from './desktop-host'
import { Shell } from './pages/shell'

const DEMO_POSTING = 'Senior Backend Engineer II — Payments Platform'
const PASSWORD = 'a long enough password'

test('the desktop app joins a team server through its main process, signs out to the chooser, and goes back', async ({
  page,
  context,
}) => {
  const host = await startHost({ team: true })
  try {
    const teamUrl = host.teamUrl ?? ''
    const teamOrigin = new URL(teamUrl).origin
    const pageRequestsToTeam: string[] = []
    page.on('request', (request) => {
      if (request.url().startsWith(teamOrigin)) pageRequestsToTeam.push(request.url())
    })
    await connect(page, host)
    const shell = new Shell(page)
    await shell.open(host.pageUrl)
    await shell.goTo('Postings')
    await expect(page.getByRole('link', { name: DEMO_POSTING })).toBeVisible()

    const me = page.getByRole('button', { name: 'You are' })
    await me.click()
    await page.getByRole('menuitem', { name: 'Join a team workspace…' }).click()
    const join = page.getByRole('form', { name: 'Join a team workspace' })
    // Plain http is for a server on this computer only.
    await join.getByRole('combobox', { name: 'Team server address' }).fill('http://ats.example.org')
    await join.getByLabel('E-mail').fill('rita@example.com')
    await join.getByRole('textbox', { name: 'Password' }).fill(PASSWORD)
    await join.getByRole('button', { name: 'Sign in and join' }).click()
    await expect(join.getByRole('alert')).toContainText('only https is accepted')

    await join.getByRole('combobox', { name: 'Team server address' }).fill(teamUrl)
    await join.getByRole('textbox', { name: 'Password' }).fill('not the password at all')
    await join.getByRole('button', { name: 'Sign in and join' }).click()
    await expect(join.getByRole('alert')).toBeVisible()
    await join.getByRole('textbox', { name: 'Password' }).fill(PASSWORD)
    await join.getByRole('button', { name: 'Sign in and join' }).click()
    await expect(join).toBeHidden()

    // The team's workspace now: its own (empty) postings, and the signed-in person.
    await expect(me).toHaveText('Rita Recruiter')
    await expect(page.getByRole('link', { name: DEMO_POSTING })).toBeHidden()
    // The session stays in the main process: the page holds no cookie and never spoke to the server itself.
    expect(await page.evaluate(() => (globalThis as unknown as { document: { cookie: string } }).document.cookie)).toBe(
      '',
    )
    expect((await context.cookies()).map((cookie) => cookie.name)).toEqual([])
    expect(pageRequestsToTeam).toEqual([])

    await me.click()
    await page.getByRole('menuitem', { name: 'Sign out', exact: true }).click()
    await expect(page.getByRole('heading', { name: 'Choose a workspace' })).toBeVisible()
    await expect(page.getByRole('combobox', { name: 'Team server address' })).toHaveValue(teamUrl)

    await page.getByRole('button', { name: 'Open the local workspace' }).click()
    await shell.goTo('Postings')
    await expect(page.getByRole('link', { name: DEMO_POSTING })).toBeVisible()
    expect(pageRequestsToTeam).toEqual([])
  } finally {
    await stopHost(host)
  }
})
