import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const localesDir = join(import.meta.dirname, 'locales')
const files = readdirSync(join(localesDir, 'en'))
const translations = readdirSync(localesDir).filter((language) => language !== 'en')
const PLURAL = /_(zero|one|two|few|many|other)$/

/** Every string of a locale file, by its dotted key. */
function strings(value: unknown, prefix = ''): Map<string, string> {
  if (typeof value === 'string') return new Map([[prefix, value]])
  return new Map(
    Object.entries(value as object).flatMap(([key, child]) => [...strings(child, prefix ? `${prefix}.${key}` : key)]),
  )
}

const read = (language: string, file: string) =>
  strings(JSON.parse(readFileSync(join(localesDir, language, file), 'utf8')))

/**
 * The keys a language must have: English's, with each plural key in the forms the language's plural rules use
 * (Spanish has a "many" form, for millions). French predates this rule: its "many" form falls back to English.
 */
function expectedKeys(language: string, english: Map<string, string>): string[] {
  const forms = new Intl.PluralRules(language)
    .resolvedOptions()
    .pluralCategories.filter((form) => !(language === 'fr' && form === 'many'))
  const keys = new Set<string>()
  for (const key of english.keys()) {
    // A plural key has its "other" form beside it; a plain key that merely ends like one (v_too_many) is not plural.
    if (PLURAL.test(key) && english.has(key.replace(PLURAL, '_other')))
      for (const form of forms) keys.add(key.replace(PLURAL, `_${form}`))
    else keys.add(key)
  }
  return [...keys].sort()
}

const variables = (text: string) => (text.match(/\{\{[^}]+\}\}/g) ?? []).sort()

describe('translations', () => {
  it('include German and Spanish beside English and French', () => {
    expect(translations.sort()).toEqual(['de', 'es', 'fr'])
  })

  describe.each(translations)('%s', (language) => {
    it.each(files)('%s has every key of the English file, in its own plural forms, none empty', (file) => {
      const english = read('en', file)
      const translated = read(language, file)
      expect([...translated.keys()].sort()).toEqual(expectedKeys(language, english))
      expect([...translated].filter(([, text]) => text.trim() === '').map(([key]) => key)).toEqual([])
    })

    it.each(files)('%s keeps the placeholders of each English string', (file) => {
      const english = read('en', file)
      for (const [key, text] of read(language, file)) {
        const source = english.get(key) ?? english.get(key.replace(PLURAL, '_other'))
        expect(variables(text), `${language}/${file}: ${key}`).toEqual(variables(source ?? ''))
      }
    })
  })
})
