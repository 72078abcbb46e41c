import { describe, expect, it } from 'vitest'
import { identityMatcher, scrubViewState } from './saved-view-scrub'

const matches = identityMatcher({
  name: 'Zoë Lindqvist-Åberg',
  emails: ['zoe.l@example.org'],
  phones: ['+33 6 47 29 18 53'],
})

describe('saved views scrubbed of an erased person', () => {
  it('recognises a name, half an e-mail or a phone however it was typed, and nothing else', () => {
    for (const typed of ['zoe', 'LINDQVIST', 'lindqvist-aberg', 'zoe.l@exa', 'Lindq', '06 47 29 18 53', '647291853'])
      expect(matches(typed), typed).toBe(true)
    for (const typed of ['', 'Go', 'Lindsay', 'postgres', '2024', 'zo']) expect(matches(typed), typed).toBe(false)
  })

  it('blanks only the matching filter values and keeps the rest of the state', () => {
    const state = {
      filters: { text: 'Zoë L', source: 'LinkedIn', atLeast: [{ requirementId: 3, rating: 'met' }] },
      sort: { column: 'name', direction: 'asc' },
      hidden: ['email'],
    }
    expect(JSON.parse(scrubViewState(JSON.stringify(state), matches) ?? 'null')).toEqual({
      ...state,
      filters: { ...state.filters, text: '' },
    })
    const unrelated = { ...state, filters: { ...state.filters, text: 'kafka' } }
    expect(scrubViewState(JSON.stringify(unrelated), matches)).toBeNull()
    expect(scrubViewState('not json', matches)).toBeNull()
  })
})
