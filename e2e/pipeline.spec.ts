import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import type { ApplicantPageDto } from '@contract'
import { onePageResumePdf, resumeDocx } from '../src-main/core/documents/fixtures/generate-fixtures'
import type { AppServer } from './app-server'
import { expect, test } from './fixtures'
import { CandidatesPage } from './pages/candidates'
import { PipelinePage } from './pages/pipeline'
import { PostingsPage } from './pages/postings'
import { Shell } from './pages/shell'
import { seedPostingPath } from '../src-main/core/testing/seed-posting'

const DEMO_POSTING = 'Senior Backend Engineer II — Payments Platform'

const tomas = {
  name: 'Tomás Herrera',
  email: 'tomas.herrera@example.org',
  phoneShown: '+34 600 123 456',
  github: 'https://github.com/tomas-herrera-dev',
}
const maya = [
  'Maya Lindqvist',
  'Data Engineer — Göteborg',
  'maya.lindqvist@example.com | +46 70 555 01 23',
  '',
  'EXPERIENCE',
  'Built bioinformatics pipelines for sequencing labs, on Kafka and PostgreSQL.',
].join('\n')

async function applicants(app: AppServer, postingId: number, text: string): Promise<ApplicantPageDto> {
  return JSON.parse(
    await app.cli('applications', 'list', '--posting', String(postingId), '--text', text, '--format', 'json'),
  ) as ApplicantPageDto
}

/**
 * Import three résumés (PDF, DOCX, TXT) into a posting, see their e-mails, move one across stages on the
 * board, find another by a word of its résumé, merge a duplicate, restart: everything is still there.
 */
async function importMoveFindMergeRestart(page: Page, app: AppServer, title: string, postingId: number) {
  // Résumé imports, moves, a merge and a restart: longer than one default test.
  test.setTimeout(240_000)
  const dir = join(app.dataDir, 'incoming')
  mkdirSync(dir, { recursive: true })
  const files = [join(dir, 'elena-varga.pdf'), join(dir, 'tomas-herrera.docx'), join(dir, 'maya-lindqvist.txt')]
  writeFileSync(files[0] ?? '', await onePageResumePdf())
  writeFileSync(files[1] ?? '', await resumeDocx(tomas))
  writeFileSync(files[2] ?? '', maya)
  const shell = new Shell(page)
  const postings = new PostingsPage(page)
  const pipeline = new PipelinePage(page)
  const candidates = new CandidatesPage(page)

  await shell.open(app.launchUrl)
  await postings.open(title)
  await pipeline.tab('Applicants')
  const results = await pipeline.importResumes(files)
  for (const name of ['Elena Varga', 'Tomás Herrera', 'Maya Lindqvist'])
    await expect(results).toContainText(`new candidate ${name} — added to the posting`)
  await page.keyboard.press('Escape')
  await expect(pipeline.row('Elena Varga')).toContainText('elena.varga@example.org')
  await expect(pipeline.row('Tomás Herrera')).toContainText('tomas.herrera@example.org')
  await expect(pipeline.row('Maya Lindqvist')).toContainText('maya.lindqvist@example.com')

  await pipeline.tab('Board')
  await pipeline.drag('Tomás Herrera', 'Applied', 'Screen')
  await pipeline.drag('Tomás Herrera', 'Screen', 'Interview')
  await expect(pipeline.card('Tomás Herrera', 'Applied')).toHaveCount(0)
  expect((await applicants(app, postingId, 'herrera')).rows).toMatchObject([{ stageName: 'Interview' }])

  await candidates.search('bioinformatics')
  await page
    .getByLabel('Candidates found')
    .getByRole('button', { name: /Maya Lindqvist/ })
    .click()
  await expect(candidates.heading()).toHaveText('Maya Lindqvist')
  await expect(pipeline.applications().getByRole('listitem', { name: title, exact: true })).toContainText('Applied')

  // A duplicate typed by hand, added to the same posting, then merged: one application is left.
  await shell.goTo('Candidates')
  await candidates.create('Varga Elena')
  await pipeline.addToPosting(title)
  const duplicates = page.getByRole('main').getByRole('alert').filter({ hasText: 'Possible duplicates' })
  await duplicates.getByRole('button', { name: 'Merge Elena Varga here' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Merge' }).click()
  await expect(page.getByText(/^Merged candidate #\d+ into this profile$/)).toBeVisible()
  await expect(candidates.contacts('E-mails')).toContainText('elena.varga@example.org')
  await expect(pipeline.applications().getByRole('listitem')).toHaveCount(1)
  expect((await applicants(app, postingId, 'varga')).total).toBe(1)

  await app.restart()
  await shell.open(app.launchUrl)
  await postings.open(title)
  await pipeline.tab('Board')
  await expect(pipeline.card('Tomás Herrera', 'Interview')).toBeVisible()
  await expect(pipeline.card('Varga Elena', 'Applied')).toBeVisible()
  await expect(pipeline.card('Maya Lindqvist', 'Applied')).toBeVisible()
  await expect(pipeline.card('Elena Varga', 'Applied')).toHaveCount(0)
  await pipeline.tab('Applicants')
  await expect(pipeline.row('Varga Elena')).toContainText('elena.varga@example.org')
  await expect(pipeline.row('Tomás Herrera')).toContainText('Interview')
  await page.getByRole('tab', { name: 'Applicants' }).focus()
  await pipeline.row('Varga Elena').click()
  const drawer = page.getByRole('dialog', { name: `Varga Elena — ${title}` })
  await expect(drawer.getByLabel('Stage history')).toContainText('Applied, in Applied')
}

test('résumés imported into the seed posting are moved, found, merged and still there after a restart', async ({
  page,
  app,
}) => {
  const id = Number(JSON.parse(await app.cli('postings', 'import', seedPostingPath(), '--status', 'open')))
  await importMoveFindMergeRestart(page, app, 'Senior Backend Engineer II', id)
})

test('the same flow on the demo posting, among its applicants', async ({ page, app }) => {
  const postings = JSON.parse(await app.cli('postings', 'list')) as { id: number; title: string }[]
  const demo = postings.find((posting) => posting.title === DEMO_POSTING)
  expect(demo).toBeDefined()
  await importMoveFindMergeRestart(page, app, DEMO_POSTING, demo?.id ?? 0)
})

test('a card moves across the board and is rejected with the keyboard alone', async ({ page, app }) => {
  test.slow() // many round trips, each waiting for the board to settle
  const shell = new Shell(page)
  const postings = new PostingsPage(page)
  const pipeline = new PipelinePage(page)
  await shell.open(app.launchUrl)
  await postings.open(DEMO_POSTING)
  await pipeline.tab('Board')

  // A keyboard move offers Undo like a drag does.
  await pipeline.card('Ines Carvalho', 'Applied').focus()
  await page.keyboard.press('Alt+ArrowRight')
  await expect(pipeline.card('Ines Carvalho', 'Screen')).toBeFocused()
  await page
    .getByRole('alert')
    .filter({ hasText: 'Ines Carvalho moved to Screen' })
    .getByRole('button', { name: 'Undo' })
    .click()
  await expect(pipeline.card('Ines Carvalho', 'Applied')).toBeVisible()

  await pipeline.card('Ines Carvalho', 'Applied').focus()
  await page.keyboard.press('Alt+ArrowRight')
  await expect(pipeline.card('Ines Carvalho', 'Screen')).toBeFocused()
  await page.keyboard.press('Alt+ArrowRight')
  await expect(pipeline.card('Ines Carvalho', 'Interview')).toBeFocused()
  await page.keyboard.press('Alt+ArrowLeft')
  await expect(pipeline.card('Ines Carvalho', 'Screen')).toBeFocused()

  // The card's menu: Tab to its button, Enter, arrows to "Offer", Enter.
  const chooseFromMenu = async (item: string) => {
    await page.keyboard.press('Tab')
    await expect(page.getByRole('button', { name: 'Actions for Ines Carvalho' })).toBeFocused()
    await page.keyboard.press('Enter')
    const target = page.getByRole('menu').getByRole('menuitem', { name: item })
    const focused = () =>
      expect(target)
        .toBeFocused({ timeout: 200 })
        .then(
          () => true,
          () => false,
        )
    for (let step = 0; step < 10 && !(await focused()); step++) await page.keyboard.press('ArrowDown')
    await expect(target).toBeFocused()
    await page.keyboard.press('Enter')
  }
  await chooseFromMenu('Offer')
  await expect(pipeline.card('Ines Carvalho', 'Offer')).toBeFocused()

  await chooseFromMenu('Reject…')
  const dialog = page.getByRole('dialog', { name: 'Reject Ines Carvalho' })
  await expect(dialog.getByLabel('Reason')).toBeFocused()
  await page.keyboard.type('Needs more production PostgreSQL for this level')
  await page.keyboard.press('Tab')
  await page.keyboard.press('Tab')
  await expect(dialog.getByRole('button', { name: 'Reject' })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(dialog).toHaveCount(0)
  await expect(pipeline.card('Ines Carvalho', 'Offer')).toHaveCount(0)

  const postingId = (JSON.parse(await app.cli('postings', 'list')) as { id: number; title: string }[]).find(
    (posting) => posting.title === DEMO_POSTING,
  )?.id
  expect((await applicants(app, postingId ?? 0, 'carvalho')).rows).toMatchObject([
    { stageName: 'Offer', status: 'rejected', reason: 'Needs more production PostgreSQL for this level' },
  ])
  await page.getByRole('radiogroup', { name: 'Show' }).getByText('Rejected').click()
  await expect(pipeline.card('Ines Carvalho', 'Offer')).toBeVisible()
})

test('candidates ticked in the candidates table are added to a posting at once', async ({ page, app }) => {
  await app.cli('candidates', 'create', '--name', 'Noa Brenner', '--email', 'noa.brenner@example.org')
  await app.cli('candidates', 'create', '--name', 'Ravi Menon', '--email', 'ravi.menon@example.org')
  const shell = new Shell(page)
  const candidates = new CandidatesPage(page)
  await shell.open(app.launchUrl)
  await shell.goTo('Candidates')
  for (const name of ['Noa Brenner', 'Ravi Menon', 'Wen Li']) await page.getByLabel(`Select ${name}`).check()
  await page.getByRole('button', { name: 'Add 3 to a posting' }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByLabel('Posting').click()
  await page.getByRole('option', { name: DEMO_POSTING }).click()
  await dialog.getByRole('button', { name: 'Add 3 to a posting' }).click()
  await expect(page.getByText('Added: 2. Already in the posting: 1.')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Add 3 to a posting' })).toHaveCount(0)
  await candidates.row('Ravi Menon').click()
  await expect(new PipelinePage(page).applications().getByRole('listitem', { name: DEMO_POSTING })).toContainText(
    'Applied',
  )
})

test('stages are renamed, added and reordered, and one with applicants is not removed', async ({ page, app }) => {
  const shell = new Shell(page)
  const postings = new PostingsPage(page)
  const pipeline = new PipelinePage(page)
  await shell.open(app.launchUrl)
  await postings.open(DEMO_POSTING)
  await pipeline.tab('Stages')

  await page.getByRole('button', { name: 'Edit Screen' }).click()
  await page.getByRole('dialog').getByLabel('Name').fill('Phone screen')
  await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click()
  await expect(page.getByRole('listitem', { name: 'Phone screen' })).toBeVisible()
  await page.getByLabel('New stage').fill('Take-home')
  await page.getByRole('button', { name: 'Add stage' }).click()
  await page.getByRole('button', { name: 'Move Take-home up' }).click()
  await page.getByRole('button', { name: 'Remove Interview' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'Move them to another stage first.' })).toContainText(
    '3 applications are in "Interview" (2 active, 1 closed).',
  )

  const postingId = (JSON.parse(await app.cli('postings', 'list')) as { id: number; title: string }[]).find(
    (posting) => posting.title === DEMO_POSTING,
  )?.id
  const names = async () =>
    (JSON.parse(await app.cli('stages', 'list', '--posting', String(postingId ?? 0))) as { name: string }[]).map(
      (stage) => stage.name,
    )
  await expect.poll(names).toEqual(['Applied', 'Phone screen', 'Interview', 'Take-home', 'Offer', 'Hired'])
  await pipeline.tab('Board')
  await expect(pipeline.card('Kofi Asante', 'Phone screen')).toBeVisible()
  await expect(pipeline.column('Take-home')).toBeVisible()
})
