import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const localesDir = join(import.meta.dirname, 'locales')

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix]
  return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key))
}

const read = (language: string, file: string): unknown =>
  JSON.parse(readFileSync(join(localesDir, language, file), 'utf8'))

describe('translations', () => {
  const files = readdirSync(join(localesDir, 'en'))
  it.each(files)('%s has the same keys in English and French, none empty', (file) => {
    const en = read('en', file)
    const fr = read('fr', file)
    expect(keys(fr).sort()).toEqual(keys(en).sort())
    const empty = (value: unknown): boolean =>
      typeof value === 'string' ? value.trim() === '' : Object.values(value as object).some(empty)
    expect(empty(en) || empty(fr)).toBe(false)
  })

  it('keeps the same interpolation variables in both languages', () => {
    for (const file of files) {
      const variables = (value: unknown) =>
        JSON.stringify(value)
          .match(/\{\{\w+\}\}/g)
          ?.sort() ?? []
      expect(variables(read('fr', file)), file).toEqual(variables(read('en', file)))
    }
  })
})
