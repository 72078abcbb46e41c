import { afterEach, beforeEach, expect, it } from 'vitest'
import { openTestWorkspace, type TestWorkspace } from '../testing/temp-workspace'

let workspace: TestWorkspace
beforeEach(async () => {
  workspace = await openTestWorkspace()
})
afterEach(() => workspace.dispose())

it('starts without a local person and records who is using the machine', async () => {
  const { workspace: service } = workspace.services
  expect((await service.info()).me).toBeNull()
  const person = await service.createPerson({ name: 'Rae Okafor', email: 'rae@example.com', role: 'interviewer' })
  await service.setMe(person.id)
  expect((await service.info()).me).toEqual(person)
  await workspace.services.ladders.create({ name: 'Design', description: '' })
  const entry = await workspace.context.db
    .selectFrom('activity')
    .selectAll()
    .where('entity_type', '=', 'ladder')
    .executeTakeFirstOrThrow()
  expect(entry.person_id).toBe(person.id)
})

it('records each change of the person using the machine with both ids, and nothing when it stays the same', async () => {
  const { workspace: service } = workspace.services
  const rae = await service.createPerson({ name: 'Rae Okafor', email: null, role: 'interviewer' })
  const sam = await service.createPerson({ name: 'Sam Rivera', email: null, role: 'interviewer' })
  await service.setMe(rae.id)
  await service.setMe(sam.id)
  await service.setMe(sam.id)
  const changes = await workspace.context.db
    .selectFrom('activity')
    .select(['person_id', 'entity_id', 'detail'])
    .where('action', '=', 'machine_user_changed')
    .orderBy('id')
    .execute()
  expect(changes.map((row) => [row.person_id, row.entity_id, JSON.parse(row.detail) as unknown])).toEqual([
    [rae.id, rae.id, { previousPersonId: null }],
    [sam.id, sam.id, { previousPersonId: rae.id }],
  ])
  expect(changes.map((row) => row.detail).join()).not.toContain('Rae')
})

it('hides archived people and refuses them as the local person', async () => {
  const { workspace: service } = workspace.services
  const person = await service.createPerson({ name: 'Former', email: null, role: 'member' })
  await service.updatePerson({ ...person, archived: true })
  expect(await service.listPeople(false)).toEqual([])
  await expect(service.setMe(person.id)).rejects.toMatchObject({ code: 'conflict' })
})

it('fills the demo workspace once, however often it runs', async () => {
  const first = await workspace.services.demo.init()
  const second = await workspace.services.demo.init()
  expect(first).toEqual({ ladders: 1, people: 4, postings: 1, candidates: 12 })
  expect(second).toEqual({ ladders: 0, people: 0, postings: 0, candidates: 0 })
  // The demo posting's applicants are spread over its stages, with rejections, a withdrawal and a hire.
  const [posting] = await workspace.services.postings.list({})
  const stages = await workspace.services.stages.list(posting?.id ?? 0)
  expect(stages.map((stage) => [stage.name, stage.counts])).toEqual([
    ['Applied', { active: 4, hired: 0, rejected: 0, withdrawn: 0 }],
    ['Screen', { active: 2, hired: 0, rejected: 1, withdrawn: 0 }],
    ['Interview', { active: 2, hired: 0, rejected: 0, withdrawn: 1 }],
    ['Offer', { active: 1, hired: 0, rejected: 0, withdrawn: 0 }],
    ['Hired', { active: 0, hired: 1, rejected: 0, withdrawn: 0 }],
  ])
  const hired = await workspace.services.applications.list({
    postingId: posting?.id ?? 0,
    offset: 0,
    limit: 10,
    sort: 'name',
    direction: 'asc',
    status: 'hired',
    source: '',
    text: '',
  })
  const history = await workspace.services.applications.get(hired.rows[0]?.id ?? 0)
  expect(history.events.map((event) => event.toStage.name)).toEqual([
    'Applied',
    'Screen',
    'Interview',
    'Offer',
    'Hired',
  ])
  expect(history.events.every((event, index) => index === 0 || event.at > (history.events[index - 1]?.at ?? ''))).toBe(
    true,
  )
  const [ladder] = await workspace.services.ladders.list()
  expect(ladder?.levels.length).toBeGreaterThanOrEqual(6)
  expect(ladder?.levels.map((level) => level.title)).toEqual(
    expect.arrayContaining(['Senior Backend Engineer II', 'Staff Backend Engineer']),
  )
  expect(ladder?.competencies.length).toBeGreaterThanOrEqual(6)
  const detail = await workspace.services.ladders.get(ladder!.id)
  expect(detail.expectations).toHaveLength(detail.levels.length * detail.competencies.length)
})
