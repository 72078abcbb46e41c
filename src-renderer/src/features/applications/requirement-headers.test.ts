import { describe, expect, it } from 'vitest'
import { parsePosting } from '../../../../src-main/core/postings/parse/parse-posting'
import { readSeedPosting } from '../../../../src-main/core/testing/seed-posting'
import { HEADER_MAX, requirementHeaders, type HeaderSource } from './requirement-headers'

const assessed = ['responsibility', 'requirement', 'nice_to_have']

function seedSources(): HeaderSource[] {
  const parsed = parsePosting(readSeedPosting())
  return parsed.sections
    .filter((section) => assessed.includes(section.kind))
    .flatMap((section) => section.items)
    .map((item, index) => ({ id: index + 1, text: item.text, skills: item.skills }))
}

const lower = (labels: Iterable<string>) => [...labels].map((label) => label.toLocaleLowerCase())

describe('short requirement headers', () => {
  it('gives every assessed item of the seed posting its own short header', () => {
    const sources = seedSources()
    expect(sources.length).toBeGreaterThanOrEqual(20)
    const headers = requirementHeaders(sources)
    expect([...headers.keys()]).toEqual(sources.map((source) => source.id))
    expect(new Set(lower(headers.values())).size).toBe(sources.length)
    for (const label of headers.values()) {
      expect(label.length).toBeLessThanOrEqual(HEADER_MAX)
      expect(label.trim()).not.toBe('')
    }
    // Two items of the seed name CI/CD first: each keeps the skill and gains a word of its own.
    const ciCd = [...headers.values()].filter((label) => label.startsWith('CI/CD'))
    expect(ciCd).toHaveLength(2)
    expect(ciCd[0]).not.toBe(ciCd[1])
  })

  it('is deterministic: the same list gives the same headers', () => {
    const sources = seedSources()
    expect(requirementHeaders(sources)).toEqual(requirementHeaders(sources.map((source) => ({ ...source }))))
  })

  it('separates made-up collisions: same skill, same opening words, same text, and case-only differences', () => {
    const sources: HeaderSource[] = [
      { id: 1, text: 'Go in production services', skills: [{ name: 'Go' }] },
      { id: 2, text: 'Go for command-line tools', skills: [{ name: 'Go' }] },
      { id: 3, text: 'Strong experience with Kubernetes operators', skills: [] },
      { id: 4, text: 'Strong experience with Kubernetes networking', skills: [] },
      { id: 5, text: 'Mentor juniors', skills: [] },
      { id: 6, text: 'Mentor juniors', skills: [] },
      { id: 7, text: 'Mentor juniors', skills: [] },
      { id: 8, text: 'PostgreSQL tuning', skills: [{ name: 'postgresql' }] },
      { id: 9, text: 'PostgreSQL replication', skills: [{ name: 'PostgreSQL' }] },
      { id: 10, text: 'Very long skill names that cut to the same prefix one', skills: [] },
      { id: 11, text: 'Very long skill names that cut to the same prefix two', skills: [] },
      { id: 12, text: '!!!', skills: [] },
      { id: 13, text: '!!!', skills: [] },
    ]
    const headers = requirementHeaders(sources)
    const labels = sources.map((source) => headers.get(source.id) ?? '')
    expect(new Set(lower(labels)).size).toBe(sources.length)
    for (const label of labels) expect(label.length).toBeLessThanOrEqual(HEADER_MAX)
    expect(headers.get(1)).toBe('Go production')
    expect(headers.get(2)).toBe('Go command-line')
    expect(headers.get(3)).toMatch(/^Kubernetes o/)
    expect(headers.get(4)).toMatch(/^Kubernetes n/)
    // Identical texts have no word of their own: numbered in list order, the first unnumbered.
    expect([headers.get(5), headers.get(6), headers.get(7)]).toEqual([
      'Mentor juniors',
      'Mentor juniors 2',
      'Mentor juniors 3',
    ])
  })

  it('stays unique for a long posting whose items all start alike', () => {
    const sources = Array.from({ length: 60 }, (_, index) => ({
      id: index + 100,
      text: `Experience with distributed systems ${index % 3 === 0 ? 'and queues' : ''}`,
      skills: index % 2 === 0 ? [{ name: 'Kafka' }] : [],
    }))
    const labels = [...requirementHeaders(sources).values()]
    expect(new Set(lower(labels)).size).toBe(60)
  })
})
