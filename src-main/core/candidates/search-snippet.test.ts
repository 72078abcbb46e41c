import { describe, expect, it } from 'vitest'
import { markMatches, snippetOf } from './search-snippet'

const marked = ({ text, highlights }: { text: string; highlights: [number, number][] }) =>
  highlights.map(([start, end]) => text.slice(start, end))

describe('search snippets', () => {
  it('marks every word that starts with a typed word, whatever its case and accents', () => {
    const name = markMatches('Zoé Élan-Varga', ['zoe', 'VAR'])
    expect(name.text).toBe('Zoé Élan-Varga')
    expect(marked(name)).toEqual(['Zoé', 'Varga'])
    expect(markMatches('Ada Lovelace', ['bob']).highlights).toEqual([])
  })

  it('cuts a few words before the first match and a bounded number after, with an ellipsis where words were left out', () => {
    const text = 'one two three four five six seven kafka eight nine ten eleven twelve'
    const snippet = snippetOf(text, ['kafka'], 6)
    expect(snippet?.text).toBe('…five six seven kafka eight nine…')
    expect(snippet && marked(snippet)).toEqual(['kafka'])
    // Near the start and the end: nothing left out, no ellipsis.
    expect(snippetOf('kafka streams', ['kaf'], 6)?.text).toBe('kafka streams')
  })

  it('splits at punctuation as both indexes do, and says when nothing matched', () => {
    const snippet = snippetOf('elena.varga@example.org | +33 6 12', ['example'], 12)
    expect(snippet && marked(snippet)).toEqual(['example'])
    expect(snippetOf('nothing here', ['kafka'], 12)).toBeNull()
  })
})
