import { contract } from '@contract'
import i18next from 'i18next'
import { beforeAll, describe, expect, it } from 'vitest'
import { AppError } from '../../../src-main/core/errors'
import { validationError } from '../../../src-main/core/validation'
import en from '../i18n/locales/en/errors.json'
import fr from '../i18n/locales/fr/errors.json'
import { errorText, issueText } from './error-text'

// The app's own locale files, in an instance like the app's (same namespace, same interpolation).
const i18n = i18next.createInstance()

function refusal(input: unknown) {
  const parsed = contract.candidates.create.input.safeParse(input)
  if (parsed.success) throw new Error('expected a refusal')
  return validationError(parsed.error)
}

describe('errors shown in the renderer', () => {
  beforeAll(async () => {
    await i18n.init({
      resources: { en: { errors: en }, fr: { errors: fr } },
      lng: 'fr',
      fallbackLng: 'en',
      ns: ['errors'],
      interpolation: { escapeValue: false },
    })
  })

  it("shows a service's error in French, with its parameters", async () => {
    await i18n.changeLanguage('fr')
    const error = AppError.of('posting_closed_for_candidates', { title: 'Ingénieur backend' }).toDto()
    expect(error.message).toBe('"Ingénieur backend" is closed: reopen it before adding candidates.')
    expect(errorText(i18n, error)).toBe(
      '« Ingénieur backend » est clôturée : rouvrez-la avant d’ajouter des candidats.',
    )
  })

  it('says one problem and two problems, on the wire and in French', async () => {
    const params = { file: 'export.csv', path: 'line 3', detail: 'x' }
    const one = AppError.of('csv_problems', { ...params, count: 1 }).toDto()
    const two = AppError.of('csv_problems', { ...params, count: 2 }).toDto()
    expect(one.message).toBe('1 problem in export.csv; nothing was imported. First: line 3: x')
    expect(two.message).toBe('2 problems in export.csv; nothing was imported. First: line 3: x')
    await i18n.changeLanguage('fr')
    expect(errorText(i18n, one)).toBe('1 problème dans export.csv ; rien n’a été importé. Premier : line 3 : x')
    expect(errorText(i18n, two)).toBe('2 problèmes dans export.csv ; rien n’a été importé. Premier : line 3 : x')
    await i18n.changeLanguage('en')
    expect(errorText(i18n, two)).toBe(two.message)
  })

  it('shows a validation error of the contract in French, field by field', async () => {
    await i18n.changeLanguage('fr')
    const error = refusal({ name: 'x'.repeat(201), emails: ['nope'] })
    expect(error.message).toMatch(/^name: Too long/)
    expect(errorText(i18n, error)).toBe('name : Trop long (au plus 200 caractères)')
    expect(error.issues?.map((issue) => issueText(i18n, issue))).toEqual([
      'Trop long (au plus 200 caractères)',
      'Ce n’est pas une adresse e-mail',
    ])
  })

  it('shows an error without a key as the words of its code in French, and as sent in English', async () => {
    const error = new AppError('conflict', 'Something specific happened.').toDto()
    await i18n.changeLanguage('fr')
    expect(errorText(i18n, error)).toBe('Cela entre en conflit avec les données actuelles.')
    await i18n.changeLanguage('en')
    expect(errorText(i18n, error)).toBe('Something specific happened.')
    expect(errorText(i18n, AppError.of('candidate_not_found', { id: 7 }).toDto())).toBe('Candidate 7 does not exist.')
  })
})
