import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, type Browser, type Page } from '@playwright/test'
import { addTeamMember, startTeamServer, stopServer } from './app-server'
import { InterviewsPage } from './pages/interviews'
import { LaddersPage } from './pages/ladders'
import { PipelinePage } from './pages/pipeline'
import { PostingsPage } from './pages/postings'
import { Shell } from './pages/shell'
import { AssessmentsPage } from './pages/assessments'
import { onePageResumePdf } from '../src-main/core/documents/fixtures/generate-fixtures'
import { createTestDatabase, type TestDatabase } from '../src-main/core/testing/test-database'

const TEAM = {
  recruiter: {
    name: 'Rita Recruiter',
    email: 'rita@example.com',
    role: 'recruiter',
    password: 'rita has a long passphrase',
  },
  manager: {
    name: 'Hana Manager',
    email: 'hana@example.com',
    role: 'hiring-manager',
    password: 'hana has a long passphrase',
  },
  interviewer: {
    name: 'Ivan Interviewer',
    email: 'ivan@example.com',
    role: 'interviewer',
    password: 'ivan has a long passphrase',
  },
} as const
type Member = (typeof TEAM)[keyof typeof TEAM]

const POSTING_TITLE = 'Backend Engineer — Logistics Platform'
/** Written for this test: a title line, a short summary and the requirements every applicant is rated on. */
const POSTING = [
  POSTING_TITLE,
  '',
  'We build the routing and billing services of a logistics platform.',
  '',
  'Requirements:',
  '- Experience with PostgreSQL and database design',
  '- Clear written communication with other teams',
].join('\n')
const POSTGRES = 'Experience with PostgreSQL and database design'
const WRITING = 'Clear written communication with other teams'
/** The candidate of onePageResumePdf(). */
const CANDIDATE = 'Elena Varga'

/**
 * The team server on a fresh PostgreSQL database, its people made with the command line as the README tells an
 * operator; each person then works in a browser context of their own.
 */
let database: TestDatabase | undefined
let dir = ''
let server: ChildProcess | undefined
let url = ''

// A step that cannot happen fails in seconds, not at the end of the whole scenario's time.
test.use({ actionTimeout: 15_000 })

test.beforeEach(async () => {
  database = await createTestDatabase('postgres')
  dir = mkdtempSync(join(tmpdir(), 'yardstick-team-pg-'))
  for (const member of Object.values(TEAM)) await addTeamMember(dir, member, ['--database', database.location])
  ;[server, url] = await startTeamServer(['--database', database.location, '--files-dir', join(dir, 'files')])
})

test.afterEach(async () => {
  await stopServer(server)
  await database?.dispose()
  rmSync(dir, { recursive: true, force: true })
})

/** A browser context of its own (its own session cookie), signed in through the sign-in page. */
async function signIn(browser: Browser, member: Member): Promise<Page> {
  const context = await browser.newContext()
  const page = await context.newPage()
  await page.goto(url)
  const form = page.getByRole('form', { name: 'Sign in to Yardstick' })
  await form.getByLabel('E-mail').fill(member.email)
  await form.getByRole('textbox', { name: 'Password' }).fill(member.password)
  await form.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('button', { name: 'You are' })).toHaveText(member.name)
  return page
}

test('a hiring team on PostgreSQL: import, review and rate, independent scorecards, the debrief', async ({
  browser,
}) => {
  test.setTimeout(420_000)
  const resume = join(dir, 'elena-varga.pdf')
  writeFileSync(resume, await onePageResumePdf())

  // The recruiter sets the posting up: a ladder level to target, the posting, its hiring manager and plan.
  const rita = await signIn(browser, TEAM.recruiter)
  const ladders = new LaddersPage(rita)
  await ladders.create('Backend engineering', 'Engineers who build the services.')
  await ladders.addLevel('BE2', 'Backend Engineer', 'Owns features of one service end to end.')
  const postings = new PostingsPage(rita)
  await postings.pasteAndParse(POSTING)
  await expect(rita.getByRole('textbox', { name: 'Title', exact: true })).toHaveValue(POSTING_TITLE)
  // The posting names the level: the review suggests it.
  await expect(rita.getByRole('combobox', { name: 'Target level' })).toHaveValue('Backend Engineer')
  await postings.saveReviewed(POSTING_TITLE)
  const plan = new InterviewsPage(rita)
  await plan.openPlanTab()
  await rita.getByRole('combobox', { name: 'Hiring manager' }).click()
  await rita.getByRole('option', { name: TEAM.manager.name, exact: true }).click()
  await expect(rita.getByRole('combobox', { name: 'Hiring manager' })).toHaveValue(TEAM.manager.name)
  await plan.addStep({
    name: 'Technical interview',
    minutes: 60,
    focus: [POSTGRES],
    questions: ['Walk me through a schema you designed.'],
  })
  await plan.addStep({ name: 'Team fit', minutes: 45, focus: [WRITING, POSTGRES], questions: [] })

  // The recruiter imports a résumé (a real PDF) into the posting and schedules both interviews.
  const pipeline = new PipelinePage(rita)
  await pipeline.tab('Applicants')
  const imported = await pipeline.importResumes([resume])
  await expect(imported).toContainText(`new candidate ${CANDIDATE}`)
  await rita.keyboard.press('Escape')
  await plan.openApplication(CANDIDATE)
  await plan.schedule('Technical interview', TEAM.interviewer.name, '2026-03-02T09:30')
  await plan.schedule('Team fit', TEAM.manager.name, '2026-03-02T11:00')

  // The hiring manager, in a second browser, finds the applicant on her posting and rates a requirement.
  const hana = await signIn(browser, TEAM.manager)
  const hanaPostings = new PostingsPage(hana)
  await hanaPostings.open(POSTING_TITLE)
  const assessment = new AssessmentsPage(hana)
  await new PipelinePage(hana).tab('Applicants')
  await expect(assessment.row(CANDIDATE)).toBeVisible()
  await assessment.assess(CANDIDATE)
  await expect(assessment.resume()).toContainText('Northwind Logistics')
  await assessment.select(WRITING)
  await hana.keyboard.press('4')
  await assessment.expectRating(WRITING, 'met')

  // She scores her own interview first.
  const hanaInterviews = new InterviewsPage(hana)
  await hanaPostings.open(POSTING_TITLE)
  await hanaInterviews.openApplication(CANDIDATE)
  await hanaInterviews.openScorecard('Team fit', TEAM.manager.name)
  await hanaInterviews.rate(WRITING, 4, 'Explained a migration plan to three teams')
  await hanaInterviews.rate(POSTGRES, 3)
  await hanaInterviews.recommend('Strong yes')
  await hanaInterviews.waitSaved()
  await hanaInterviews.submit()

  // The interviewer, in a third browser, sees only his interview, and not her scorecard until he submits.
  const ivan = await signIn(browser, TEAM.interviewer)
  const ivanInterviews = new InterviewsPage(ivan)
  await new Shell(ivan).goTo('My interviews')
  const mine = ivan.getByRole('main').getByRole('table')
  await expect(mine.getByRole('row')).toHaveCount(2)
  await expect(mine).toContainText(CANDIDATE)
  await expect(mine).toContainText('Technical interview')
  await mine.getByRole('link', { name: 'Scorecard' }).click()
  await expect(ivan.getByRole('heading', { level: 2 })).toContainText('Technical interview')
  await expect(ivan.getByText('Explained a migration plan to three teams')).toHaveCount(0)
  await ivan.getByRole('link', { name: 'Back to the application' }).click()
  await ivanInterviews.tab('Debrief')
  await expect(ivan.getByText('Feedback stays independent')).toBeVisible()
  await expect(ivan.getByText('Explained a migration plan to three teams')).toHaveCount(0)
  await expect(ivan.getByRole('table', { name: 'Focus items' })).toHaveCount(0)
  await ivanInterviews.tab('Interviews')
  await ivanInterviews.openScorecard('Technical interview', TEAM.interviewer.name)
  await ivanInterviews.rate(POSTGRES, 1, 'Never designed a schema')
  await ivanInterviews.recommend('No')
  await ivanInterviews.takeaways('Not yet at this level.')
  await ivanInterviews.waitSaved()
  await ivanInterviews.submit()
  // Submitted: now the debrief opens to him, with her scorecard in it.
  await ivan.getByRole('link', { name: 'Back to the application' }).click()
  await ivanInterviews.tab('Debrief')
  await expect(ivan.getByRole('table', { name: 'Recommendations' })).toContainText(TEAM.manager.name)

  // The hiring manager's debrief shows both scorecards and where they disagree.
  await hana.reload()
  await hana.getByRole('link', { name: 'Back to the application' }).click()
  await hanaInterviews.tab('Debrief')
  const recommendations = hana.getByRole('table', { name: 'Recommendations' })
  await expect(recommendations.getByRole('row', { name: new RegExp(TEAM.manager.name) })).toContainText('Strong yes')
  await expect(recommendations.getByRole('row', { name: new RegExp(TEAM.interviewer.name) })).toContainText('No')
  const disputed = hana.getByRole('table', { name: 'Focus items' }).getByRole('row', { name: POSTGRES, exact: true })
  await expect(disputed).toContainText(`${TEAM.interviewer.name}: 1 · Well below the level`)
  await expect(disputed).toContainText('Never designed a schema')
  await expect(disputed).toContainText(`${TEAM.manager.name}: 3 · Meets this level`)
  await expect(disputed).toContainText('Disagreement (2)')
})
