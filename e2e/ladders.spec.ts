import { expect, test } from './fixtures'
import { LaddersPage } from './pages/ladders'
import { Shell } from './pages/shell'

test('a ladder built in the UI survives a restart and is seen by the CLI', async ({ page, app }) => {
  const shell = new Shell(page)
  const ladders = new LaddersPage(page)
  await shell.open(app.launchUrl)
  await ladders.openList()
  await expect(page.getByRole('link', { name: 'Backend Engineering' })).toBeVisible()

  await ladders.create('Data Engineering', 'Pipelines, warehouses and the people who run them.')
  await ladders.addLevel('DE1', 'Data Engineer I', 'Delivers well-scoped pipeline work.')
  await ladders.addLevel('DE2', 'Data Engineer II', 'Owns pipelines end to end.')
  await ladders.addLevel('SDE', 'Senior Data Engineer', 'Leads the data platform of a domain.')
  await ladders.moveLevelUp('Data Engineer II')
  await expect.poll(() => ladders.levelOrder()).toEqual(['Data Engineer II', 'Data Engineer I', 'Senior Data Engineer'])
  await ladders.addCompetency('Data modelling', 'Shapes schemas that last.')
  await ladders.addCompetency('Pipelines', 'Builds reliable batch and streaming jobs.')
  await ladders.writeExpectation(
    'Data Engineer I',
    'Pipelines',
    'Keeps nightly jobs green and fixes failures within a day.',
  )
  // Enter saved and moved down; arrow keys move between cells without editing.
  await expect(ladders.cell('Senior Data Engineer', 'Pipelines')).toBeFocused()
  await page.keyboard.press('ArrowLeft')
  await expect(ladders.cell('Senior Data Engineer', 'Data modelling')).toBeFocused()
  await page.keyboard.press('ArrowUp')
  await expect(ladders.cell('Data Engineer I', 'Data modelling')).toBeFocused()

  await app.restart()
  await shell.open(app.launchUrl)
  await ladders.open('Data Engineering')
  await expect(ladders.cell('Data Engineer I', 'Pipelines')).toContainText('Keeps nightly jobs green')
  await expect.poll(() => ladders.levelOrder()).toEqual(['Data Engineer II', 'Data Engineer I', 'Senior Data Engineer'])

  const listed = JSON.parse(await app.cli('ladders', 'list', '--format', 'json')) as {
    name: string
    levels: { code: string; title: string }[]
    competencies: { name: string }[]
  }[]
  const created = listed.find((ladder) => ladder.name === 'Data Engineering')
  expect(created?.levels.map((level) => level.code)).toEqual(['DE2', 'DE1', 'SDE'])
  expect(created?.competencies.map((competency) => competency.name)).toEqual(['Data modelling', 'Pipelines'])
})

test('the interface switches to French and remembers it', async ({ page, app }) => {
  const shell = new Shell(page)
  const ladders = new LaddersPage(page)
  await shell.open(app.launchUrl)
  await ladders.openList()
  await shell.switchLanguage('FR')
  await expect(page.getByRole('heading', { name: 'Grilles de niveaux' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Nouvelle grille' })).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr')
  await page.reload()
  await expect(page.getByRole('heading', { name: 'Grilles de niveaux' })).toBeVisible()

  // A refusal of the core is worded in French: it sends a message key, the interface says it.
  await page.getByRole('button', { name: 'Nouvelle grille' }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByLabel('Nom').fill('Backend Engineering')
  await dialog.getByRole('button', { name: 'Créer la grille' }).click()
  await expect(dialog.getByText('Une grille nommée « Backend Engineering » existe déjà.')).toBeVisible()
  await page.keyboard.press('Escape')

  // A report's labels are built on the server in the interface's language.
  await page.getByRole('navigation').getByRole('link', { name: 'Rapports' }).click()
  await page.getByRole('link', { name: 'Ouvrir Entonnoir du pipeline' }).click()
  await expect(page.getByRole('main').getByRole('heading', { level: 2 })).toHaveText('Entonnoir du pipeline')
  await expect(page.getByRole('columnheader', { name: 'Passage à la suivante' })).toBeVisible()
})

test('the interface speaks German and Spanish, and writes dates their way', async ({ page, app }) => {
  const shell = new Shell(page)
  const ladders = new LaddersPage(page)
  await shell.open(app.launchUrl)
  await ladders.openList()
  const updated = page
    .getByRole('row', { name: /Backend Engineering/ })
    .getByRole('cell')
    .last()
  await expect(updated).toHaveText(/^\d{1,2}\/\d{1,2}\/\d{4}$/)
  const [month, day, year] = ((await updated.textContent()) ?? '').split('/')

  await shell.switchLanguage('DE')
  await expect(page.getByRole('heading', { name: 'Karrierestufen' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Neue Rollenfamilie' })).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('lang', 'de')
  await expect(updated).toHaveText(`${day}.${month}.${year}`)

  await shell.switchLanguage('ES')
  await expect(page.getByRole('heading', { name: 'Escalas de puestos' })).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('lang', 'es')
  await expect(updated).toHaveText(`${day}/${month}/${year}`)
  await page.reload()
  await expect(page.getByRole('button', { name: 'Nueva escala' })).toBeVisible()
})

test('deleting a ladder asks for confirmation first', async ({ page, app }) => {
  const shell = new Shell(page)
  const ladders = new LaddersPage(page)
  await shell.open(app.launchUrl)
  await ladders.create('Short-lived', '')
  await page.getByRole('button', { name: 'Delete', exact: true }).click()
  const dialog = page.getByRole('dialog')
  await expect(dialog).toContainText('Delete “Short-lived”?')
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(ladders.heading()).toHaveText('Short-lived')
  await page.getByRole('button', { name: 'Delete', exact: true }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Delete ladder' }).click()
  await expect(page.getByRole('heading', { name: 'Role ladders' })).toBeVisible()
  await expect(page.getByRole('link', { name: 'Short-lived' })).toHaveCount(0)
})
