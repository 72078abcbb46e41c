import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { AppServer } from './app-server'
import { expect, test } from './fixtures'
import { InterviewsPage } from './pages/interviews'
import { PostingsPage } from './pages/postings'
import { Shell } from './pages/shell'
import { seedPostingPath } from '../src-main/core/testing/seed-posting'

const DEMO_POSTING = 'Senior Backend Engineer II — Payments Platform'

interface Scenario {
  postingTitle: string
  candidate: string
  /** A requirement of the posting both interviewers rate. */
  requirement: string
}

/**
 * The "done when": a three-step plan; the same application scored by two people switching the local
 * person, the second blind to the first until submitting; the debrief with both and their disagreement; then a
 * packet out to another workspace and its scorecard back in, through files.
 */
async function scoreAndDebrief(page: Page, app: AppServer, scenario: Scenario, files: string): Promise<void> {
  const postings = new PostingsPage(page)
  const interviews = new InterviewsPage(page)
  const { requirement } = scenario
  await new Shell(page).open(app.launchUrl)

  await postings.open(scenario.postingTitle)
  await interviews.openPlanTab()
  await interviews.addStep({
    name: 'Recruiter screen',
    minutes: 30,
    focus: ['Communication and collaboration'],
    questions: ['Why this role?'],
  })
  await interviews.addStep({
    name: 'Technical deep dive',
    minutes: 60,
    focus: [requirement, 'System design'],
    questions: ['Walk me through a system you own.'],
  })
  await interviews.addStep({ name: 'Behavioural', focus: ['Mentoring and leadership'], questions: [] })

  await postings.open(scenario.postingTitle)
  await interviews.openApplication(scenario.candidate)
  await interviews.schedule('Technical deep dive', 'Sam Rivera', '2026-03-02T09:30')
  await interviews.schedule('Technical deep dive', 'Jordan Lee', '2026-03-02T11:00')
  const kit = await interviews.download(
    page.getByRole('button', { name: 'Interview kit of Technical deep dive with Sam Rivera' }),
    join(files, 'kit.pdf'),
  )
  expect(readFileSync(kit).subarray(0, 5).toString('latin1')).toBe('%PDF-')

  // Sam scores first.
  await interviews.actAs('Sam Rivera')
  await interviews.openScorecard('Technical deep dive', 'Sam Rivera')
  await expect(interviews.focusItem('System design').getByLabel('Level expectations')).toContainText(
    'Owns the architecture of a subsystem',
  )
  await interviews.rate(requirement, 1, 'Never tuned a slow query')
  await interviews.rate('System design', 3)
  await interviews.recommend('No')
  await interviews.takeaways('Not at this level yet.')
  await interviews.waitSaved()
  await interviews.submit()

  // Jordan cannot see Sam's ratings before submitting his own.
  await interviews.actAs('Jordan Lee')
  await page.getByRole('link', { name: 'Back to the application' }).click()
  await interviews.tab('Debrief')
  await expect(page.getByText('Feedback stays independent')).toBeVisible()
  await expect(page.getByText('Never tuned a slow query')).toHaveCount(0)
  await expect(page.getByRole('table', { name: 'Focus items' })).toHaveCount(0)
  await interviews.tab('Interviews')
  await interviews.openScorecard('Technical deep dive', 'Sam Rivera')
  await expect(page.getByText('Hidden until you submit', { exact: true })).toBeVisible()
  await expect(page.getByText('Never tuned a slow query')).toHaveCount(0)
  await page.getByRole('link', { name: 'Back to the application' }).click()
  await interviews.openScorecard('Technical deep dive', 'Jordan Lee')
  await interviews.rate(requirement, 3)
  await interviews.rate('System design', 4, 'Clear trade-offs')
  await interviews.recommend('Yes')
  await interviews.waitSaved()
  await interviews.submit()

  // The debrief shows both, and their disagreement on the requirement.
  await page.getByRole('link', { name: 'Back to the application' }).click()
  await interviews.tab('Debrief')
  const recommendations = page.getByRole('table', { name: 'Recommendations' })
  await expect(recommendations.getByRole('row', { name: /Sam Rivera/ })).toContainText('No')
  await expect(recommendations.getByRole('row', { name: /Jordan Lee/ })).toContainText('Yes')
  const items = page.getByRole('table', { name: 'Focus items' })
  const disputed = items.getByRole('row', { name: requirement, exact: true })
  await expect(disputed).toContainText('Sam Rivera: 1 · Well below the level')
  await expect(disputed).toContainText('Never tuned a slow query')
  await expect(disputed).toContainText('Jordan Lee: 3 · Meets this level')
  await expect(disputed).toContainText('Disagreement (2)')
  await expect(items.getByRole('row', { name: 'System design', exact: true })).not.toContainText('Disagreement')
  await expect(items.getByRole('row', { name: 'Mentoring and leadership', exact: true })).toContainText('Unrated')

  // Packet out to an interviewer with their own Yardstick, scorecard back in.
  await interviews.tab('Interviews')
  await interviews.schedule('Behavioural', 'Alex Morgan', '2026-03-03T10:00')
  const packet = await interviews.download(
    page.getByRole('button', { name: 'Export the packet of Behavioural with Alex Morgan' }),
    join(files, 'alex.yardstick-packet.json'),
  )
  const elsewhere = new AppServer()
  await elsewhere.start()
  try {
    const other = await page.context().newPage()
    const away = new InterviewsPage(other)
    await other.goto(elsewhere.launchUrl)
    await new Shell(other).goTo('My interviews')
    await away.upload(other.getByRole('button', { name: 'Open packet' }), packet)
    await expect(other.getByRole('heading', { level: 2 })).toHaveText(`${scenario.candidate}: Behavioural`)
    await away.rate('Mentoring and leadership', 4, 'Coaches two juniors weekly')
    await away.recommend('Strong yes')
    await away.waitSaved()
    const scorecard = await away.download(
      other.getByRole('button', { name: 'Export scorecard file' }),
      join(files, 'alex.yardstick-scorecard.json'),
    )
    // Opening the same packet twice changes nothing.
    await new Shell(other).goTo('My interviews')
    await away.upload(other.getByRole('button', { name: 'Open packet' }), packet)
    await expect(other.getByText(/already opened here/)).toBeVisible()
    await expect(other.getByRole('table', { name: 'Opened packets' }).getByRole('row')).toHaveCount(2)
    await other.close()

    await new Shell(page).goTo('My interviews')
    await interviews.upload(page.getByRole('button', { name: 'Import scorecard' }), scorecard)
    await expect(page.getByText('Imported (revision 1)')).toBeVisible()
    await expect(interviews.focusItem('Mentoring and leadership')).toContainText('Coaches two juniors weekly')
    await new Shell(page).goTo('My interviews')
    await interviews.upload(page.getByRole('button', { name: 'Import scorecard' }), scorecard)
    await expect(page.getByText(/was already imported \(version 1\): nothing changed/)).toBeVisible()
    await page.getByRole('link', { name: 'Back to the application' }).click()
    await interviews.tab('Debrief')
    await expect(
      page.getByRole('table', { name: 'Recommendations' }).getByRole('row', { name: /Alex Morgan/ }),
    ).toContainText('Strong yes')
  } finally {
    await elsewhere.stop()
    elsewhere.dispose()
  }
}

test.describe('interviews and scorecards', () => {
  let files: string
  test.beforeEach(() => {
    files = mkdtempSync(join(tmpdir(), 'yardstick-e2e-files-'))
  })
  test.afterEach(() => rmSync(files, { recursive: true, force: true }))

  test('the seed posting: plan, two blind scorecards, debrief with the disagreement, packet round trip', async ({
    page,
    app,
  }) => {
    test.setTimeout(240_000)
    const postingId = (await app.cli('postings', 'import', seedPostingPath(), '--status', 'open')).trim()
    writeFileSync(
      join(files, 'zoe-lukasiewicz.txt'),
      'Zoë Łukasiewicz\nSenior Backend Engineer — Kraków\nzoe.lukasiewicz@example.org | +48 12 345 67 89\n\nRuby on Rails and PostgreSQL for nine years.\n',
    )
    await app.cli('candidates', 'import-folder', files, '--posting', postingId)
    await scoreAndDebrief(
      page,
      app,
      {
        postingTitle: 'Senior Backend Engineer II',
        candidate: 'Zoë Łukasiewicz',
        requirement: 'Strong expertise in PostgreSQL and database design',
      },
      files,
    )
  })

  test('the demo posting: the same scenario without the shared seed', async ({ page, app }) => {
    test.setTimeout(240_000)
    await scoreAndDebrief(
      page,
      app,
      {
        postingTitle: DEMO_POSTING,
        candidate: 'Lena Hoffmann',
        requirement: 'Solid knowledge of PostgreSQL, including schema design and query tuning',
      },
      files,
    )
  })
})
