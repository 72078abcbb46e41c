import type { AssessmentSheetDto, PostingDto } from '@contract'
import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { dispatch } from '../../dispatch'
import { fixedClock } from '../clock'
import { openTestWorkspace, type TestWorkspace } from '../testing/temp-workspace'
import { AssessmentService } from './service'
import { assessmentFixtures } from './testing'

let workspace: TestWorkspace
beforeEach(async () => {
  workspace = await openTestWorkspace()
  await workspace.services.demo.init()
})
afterEach(() => workspace.dispose())

const { item, posting, candidate, apply, historyCount } = assessmentFixtures(() => workspace)
const assessments = () => workspace.services.assessments
const today = new Date('2026-11-15T00:00:00Z')

const RESUME = [
  'Ada Moreau',
  'EXPERIENCE',
  'Globex — Backend Engineer, Jan 2017 – present',
  '- Payment ledger on Postgres; workers in Go; queues on RabbitMQ.',
  'EDUCATION',
  'MSc Computer Science, 2015',
  'LANGUAGES',
  'English C1',
].join('\n')

/** Three weighted items, two of them must-haves. */
async function threeItemPosting(): Promise<PostingDto> {
  return posting([
    item('requirement', 'Strong PostgreSQL', {
      mustHave: true,
      weight: 3,
      skills: [{ name: 'PostgreSQL', alternatives: [] }],
    }),
    item('requirement', '8+ years of backend experience', { mustHave: true, weight: 2, minYears: 8 }),
    item('nice_to_have', 'Kafka or RabbitMQ', {
      weight: 1,
      skills: [{ name: 'Kafka', alternatives: ['RabbitMQ'] }],
    }),
    item('benefit', 'Remote budget'),
  ])
}

const itemOf = (sheet: AssessmentSheetDto, text: string) => {
  const found = sheet.items.find((entry) => entry.requirement.text === text)
  if (!found) throw new Error(`no item "${text}"`)
  return found
}

// These go through the candidates' merge (`INSERT OR IGNORE`) or list (FTS5) queries, which run on SQLite only
// until the candidates' repository is ported (issue 15, the candidates part); this domain's own merge and list
// queries run on both.

describe('assessment sheet', () => {
  it('lists every live assessed requirement unrated, with the résumé and suggestions', async () => {
    const p = await threeItemPosting()
    const application = await apply(await candidate('Ada Moreau', RESUME), p.id)
    const sheet = await assessments().sheet(application)
    expect(sheet.items.map((entry) => entry.requirement.text)).toEqual([
      'Strong PostgreSQL',
      '8+ years of backend experience',
      'Kafka or RabbitMQ',
    ])
    expect(sheet.items.every((entry) => entry.assessment.rating === 'unknown' && entry.assessment.version === 0)).toBe(
      true,
    )
    expect(sheet.documents).toHaveLength(1)
    expect(sheet.documents[0]?.text).toContain('Postgres')
    expect(sheet.fit).toEqual({
      mustHavesMet: 0,
      mustHavesTotal: 2,
      score: 0,
      knockedOut: false,
      assessed: 0,
      total: 3,
    })
    expect(itemOf(sheet, 'Strong PostgreSQL').suggestions).toMatchObject([
      { key: 'skills', rating: 'met', snippet: '- Payment ledger on Postgres; workers in Go; queues on RabbitMQ.' },
    ])
    expect(itemOf(sheet, 'Kafka or RabbitMQ').suggestions[0]?.detail).toMatchObject({
      matches: [{ skill: 'Kafka', found: 'RabbitMQ', via: 'alternative' }],
    })
  })

  it('makes rows for requirements added after the application and applications added after the requirements', async () => {
    const p = await threeItemPosting()
    const first = await apply(await candidate('A'), p.id)
    const added = await workspace.services.postings.addRequirement({
      postingId: p.id,
      section: 'responsibility',
      text: 'Own the ledger',
      mustHave: false,
      preferred: false,
      minYears: null,
      skills: [],
      competencyId: null,
    })
    const second = await apply(await candidate('B'), p.id)
    for (const application of [first, second]) {
      const sheet = await assessments().sheet(application)
      expect(sheet.items.map((entry) => entry.requirement.id)).toContain(added.requirement.id)
      expect(sheet.fit.total).toBe(4)
    }
  })
})

describe('rating', () => {
  it('sets rating, evidence, source and author, keeps the change in history and the activity log', async () => {
    const p = await threeItemPosting()
    const me = (await workspace.services.workspace.me())!
    const application = await apply(await candidate('Ada'), p.id)
    const requirementId = p.requirements[0]!.id
    const result = await assessments().rate({
      applicationId: application,
      requirementId,
      rating: 'met',
      evidence: '  Ran Postgres for six years.\r\n',
      source: 'screen',
      expectedVersion: 0,
    })
    expect(result.item.assessment).toMatchObject({
      rating: 'met',
      evidence: 'Ran Postgres for six years.',
      source: 'screen',
      authorId: me.id,
      authorName: me.name,
      version: 1,
    })
    expect(result.item.history).toMatchObject([
      {
        from: 'unknown',
        to: 'met',
        evidenceBefore: '',
        evidenceAfter: 'Ran Postgres for six years.',
        personName: me.name,
      },
    ])
    const again = await assessments().rate({
      applicationId: application,
      requirementId,
      rating: 'partial',
      evidence: 'Ran Postgres for six years.',
      source: 'screen',
      expectedVersion: 1,
    })
    expect(again.item.history.map((change) => [change.from, change.to])).toEqual([
      ['met', 'partial'],
      ['unknown', 'met'],
    ])
    const log = await workspace.context.db
      .selectFrom('activity')
      .select(['action', 'detail'])
      .where('entity_type', '=', 'application')
      .where('entity_id', '=', application)
      .orderBy('id')
      .execute()
    expect(log.map((row) => [row.action, JSON.parse(row.detail) as unknown])).toEqual([
      ['assessment_rated', { requirementId, from: 'unknown', to: 'met', evidenceChanged: true }],
      ['assessment_rated', { requirementId, from: 'met', to: 'partial' }],
    ])
  })

  it('records nothing for a write that changes nothing', async () => {
    const p = await threeItemPosting()
    const application = await apply(await candidate('Ada'), p.id)
    const input = {
      applicationId: application,
      requirementId: p.requirements[0]!.id,
      rating: 'met' as const,
      evidence: 'Yes',
      source: 'resume' as const,
    }
    await assessments().rate({ ...input, expectedVersion: 0 })
    const same = await assessments().rate({ ...input, expectedVersion: 1 })
    expect(same.item.assessment.version).toBe(1)
    expect(await historyCount()).toBe(1)
  })

  it('records no source for a rating without evidence (issue 17, item 7)', async () => {
    const p = await threeItemPosting()
    const application = await apply(await candidate('Ada'), p.id)
    const requirementId = p.requirements[0]!.id
    const byKey = await assessments().rate({
      applicationId: application,
      requirementId,
      rating: 'partial',
      evidence: '   ',
      source: 'resume',
      expectedVersion: 0,
    })
    expect(byKey.item.assessment).toMatchObject({ rating: 'partial', evidence: '', source: null })
    const explained = await assessments().rate({
      applicationId: application,
      requirementId,
      rating: 'partial',
      evidence: 'Ran the payroll migration.',
      source: 'screen',
      expectedVersion: 1,
    })
    expect(explained.item.assessment.source).toBe('screen')
  })

  it('refuses a requirement of another posting, an archived one, a benefit and a missing application', async () => {
    const p = await threeItemPosting()
    const other = await posting([item('requirement', 'Elsewhere')], 'Other posting')
    const application = await apply(await candidate('Ada'), p.id)
    const rate = (requirementId: number, applicationId = application) =>
      assessments().rate({
        applicationId,
        requirementId,
        rating: 'met',
        evidence: '',
        source: 'resume',
        expectedVersion: 0,
      })
    await expect(rate(other.requirements[0]!.id)).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('another posting') as string,
      issues: [{ path: 'requirementId', message: 'a requirement of another posting' }],
    })
    const benefit = (await workspace.services.postings.get(p.id)).requirements.find((r) => r.section === 'benefit')!
    await expect(rate(benefit.id)).rejects.toMatchObject({ code: 'invalid_input' })
    await expect(rate(999_999)).rejects.toMatchObject({ code: 'not_found' })
    await expect(rate(p.requirements[0]!.id, 999_999)).rejects.toMatchObject({ code: 'not_found' })
    expect(await historyCount()).toBe(0)
  })

  it('refuses evidence of 1 MB at the boundary with a clear error, and keeps what was saved', async () => {
    const p = await threeItemPosting()
    const application = await apply(await candidate('Ada'), p.id)
    const requirementId = p.requirements[0]!.id
    const call = (input: unknown) => dispatch('assessments:rate', input, { services: workspace.services })
    const saved = await call({
      applicationId: application,
      requirementId,
      rating: 'met',
      evidence: 'Kept',
      expectedVersion: 0,
    })
    expect(saved.ok).toBe(true)
    const huge = await call({
      applicationId: application,
      requirementId,
      rating: 'exceeds',
      evidence: 'x'.repeat(1_048_576),
      expectedVersion: 1,
    })
    expect(huge).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        message: expect.stringMatching(/evidence: The evidence is too long \(at most 20,000 characters\)/) as string,
      },
    })
    const sheet = await assessments().sheet(application)
    expect(itemOf(sheet, 'Strong PostgreSQL').assessment).toMatchObject({ rating: 'met', evidence: 'Kept', version: 1 })
    // The database refuses it too, whatever the caller.
    await expect(
      sql`UPDATE assessments SET evidence = ${'y'.repeat(20_001)} WHERE application_id = ${application}`.execute(
        workspace.context.db,
      ),
    ).rejects.toThrow(/CHECK constraint failed|violates check constraint "assessments_evidence_check"/)
  })

  it('turns a stale write from a second window into a conflict naming who changed it; nothing is lost', async () => {
    const p = await threeItemPosting()
    const application = await apply(await candidate('Ada'), p.id)
    const requirementId = p.requirements[0]!.id
    const seen = itemOf(await assessments().sheet(application), 'Strong PostgreSQL').assessment.version
    const me = (await workspace.services.workspace.me())!
    await assessments().rate({
      applicationId: application,
      requirementId,
      rating: 'met',
      evidence: 'First window',
      source: 'screen',
      expectedVersion: seen,
    })
    await expect(
      assessments().rate({
        applicationId: application,
        requirementId,
        rating: 'not_met',
        evidence: 'Second window',
        source: 'interview',
        expectedVersion: seen,
      }),
    ).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining(`${me.name} changed this rating meanwhile (now met`) as string,
    })
    const after = itemOf(await assessments().sheet(application), 'Strong PostgreSQL')
    expect(after.assessment).toMatchObject({ rating: 'met', evidence: 'First window', version: 1 })
    expect(after.history).toHaveLength(1)
    // Two writes racing in one process: one wins, the other is refused.
    const race = await Promise.allSettled(
      ['partial', 'exceeds'].map((rating) =>
        assessments().rate({
          applicationId: application,
          requirementId,
          rating: rating as 'partial' | 'exceeds',
          evidence: rating,
          source: 'screen',
          expectedVersion: 1,
        }),
      ),
    )
    expect(race.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected'])
    expect(itemOf(await assessments().sheet(application), 'Strong PostgreSQL').history).toHaveLength(2)
  })

  it('keeps history append-only', async () => {
    const p = await threeItemPosting()
    const application = await apply(await candidate('Ada'), p.id)
    await assessments().rate({
      applicationId: application,
      requirementId: p.requirements[0]!.id,
      rating: 'met',
      evidence: '',
      source: 'resume',
      expectedVersion: 0,
    })
    const db = workspace.context.db
    await expect(sql`UPDATE assessment_history SET to_rating = 4`.execute(db)).rejects.toThrow(/append-only/)
    await expect(sql`DELETE FROM assessment_history`.execute(db)).rejects.toThrow(/append-only/)
  })
})

describe('fit', () => {
  it('counts must-haves, weighs the score, flags a knock-out and follows requirement changes', async () => {
    const p = await threeItemPosting()
    const [postgres, years, queues] = p.requirements.filter((r) => r.section !== 'benefit')
    const application = await apply(await candidate('Ada'), p.id)
    const versions = new Map<number, number>()
    const rate = async (requirementId: number, rating: 'unknown' | 'not_met' | 'partial' | 'met' | 'exceeds') => {
      const result = await assessments().rate({
        applicationId: application,
        requirementId,
        rating,
        evidence: '',
        source: 'screen',
        expectedVersion: versions.get(requirementId) ?? 0,
      })
      versions.set(requirementId, result.item.assessment.version)
      return result.fit
    }
    // Weights 3, 2, 1: Σ weight × 2 = 12.
    expect(await rate(postgres!.id, 'met')).toEqual({
      mustHavesMet: 1,
      mustHavesTotal: 2,
      score: 50,
      knockedOut: false,
      assessed: 1,
      total: 3,
    })
    expect(await rate(years!.id, 'partial')).toMatchObject({ mustHavesMet: 1, score: 66.7 })
    expect(await rate(queues!.id, 'exceeds')).toMatchObject({ score: 91.7, assessed: 3 })
    expect(await rate(years!.id, 'not_met')).toMatchObject({ mustHavesMet: 1, knockedOut: true, score: 75 })
    expect(await rate(years!.id, 'exceeds')).toMatchObject({ mustHavesMet: 2, knockedOut: false, score: 125 })

    const fitNow = async () => (await assessments().sheet(application)).fit
    // Weight 0 takes an item out of the score; the must-have flag moves with the requirement.
    await workspace.services.postings.updateRequirement({ ...years!, weight: 0, mustHave: false })
    expect(await fitNow()).toMatchObject({ mustHavesMet: 1, mustHavesTotal: 1, score: 112.5 })
    await workspace.services.postings.moveRequirement({ id: queues!.id, section: 'benefit', position: 0 })
    expect(await fitNow()).toMatchObject({ score: 100, total: 2 })
  })

  it('is kept for every application of a posting in the same transaction as the requirement change', async () => {
    const p = await threeItemPosting()
    const apps = [await apply(await candidate('A'), p.id), await apply(await candidate('B'), p.id)]
    for (const application of apps) {
      await assessments().rate({
        applicationId: application,
        requirementId: p.requirements[0]!.id,
        rating: 'met',
        evidence: '',
        source: 'screen',
        expectedVersion: 0,
      })
    }
    await workspace.services.postings.addRequirement({
      postingId: p.id,
      section: 'requirement',
      text: 'Heavier item',
      weight: 5,
      mustHave: true,
      preferred: false,
      minYears: null,
      skills: [],
      competencyId: null,
    })
    const rows = await workspace.context.db
      .selectFrom('application_fit')
      .selectAll()
      .where('posting_id', '=', p.id)
      .orderBy('application_id')
      .execute()
    // Σ weight × 2 = (3 + 2 + 1 + 5) × 2 = 22; met on weight 3 = 6 points.
    expect(rows.map((row) => [row.application_id, row.score, row.must_met])).toEqual([
      [apps[0], 27.3, 1],
      [apps[1], 27.3, 1],
    ])
  })
})

describe('removing a rated requirement', () => {
  it('archives it with its ratings and history, leaves it out of the fit, and restores it on undo', async () => {
    const p = await threeItemPosting()
    const application = await apply(await candidate('Ada'), p.id)
    const [postgres, , queues] = p.requirements
    await assessments().rate({
      applicationId: application,
      requirementId: postgres!.id,
      rating: 'not_met',
      evidence: 'No database work',
      source: 'screen',
      expectedVersion: 0,
    })
    expect((await assessments().sheet(application)).fit.knockedOut).toBe(true)

    const removed = await workspace.services.postings.removeRequirement(postgres!.id)
    expect(removed.archived).toBe(true)
    expect(removed.requirements.map((r) => r.id)).not.toContain(postgres!.id)
    expect(
      (await workspace.services.postings.get(p.id)).requirements.filter((r) => r.section === 'requirement'),
    ).toMatchObject([{ position: 0 }])
    const sheet = await assessments().sheet(application)
    expect(sheet.fit).toMatchObject({ knockedOut: false, mustHavesTotal: 1, total: 2 })
    const archived = itemOf(sheet, 'Strong PostgreSQL')
    expect(archived).toMatchObject({ archived: true, assessment: { rating: 'not_met', evidence: 'No database work' } })
    expect(archived.history).toHaveLength(1)
    await expect(
      assessments().rate({
        applicationId: application,
        requirementId: postgres!.id,
        rating: 'met',
        evidence: '',
        source: 'screen',
        expectedVersion: 1,
      }),
    ).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('removed') as string })

    // A requirement nobody was rated on is deleted outright, with its empty rows.
    const gone = await workspace.services.postings.removeRequirement(queues!.id)
    expect(gone.archived).toBe(false)
    const leftover = await workspace.context.db
      .selectFrom('assessments')
      .select('id')
      .where('requirement_id', '=', queues!.id)
      .execute()
    expect(leftover).toEqual([])

    const restored = await workspace.services.postings.restoreRequirement({ id: postgres!.id, position: 0 })
    expect(restored.requirements.filter((r) => r.section === 'requirement').map((r) => r.text)).toEqual([
      'Strong PostgreSQL',
      '8+ years of backend experience',
    ])
    const back = await assessments().sheet(application)
    expect(itemOf(back, 'Strong PostgreSQL')).toMatchObject({ archived: false, assessment: { rating: 'not_met' } })
    expect(back.fit.knockedOut).toBe(true)
    await expect(workspace.services.postings.restoreRequirement({ id: postgres!.id })).rejects.toMatchObject({
      code: 'conflict',
    })
  })
})

describe('suggestions', () => {
  it('accepting fills rating, evidence and source in one change; the suggestion then goes away', async () => {
    const p = await threeItemPosting()
    const application = await apply(await candidate('Ada Moreau', RESUME), p.id)
    const requirementId = p.requirements[0]!.id
    const result = await assessments().acceptSuggestion({
      applicationId: application,
      requirementId,
      key: 'skills',
      expectedVersion: 0,
    })
    expect(result.item.assessment).toMatchObject({
      rating: 'met',
      evidence: '- Payment ledger on Postgres; workers in Go; queues on RabbitMQ.',
      source: 'resume',
      version: 1,
    })
    expect(result.item.history[0]).toMatchObject({ from: 'unknown', to: 'met', suggestionKey: 'skills' })
    expect(result.item.suggestions).toEqual([])
    expect(result.fit.mustHavesMet).toBe(1)
    // Accepting keeps what a person wrote before, and adds the quote after it.
    const years = p.requirements[1]!.id
    await assessments().rate({
      applicationId: application,
      requirementId: years,
      rating: 'partial',
      evidence: 'Screen: 7 years',
      source: 'screen',
      expectedVersion: 0,
    })
    const accepted = await assessments().acceptSuggestion({
      applicationId: application,
      requirementId: years,
      key: 'years',
      expectedVersion: 1,
    })
    expect(accepted.item.assessment.evidence).toBe('Screen: 7 years\n\nGlobex — Backend Engineer, Jan 2017 – present')
    expect(accepted.item.assessment.rating).toBe('met')
  })

  it('refuses a suggestion that no longer applies, or a stale version', async () => {
    const p = await threeItemPosting()
    const application = await apply(await candidate('Ada Moreau', RESUME), p.id)
    const requirementId = p.requirements[0]!.id
    await expect(
      assessments().acceptSuggestion({ applicationId: application, requirementId, key: 'degree', expectedVersion: 0 }),
    ).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('no longer applies') as string })
    await assessments().rate({
      applicationId: application,
      requirementId,
      rating: 'partial',
      evidence: '',
      source: 'screen',
      expectedVersion: 0,
    })
    await expect(
      assessments().acceptSuggestion({ applicationId: application, requirementId, key: 'skills', expectedVersion: 0 }),
    ).rejects.toMatchObject({ code: 'conflict' })
  })

  it('a dismissed suggestion stays dismissed until the résumé or the requirement changes', async () => {
    const p = await threeItemPosting()
    const candidateId = await candidate('Ada Moreau', RESUME)
    const application = await apply(candidateId, p.id)
    const requirement = p.requirements[0]!
    const pendingKeys = async () =>
      itemOf(await assessments().sheet(application), requirement.text).suggestions.map((s) => s.key)
    expect(await pendingKeys()).toEqual(['skills'])
    const dismissed = await assessments().dismissSuggestion({
      applicationId: application,
      requirementId: requirement.id,
      key: 'skills',
    })
    expect(dismissed.item.suggestions).toEqual([])
    // The view tells an item whose suggestion was dismissed from one where nothing was found.
    expect(dismissed.item.dismissedSuggestions).toBe(1)
    expect(itemOf(await assessments().sheet(application), p.requirements[1]!.text).dismissedSuggestions).toBe(0)
    expect(await historyCount()).toBe(0)
    expect(
      (await assessments().suggestions(application)).find((s) => s.requirementId === requirement.id),
    ).toMatchObject({
      dismissed: true,
    })

    // The requirement's text changes: the suggestion is back.
    await workspace.services.postings.updateRequirement({ ...requirement, text: 'Strong PostgreSQL and schema design' })
    expect(
      itemOf(await assessments().sheet(application), 'Strong PostgreSQL and schema design').suggestions.map(
        (s) => s.key,
      ),
    ).toEqual(['skills'])
    expect(
      itemOf(await assessments().sheet(application), 'Strong PostgreSQL and schema design').dismissedSuggestions,
    ).toBe(0)
    await assessments().dismissSuggestion({ applicationId: application, requirementId: requirement.id, key: 'skills' })
    expect(itemOf(await assessments().sheet(application), 'Strong PostgreSQL and schema design').suggestions).toEqual(
      [],
    )

    // A new résumé: back again.
    await workspace.services.candidates.attachDocument({
      candidateId,
      fileName: 'cover-letter.txt',
      bytes: new TextEncoder().encode('I have run PostgreSQL clusters since 2015.'),
    })
    expect(
      itemOf(await assessments().sheet(application), 'Strong PostgreSQL and schema design').suggestions.map(
        (s) => s.key,
      ),
    ).toEqual(['skills'])
  })

  it('uses the clock it is given for "present"', async () => {
    const p = await threeItemPosting()
    const application = await apply(await candidate('Ada Moreau', RESUME), p.id)
    const at = (time: Date | string) =>
      new AssessmentService({ ...workspace.context, clock: fixedClock(time) }, workspace.services.workspace)
    const fixed = at(today)
    const later = at('2030-01-15T00:00:00Z')
    const years = async (service: AssessmentService) =>
      (await service.suggestions(application)).find((s) => s.key === 'years')?.detail
    expect(await years(fixed)).toMatchObject({ years: 9.9 })
    expect(await years(later)).toMatchObject({ years: 13.1 })
  })
})

describe('compare and report', () => {
  it('puts must-haves first and refuses applicants of other postings', async () => {
    const p = await posting([
      item('responsibility', 'Own the ledger'),
      item('requirement', 'PostgreSQL', { mustHave: true }),
      item('requirement', 'Go'),
    ])
    const other = await posting([item('requirement', 'Else')], 'Other')
    const a = await apply(await candidate('Ana'), p.id)
    const b = await apply(await candidate('Bo'), p.id)
    const c = await apply(await candidate('Cy'), other.id)
    const postgres = p.requirements.find((r) => r.text === 'PostgreSQL')!
    await assessments().rate({
      applicationId: b,
      requirementId: postgres.id,
      rating: 'met',
      evidence: 'Five years',
      source: 'interview',
      expectedVersion: 0,
    })
    const compared = await assessments().compare(p.id, [b, a])
    expect(compared.requirements.map((r) => r.text)).toEqual(['PostgreSQL', 'Own the ledger', 'Go'])
    expect(compared.applicants.map((entry) => entry.candidateName)).toEqual(['Bo', 'Ana'])
    expect(compared.applicants[0]?.cells[postgres.id]).toMatchObject({
      rating: 'met',
      evidence: 'Five years',
      source: 'interview',
    })
    expect(compared.applicants[1]?.cells[postgres.id]?.rating).toBe('unknown')
    await expect(assessments().compare(p.id, [a, c])).rejects.toMatchObject({
      code: 'invalid_input',
      issues: [{ path: 'applicationIds.1', message: `application ${c} belongs to another posting` }],
    })
    const tooMany = await dispatch(
      'assessments:compare',
      { postingId: p.id, applicationIds: [a] },
      { services: workspace.services },
    )
    expect(tooMany).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
  })

  it('reports every applicant of a posting by name, in batches', async () => {
    const p = await threeItemPosting()
    for (const name of ['Zoe', 'Ana', 'Mia']) await apply(await candidate(name), p.id)
    const batches = []
    for await (const batch of assessments().postingReport(p.id, 2)) batches.push(batch)
    expect(batches.map((batch) => batch.map((entry) => entry.candidate))).toEqual([['Ana', 'Mia'], ['Zoe']])
    expect(batches[0]?.[0]?.requirements.map((r) => r.rating)).toEqual(['unknown', 'unknown', 'unknown'])
    expect(batches[0]?.[0]?.fit).toMatchObject({ mustHavesTotal: 2, score: 0 })
  })
})

describe('applicants table', () => {
  it('sorts by fit and by a requirement, filters on must-haves and on "≥ rating", all in SQL', async () => {
    const p = await threeItemPosting()
    const [postgres, years, queues] = p.requirements.filter((r) => r.section !== 'benefit')
    const ids: Record<string, number> = {}
    for (const name of ['Ana', 'Bo', 'Cy', 'Di']) ids[name] = await apply(await candidate(name), p.id)
    const rate = (name: string, requirementId: number, rating: 'not_met' | 'partial' | 'met' | 'exceeds') =>
      assessments().rate({
        applicationId: ids[name]!,
        requirementId,
        rating,
        evidence: '',
        source: 'screen',
        expectedVersion: 0,
      })
    await rate('Ana', postgres!.id, 'met')
    await rate('Ana', years!.id, 'met')
    await rate('Bo', postgres!.id, 'exceeds')
    await rate('Bo', years!.id, 'not_met')
    await rate('Bo', queues!.id, 'exceeds')
    await rate('Cy', postgres!.id, 'partial')
    const list = (extra: Partial<Parameters<typeof workspace.services.applications.list>[0]> = {}) =>
      workspace.services.applications.list({
        postingId: p.id,
        offset: 0,
        limit: 50,
        sort: 'fit',
        direction: 'desc',
        source: '',
        text: '',
        ...extra,
      })
    const names = async (extra: Parameters<typeof list>[0] = {}) => (await list(extra)).rows.map((row) => row.name)

    // Bo scores highest but a must-have knocks him out: he ranks below everyone else.
    const page = await list()
    expect(page.rows.map((row) => [row.name, row.fit.score, row.fit.mustHavesMet, row.fit.knockedOut])).toEqual([
      ['Ana', 83.3, 2, false],
      ['Cy', 25, 0, false],
      ['Di', 0, 0, false],
      ['Bo', 100, 1, true],
    ])
    expect(page.rows[3]?.ratings).toEqual({
      [postgres!.id]: 'exceeds',
      [years!.id]: 'not_met',
      [queues!.id]: 'exceeds',
    })
    expect(page.rows[2]?.ratings).toEqual({})
    expect(page.rows[0]?.fit).toMatchObject({ mustHavesTotal: 2, total: 3, assessed: 2 })
    expect(await names({ direction: 'asc' })).toEqual(['Bo', 'Di', 'Cy', 'Ana'])
    expect(await names({ mustHaves: 'all_met' })).toEqual(['Ana'])
    expect(await names({ mustHaves: 'knocked_out' })).toEqual(['Bo'])
    expect(
      await names({ atLeast: [{ requirementId: postgres!.id, rating: 'partial' }], sort: 'name', direction: 'asc' }),
    ).toEqual(['Ana', 'Bo', 'Cy'])
    expect(
      await names({
        atLeast: [
          { requirementId: postgres!.id, rating: 'met' },
          { requirementId: queues!.id, rating: 'exceeds' },
        ],
      }),
    ).toEqual(['Bo'])
    expect((await list({ atLeast: [{ requirementId: postgres!.id, rating: 'met' }] })).total).toBe(2)
    expect(await names({ sort: 'rating', ratingOf: postgres!.id, direction: 'desc' })).toEqual([
      'Bo',
      'Ana',
      'Cy',
      'Di',
    ])

    const other = await posting([item('requirement', 'Elsewhere')], 'Other')
    await expect(
      list({ atLeast: [{ requirementId: other.requirements[0]!.id, rating: 'met' }] }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      issues: [{ path: 'atLeast.0.requirementId' }],
    })
    await expect(list({ sort: 'rating' })).rejects.toMatchObject({ code: 'invalid_input' })
  })
})

describe('a candidate merge', () => {
  it('carries ratings made only on the merged application over to the kept one, and drops it from counts', async () => {
    const p = await threeItemPosting()
    const [postgres, years] = p.requirements
    const keepId = await candidate('Ada Moreau')
    const mergeId = await candidate('Ada Moreau (dup)')
    const kept = await apply(keepId, p.id)
    const merged = await apply(mergeId, p.id)
    const rate = (applicationId: number, requirementId: number, rating: 'met' | 'partial', evidence: string) =>
      assessments().rate({ applicationId, requirementId, rating, evidence, source: 'screen', expectedVersion: 0 })
    await rate(kept, postgres!.id, 'partial', 'Kept: some Postgres')
    await rate(merged, postgres!.id, 'met', 'Merged: lots of Postgres')
    await rate(merged, years!.id, 'met', 'Merged: ten years')
    await workspace.services.candidates.merge(keepId, mergeId)

    const after = await assessments().sheet(kept)
    expect(itemOf(after, 'Strong PostgreSQL').assessment).toMatchObject({
      rating: 'partial',
      evidence: 'Kept: some Postgres',
    })
    expect(itemOf(after, '8+ years of backend experience')).toMatchObject({
      assessment: { rating: 'met', evidence: 'Merged: ten years', version: 1 },
      history: [{ from: 'unknown', to: 'met', evidenceAfter: 'Merged: ten years' }],
    })
    expect(after.fit).toMatchObject({ mustHavesMet: 1 })
    await expect(assessments().sheet(merged)).rejects.toMatchObject({ code: 'conflict' })
    const page = await workspace.services.applications.list({
      postingId: p.id,
      offset: 0,
      limit: 50,
      sort: 'fit',
      direction: 'desc',
      source: '',
      text: '',
      atLeast: [{ requirementId: postgres!.id, rating: 'partial' }],
    })
    expect(page.total).toBe(1)
    expect(page.rows.map((row) => row.id)).toEqual([kept])
  })
})
