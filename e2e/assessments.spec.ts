import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import type { AppServer } from './app-server'
import { expect, test } from './fixtures'
import { AssessmentsPage } from './pages/assessments'
import { PipelinePage } from './pages/pipeline'
import { PostingsPage } from './pages/postings'
import { Shell } from './pages/shell'
import { seedPostingPath } from '../src-main/core/testing/seed-posting'

const DEMO_POSTING = 'Senior Backend Engineer II — Payments Platform'

/** Résumés written for this test: a strong match, one without the must-have, one in Spanish. */
const RESUMES = {
  'noor-haddad.txt': [
    'Noor Haddad',
    'Senior Backend Engineer — Rotterdam',
    'noor.haddad@example.org',
    '',
    'EXPERIENCE',
    'Harbour Payments — Staff Engineer, Jan 2014 – present',
    '- Settlement ledger in Ruby on Rails and Postgres; designed its schema and partitioning.',
    '- Background jobs on Sidekiq; Redis caches on AWS.',
    '',
    'EDUCATION',
    'MSc Computer Science, TU Delft, 2013',
    '',
    'LANGUAGES',
    'English — fluent (C1)',
  ].join('\n'),
  'piet-janssen.txt': [
    'Piet Janssen',
    'Backend Developer — Utrecht',
    'piet.janssen@example.org',
    '',
    'EXPERIENCE',
    'Canal Apps — Developer, 2021 – present',
    '- Node.js services on MongoDB.',
  ].join('\n'),
  'lucia-ortega.txt': [
    'Lucía Ortega',
    'Ingeniera backend — Valencia',
    'lucia.ortega@example.org',
    '',
    'EXPERIENCIA',
    'Pagos Levante — Ingeniera sénior, enero de 2016 – actualidad',
    '- Servicios en Go sobre PostgreSQL y Kafka; diseño del esquema y de los índices.',
    '',
    'IDIOMAS',
    'Inglés: C1',
  ].join('\n'),
}

interface Scenario {
  title: string
  postingId: number
  /** The PostgreSQL requirement, made a must-have at the start. */
  postgres: string
  years: string
  /** A must-have the posting already has. */
  otherMustHave?: string
}

/** Exports the page's PDF (a candidate packet or a comparison), saves the download and returns its text. */
async function downloadPdfText(page: Page, path: string): Promise<string> {
  const download = page.waitForEvent('download', { timeout: 60_000 })
  await page.getByRole('button', { name: 'PDF', exact: true }).click()
  await (await download).saveAs(path)
  return execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' })
}

/**
 * Three candidates imported into a posting are assessed: suggestions accepted, the rest rated with the
 * keyboard, one knocked out by a must-have; the table shows must-haves, fit and the knock-out and sorts by
 * fit; three are compared; after a restart everything is still there.
 */
async function assessThree(page: Page, app: AppServer, scenario: Scenario) {
  // Three résumé imports, ratings, a comparison, two PDFs and a restart: longer than one default test.
  test.setTimeout(240_000)
  const dir = join(app.dataDir, 'incoming')
  mkdirSync(dir, { recursive: true })
  const files = Object.entries(RESUMES).map(([name, text]) => {
    const path = join(dir, name)
    writeFileSync(path, text)
    return path
  })
  const shell = new Shell(page)
  const postings = new PostingsPage(page)
  const pipeline = new PipelinePage(page)
  const view = new AssessmentsPage(page)
  const mustHaves = scenario.otherMustHave ? 2 : 1

  await shell.open(app.launchUrl)
  await postings.open(scenario.title)
  await view.markMustHave(scenario.postgres)
  await pipeline.tab('Applicants')
  await pipeline.importResumes(files)
  await page.keyboard.press('Escape')
  await expect(pipeline.row('Noor Haddad')).toBeVisible()

  // Noor: suggestions accepted for the must-haves and the years, one item rated and explained by keyboard.
  await view.assess('Noor Haddad')
  await view.select(scenario.postgres)
  await expect(view.item(scenario.postgres).getByTestId('suggestion')).toContainText('Postgres')
  await expect(view.resume().locator('mark')).toContainText(['Postgres'])
  await page.keyboard.press('a')
  await view.expectRating(scenario.postgres, 'met')
  await expect(view.item(scenario.postgres).getByTestId('evidence')).toContainText('Ruby on Rails and Postgres')
  await expect(view.item(scenario.postgres).getByTestId('history')).toContainText('Unknown → Met')
  await view.select(scenario.years)
  await page.keyboard.press('a')
  await view.expectRating(scenario.years, 'met')
  if (scenario.otherMustHave) {
    await view.select(scenario.otherMustHave)
    await page.keyboard.press('a')
    await view.expectRating(scenario.otherMustHave, 'met')
  }
  const first = view.items().getByTestId('assessment-item').first()
  await first.click({ position: { x: 8, y: 8 } })
  await page.keyboard.press('j')
  await page.keyboard.press('k')
  await expect(first).toHaveAttribute('aria-selected', 'true')
  await page.keyboard.press('5')
  await expect(first).toHaveAttribute('data-rating', 'exceeds')
  await page.keyboard.press('e')
  await page.getByRole('textbox', { name: 'Evidence' }).fill('Screen: led the ledger redesign across three teams.')
  await page.keyboard.press('Control+Enter')
  await expect(first.getByTestId('evidence')).toHaveText('Screen: led the ledger redesign across three teams.')
  await expect(view.fit()).toContainText(`Must-haves ${mustHaves}/${mustHaves}`)
  await expect(view.fit()).not.toContainText('Knock-out')

  // Piet: the PostgreSQL must-have is not met — a knock-out.
  await page.getByRole('link', { name: scenario.title, exact: true }).click()
  await view.assess('Piet Janssen')
  await view.select(scenario.postgres)
  await page.keyboard.press('2')
  await view.expectRating(scenario.postgres, 'not_met')
  await expect(view.fit()).toContainText('Knock-out')

  // Lucía (a Spanish résumé): PostgreSQL accepted, the years suggestion dismissed and rated by hand.
  await page.getByRole('link', { name: scenario.title, exact: true }).click()
  await view.assess('Lucía Ortega')
  await view.select(scenario.postgres)
  await view.item(scenario.postgres).getByRole('button', { name: 'Accept' }).click()
  await view.expectRating(scenario.postgres, 'met')
  await view.select(scenario.years)
  await view.item(scenario.years).getByRole('button', { name: 'Dismiss' }).click()
  await expect(view.item(scenario.years).getByTestId('suggestion')).toHaveCount(0)
  // Dismissed, not "nothing found": the list says which.
  await expect(view.item(scenario.years).getByTestId('suggestions-dismissed')).toHaveText('1 dismissed')
  await page.keyboard.press('3')
  await view.expectRating(scenario.years, 'partial')
  // n and p follow the applicants table's order (newest first: Lucía, then Piet).
  await page.keyboard.press('n')
  await expect(view.heading()).toHaveText('Assessment of Piet Janssen')
  await page.keyboard.press('p')
  await expect(view.heading()).toHaveText('Assessment of Lucía Ortega')

  // The table: must-haves, fit and the knock-out; sorted by fit, the knocked-out applicant ranks last.
  await page.getByRole('link', { name: scenario.title, exact: true }).click()
  await expect(view.row('Noor Haddad').getByTestId('fit-must-haves')).toHaveText(`${mustHaves}/${mustHaves}`)
  await expect(view.row('Piet Janssen').getByTestId('fit-knocked-out')).toBeVisible()
  await expect(view.row('Lucía Ortega').getByTestId('fit-knocked-out')).toHaveCount(0)
  // The first click on Fit sorts best first.
  await view.sortBy('Fit')
  await expect
    .poll(async () => {
      const names = await view.rowNames()
      return [names.indexOf('Noor Haddad'), names.indexOf('Lucía Ortega'), names.at(-1)]
    })
    .toEqual([0, 1, 'Piet Janssen'])
  await page.getByRole('combobox', { name: 'Must-haves' }).click()
  await page.getByRole('option', { name: 'All must-haves met' }).click()
  await expect(view.row('Noor Haddad')).toBeVisible()
  await expect(view.row('Piet Janssen')).toHaveCount(0)
  await page.getByRole('combobox', { name: 'Must-haves' }).click()
  await page.getByRole('option', { name: 'Knocked out' }).click()
  await expect(view.row('Piet Janssen')).toBeVisible()
  await expect(view.row('Noor Haddad')).toHaveCount(0)
  await page.getByRole('combobox', { name: 'Must-haves' }).click()
  await page.getByRole('option', { name: 'Knocked out' }).click()
  await expect(view.row('Noor Haddad')).toBeVisible()

  // Compare the three: must-haves first, the evidence on hover.
  for (const name of ['Noor Haddad', 'Piet Janssen', 'Lucía Ortega']) await page.getByLabel(`Select ${name}`).check()
  await page.getByRole('button', { name: 'Compare (3)' }).click()
  await expect(page.getByRole('heading', { name: 'Compare applicants' })).toBeVisible()
  const heatmap = page.getByTestId('heatmap')
  await expect(heatmap.getByRole('columnheader')).toHaveCount(4)
  await expect(heatmap.getByTestId('heatmap-row').first()).toContainText('Must-have')
  const postgresRow = heatmap.getByTestId('heatmap-row').filter({ hasText: scenario.postgres })
  const noorCell = postgresRow.getByRole('img', { name: 'Noor Haddad: Met' })
  await noorCell.hover()
  await expect(page.getByRole('tooltip')).toContainText('Ruby on Rails and Postgres')
  await expect(postgresRow.getByRole('img', { name: 'Piet Janssen: Not met' })).toBeVisible()

  // The comparison as a PDF for the hiring committee.
  const heatmapText = await downloadPdfText(page, join(app.dataDir, 'comparison.pdf'))
  for (const name of ['Noor Haddad', 'Piet Janssen', 'Lucía Ortega']) expect(heatmapText).toContain(name)

  // After a restart everything is kept.
  await app.restart()
  await shell.open(app.launchUrl)
  await postings.open(scenario.title)
  await pipeline.tab('Applicants')
  await expect(view.row('Noor Haddad').getByTestId('fit-must-haves')).toHaveText(`${mustHaves}/${mustHaves}`)
  await expect(view.row('Piet Janssen').getByTestId('fit-knocked-out')).toBeVisible()
  await view.assess('Noor Haddad')
  await view.expectRating(scenario.postgres, 'met')
  await view.expectRating(scenario.years, 'met')
  await expect(first.getByTestId('evidence')).toHaveText('Screen: led the ledger redesign across three teams.')
  const packetText = await downloadPdfText(page, join(app.dataDir, 'packet.pdf'))
  expect(packetText).toContain('Noor Haddad')
  expect(packetText).toContain('led the ledger redesign')
  const report = JSON.parse(
    await app.cli('applications', 'assess', '--posting', String(scenario.postingId), '--format', 'json'),
  ) as { candidate: string; fit: { mustHavesMet: number; knockedOut: boolean } }[]
  expect(report.find((entry) => entry.candidate === 'Noor Haddad')?.fit).toMatchObject({ mustHavesMet: mustHaves })
  expect(report.find((entry) => entry.candidate === 'Piet Janssen')?.fit).toMatchObject({ knockedOut: true })
}

test('three applicants of the seed posting are assessed, compared and still there after a restart', async ({
  page,
  app,
}) => {
  const postingId = Number(JSON.parse(await app.cli('postings', 'import', seedPostingPath(), '--status', 'open')))
  await assessThree(page, app, {
    title: 'Senior Backend Engineer II',
    postingId,
    postgres: 'Strong expertise in PostgreSQL and database design',
    years: '9+ years of relevant experience as a Backend Engineer',
  })
})

test('the same on the demo posting, among its applicants', async ({ page, app }) => {
  const postings = JSON.parse(await app.cli('postings', 'list')) as { id: number; title: string }[]
  const demo = postings.find((posting) => posting.title === DEMO_POSTING)
  expect(demo).toBeDefined()
  await assessThree(page, app, {
    title: DEMO_POSTING,
    postingId: demo?.id ?? 0,
    postgres: 'Solid knowledge of PostgreSQL, including schema design and query tuning',
    years: '8+ years of backend engineering experience',
    otherMustHave: 'You must be able to explain complex technical topics clearly in English',
  })
})

test('a rated requirement removed from the posting is archived with its ratings, and undo brings it back', async ({
  page,
  app,
  browser,
}) => {
  const shell = new Shell(page)
  const postings = new PostingsPage(page)
  const pipeline = new PipelinePage(page)
  const view = new AssessmentsPage(page)
  const kafka = 'Experience with message queues such as Kafka or RabbitMQ'
  await shell.open(app.launchUrl)
  await postings.open(DEMO_POSTING)
  await pipeline.tab('Applicants')
  await view.assess('Ines Carvalho')
  await view.select(kafka)
  await page.keyboard.press('4')
  await view.expectRating(kafka, 'met')
  const assessUrl = page.url()

  await page.getByRole('link', { name: DEMO_POSTING, exact: true }).click()
  await pipeline.tab('Details and requirements')
  await page.getByRole('listitem', { name: kafka, exact: true }).getByRole('button', { name: 'Remove' }).click()
  await expect(page.getByRole('listitem', { name: kafka, exact: true })).toHaveCount(0)

  // Another window shows the item apart, with its rating, and no longer rates it.
  const other = await browser.newPage({ viewport: { width: 1400, height: 900 } })
  await other.goto(app.launchUrl)
  await other.goto(assessUrl)
  const archived = new AssessmentsPage(other)
  await expect(archived.items()).toContainText('Removed from the posting (ratings kept)')
  await archived.select(kafka)
  await expect(archived.item(kafka)).toContainText('its rating is kept and can no longer change')
  await other.keyboard.press('2')
  await archived.expectRating(kafka, 'met')

  await page.getByRole('button', { name: 'Undo' }).click()
  await expect(page.getByRole('listitem', { name: kafka, exact: true })).toBeVisible()
  await other.reload()
  await expect(archived.heading()).toHaveText('Assessment of Ines Carvalho')
  await expect(archived.items()).not.toContainText('Removed from the posting')
  await archived.expectRating(kafka, 'met')
  await other.close()
})

test('two windows rate the same item: the later one is refused, told who changed it, and shows that change', async ({
  page,
  app,
  browser,
}) => {
  const shell = new Shell(page)
  const postings = new PostingsPage(page)
  const pipeline = new PipelinePage(page)
  const first = new AssessmentsPage(page)
  const postgres = 'Solid knowledge of PostgreSQL, including schema design and query tuning'
  await shell.open(app.launchUrl)
  await postings.open(DEMO_POSTING)
  await pipeline.tab('Applicants')
  await first.assess('Marta Nowak')
  const url = page.url()

  const other = await browser.newPage({ viewport: { width: 1400, height: 900 } })
  await other.goto(app.launchUrl)
  await other.goto(url)
  const second = new AssessmentsPage(other)
  await expect(second.heading()).toHaveText('Assessment of Marta Nowak')
  await second.select(postgres)
  await first.select(postgres)

  await page.keyboard.press('4')
  await first.expectRating(postgres, 'met')
  await other.keyboard.press('2')
  await expect(other.getByRole('alert').filter({ hasText: 'changed this rating meanwhile (now met' })).toBeVisible()
  await second.expectRating(postgres, 'met')
  await expect(second.item(postgres).getByTestId('history')).toContainText('Unknown → Met')
  await other.close()
})
