import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import type {
  ApplicantPageDto,
  InterviewPlanDto,
  InterviewSummaryDto,
  PostingSummaryDto,
  WorkspaceDto,
} from '@contract'
import type { AppServer } from './app-server'
import { expect, test, testOnFirstRun } from './fixtures'
import { BulkPage, callApi, downloadText, firstRunWithDemo, StartPage } from './pages/everyday'
import { PipelinePage } from './pages/pipeline'
import { PostingsPage } from './pages/postings'
import { ReportsPage } from './pages/reports'
import { Shell } from './pages/shell'

const DEMO_POSTING = 'Senior Backend Engineer II — Payments Platform'

// Each test starts its own server on a shared, busy machine.
test.describe.configure({ timeout: 180_000 })

async function demoPosting(app: AppServer): Promise<number> {
  const postings = JSON.parse(await app.cli('postings', 'list')) as PostingSummaryDto[]
  const posting = postings.find((entry) => entry.title === DEMO_POSTING)
  if (!posting) throw new Error(`the demo posting "${DEMO_POSTING}" is missing`)
  return posting.id
}

async function applicant(app: AppServer, postingId: number, name: string) {
  const page = JSON.parse(
    await app.cli('applications', 'list', '--posting', String(postingId), '--text', name),
  ) as ApplicantPageDto
  const row = page.rows[0]
  if (!row) throw new Error(`no applicant ${name}`)
  return row
}

/** An interview step in the demo posting's plan and an interview of the local person with an applicant. */
async function scheduleMine(page: Page, app: AppServer, postingId: number, name: string, at: Date) {
  const info = await callApi<WorkspaceDto>(page, app, 'workspace:info', {})
  const plan = await callApi<InterviewPlanDto>(page, app, 'interviews:addStep', {
    postingId,
    name: 'Technical deep dive',
    durationMinutes: 60,
  })
  const row = await applicant(app, postingId, name)
  return callApi<InterviewSummaryDto>(page, app, 'interviews:schedule', {
    applicationId: row.id,
    stepId: plan.steps.at(-1)?.id,
    interviewerId: info.me?.id,
    scheduledAt: at.toISOString(),
  })
}

/** Unfolded lines of an RFC 5545 file. */
const icsLines = (text: string) => text.replace(/\r\n[ \t]/g, '').split('\r\n')

/** Header fields of an RFC 5322 message, unfolded, encoded-words decoded. */
function emlHeaders(text: string): Map<string, string> {
  const [head = ''] = text.split('\r\n\r\n')
  const headers = new Map<string, string>()
  for (const line of head.replace(/\r\n[ \t]/g, ' ').split('\r\n')) {
    const at = line.indexOf(': ')
    headers.set(
      line.slice(0, at).toLowerCase(),
      line
        .slice(at + 2)
        .replace(/=\?UTF-8\?B\?([^?]*)\?=\s?/gi, (_whole, data: string) =>
          Buffer.from(data, 'base64').toString('utf8'),
        ),
    )
  }
  return headers
}

test('the start page lists my scorecard due and the applicants waiting, each opening where to act', async ({
  page,
  app,
}) => {
  const postingId = await demoPosting(app)
  const shell = new Shell(page)
  const start = new StartPage(page)
  await shell.open(app.launchUrl)
  await expect(start.heading()).toHaveText('Start')
  await scheduleMine(page, app, postingId, 'Lena Hoffmann', new Date(Date.now() - 26 * 3_600_000))
  await page.reload()

  const due = start.section('Scorecards to write')
  await expect(due.getByRole('row', { name: 'Lena Hoffmann, Technical deep dive' })).toContainText('Overdue')
  const waiting = start.section('Applicants waiting')
  const screen = waiting.getByRole('row', { name: `${DEMO_POSTING}, Screen`, exact: true })
  await expect(screen).toContainText(/\d+ in Screen/)
  await expect(screen).toContainText(/longest \d+ days?/)

  await screen.getByRole('link').click()
  const pipeline = new PipelinePage(page)
  await expect(page.getByRole('main').getByRole('heading', { level: 2 })).toHaveText(DEMO_POSTING)
  await expect(pipeline.table()).toBeVisible()
  const screened = (
    JSON.parse(
      await app.cli('applications', 'list', '--posting', String(postingId), '--stage', 'Screen', '--status', 'active'),
    ) as ApplicantPageDto
  ).total
  await expect(page.getByText(`Rows: ${screened}`)).toBeVisible()

  await shell.goTo('Start')
  await due.getByRole('link', { name: /Score Lena Hoffmann/ }).click()
  await expect(page.getByRole('main').getByRole('heading', { level: 2 })).toContainText('Technical deep dive')
})

test('a bulk rejection of three applicants is undone from its notification', async ({ page, app }) => {
  const postingId = await demoPosting(app)
  const shell = new Shell(page)
  const postings = new PostingsPage(page)
  const pipeline = new PipelinePage(page)
  const bulk = new BulkPage(page)
  const names = ['Lena Hoffmann', 'Diego Ramos', 'Sven Larsen']
  await shell.open(app.launchUrl)
  await postings.open(DEMO_POSTING)
  await pipeline.tab('Applicants')
  for (const name of names) await bulk.tick(name)
  await expect(bulk.bar()).toContainText('3 selected')
  await bulk.reject('The role was filled internally')
  await expect(bulk.notification('3 applicants rejected.')).toBeVisible()
  for (const name of names) await expect(pipeline.row(name)).toContainText('Rejected')

  await bulk.undo('3 applicants rejected.')
  await expect(bulk.notification('Undone: 3 applications are back where they were.')).toBeVisible()
  for (const name of names) {
    const row = await applicant(app, postingId, name)
    expect([row.status, row.reason]).toEqual(['active', ''])
  }
  await expect(pipeline.row('Sven Larsen')).toContainText('Active')
})

test('an interview invitation (.ics) and a rejection (.eml) are written and read back', async ({ page, app }) => {
  const postingId = await demoPosting(app)
  const files = join(app.dataDir, 'out')
  mkdirSync(files, { recursive: true })
  const shell = new Shell(page)
  await shell.open(app.launchUrl)
  const when = new Date(Date.UTC(2031, 2, 4, 8, 30))
  const interview = await scheduleMine(page, app, postingId, 'Diego Ramos', when)

  await page.goto(`${app.url}#/applications/${interview.applicationId}/interviews`)
  const ics = await downloadText(
    page,
    page.getByRole('button', { name: `Calendar invitation for Technical deep dive with ${interview.interviewerName}` }),
    join(files, 'invite.ics'),
  )
  const lines = icsLines(ics)
  expect(lines[0]).toBe('BEGIN:VCALENDAR')
  expect(lines).toContain('DTSTART:20310304T083000Z')
  expect(lines).toContain('DTEND:20310304T093000Z')
  expect(lines.filter((line) => line.startsWith('ATTENDEE')).join('\n')).toContain('mailto:diego.ramos@example.net')
  expect(lines.find((line) => line.startsWith('SUMMARY:'))).toContain('Diego Ramos')

  await new PostingsPage(page).open(DEMO_POSTING)
  const pipeline = new PipelinePage(page)
  await pipeline.tab('Applicants')
  await pipeline.row('Yara Nasser').click()
  await page.getByRole('button', { name: 'E-mail…' }).click()
  const dialog = page.getByRole('dialog', { name: 'E-mail Yara Nasser' })
  await expect(dialog.getByLabel('Subject')).toHaveValue('Your application for {posting}')
  const eml = await downloadText(page, dialog.getByRole('button', { name: 'Save as .eml' }), join(files, 'r.eml'))
  const headers = emlHeaders(eml)
  expect(headers.get('to')).toBe('"Yara Nasser" <yara.nasser@example.net>')
  expect(headers.get('subject')).toBe(`Your application for ${DEMO_POSTING}`)
  expect(headers.get('content-type')).toBe('text/plain; charset=UTF-8')
  const body = Buffer.from((eml.split('\r\n\r\n')[1] ?? '').replace(/\r\n/g, ''), 'base64').toString('utf8')
  expect(body).toContain('Dear Yara Nasser,')
  const profile = JSON.parse(
    await app.cli('candidates', 'show', String((await applicant(app, postingId, 'Yara Nasser')).candidateId)),
  ) as { activity: { action: string }[] }
  expect(profile.activity.map((entry) => entry.action)).toContain('message_sent')
})

test('the CSV preview flags a bad e-mail and a row of a known candidate, naming them', async ({ page, app }) => {
  const shell = new Shell(page)
  const file = join(app.dataDir, 'people.csv')
  writeFileSync(
    file,
    'Full name,Email,Phone\nNia Okoro,nia.okoro@example.org,\nBroken Mail,broken-at-example.org,\nInes C.,ines.carvalho@example.net,\n',
  )
  await shell.open(app.launchUrl)
  await shell.goTo('Candidates')
  await page.getByRole('button', { name: 'Import CSV' }).click()
  const dialog = page.getByRole('dialog')
  const chooser = page.waitForEvent('filechooser')
  await dialog.getByRole('button', { name: 'Choose a CSV file' }).click()
  await (await chooser).setFiles(file)
  const preview = dialog.getByRole('table', { name: 'First rows of the file' })
  await expect(preview.getByRole('row').filter({ hasText: 'Broken Mail' })).toContainText(/not an e-?mail/i)
  await expect(preview.getByRole('row').filter({ hasText: 'Ines C.' })).toContainText('already known: Ines Carvalho')
  await expect(preview.getByRole('row').filter({ hasText: 'Nia Okoro' }).getByRole('cell').last()).toHaveText('')
  await expect(preview.getByRole('columnheader', { name: 'Problems' })).toBeInViewport()
})

test('an applicant added from a LinkedIn candidate keeps LinkedIn as the source in the Sources report', async ({
  page,
  app,
}) => {
  const postingId = await demoPosting(app)
  const before = (
    JSON.parse(
      await app.cli('applications', 'list', '--posting', String(postingId), '--source', 'LinkedIn'),
    ) as ApplicantPageDto
  ).total
  const created = JSON.parse(
    await app.cli(
      'candidates',
      'create',
      '--name',
      'Mirela Popescu',
      '--email',
      'mirela@example.org',
      '--source',
      'LinkedIn',
    ),
  ) as { id: number }
  const shell = new Shell(page)
  await shell.open(app.launchUrl)
  await page.goto(`${app.url}#/candidates/${created.id}`)
  await new PipelinePage(page).addToPosting(DEMO_POSTING)
  expect((await applicant(app, postingId, 'Mirela')).source).toBe('LinkedIn')

  const reports = new ReportsPage(page)
  await shell.goTo('Reports')
  await reports.open('Sources')
  const cells = await reports.tableCells('By source')
  const linkedIn = cells.find((row) => row[0] === 'LinkedIn')
  expect(linkedIn?.[1]).toBe(String(before + 1))
})

const REPORT_TITLES = [
  'Pipeline funnel',
  'Time in stage',
  'Sources',
  'Hiring activity',
  'Applications',
  'Requirement coverage',
  'Interviewer calibration',
]

testOnFirstRun(
  'screenshots of the applicants table, the board and every report at 1440×900, light and dark',
  async ({ page, app }) => {
    test.setTimeout(300_000)
    const folder = join(import.meta.dirname, '..', 'test-results', 'screenshots')
    mkdirSync(folder, { recursive: true })
    await page.setViewportSize({ width: 1440, height: 900 })
    const shell = new Shell(page)
    const postings = new PostingsPage(page)
    const pipeline = new PipelinePage(page)
    const reports = new ReportsPage(page)
    await shell.open(app.launchUrl)
    await firstRunWithDemo(page)
    for (const theme of ['light', 'dark'] as const) {
      if (theme === 'dark') await page.getByRole('button', { name: 'Switch to dark theme' }).click()
      await postings.open(DEMO_POSTING)
      await pipeline.tab('Applicants')
      // The full demo: fits spread out, with a knock-out, so the picture shows what the table is for.
      await expect(pipeline.row('Yara Nasser')).toContainText('Knock-out')
      await page.screenshot({ path: join(folder, `${theme}-applicants.png`) })
      await pipeline.tab('Board')
      await expect(pipeline.column('Applied')).toBeVisible()
      await page.screenshot({ path: join(folder, `${theme}-board.png`) })
      for (const title of REPORT_TITLES) {
        await shell.goTo('Reports')
        await reports.open(title)
        await expect(page.getByRole('main').getByRole('table').first()).toBeVisible()
        // The pointer stays where the report's link was, over the chart: a tooltip would cover the picture.
        await page.mouse.move(0, 0)
        await page.screenshot({ path: join(folder, `${theme}-report-${title.toLowerCase().replace(/\W+/g, '-')}.png`) })
      }
    }
  },
)
