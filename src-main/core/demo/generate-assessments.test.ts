import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { assessmentFixtures } from '../assessments/testing'
import { openTestWorkspace, type TestWorkspace } from '../testing/temp-workspace'
import { generateAssessments } from './generate-assessments'

let workspace: TestWorkspace
beforeEach(async () => {
  workspace = await openTestWorkspace()
  await workspace.services.demo.init()
})
afterEach(() => workspace.dispose())

const { item, posting, candidate, apply } = assessmentFixtures(() => workspace)

async function fitRows(postingId: number) {
  return workspace.context.db
    .selectFrom('application_fit')
    .selectAll()
    .where('posting_id', '=', postingId)
    .orderBy('application_id')
    .execute()
}

describe('generateAssessments', () => {
  it('rates most items with evidence and history, and stores fits that match the formula', async () => {
    const p = await posting([
      item('requirement', 'Go in production', { mustHave: true, skills: [{ name: 'Go', alternatives: [] }] }),
      item('requirement', 'PostgreSQL', { weight: 3 }),
      item('responsibility', 'Own the ledger'),
      item('nice_to_have', 'Kafka', { weight: 1 }),
      item('benefit', 'Remote budget'),
    ])
    for (let i = 0; i < 40; i++) await apply(await candidate(`Person ${i}`), p.id)
    const people = (await workspace.services.workspace.listPeople(false)).map((person) => person.id)
    const epoch = Date.parse('2027-01-01T00:00:00Z')
    const { rated } = await generateAssessments(workspace.context, { seed: 7, people, epoch })

    const db = workspace.context.db
    const counts = await sql<{ total: number; mine: number; rated: number; history: number }>`
      SELECT (SELECT count(*) FROM assessments x JOIN requirements r ON r.id = x.requirement_id
                WHERE r.posting_id = ${p.id}) AS mine,
             (SELECT count(*) FROM assessments x JOIN requirements r ON r.id = x.requirement_id
                WHERE r.posting_id = ${p.id} AND x.rating > 0) AS rated,
             (SELECT count(*) FROM assessments WHERE rating > 0) AS total,
             (SELECT count(*) FROM assessment_history) AS history`.execute(db)
    const row = counts.rows[0]!
    expect(row.mine).toBe(40 * 4)
    expect(row.total).toBe(rated)
    expect(row.history).toBe(rated)
    expect(row.rated).toBeGreaterThan(40 * 4 * 0.85)
    expect(row.rated).toBeLessThan(40 * 4)
    const sample = await db.selectFrom('assessments').selectAll().where('rating', '>', 0).limit(5).execute()
    for (const entry of sample) {
      expect(entry.evidence).not.toBe('')
      expect(entry.version).toBe(1)
      expect(people).toContain(entry.author_id)
    }

    // The stored fit is what recomputing it gives.
    const generated = await fitRows(p.id)
    await sql`UPDATE application_fit SET score = -1, must_met = -1, knocked_out = 0, assessed = -1 WHERE posting_id = ${p.id}`.execute(
      db,
    )
    const sheet = await workspace.services.assessments.sheet(generated[0]!.application_id)
    expect(sheet.fit.score).toBe(-1)
    await workspace.services.postings.updateRequirement({ ...p.requirements[3]!, weight: 1 })
    expect(await fitRows(p.id)).toEqual(generated)
    expect(generated.some((fit) => fit.knocked_out === 1)).toBe(true)
    expect(new Set(generated.map((fit) => fit.score)).size).toBeGreaterThan(5)
  })

  it('gives the same ratings for the same seed', async () => {
    const p = await posting([item('requirement', 'PostgreSQL'), item('requirement', 'Go')])
    for (let i = 0; i < 10; i++) await apply(await candidate(`Person ${i}`), p.id)
    const options = { seed: 3, people: [null], epoch: Date.parse('2027-01-01T00:00:00Z') }
    await generateAssessments(workspace.context, options)
    const first = await workspace.context.db
      .selectFrom('assessments')
      .select(['rating', 'evidence'])
      .orderBy('id')
      .execute()
    await sql`UPDATE assessments SET rating = 0, evidence = '', version = 0`.execute(workspace.context.db)
    await generateAssessments(workspace.context, options)
    const second = await workspace.context.db
      .selectFrom('assessments')
      .select(['rating', 'evidence'])
      .orderBy('id')
      .execute()
    expect(second).toEqual(first)
  })
})
