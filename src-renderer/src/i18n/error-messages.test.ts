import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { errorMessages } from '@contract/error-messages'
import { errorCodes } from '@contract/result'
import { describe, expect, it } from 'vitest'

const localesDir = join(import.meta.dirname, 'locales')
const languages = readdirSync(localesDir)
const read = (language: string): Record<string, string> =>
  JSON.parse(readFileSync(join(localesDir, language, 'errors.json'), 'utf8')) as Record<string, string>
const placeholders = (text: string) => (text.match(/\{\{\w+\}\}/g) ?? []).sort()

describe('error messages', () => {
  const keys = Object.keys(errorMessages) as (keyof typeof errorMessages)[]

  it('has a message for every error code, so an error without a more specific key is still translated', () => {
    for (const code of errorCodes) expect(keys).toContain(`code_${code}`)
    for (const key of keys) expect(errorCodes).toContain(errorMessages[key].code)
  })

  /** A message with a singular is stored in the locale files as its plural forms (`_one`, `_other` …). */
  const localeKeys = (key: (typeof keys)[number]) => ('one' in errorMessages[key] ? [`${key}_other`] : [key])
  const isFormOf = (localeKey: string, key: string) =>
    localeKey === key || new RegExp(`^${key}_(zero|one|two|few|many|other)$`).test(localeKey)

  it('says in the English locale file exactly what the core sends on the wire', () => {
    const english = read('en')
    for (const key of keys) {
      const spec: { en: string; one?: string } = errorMessages[key]
      if (spec.one) {
        expect(english[`${key}_one`], key).toBe(spec.one)
        expect(english[`${key}_other`], key).toBe(spec.en)
      } else expect(english[key], key).toBe(spec.en)
    }
    expect(Object.keys(english).filter((localeKey) => !keys.some((key) => isFormOf(localeKey, key)))).toEqual([])
  })

  it.each(languages)('translates every message into %s, with the same parameters', (language) => {
    const translated = read(language)
    for (const key of keys) {
      for (const localeKey of localeKeys(key)) {
        expect(translated[localeKey]?.trim(), `${language}: ${localeKey}`).toBeTruthy()
        expect(placeholders(translated[localeKey] ?? ''), `${language}: ${localeKey}`).toEqual(
          placeholders(errorMessages[key].en),
        )
      }
    }
    expect(Object.keys(translated).filter((localeKey) => !keys.some((key) => isFormOf(localeKey, key)))).toEqual([])
  })

  it('has French that is not the English text left untranslated', () => {
    const french = read('fr')
    const same = keys.filter(
      (key) => french[key] === errorMessages[key].en && placeholders(french[key] ?? '').length === 0,
    )
    expect(same).toEqual([])
  })
})
