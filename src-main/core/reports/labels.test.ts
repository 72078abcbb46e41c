import { describe, expect, it } from 'vitest'
import { labelsFor } from './labels'
import { reportDefinitions } from './registry'

describe('report words', () => {
  it('come from the locale files in each language, with their values filled in', () => {
    expect(labelsFor('en')('calibration.rated', { score: 3 })).toBe('Rated 3')
    expect(labelsFor('fr')('calibration.rated', { score: 3 })).toBe('Noté 3')
    expect(labelsFor('fr')('filters.range', { from: '2026-01-01', to: '2026-02-01' })).toBe('2026-01-01 au 2026-02-01')
  })

  it('insert values as they are, even ones that look like patterns or markup', () => {
    expect(labelsFor('en')('sources.drilldown', { source: "$& $' {{name}} <b>" })).toBe("Source: $& $' {{name}} <b>")
  })

  it('give every report a title and a description in English and French', () => {
    for (const definition of reportDefinitions) {
      for (const text of [definition.title, definition.description]) {
        expect(text.en.length, definition.name).toBeGreaterThan(0)
        expect(text.fr.length, definition.name).toBeGreaterThan(0)
      }
      expect(definition.description.fr, definition.name).not.toBe(definition.description.en)
    }
  })
})
