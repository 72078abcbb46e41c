import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { onePageResumePdf, resumeDocx } from '../src-main/core/documents/fixtures/generate-fixtures'
import { expect, test } from './fixtures'
import { CandidatesPage } from './pages/candidates'
import { Shell } from './pages/shell'

const maya = [
  'Maya Lindqvist',
  'Data Engineer — Göteborg',
  'maya.lindqvist@example.com | +46 70 555 01 23',
  '',
  'EXPERIENCE',
  'Built bioinformatics pipelines for sequencing labs, on Kafka and PostgreSQL.',
].join('\n')

test('résumés imported in the UI are read, found by a word, merged, and still there after a restart', async ({
  page,
  app,
}) => {
  const dir = join(app.dataDir, 'incoming')
  const files = {
    pdf: join(dir, 'elena-varga.pdf'),
    docx: join(dir, 'elena-varga.docx'),
    txt: join(dir, 'maya-lindqvist.txt'),
  }
  mkdirSync(dir, { recursive: true })
  writeFileSync(files.pdf, await onePageResumePdf())
  writeFileSync(files.docx, await resumeDocx())
  writeFileSync(files.txt, maya)

  const shell = new Shell(page)
  const candidates = new CandidatesPage(page)
  await shell.open(app.launchUrl)
  await shell.goTo('Candidates')
  // Numbers of the workspace's own region show in national format, the others in international format.
  await page.getByRole('combobox', { name: 'Phone region' }).fill('France')
  await page.getByRole('option', { name: 'France (FR)' }).click()
  await expect(page.getByRole('combobox', { name: 'Phone region' })).toHaveValue('France (FR)')
  await candidates.importResumes([files.pdf, files.txt])
  await candidates.openFromImport('Elena Varga')
  await expect(candidates.contacts('E-mails')).toContainText('elena.varga@example.org')
  await expect(candidates.contacts('Phones')).toContainText('+1 555 010 2030')
  // 555 numbers are fictional: shown, and flagged.
  await expect(candidates.contacts('Phones').getByLabel('Number to check')).toBeVisible()
  await expect(page.getByLabel('Document text')).toContainText('Northwind Logistics')

  // The DOCX résumé of the same person is attached to her profile rather than duplicating her.
  await shell.goTo('Candidates')
  await candidates.importResumes([files.docx])
  await expect(page.getByRole('dialog').getByText('attached to Elena Varga')).toBeVisible()
  await page.keyboard.press('Escape')

  await candidates.search('bioinformatics')
  const hit = page.getByRole('button', { name: /Maya Lindqvist/ })
  await expect(hit).toContainText('bioinformatics')
  await expect(hit.locator('mark')).toHaveText(['bioinformatics'])
  await hit.click()
  await expect(candidates.heading()).toHaveText('Maya Lindqvist')
  await expect(candidates.contacts('E-mails')).toContainText('maya.lindqvist@example.com')

  await shell.goTo('Candidates')
  await candidates.create('Varga Elena')
  // The profile's alert: the closing dialog's own list of possible duplicates may still be there for a moment.
  const duplicates = page.getByRole('main').getByRole('alert').filter({ hasText: 'Possible duplicates' })
  await expect(duplicates).toContainText('Elena Varga — same name')
  await duplicates.getByRole('button', { name: 'Merge Elena Varga here' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Merge' }).click()
  await expect(candidates.contacts('E-mails')).toContainText('elena.varga@example.org')
  await expect(page.getByRole('button', { name: 'Show the text of elena-varga.pdf' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Show the text of elena-varga.docx' })).toBeVisible()
  await expect(page.getByText(/^Merged candidate #\d+ into this profile$/)).toBeVisible()

  await app.restart()
  await shell.open(app.launchUrl)
  await shell.goTo('Candidates')
  await expect(candidates.row('Maya Lindqvist')).toBeVisible()
  await expect(candidates.row('Elena Varga')).toHaveCount(0)
  await candidates.row('Varga Elena').click()
  await expect(candidates.contacts('E-mails')).toContainText('elena.varga@example.org')
  await expect(page.getByText(/^Merged candidate #\d+ into this profile$/)).toBeVisible()
  const listed = async (text: string) =>
    (JSON.parse(await app.cli('candidates', 'list', '--text', text, '--format', 'json')) as { total: number }).total
  expect(await listed('varga')).toBe(1)
  expect(await listed('lindqvist')).toBe(1)
})

test('a CSV is mapped, previewed with its problems, refused as a whole, then imported without its bad rows', async ({
  page,
  app,
}) => {
  const csv = join(app.dataDir, 'export.csv')
  writeFileSync(
    csv,
    'Prénom;Nom;Courriel;Ville\nAna;Silva;ana@example.org;Lisbon\nBen;Okafor;not-an-address;Leeds\nCléo;Martin;cleo@example.org;=1+2\n',
  )
  const shell = new Shell(page)
  await shell.open(app.launchUrl)
  await shell.goTo('Candidates')
  await page.getByRole('button', { name: 'Import CSV' }).click()
  const dialog = page.getByRole('dialog')
  await dialog.locator('input[type=file]').setInputFiles(csv)
  await expect(dialog.getByText('export.csv: 3 rows')).toBeVisible()
  await expect(dialog.getByRole('combobox', { name: 'Encoding' })).toHaveValue('UTF-8 (detected)')
  await expect(dialog.getByLabel('Field for Courriel')).toHaveValue('E-mail')
  await expect(dialog.getByLabel('Field for Ville')).toHaveValue('Location')
  const preview = dialog.getByRole('table', { name: 'First rows of the file' })
  await expect(preview.getByRole('row').filter({ hasText: 'Okafor' })).toContainText(
    '"not-an-address" is not an e-mail address',
  )

  await dialog.getByRole('button', { name: 'Import 3 rows' }).click()
  await expect(dialog.getByText(/1 problem in export\.csv; nothing was imported/)).toBeVisible()
  await expect(page.getByRole('table', { name: 'Candidates' }).getByRole('row', { name: 'Ana Silva' })).toHaveCount(0)

  await page.keyboard.press('Escape')
  await page.getByRole('button', { name: 'Import CSV' }).click()
  await page.getByRole('dialog').locator('input[type=file]').setInputFiles(csv)
  await page.getByRole('dialog').getByText('Import the good rows, skip the others').click()
  await page.getByRole('dialog').getByRole('button', { name: 'Import 3 rows' }).click()
  await expect(page.getByRole('dialog').getByText('2 created, 0 already known, 1 skipped.')).toBeVisible()
  await page.keyboard.press('Escape')
  const table = page.getByRole('table', { name: 'Candidates' })
  await expect(table.getByRole('row', { name: 'Ana Silva' })).toBeVisible()
  await table.getByRole('row', { name: 'Cléo Martin' }).click()
  await expect(page.getByRole('main').getByText('=1+2')).toBeVisible()
})

test('columns hidden in the candidates table stay hidden for that person', async ({ page, app }) => {
  const shell = new Shell(page)
  await shell.open(app.launchUrl)
  await shell.goTo('Candidates')
  const table = page.getByRole('table', { name: 'Candidates' })
  await expect(table.getByRole('columnheader', { name: 'Phone' })).toBeVisible()
  await page.getByRole('button', { name: 'Columns' }).click()
  const saved = page.waitForResponse((response) =>
    response.url().includes(encodeURIComponent('workspace:saveTablePrefs')),
  )
  await page.getByRole('menu').getByLabel('Phone').click()
  await expect(table.getByRole('columnheader', { name: 'Phone' })).toHaveCount(0)
  await saved
  await page.reload()
  await expect(table.getByRole('columnheader', { name: 'Name' })).toBeVisible()
  await expect(table.getByRole('columnheader', { name: 'Phone' })).toHaveCount(0)
})

test('a workspace the command line created, with no team member yet, asks who is using the machine', async ({
  page,
  app,
}) => {
  await app.stop()
  rmSync(app.dataDir, { recursive: true, force: true })
  await app.cli('candidates', 'list')
  await app.start()
  const shell = new Shell(page)
  await shell.open(app.launchUrl)
  const dialog = page.getByRole('dialog', { name: 'Welcome to Yardstick' })
  await expect(dialog).toBeVisible()
  await dialog.getByLabel('Your name').fill('Noor Haddad')
  await dialog.getByRole('radio', { name: /With an empty workspace/ }).check()
  await dialog.getByRole('button', { name: 'Start' }).click()
  await expect(dialog).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'You are' })).toHaveText('Noor Haddad')
})
