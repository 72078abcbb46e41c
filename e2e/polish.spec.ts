import type {
  ApplicantPageDto,
  InterviewPlanDto,
  InterviewSummaryDto,
  PostingSummaryDto,
  WorkspaceDto,
} from '@contract'
import type { AppServer } from './app-server'
import { expect, test } from './fixtures'
import { callApi } from './pages/everyday'
import { Shell } from './pages/shell'

const DEMO_POSTING = 'Senior Backend Engineer II — Payments Platform'

test.describe.configure({ timeout: 180_000 })

async function applicantId(app: AppServer, name: string): Promise<{ postingId: number; id: number }> {
  const postings = JSON.parse(await app.cli('postings', 'list')) as PostingSummaryDto[]
  const postingId = postings.find((entry) => entry.title === DEMO_POSTING)?.id ?? 0
  const page = JSON.parse(
    await app.cli('applications', 'list', '--posting', String(postingId), '--text', name),
  ) as ApplicantPageDto
  return { postingId, id: page.rows[0]?.id ?? 0 }
}

test('Ctrl+K opens the top result on Enter and finds tags; the profile links its contacts and its original file', async ({
  page,
  app,
}) => {
  await new Shell(page).open(app.launchUrl)
  // The shortcut exists once the session is known (the header's Search button shows it).
  await expect(page.getByRole('banner').getByRole('button', { name: 'Search' })).toBeVisible()
  await page.keyboard.press('Control+k')
  const search = page.getByRole('textbox', { name: 'Search candidates' })
  await search.fill('Kafka')
  await expect(page.getByRole('button', { name: 'Candidates tagged Kafka' })).toBeVisible()
  await search.press('Enter')
  await expect(page).toHaveURL(/tag=Kafka.*#\/candidates$/)
  await expect(page.getByRole('main').getByText('Rohan Mehta')).toBeVisible()
  await expect(page.getByRole('main').getByText('Ines Carvalho')).toHaveCount(0)

  await page.keyboard.press('Control+k')
  await search.fill('Yara Nasser')
  await expect(page.getByRole('button', { name: /^Yara Nasser/ }).first()).toBeVisible()
  await search.press('Enter')
  await expect(page.getByRole('heading', { level: 2, name: 'Yara Nasser' })).toBeVisible()

  const main = page.getByRole('main')
  await expect(main.getByRole('link', { name: 'yara.nasser@example.net' })).toHaveAttribute(
    'href',
    'mailto:yara.nasser@example.net',
  )
  const phone = main.getByRole('link', { name: /7946 0121/ })
  await expect(phone).toHaveAttribute('href', 'tel:+442079460121')
  const download = page.waitForEvent('download')
  await main.getByRole('button', { name: 'Download the original file yara-nasser-cv.txt' }).click()
  const file = await download
  expect(file.suggestedFilename()).toBe('yara-nasser-cv.txt')
  const text = await new Promise<string>((resolve, reject) => {
    void file.createReadStream().then((stream) => {
      let body = ''
      stream.on('data', (chunk: Buffer) => (body += chunk.toString()))
      stream.on('end', () => resolve(body))
      stream.on('error', reject)
    })
  })
  expect(text).toContain('Yara Nasser')

  await page.keyboard.press('Shift+?')
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
  await expect(help.getByRole('row', { name: /Search candidates and tags/ })).toBeVisible()
  await page.keyboard.press('Escape')
  await page.goto(`${app.url}#/postings/${(await applicantId(app, 'Yara Nasser')).postingId}/board`)
  // A fresh page load: the help key exists once the shell is back, so wait for the board's columns first.
  await expect(
    page
      .getByRole('main')
      .getByRole('region', { name: /: \d+$/ })
      .first(),
  ).toBeVisible()
  await expect(page.getByRole('banner').getByRole('button', { name: 'Search' })).toBeVisible()
  await page.keyboard.press('Shift+?')
  await expect(help.getByText('On the board (a card has the focus)')).toBeVisible()
  await expect(help.getByRole('row', { name: /Move the card to the next stage/ })).toBeVisible()
})

test('the scorecard badge follows autosave, Submit sits after the verdict, and the debrief offers the next step', async ({
  page,
  app,
}) => {
  await new Shell(page).open(app.launchUrl)
  const { postingId, id } = await applicantId(app, 'Lena Hoffmann')
  const info = await callApi<WorkspaceDto>(page, app, 'workspace:info', {})
  const plan = await callApi<InterviewPlanDto>(page, app, 'interviews:addStep', {
    postingId,
    name: 'Technical deep dive',
    durationMinutes: 60,
    focus: [],
  })
  const interview = await callApi<InterviewSummaryDto>(page, app, 'interviews:schedule', {
    applicationId: id,
    stepId: plan.steps.at(-1)?.id,
    interviewerId: info.me?.id,
    scheduledAt: new Date(Date.now() - 3_600_000).toISOString(),
  })
  await page.goto(`${app.url}#/interviews/${interview.id}`)
  const main = page.getByRole('main')
  await expect(main.getByText('Not started')).toBeVisible()
  await main.getByLabel('Key takeaways').fill('Clear on trade-offs.')
  await expect(main.getByText('Draft', { exact: true })).toBeVisible()
  await main.getByRole('radio', { name: 'Yes', exact: true }).check()
  await main.getByRole('button', { name: 'Submit the scorecard' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Submit', exact: true }).click()
  await expect(main.getByText('Submitted', { exact: true }).first()).toBeVisible()
  await expect(main.getByRole('radio', { name: 'Yes', exact: true })).toBeEnabled()
  await expect(main.getByRole('radio', { name: 'No', exact: true })).toBeDisabled()

  await page.goto(`${app.url}#/applications/${id}/debrief`)
  const next = main.getByRole('region', { name: 'Next step' })
  await expect(next.getByRole('button', { name: 'Reject…' })).toBeVisible()
  await next.getByRole('button', { name: /^Move to / }).click()
  await expect(page.locator('.mantine-Notification-root').filter({ hasText: 'Lena Hoffmann moved to' })).toBeVisible()
})
