import { describe, expect, it } from 'vitest'
import { parsePosting } from './parse-posting'
import { suggestLevel } from './suggest-level'
import { readFixture } from './test-support'

const ladder = [
  { id: 1, title: 'Backend Engineer I' },
  { id: 2, title: 'Backend Engineer II' },
  { id: 3, title: 'Senior Backend Engineer I' },
  { id: 4, title: 'Senior Backend Engineer II' },
  { id: 5, title: 'Staff Backend Engineer' },
]

describe('suggestLevel', () => {
  it('prefers the longest level title that appears', () => {
    expect(suggestLevel('# Senior Backend Engineer II\n\n## Requirements\n- Ruby', ladder)).toEqual({
      id: 4,
      title: 'Senior Backend Engineer II',
    })
  })

  it('tolerates case, roman numerals and digits', () => {
    expect(suggestLevel('# senior backend engineer 2', ladder)?.id).toBe(4)
    expect(suggestLevel('# Backend Engineer 1', ladder)?.id).toBe(1)
  })

  it('does not confuse level I with level II', () => {
    expect(suggestLevel('# Senior Backend Engineer I', ladder)?.id).toBe(3)
  })

  it('lets the title win over a level named later in the text', () => {
    const text = '# Backend Engineer II\n\nYou will work with our Staff Backend Engineer on the billing platform.'
    expect(suggestLevel(text, ladder)?.id).toBe(2)
  })

  it('finds the level in the summary when there is no title', () => {
    const parsed = parsePosting(readFixture('en-seed-like.txt'))
    expect(
      suggestLevel(parsed, [
        { id: 7, title: 'Data Engineer I' },
        { id: 8, title: 'Staff Data Engineer I' },
      ]),
    ).toEqual({ id: 8, title: 'Staff Data Engineer I' })
  })

  it('returns null when no level title appears, for an empty ladder and for empty text', () => {
    expect(suggestLevel('# Product Designer', ladder)).toBeNull()
    expect(suggestLevel('# Senior Backend Engineer II', [])).toBeNull()
    expect(suggestLevel('', ladder)).toBeNull()
  })
})
