import type { PostingDto } from '@contract'
import { expect, test } from './fixtures'
import { PostingsPage } from './pages/postings'
import { Shell } from './pages/shell'
import { readSeedPosting } from '../src-main/core/testing/seed-posting'

test('a pasted posting is reviewed, saved, edited and reordered, and survives a restart', async ({ page, app }) => {
  const seed = readSeedPosting()
  const lines = seed.split(/\r?\n/)
  const between = (from: string, to: string | null) =>
    lines.slice(lines.indexOf(from) + 1, to === null ? undefined : lines.indexOf(to)).filter((line) => line.trim())
  const shell = new Shell(page)
  const postings = new PostingsPage(page)
  await shell.open(app.launchUrl)

  await postings.pasteAndParse(seed)
  const found = page.getByRole('status', { name: 'Items found' })
  for (const count of ['Responsibility: 12', 'Requirement: 10', 'Nice to have: 2', 'Benefit: 7'])
    await expect(found).toContainText(count)
  await expect(page.getByRole('combobox', { name: 'Target level' })).toHaveValue('Senior Backend Engineer II')
  await expect(page.getByText('Suggested target level: Senior Backend Engineer II')).toBeVisible()
  await expect(page.getByTestId('original-text')).toHaveText(seed)
  // Nothing is saved before the user confirms.
  const beforeSave = JSON.parse(await app.cli('postings', 'list')) as unknown[]
  expect(beforeSave).toHaveLength(1)
  await postings.saveReviewed('Senior Backend Engineer II')

  const responsibilities = between('Job Responsibility:', 'Requirements:')
  expect(await postings.sectionTexts('Responsibilities')).toEqual(responsibilities)
  expect(await postings.sectionTexts('Requirements')).toEqual(between('Requirements:', 'Nice to have:'))
  expect(await postings.sectionTexts('Nice to have')).toEqual(between('Nice to have:', 'What we offer:'))
  expect(await postings.sectionTexts('Benefits')).toEqual(between('What we offer:', null))
  expect(responsibilities).toHaveLength(12)
  await expect(postings.section('Requirements').getByRole('listitem')).toHaveCount(10)
  await expect(postings.section('Nice to have').getByRole('listitem')).toHaveCount(2)
  await expect(postings.section('Benefits').getByRole('listitem')).toHaveCount(7)

  const postgres = 'Strong expertise in PostgreSQL and database design'
  await postings.editText(postgres, 'Strong expertise in PostgreSQL, database design and query tuning')
  const [first, second] = responsibilities
  await postings.moveDown(first!)
  await expect
    .poll(() => postings.sectionTexts('Responsibilities'))
    .toEqual([second, first, ...responsibilities.slice(2)])

  await app.restart()
  await shell.open(app.launchUrl)
  await postings.open('Senior Backend Engineer II')
  await expect
    .poll(() => postings.sectionTexts('Responsibilities'))
    .toEqual([second, first, ...responsibilities.slice(2)])
  await expect(postings.item('Strong expertise in PostgreSQL, database design and query tuning')).toBeVisible()
  await expect(postings.item(postgres)).toHaveCount(0)
  await expect(postings.section('Requirements').getByRole('listitem')).toHaveCount(10)
  await expect(postings.section('Nice to have').getByRole('listitem')).toHaveCount(2)
  await expect(postings.section('Benefits').getByRole('listitem')).toHaveCount(7)
})

test('pasted HTML is shown as text and never runs or loads anything', async ({ page, app }) => {
  const dialogs: string[] = []
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message())
    void dialog.dismiss()
  })
  const foreign: string[] = []
  page.on('request', (request) => {
    if (!request.url().startsWith(app.url) && /^https?:/.test(request.url())) foreign.push(request.url())
  })
  const html = [
    '<h1 onclick="alert(1)">Backend Engineer II</h1>',
    '<p>You will build the order services of a growing shop.</p>',
    '<h2>Requirements</h2>',
    '<ul><li>3+ years with Python<img src="http://127.0.0.1:9/pixel.gif" onerror="window.pwned = 1; alert(2)"></li>',
    '<li onmouseover="alert(3)">Experience with Django</li></ul>',
    '<script>window.pwned = 2; alert(4)</script>',
    '<iframe src="http://127.0.0.1:9/frame"></iframe>',
    '<a href="javascript:alert(5)">Apply</a>',
  ].join('\n')
  const shell = new Shell(page)
  const postings = new PostingsPage(page)
  await shell.open(app.launchUrl)
  await postings.pasteAndParse(html)

  const checkSafe = async () => {
    await expect(page.getByTestId('original-text')).toContainText('<script>window.pwned = 2; alert(4)</script>')
    await expect(page.locator('img[src*="pixel.gif"], iframe, a[href^="javascript:"]')).toHaveCount(0)
    await expect(page.locator('script:not([src])')).toHaveCount(0)
    expect(await page.evaluate(() => 'pwned' in globalThis)).toBe(false)
  }
  await checkSafe()
  await expect(page.getByRole('group', { name: /^Item 1 of Requirements/ }).getByLabel('Text')).toHaveValue(
    '3+ years with Python',
  )
  await expect(page.getByRole('combobox', { name: 'Target level' })).toHaveValue('Backend Engineer II')

  await postings.saveReviewed('Backend Engineer II')
  await expect(postings.item('Experience with Django')).toBeVisible()
  await page.getByRole('button', { name: 'Original text' }).click()
  await checkSafe()
  await postings.item('Experience with Django').hover()
  expect(dialogs).toEqual([])
  expect(foreign).toEqual([])
})

test('the requirements editor works from the keyboard and undoes the last change', async ({ page, app }) => {
  const shell = new Shell(page)
  const postings = new PostingsPage(page)
  await shell.open(app.launchUrl)
  await postings.open('Senior Backend Engineer II — Payments Platform')
  const responsibilities = await postings.sectionTexts('Responsibilities')
  const [first, second, third] = responsibilities

  await postings.item(first!).focus()
  await page.keyboard.press('ArrowDown')
  await expect(postings.item(second!)).toBeFocused()
  await page.keyboard.press('Alt+ArrowDown')
  await expect
    .poll(() => postings.sectionTexts('Responsibilities'))
    .toEqual([first, third, second, ...responsibilities.slice(3)])
  await expect(postings.item(second!)).toBeFocused()
  await page.keyboard.press('Control+z')
  await expect.poll(() => postings.sectionTexts('Responsibilities')).toEqual(responsibilities)

  // Alt+3 moves the item to the third section (nice to have), at its end.
  await postings.item(second!).focus()
  await page.keyboard.press('Alt+3')
  await expect.poll(async () => (await postings.sectionTexts('Nice to have')).at(-1)).toBe(second)
  await page.keyboard.press('Delete')
  await expect(postings.item(second!)).toHaveCount(0)
  await page.getByRole('button', { name: 'Undo' }).click()
  await expect.poll(async () => (await postings.sectionTexts('Nice to have')).at(-1)).toBe(second)
  await expect(page.getByRole('button', { name: 'Undo' })).toBeDisabled()

  const shown = JSON.parse(await app.cli('postings', 'list', '--status', 'open')) as PostingDto[]
  expect(shown.map((posting) => posting.requirementCounts)).toEqual([
    { responsibility: responsibilities.length - 1, requirement: 6, nice_to_have: 3, benefit: 4, other: 2 },
  ])
})

test('a posting from a level starts with the level’s expectations, linked to competencies', async ({ page, app }) => {
  const shell = new Shell(page)
  const postings = new PostingsPage(page)
  await shell.open(app.launchUrl)
  await shell.goTo('Postings')
  await page.getByRole('button', { name: 'New posting from level' }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByRole('combobox', { name: 'Target level' }).click()
  await page.getByRole('option', { name: 'Staff Backend Engineer', exact: true }).click()
  await dialog.getByRole('button', { name: 'Create draft' }).click()
  await expect(postings.heading()).toHaveText('Staff Backend Engineer')
  await expect(postings.section('Responsibilities').getByRole('listitem')).toHaveCount(7)
  await expect(postings.section('Requirements').getByRole('listitem')).toHaveCount(7)
  await expect(
    postings.item('Defines the target architecture for a group of teams and the path to reach it.'),
  ).toContainText('System design')

  await shell.goTo('Postings')
  await page.getByRole('search').getByRole('combobox', { name: 'Status' }).click()
  await page.getByRole('option', { name: 'Draft' }).click()
  await expect(page.getByRole('link', { name: 'Staff Backend Engineer', exact: true })).toBeVisible()
  await expect(page.getByRole('link', { name: 'Senior Backend Engineer II — Payments Platform' })).toHaveCount(0)
})

test('an item is dragged into another section with the mouse, and the move can be undone', async ({ page, app }) => {
  const shell = new Shell(page)
  const postings = new PostingsPage(page)
  await shell.open(app.launchUrl)
  await postings.open('Senior Backend Engineer II — Payments Platform')
  const benefits = await postings.sectionTexts('Benefits')
  const others = await postings.sectionTexts('Other')
  const dragged = benefits[1]!

  await postings.section('Other').scrollIntoViewIfNeeded()
  const handle = postings.item(dragged).getByRole('button', { name: 'Drag to reorder' })
  const from = (await handle.boundingBox())!
  const to = (await postings.section('Other').boundingBox())!
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2)
  await page.mouse.down()
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2 + 10, { steps: 4 })
  await page.mouse.move(to.x + to.width / 2, to.y + to.height - 4, { steps: 25 })
  await page.mouse.up()

  await expect.poll(() => postings.sectionTexts('Other')).toEqual([...others, dragged])
  expect(await postings.sectionTexts('Benefits')).toEqual(benefits.filter((text) => text !== dragged))
  await page.getByRole('button', { name: 'Undo' }).click()
  await expect.poll(() => postings.sectionTexts('Benefits')).toEqual(benefits)
  expect(await postings.sectionTexts('Other')).toEqual(others)
})
