import { expect, test } from './fixtures'
import { InterviewsPage } from './pages/interviews'
import { PostingsPage } from './pages/postings'
import { Shell } from './pages/shell'

const DEMO_POSTING = 'Senior Backend Engineer II — Payments Platform'

test('plans interviews with focus items anchored to the posting level, kept after a restart', async ({ page, app }) => {
  const shell = new Shell(page)
  const postings = new PostingsPage(page)
  const interviews = new InterviewsPage(page)
  await shell.open(app.launchUrl)
  await postings.open(DEMO_POSTING)
  await interviews.openPlanTab()
  await interviews.addStep({ name: 'Recruiter screen', minutes: 30, focus: [], questions: ['Why this role?'] })
  await interviews.addStep({
    name: 'System design',
    minutes: 60,
    focus: ['System design', 'Write and review design documents that make trade-offs explicit'],
    questions: ['Design the settlement service.', 'How does it fail?'],
  })
  await interviews.addStep({ name: 'Behavioural', focus: ['Mentoring and leadership'], questions: [] })
  await expect(interviews.step('System design').getByRole('listitem')).toHaveText([
    'System design',
    'Write and review design documents that make trade-offs explicit',
  ])
  await app.restart()
  await shell.open(app.launchUrl)
  await postings.open(DEMO_POSTING)
  await interviews.openPlanTab()
  expect(await interviews.stepNames()).toEqual(
    expect.arrayContaining(['Recruiter screen', 'System design', 'Behavioural']),
  )
  await expect(interviews.step('Recruiter screen')).toContainText('30 min')
})
