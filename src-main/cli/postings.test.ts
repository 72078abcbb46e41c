import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { PostingDto, PostingSummaryDto } from '@contract'
import { parsedPostingSchema, type ParsedPosting } from '@contract/posting-parse'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parsePosting } from '../core/postings/parse'
import { tempDir } from '../core/testing/temp-workspace'
import { runCaptured } from './captured'
import { seedPostingPath } from '../core/testing/seed-posting'

const fixtures = join(import.meta.dirname, '..', 'core', 'postings', 'parse', 'fixtures')
const dir = tempDir()
beforeAll(async () => {
  expect((await cli('demo', 'init')).code).toBe(0)
})
afterAll(() => dir.remove())

async function cli(...args: string[]) {
  return cliIn(dir.path, ...args)
}

async function cliIn(dataDir: string, ...args: string[]) {
  return runCaptured([...args, '--data-dir', dataDir])
}

/** The documented JSON: exactly these keys, in this order, at every level. */
function expectStableShape(json: ParsedPosting): void {
  expect(Object.keys(json)).toEqual(['title', 'language', 'summary', 'sections'])
  for (const section of json.sections) {
    expect(Object.keys(section)).toEqual(['heading', 'kind', 'items'])
    for (const item of section.items) {
      expect(Object.keys(item)).toEqual(['text', 'mustHave', 'preferred', 'minYears', 'skills'])
      for (const skill of item.skills) expect(Object.keys(skill)).toEqual(['name', 'alternatives'])
    }
  }
  expect(parsedPostingSchema.parse(json)).toEqual(json)
}

describe('postings parse', () => {
  it('prints only the JSON of a Markdown posting, items without bullets or emphasis', async () => {
    const file = join(fixtures, 'en-markdown.md')
    const untouched = join(dir.path, 'untouched')
    const result = await cliIn(untouched, 'postings', 'parse', file, '--format', 'json')
    expect(result.code).toBe(0)
    // Parsing never opens, creates or migrates a database.
    expect(existsSync(untouched)).toBe(false)
    const json = JSON.parse(result.stdout) as ParsedPosting
    expectStableShape(json)
    expect(json).toEqual(parsePosting(readFileSync(file, 'utf8')))
    const texts = json.sections.flatMap((section) => section.items.map((item) => item.text))
    expect(texts.length).toBeGreaterThan(5)
    for (const text of texts) {
      expect(text).not.toMatch(/^([-*+•]|\d+[.)])\s/)
      expect(text).not.toMatch(/\*\*|__|<\/?[a-z]/i)
      expect(text).toBe(text.replace(/\s+/g, ' ').trim())
    }
  })

  it('parses the shared seed into 12 / 10 / 2 / 7 items', async () => {
    const result = await cli('postings', 'parse', seedPostingPath(), '--format', 'json')
    expect(result.code).toBe(0)
    const json = JSON.parse(result.stdout) as ParsedPosting
    expectStableShape(json)
    const count = (kind: string) =>
      json.sections.filter((section) => section.kind === kind).reduce((sum, section) => sum + section.items.length, 0)
    expect([count('responsibility'), count('requirement'), count('nice_to_have'), count('benefit')]).toEqual([
      12, 10, 2, 7,
    ])
    expect(json.language).toBe('en')
  })

  it('refuses a file above 20 MB with a message on stderr and nothing on stdout', async () => {
    const big = join(dir.path, 'big.txt')
    writeFileSync(big, Buffer.alloc(20 * 1_048_576 + 10, 'a'))
    const result = await cli('postings', 'parse', big)
    expect(result).toMatchObject({ code: 1, stdout: '' })
    expect(result.stderr).toContain('postings up to 20 MB are accepted')
  })
})

describe('postings import, list and show', () => {
  it('imports a posting for the level it names, then lists and shows it', async () => {
    const file = join(dir.path, 'sbe2.txt')
    writeFileSync(
      file,
      [
        'Senior Backend Engineer II',
        'You will own the search backend of our marketplace and lead its next generation.',
        'Responsibilities:',
        'Own the search indexing pipeline',
        'Lead design reviews across two teams',
        'Requirements:',
        '6+ years of experience with backend systems',
        'Strong experience with Elasticsearch or OpenSearch',
        'What we offer:',
        'Four-day weeks in summer',
      ].join('\n'),
    )
    const imported = await cli('postings', 'import', file)
    expect(imported.code).toBe(0)
    const id = JSON.parse(imported.stdout) as number
    expect(Number.isInteger(id)).toBe(true)

    const listed = JSON.parse((await cli('postings', 'list', '--format', 'json')).stdout) as PostingSummaryDto[]
    const entry = listed.find((posting) => posting.id === id)
    expect(entry).toMatchObject({
      levelTitle: 'Senior Backend Engineer II',
      status: 'draft',
      language: 'en',
      requirementCounts: { responsibility: 2, requirement: 2, nice_to_have: 0, benefit: 1, other: 0 },
    })
    const drafts = JSON.parse((await cli('postings', 'list', '--status', 'draft')).stdout) as PostingSummaryDto[]
    expect(drafts.map((posting) => posting.id)).toEqual([id])

    const shown = JSON.parse((await cli('postings', 'show', String(id))).stdout) as PostingDto
    expect(shown.requirements.map((requirement) => [requirement.section, requirement.text])).toEqual([
      ['responsibility', 'Own the search indexing pipeline'],
      ['responsibility', 'Lead design reviews across two teams'],
      ['requirement', '6+ years of experience with backend systems'],
      ['requirement', 'Strong experience with Elasticsearch or OpenSearch'],
      ['benefit', 'Four-day weeks in summer'],
    ])
    expect(shown.requirements[2]?.minYears).toBe(6)
    expect(shown.originalFileName).toBe('sbe2.txt')
  })

  it('saves nothing when no level is named and none is given, and reports usage mistakes', async () => {
    const before = (await cli('postings', 'list')).stdout
    const failed = await cli('postings', 'import', join(fixtures, 'en-seed-like.txt'))
    expect(failed).toMatchObject({ code: 1, stdout: '' })
    expect(failed.stderr).toContain('choose its target level')
    expect((await cli('postings', 'list')).stdout).toBe(before)
    expect(await cli('postings', 'show', 'abc')).toMatchObject({ code: 2 })
    expect(await cli('postings', 'list', '--status', 'archived')).toMatchObject({ code: 2 })
    expect(await cli('postings', 'import', join(fixtures, 'en-seed-like.txt'), '--level', '0')).toMatchObject({
      code: 2,
    })
  })
})
