import type { CandidateDetailDto } from '@contract'
import { expect, test } from './fixtures'
import { CandidatesPage } from './pages/candidates'
import { PrivacyPage } from './pages/privacy'
import { Shell } from './pages/shell'

test('the Privacy page lists a candidate past retention and anonymises them after confirmation', async ({
  page,
  app,
}) => {
  // Consent given in 2023 for a year: long past retention, and due.
  const created = JSON.parse(
    await app.cli(
      'candidates',
      'create',
      '--name',
      'Wilhelmina Oyelaran',
      '--email',
      'w.oyelaran@example.org',
      '--basis',
      'consent',
      '--consent-given',
      '2023-01-10',
      '--consent-expires',
      '2024-01-10',
    ),
  ) as CandidateDetailDto
  const shell = new Shell(page)
  const privacy = new PrivacyPage(page)
  await shell.open(app.launchUrl)
  await expect(page.getByRole('navigation').getByLabel('1 candidates past retention')).toBeVisible()
  // Before the erasure, the profile offers a new application, a document and a note.
  await shell.goTo(/^Candidates$/)
  await page.getByRole('main').getByText('Wilhelmina Oyelaran').click()
  const offers = [
    page.getByRole('button', { name: 'Add to posting' }),
    page.getByText('Drop résumés here', { exact: false }),
    page.getByRole('textbox', { name: 'Write a note' }),
  ]
  for (const offer of offers) await expect(offer).toBeVisible()
  await shell.goTo(/Privacy/)
  const row = privacy.row('Wilhelmina Oyelaran')
  await expect(row).toContainText('Due')
  await expect(row).toContainText('Consent expired')

  // Cancelling the confirmation erases nothing.
  await row.getByRole('button', { name: 'Anonymise now' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click()
  await expect(row).toBeVisible()

  await privacy.anonymise('Wilhelmina Oyelaran')
  await expect(page.getByText('Nobody is past the retention period.')).toBeVisible()

  await shell.goTo('Candidates')
  await page.getByRole('main').getByText(`Erased candidate #${created.id}`).click()
  const candidates = new CandidatesPage(page)
  await expect(candidates.heading()).toHaveText(`Erased candidate #${created.id}`)
  await expect(page.getByText(/Erased on/)).toBeVisible()
  await expect(page.getByText('w.oyelaran@example.org')).toHaveCount(0)
  // Nothing is offered that the erasure refuses.
  await expect(page.getByRole('button', { name: 'Edit' })).toBeDisabled()
  for (const offer of offers) await expect(offer).toHaveCount(0)
})
