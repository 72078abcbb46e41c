import type { ApplicantPageDto, PostingSummaryDto } from '@contract'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tempDir } from '../core/testing/temp-workspace'
import { runCaptured } from './captured'

const dir = tempDir()
let postingId = 0

async function cli(...args: string[]) {
  return runCaptured([...args, '--data-dir', dir.path])
}

interface AssessLine {
  applicationId: number
  candidate: string
  stage: string
  fit: { mustHavesMet: number; mustHavesTotal: number; score: number; knockedOut: boolean }
  requirements: { requirementId: number; text: string; mustHave: boolean; rating: string; evidence: string }[]
}

beforeAll(async () => {
  expect((await cli('demo', 'init')).code).toBe(0)
  const postings = JSON.parse((await cli('postings', 'list')).stdout) as PostingSummaryDto[]
  postingId = postings[0]?.id ?? 0
})
afterAll(() => dir.remove())

describe('applications assess', () => {
  it("prints every applicant of the demo posting with stage, fit and each requirement's rating and evidence", async () => {
    const result = await cli('applications', 'assess', '--posting', String(postingId), '--format', 'json')
    expect(result.code).toBe(0)
    const lines = JSON.parse(result.stdout) as AssessLine[]
    expect(lines).toHaveLength(12)
    expect(lines.map((line) => line.candidate)).toEqual(
      [...lines.map((line) => line.candidate)].sort((a, b) => a.localeCompare(b)),
    )
    const first = lines[0]!
    expect(Object.keys(first)).toEqual([
      'applicationId',
      'candidateId',
      'candidate',
      'stage',
      'status',
      'fit',
      'requirements',
    ])
    expect(first.fit).toEqual({
      mustHavesMet: 0,
      mustHavesTotal: 1,
      score: 0,
      knockedOut: false,
      assessed: 0,
      total: 15,
    })
    expect(first.requirements).toHaveLength(15)
    expect(Object.keys(first.requirements[0]!)).toEqual([
      'requirementId',
      'section',
      'text',
      'mustHave',
      'weight',
      'rating',
      'evidence',
      'source',
      'author',
      'updatedAt',
    ])
    expect(first.requirements.filter((requirement) => requirement.mustHave).map((r) => r.text)).toEqual([
      'You must be able to explain complex technical topics clearly in English',
    ])
    const table = await cli('applications', 'assess', '--posting', String(postingId), '--format', 'table')
    expect(table.stdout.split('\n')[0]).toMatch(/^application\s+candidate\s+stage\s+status\s+mustHaves\s+score/)
  })

  it('refuses a missing or unknown posting', async () => {
    expect((await cli('applications', 'assess')).code).toBe(2)
    expect((await cli('applications', 'assess', '--posting', 'x')).code).toBe(2)
    const unknown = await cli('applications', 'assess', '--posting', '9999')
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toContain('Posting 9999 does not exist')
  })
})

describe('applications suggest', () => {
  it("prints the suggestions from the candidate's résumé, rating nothing", async () => {
    const page = JSON.parse(
      (await cli('applications', 'list', '--posting', String(postingId), '--sort', 'name', '--limit', '1')).stdout,
    ) as ApplicantPageDto
    const application = page.rows[0]!.id
    const result = await cli('applications', 'suggest', '--application', String(application), '--format', 'json')
    expect(result.code).toBe(0)
    const suggestions = JSON.parse(result.stdout) as {
      key: string
      kind: string
      confidence: number
      dismissed: boolean
    }[]
    expect(suggestions.length).toBeGreaterThan(0)
    expect(Object.keys(suggestions[0]!)).toEqual([
      'requirementId',
      'requirement',
      'key',
      'kind',
      'rating',
      'confidence',
      'reason',
      'snippet',
      'documentId',
      'ranges',
      'dismissed',
    ])
    for (const suggestion of suggestions) {
      expect(['skill', 'years', 'degree', 'language']).toContain(suggestion.kind)
      expect(suggestion.confidence).toBeGreaterThan(0)
      expect(suggestion.confidence).toBeLessThanOrEqual(1)
      expect(suggestion.dismissed).toBe(false)
    }
    const assessed = JSON.parse(
      (await cli('applications', 'assess', '--posting', String(postingId))).stdout,
    ) as AssessLine[]
    expect(assessed.find((line) => line.applicationId === application)?.fit.score).toBe(0)
    expect((await cli('applications', 'suggest', '--application', '9999')).code).toBe(1)
  })
})

describe('applications list', () => {
  it('sorts by fit and filters by must-haves and ratings; a bad filter is a usage error', async () => {
    const list = async (...args: string[]) =>
      JSON.parse(
        (await cli('applications', 'list', '--posting', String(postingId), ...args)).stdout,
      ) as ApplicantPageDto
    const byFit = await list('--sort', 'fit', '--desc')
    expect(byFit.total).toBe(12)
    expect(byFit.rows[0]?.fit).toMatchObject({ mustHavesTotal: 1, total: 15 })
    expect((await list('--must-haves', 'all_met')).total).toBe(0)
    expect((await list('--must-haves', 'knocked_out')).total).toBe(0)
    const requirement = (
      JSON.parse((await cli('applications', 'assess', '--posting', String(postingId))).stdout) as AssessLine[]
    )[0]!.requirements[0]!.requirementId
    expect((await list('--at-least', `${requirement}:partial`)).total).toBe(0)
    expect((await list('--sort', 'rating', '--rating-of', String(requirement))).total).toBe(12)
    expect((await cli('applications', 'list', '--posting', String(postingId), '--at-least', 'x:met')).code).toBe(2)
    expect(
      (await cli('applications', 'list', '--posting', String(postingId), '--at-least', `${requirement}:great`)).code,
    ).toBe(2)
    expect((await cli('applications', 'list', '--posting', String(postingId), '--sort', 'rating')).code).toBe(2)
  })
})
