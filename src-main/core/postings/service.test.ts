import type { LadderDto, RequirementDto } from '@contract'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openTestWorkspace, type TestWorkspace } from '../testing/temp-workspace'

let workspace: TestWorkspace
let ladder: LadderDto
beforeEach(async () => {
  workspace = await openTestWorkspace()
  await workspace.services.demo.init()
  ladder = (await workspace.services.ladders.list())[0]!
})
afterEach(() => workspace.dispose())

const postings = () => workspace.services.postings
const level = (code: string) => ladder.levels.find((entry) => entry.code === code)!
const competency = (name: string) => ladder.competencies.find((entry) => entry.name === name)!

const base = {
  team: 'Core',
  language: 'en',
  countries: ['DE', 'FR'],
  remotePolicy: 'hybrid' as const,
  summary: 'Builds the core.',
  status: 'draft' as const,
  originalText: '',
  originalFileName: null,
}

const item = (section: RequirementDto['section'], text: string, extra: Partial<RequirementDto> = {}) => ({
  section,
  text,
  mustHave: false,
  preferred: false,
  minYears: null,
  skills: [],
  competencyId: null,
  weight: undefined,
  ...extra,
})

async function createPosting(requirements = [item('requirement', 'First'), item('requirement', 'Second')]) {
  return postings().create({ ...base, title: 'Backend Engineer', levelId: level('BE2').id, requirements })
}

const texts = (requirements: RequirementDto[], section: RequirementDto['section']) =>
  requirements.filter((entry) => entry.section === section).map((entry) => entry.text)

const activity = async (postingId: number) =>
  (
    await workspace.context.db
      .selectFrom('activity')
      .select('action')
      .where('entity_type', '=', 'posting')
      .where('entity_id', '=', postingId)
      .orderBy('id')
      .execute()
  ).map((row) => row.action)

describe('postings', () => {
  it('creates a posting with its requirements in one step, positions per section and default weights', async () => {
    const posting = await createPosting([
      item('requirement', 'Go'),
      item('responsibility', 'Own the ledger'),
      item('requirement', 'PostgreSQL', { weight: 5, mustHave: true, minYears: 3 }),
      item('benefit', 'Holidays'),
    ])
    expect(posting).toMatchObject({
      title: 'Backend Engineer',
      levelTitle: 'Backend Engineer II',
      ladderName: 'Backend Engineering',
      countries: ['DE', 'FR'],
      remotePolicy: 'hybrid',
      status: 'draft',
      closedAt: null,
      requirementCounts: { responsibility: 1, requirement: 2, nice_to_have: 0, benefit: 1, other: 0 },
    })
    expect(posting.requirements.map((entry) => [entry.section, entry.position, entry.text, entry.weight])).toEqual([
      ['responsibility', 0, 'Own the ledger', 2],
      ['requirement', 0, 'Go', 3],
      ['requirement', 1, 'PostgreSQL', 5],
      ['benefit', 0, 'Holidays', 0],
    ])
    expect(posting.requirements[2]).toMatchObject({ mustHave: true, minYears: 3 })
    expect(await activity(posting.id)).toEqual(['created'])
  })

  it('refuses an unknown level and saves nothing', async () => {
    await expect(
      postings().create({ ...base, title: 'X', levelId: 9999, requirements: [item('requirement', 'A')] }),
    ).rejects.toMatchObject({ code: 'invalid_input', issues: [{ path: 'levelId' }] })
    expect(await postings().list()).toHaveLength(1)
  })

  it('edits the details and filters the list by status, level and language', async () => {
    const posting = await createPosting()
    const edited = await postings().update({
      id: posting.id,
      title: 'Senior Backend Engineer',
      levelId: level('SBE1').id,
      team: 'Payments',
      language: 'fr',
      countries: ['BE', 'BE', 'FR'],
      remotePolicy: 'remote',
      summary: 'Nouveau résumé',
      clearForeignCompetencies: false,
    })
    expect(edited).toMatchObject({
      title: 'Senior Backend Engineer',
      levelId: level('SBE1').id,
      countries: ['BE', 'FR'],
    })
    expect((await postings().list({ language: 'fr' })).map((entry) => entry.id)).toEqual([posting.id])
    expect((await postings().list({ levelId: level('SBE1').id })).map((entry) => entry.id)).toEqual([posting.id])
    expect(await postings().list({ status: 'paused' })).toEqual([])
    const open = await postings().list({ status: 'open' })
    expect(open.map((entry) => entry.title)).toEqual(['Senior Backend Engineer II — Payments Platform'])
  })

  it('follows the status rules and records when a posting closed', async () => {
    const posting = await createPosting()
    await expect(postings().setStatus(posting.id, 'paused')).rejects.toMatchObject({ code: 'conflict' })
    expect((await postings().setStatus(posting.id, 'open')).status).toBe('open')
    await expect(postings().setStatus(posting.id, 'draft')).rejects.toMatchObject({ code: 'conflict' })
    expect((await postings().setStatus(posting.id, 'paused')).status).toBe('paused')
    const closed = await postings().setStatus(posting.id, 'closed')
    expect(closed.status).toBe('closed')
    expect(closed.closedAt).not.toBeNull()
    const reopened = await postings().setStatus(posting.id, 'open')
    expect(reopened).toMatchObject({ status: 'open', closedAt: null })
    expect(await activity(posting.id)).toEqual([
      'created',
      'status_changed',
      'status_changed',
      'status_changed',
      'status_changed',
    ])
  })

  it('duplicates a posting as a draft with copies of its requirements', async () => {
    const posting = await createPosting([
      item('requirement', 'Go', { competencyId: competency('System design').id, weight: 4, preferred: true }),
      item('benefit', 'Bikes'),
    ])
    await postings().setStatus(posting.id, 'open')
    const copy = await postings().duplicate(posting.id)
    expect(copy).toMatchObject({ title: 'Backend Engineer (copy)', status: 'draft', countries: ['DE', 'FR'] })
    expect(copy.id).not.toBe(posting.id)
    const strip = (entry: RequirementDto) => ({ ...entry, id: 0, postingId: 0, createdAt: '', updatedAt: '' })
    expect(copy.requirements.map(strip)).toEqual((await postings().get(posting.id)).requirements.map(strip))
    expect(copy.requirements.map((entry) => entry.id)).not.toContain(posting.requirements[0]!.id)
  })

  it('deletes a posting with its requirements', async () => {
    const posting = await createPosting()
    await postings().delete(posting.id)
    await expect(postings().get(posting.id)).rejects.toMatchObject({ code: 'not_found' })
    const left = await workspace.context.db
      .selectFrom('requirements')
      .select('id')
      .where('posting_id', '=', posting.id)
      .execute()
    expect(left).toEqual([])
  })

  it('keeps a ladder and a level from being deleted while postings target them', async () => {
    await createPosting()
    await expect(workspace.services.ladders.removeLevel(level('BE2').id)).rejects.toMatchObject({ code: 'conflict' })
    await expect(workspace.services.ladders.delete(ladder.id)).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('postings target its levels') as string,
    })
    expect((await workspace.services.ladders.get(ladder.id)).levels).toHaveLength(ladder.levels.length)
  })
})

describe('competency links', () => {
  async function otherLadder() {
    const other = await workspace.services.ladders.create({ name: 'Data', description: '' })
    const dataLevel = await workspace.services.ladders.addLevel({
      ladderId: other.id,
      code: 'D1',
      title: 'Data Engineer I',
      summary: '',
    })
    const modelling = await workspace.services.ladders.addCompetency({
      ladderId: other.id,
      name: 'Modelling',
      description: '',
    })
    return { dataLevel, modelling }
  }

  it('accepts only competencies of the target level’s ladder', async () => {
    const { modelling } = await otherLadder()
    await expect(
      createPosting([item('requirement', 'A'), item('requirement', 'B', { competencyId: modelling.id })]),
    ).rejects.toMatchObject({ code: 'invalid_input', issues: [{ path: 'requirements.1.competencyId' }] })
    const posting = await createPosting()
    await expect(
      postings().addRequirement({ postingId: posting.id, ...item('requirement', 'C', { competencyId: modelling.id }) }),
    ).rejects.toMatchObject({ code: 'invalid_input' })
    const first = posting.requirements[0]!
    await expect(postings().updateRequirement({ ...first, competencyId: modelling.id })).rejects.toMatchObject({
      code: 'invalid_input',
    })
    const linked = await postings().updateRequirement({
      ...first,
      competencyId: competency('Ownership and delivery').id,
    })
    expect(linked.requirement.competencyId).toBe(competency('Ownership and delivery').id)
  })

  it('refuses to move to another ladder’s level while links exist, and clears them when confirmed', async () => {
    const { dataLevel } = await otherLadder()
    const posting = await createPosting([
      item('requirement', 'Design', { competencyId: competency('System design').id }),
      item('requirement', 'Plain'),
    ])
    const details = { ...base, id: posting.id, title: posting.title, levelId: dataLevel.id }
    await expect(postings().update({ ...details, clearForeignCompetencies: false })).rejects.toMatchObject({
      code: 'conflict',
      issues: [{ path: 'levelId' }],
    })
    expect((await postings().get(posting.id)).levelId).toBe(level('BE2').id)
    const moved = await postings().update({ ...details, clearForeignCompetencies: true })
    expect(moved.levelId).toBe(dataLevel.id)
    expect(moved.requirements.map((entry) => entry.competencyId)).toEqual([null, null])
    // Within the same ladder the links stay.
    const again = await createPosting([item('requirement', 'Design', { competencyId: competency('System design').id })])
    const sameLadder = await postings().update({
      ...base,
      id: again.id,
      title: again.title,
      levelId: level('STAFF').id,
      clearForeignCompetencies: false,
    })
    expect(sameLadder.requirements[0]!.competencyId).toBe(competency('System design').id)
  })

  it('unlinks requirements when their competency is removed from the ladder', async () => {
    const posting = await createPosting([
      item('requirement', 'Design', { competencyId: competency('System design').id }),
    ])
    await workspace.services.ladders.removeCompetency(competency('System design').id)
    expect((await postings().get(posting.id)).requirements[0]!.competencyId).toBeNull()
  })
})

describe('requirements editor', () => {
  it('adds at a position, edits, moves within and across sections, and removes, keeping positions dense', async () => {
    const posting = await createPosting([
      item('requirement', 'A'),
      item('requirement', 'B'),
      item('requirement', 'C'),
      item('nice_to_have', 'X'),
    ])
    const added = await postings().addRequirement({ postingId: posting.id, position: 1, ...item('requirement', 'New') })
    expect(texts(added.requirements, 'requirement')).toEqual(['A', 'New', 'B', 'C'])
    expect(added.requirement).toMatchObject({ text: 'New', position: 1, weight: 3 })

    const edited = await postings().updateRequirement({
      id: added.requirement.id,
      text: '  New, edited  ',
      mustHave: true,
      preferred: false,
      weight: 4,
      minYears: 2,
      skills: [{ name: 'Ruby on Rails', alternatives: ['comparable backend frameworks'] }],
      competencyId: null,
    })
    expect(edited.requirement).toMatchObject({
      text: 'New, edited',
      mustHave: true,
      weight: 4,
      minYears: 2,
      skills: [{ name: 'Ruby on Rails', alternatives: ['comparable backend frameworks'] }],
      section: 'requirement',
      position: 1,
    })

    const down = await postings().moveRequirement({ id: added.requirement.id, section: 'requirement', position: 3 })
    expect(texts(down.requirements, 'requirement')).toEqual(['A', 'B', 'C', 'New, edited'])

    const across = await postings().moveRequirement({ id: added.requirement.id, section: 'nice_to_have', position: 0 })
    expect(texts(across.requirements, 'requirement')).toEqual(['A', 'B', 'C'])
    expect(texts(across.requirements, 'nice_to_have')).toEqual(['New, edited', 'X'])
    expect(across.requirements.map((entry) => [entry.section, entry.position])).toEqual([
      ['requirement', 0],
      ['requirement', 1],
      ['requirement', 2],
      ['nice_to_have', 0],
      ['nice_to_have', 1],
    ])
    // Fields travel unchanged with the item.
    expect(across.requirement).toMatchObject({ mustHave: true, weight: 4, minYears: 2 })

    const b = across.requirements.find((entry) => entry.text === 'B')!
    const removed = await postings().removeRequirement(b.id)
    expect(removed.requirement).toMatchObject({ text: 'B', section: 'requirement', position: 1 })
    expect(
      removed.requirements.filter((entry) => entry.section === 'requirement').map((entry) => entry.position),
    ).toEqual([0, 1])
    await expect(postings().removeRequirement(b.id)).rejects.toMatchObject({ code: 'not_found' })
  })

  it('undoes each kind of change exactly with its inverse', async () => {
    const posting = await createPosting([item('requirement', 'A'), item('requirement', 'B'), item('benefit', 'Z')])
    const snapshot = async () =>
      (await postings().get(posting.id)).requirements.map(({ createdAt: _c, updatedAt: _u, id: _i, ...rest }) => rest)
    const before = await snapshot()

    // Remove, then add back at the same section and position with the same fields.
    const removed = await postings().removeRequirement(posting.requirements[0]!.id)
    const { id: _id, postingId: _p, createdAt: _c, updatedAt: _u, ...fields } = removed.requirement
    await postings().addRequirement({ postingId: posting.id, ...fields })
    expect(await snapshot()).toEqual(before)

    // Move across sections, then back to where it was.
    const current = (await postings().get(posting.id)).requirements
    const b = current.find((entry) => entry.text === 'B')!
    await postings().moveRequirement({ id: b.id, section: 'benefit', position: 1 })
    await postings().moveRequirement({ id: b.id, section: b.section, position: b.position })
    expect(await snapshot()).toEqual(before)

    // Edit, then write the previous fields back.
    await postings().updateRequirement({ ...b, text: 'Changed', weight: 0, preferred: true })
    await postings().updateRequirement(b)
    expect(await snapshot()).toEqual(before)
  })

  it('refuses a must-have item that is also preferred at the database level', async () => {
    const posting = await createPosting()
    await expect(
      workspace.context.db
        .updateTable('requirements')
        .set({ must_have: 1, preferred: 1 })
        .where('id', '=', posting.requirements[0]!.id)
        .execute(),
    ).rejects.toThrow(/CHECK constraint failed|violates check constraint/)
  })

  it('logs every requirement change on the posting', async () => {
    const posting = await createPosting()
    const added = await postings().addRequirement({ postingId: posting.id, ...item('other', 'Note') })
    await postings().moveRequirement({ id: added.requirement.id, section: 'benefit', position: 0 })
    await postings().removeRequirement(added.requirement.id)
    expect(await activity(posting.id)).toEqual([
      'created',
      'requirement_added',
      'requirement_moved',
      'requirement_removed',
    ])
  })
})

describe('a posting from a level', () => {
  it('prefills responsibilities from the level’s expectations and requirements from their competencies', async () => {
    const target = level('SBE2')
    const detail = await workspace.services.ladders.get(ladder.id)
    const expectations = detail.expectations.filter((entry) => entry.levelId === target.id)
    const posting = await postings().createFromLevel({
      levelId: target.id,
      team: '',
      language: 'en',
      countries: [],
      remotePolicy: 'onsite',
      summary: '',
      status: 'draft',
    })
    expect(posting).toMatchObject({ title: 'Senior Backend Engineer II', summary: target.summary, status: 'draft' })
    const responsibilities = posting.requirements.filter((entry) => entry.section === 'responsibility')
    const requirements = posting.requirements.filter((entry) => entry.section === 'requirement')
    expect(responsibilities).toHaveLength(expectations.length)
    expect(requirements).toHaveLength(expectations.length)
    const design = competency('System design')
    expect(responsibilities[0]).toMatchObject({
      text: expectations.find((entry) => entry.competencyId === design.id)!.text,
      competencyId: design.id,
    })
    expect(requirements[0]).toMatchObject({ text: `System design: ${design.description}`, competencyId: design.id })
    expect(new Set(posting.requirements.map((entry) => entry.competencyId))).toEqual(
      new Set(ladder.competencies.map((entry) => entry.id)),
    )
  })
})
