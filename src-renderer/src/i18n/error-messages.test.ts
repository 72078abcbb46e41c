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

  it('says in the English locale file exactly what the core sends on the wire', () => {
    const english = read('en')
    expect(Object.keys(english).sort()).toEqual([...keys].sort())
    for (const key of keys) expect(english[key], key).toBe(errorMessages[key].en)
  })

  it.each(languages)('translates every message into %s, with the same parameters', (language) => {
    const translated = read(language)
    for (const key of keys) {
      expect(translated[key]?.trim(), `${language}: ${key}`).toBeTruthy()
      expect(placeholders(translated[key] ?? ''), `${language}: ${key}`).toEqual(placeholders(errorMessages[key].en))
    }
    expect(Object.keys(translated).sort()).toEqual([...keys].sort())
  })

  it('has French that is not the English text left untranslated', () => {
    const french = read('fr')
    const same = keys.filter((key) => french[key] === errorMessages[key].en && placeholders(french[key]).length === 0)
    expect(same).toEqual([])
  })
})
