import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { RequirementRow } from '../db/schema'
import { openTestWorkspace, type TestWorkspace } from '../testing/temp-workspace'
import { AssessmentRepository } from './repository'
import { computeSuggestions, SuggestionMemo } from './suggestion-state'
import { assessmentFixtures } from './testing'

let workspace: TestWorkspace
beforeEach(async () => {
  workspace = await openTestWorkspace()
  await workspace.services.demo.init()
})
afterEach(() => workspace.dispose())

const { item, posting } = assessmentFixtures(() => workspace)
const today = new Date('2026-11-15T10:00:00Z')
const POSTGRES_RESUME = 'EXPERIENCE\nGlobex — Backend Engineer, Jan 2017 – present\n- Payment ledger on Postgres.'
const RUBY_RESUME = 'EXPERIENCE\nInitech — Developer, Jan 2020 – present\n- Rails applications in Ruby.'

async function requirements(): Promise<RequirementRow[]> {
  const created = await posting([
    item('requirement', 'Strong PostgreSQL', { mustHave: true, skills: [{ name: 'PostgreSQL', alternatives: [] }] }),
    item('requirement', '5+ years of backend experience', { minYears: 5 }),
  ])
  return new AssessmentRepository(workspace.context.db).liveRequirements(created.id)
}

describe('remembered suggestions', () => {
  it('are what computing them gives, computed again only when the documents, the wording or the day change', async () => {
    const live = await requirements()
    const memo = new SuggestionMemo()
    const documents = [{ id: 1, sha256: 'a1', text: POSTGRES_RESUME }]
    const first = memo.suggestions(live, documents, today)
    expect(first).toEqual(computeSuggestions(live, documents, today))
    expect(first.some((suggestion) => suggestion.snippet.includes('Postgres'))).toBe(true)
    expect(memo.suggestions(live, [...documents], new Date('2026-11-15T18:00:00Z'))).toBe(first)

    const ruby = [{ id: 1, sha256: 'b2', text: RUBY_RESUME }]
    const changed = memo.suggestions(live, ruby, today)
    expect(changed).toEqual(computeSuggestions(live, ruby, today))
    expect(changed.some((suggestion) => suggestion.snippet.includes('Postgres'))).toBe(false)

    const reworded = live.map((row) => (row.min_years === 5 ? { ...row, min_years: 12 } : row))
    expect(memo.suggestions(reworded, documents, today)).not.toBe(first)
    expect(memo.suggestions(live, documents, new Date('2026-11-16T00:00:00Z'))).not.toBe(first)
  })

  it('keep a bounded number of applications, dropping the least recently used', async () => {
    const live = await requirements()
    const memo = new SuggestionMemo()
    const documents = (n: number) => [{ id: n, sha256: `sha-${n}`, text: POSTGRES_RESUME }]
    const first = memo.suggestions(live, documents(0), today)
    const kept = memo.suggestions(live, documents(1), today)
    for (let n = 2; n <= 499; n++) memo.suggestions(live, documents(n), today)
    expect(memo.suggestions(live, documents(1), today)).toBe(kept)
    memo.suggestions(live, documents(500), today)
    expect(memo.suggestions(live, documents(1), today)).toBe(kept)
    expect(memo.suggestions(live, documents(0), today)).not.toBe(first)
    expect(memo.size).toBe(500)
    memo.clear()
    expect(memo.size).toBe(0)
    expect(memo.suggestions(live, documents(1), today)).not.toBe(kept)
  })
})
