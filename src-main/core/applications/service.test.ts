import type { StageDto } from '@contract'
import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { dispatch } from '../../dispatch'
import * as fx from '../documents/fixtures/generate-fixtures'
import { AppError } from '../errors'
import { openTestWorkspace, type TestWorkspace } from '../testing/temp-workspace'
import { daysInStage, timeInStages } from './time-in-stage'

let workspace: TestWorkspace
let postingId: number
let otherPostingId: number
let stages: StageDto[]
let me: number

beforeEach(async () => {
  workspace = await openTestWorkspace({ demo: true })
  const person = await workspace.services.workspace.createPerson({ name: 'Rae Okafor', email: null, role: 'recruiter' })
  me = person.id
  await workspace.services.workspace.setMe(me)
  const [ladder] = await workspace.services.ladders.list()
  const levelId = (code: string) => ladder?.levels.find((entry) => entry.code === code)?.id ?? 0
  const create = (code: string, team: string) =>
    workspace.services.postings.createFromLevel({
      levelId: levelId(code),
      team,
      language: 'en',
      countries: [],
      remotePolicy: 'remote',
      summary: '',
      status: 'open',
    })
  postingId = (await create('BE2', 'Search')).id
  otherPostingId = (await create('STAFF', 'Platform')).id
  stages = await workspace.services.stages.list(postingId)
})
afterEach(() => workspace.dispose())

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof AppError) return error
    throw error
  }
  throw new Error('expected a rejection')
}

async function candidate(name: string, emails: string[] = []): Promise<number> {
  const created = await workspace.services.candidates.create({
    name,
    emails,
    phones: [],
    links: [],
    location: '',
    source: '',
    tags: [],
    ifDuplicate: 'create',
  })
  return created.id
}

const stage = (name: string) => {
  const found = stages.find((entry) => entry.name === name)
  if (!found) throw new Error(`no stage ${name}`)
  return found.id
}

const eventsOf = (applicationId: number) =>
  workspace.context.db
    .selectFrom('stage_events')
    .selectAll()
    .where('application_id', '=', applicationId)
    .orderBy('id')
    .execute()

const list = (extra: Partial<Parameters<TestWorkspace['services']['applications']['list']>[0]> = {}) =>
  workspace.services.applications.list({
    postingId,
    offset: 0,
    limit: 50,
    sort: 'name',
    direction: 'asc',
    source: '',
    text: '',
    ...extra,
  })

// These go through the candidates' merge (`INSERT OR IGNORE`) or list (FTS5) queries, which run on SQLite only
// until the candidates' repository is ported (issue 15, the candidates part); this domain's own merge and list
// queries run on both.

describe('applications', () => {
  it("keeps the candidate's source on an application added without one, and a given source over it", async () => {
    const { applications, candidates } = workspace.services
    const fromLinkedIn = await candidates.create({
      name: 'Runa Aalto',
      emails: [],
      phones: [],
      links: [],
      location: '',
      source: 'LinkedIn',
      tags: [],
      ifDuplicate: 'create',
    })
    expect((await applications.add({ candidateId: fromLinkedIn.id, postingId })).source).toBe('LinkedIn')
    const other = await candidate('Ilse Brand')
    expect((await applications.add({ candidateId: other, postingId, source: 'Job fair' })).source).toBe('Job fair')
    expect((await applications.addMany(postingId, [fromLinkedIn.id])).alreadyApplied).toBe(1)
  })

  it('adds a candidate to the first stage, recording who and when, and refuses adding them twice', async () => {
    const { applications, candidates } = workspace.services
    const ola = await candidate('Ola Berg')
    const before = new Date().toISOString()
    const added = await applications.add({ candidateId: ola, postingId, source: 'Referral' })
    expect(added).toMatchObject({
      candidateName: 'Ola Berg',
      postingId,
      stageName: 'Applied',
      stageKind: 'open',
      status: 'active',
      source: 'Referral',
      closedAt: null,
    })
    const [entry] = await eventsOf(added.id)
    expect(entry).toMatchObject({
      from_stage_id: null,
      to_stage_id: stage('Applied'),
      from_status: null,
      to_status: 'active',
      person_id: me,
    })
    expect(entry && entry.at >= before).toBe(true)

    const again = await failure(applications.add({ candidateId: ola, postingId }))
    expect(again).toMatchObject({
      code: 'conflict',
      message: `This candidate already applied to "${added.postingTitle}" (Applied, active).`,
    })
    expect(await eventsOf(added.id)).toHaveLength(1)
    const profile = await candidates.get(ola)
    expect(profile.applications).toMatchObject([
      { id: added.id, postingTitle: added.postingTitle, stageName: 'Applied' },
    ])
    expect(profile.activity[0]).toMatchObject({
      action: 'application_added',
      person: 'Rae Okafor',
      detail: { postingTitle: added.postingTitle },
    })
  })

  it('refuses an unknown candidate, a closed posting, a stage of another posting and the hired stage', async () => {
    const { applications, postings } = workspace.services
    const ola = await candidate('Ola Berg')
    expect(await failure(applications.add({ candidateId: 9999, postingId }))).toMatchObject({ code: 'not_found' })
    const foreign = (await workspace.services.stages.list(otherPostingId))[1]?.id ?? 0
    expect(await failure(applications.add({ candidateId: ola, postingId, stageId: foreign }))).toMatchObject({
      code: 'invalid_input',
      message: `Stage ${foreign} is not a stage of this posting.`,
    })
    expect(await failure(applications.add({ candidateId: ola, postingId, stageId: stage('Hired') }))).toMatchObject({
      code: 'invalid_input',
    })
    await postings.setStatus(otherPostingId, 'closed')
    expect(await failure(applications.add({ candidateId: ola, postingId: otherPostingId }))).toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('is closed: reopen it') as string,
    })
    expect((await workspace.services.candidates.get(ola)).applications).toEqual([])
    const started = await applications.add({ candidateId: ola, postingId, stageId: stage('Interview') })
    expect(started.stageName).toBe('Interview')
  })

  it('moves an application through the stages, one event and one history entry per move', async () => {
    const { applications } = workspace.services
    const id = (await applications.add({ candidateId: await candidate('Ola Berg'), postingId })).id
    const moved = await applications.move(id, stage('Screen'))
    expect(moved).toMatchObject({ stageName: 'Screen', status: 'active' })
    await applications.move(id, stage('Interview'))
    // Back a stage is allowed; to the stage it is in changes nothing.
    await applications.move(id, stage('Screen'))
    await applications.move(id, stage('Screen'))
    const events = await eventsOf(id)
    expect(events.map((event) => [event.from_stage_id, event.to_stage_id])).toEqual([
      [null, stage('Applied')],
      [stage('Applied'), stage('Screen')],
      [stage('Screen'), stage('Interview')],
      [stage('Interview'), stage('Screen')],
    ])
    expect(events.every((event) => event.person_id === me)).toBe(true)
    const row = await workspace.context.db
      .selectFrom('applications')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(row.stage_entered_at).toBe(events.at(-1)?.at)
    const history = await workspace.context.db
      .selectFrom('activity')
      .select('action')
      .where('action', '=', 'application_moved')
      .execute()
    expect(history).toHaveLength(3)
  })

  it('refuses a move to a stage of another posting and a move of a closed application, changing nothing', async () => {
    const { applications } = workspace.services
    const id = (await applications.add({ candidateId: await candidate('Ola Berg'), postingId })).id
    const foreign = (await workspace.services.stages.list(otherPostingId))[2]?.id ?? 0
    expect(await failure(applications.move(id, foreign))).toMatchObject({
      code: 'invalid_input',
      message: `Stage ${foreign} is not a stage of this posting.`,
    })
    // The database refuses it too, whatever the caller.
    await expect(
      workspace.context.db.updateTable('applications').set({ stage_id: foreign }).where('id', '=', id).execute(),
    ).rejects.toThrow(/another posting/)
    await applications.setStatus(id, 'withdrawn', 'Took another offer')
    expect(await failure(applications.move(id, stage('Screen')))).toMatchObject({
      code: 'conflict',
      message: 'This application is withdrawn: reopen it before moving it.',
    })
    expect(await eventsOf(id)).toHaveLength(2)
    expect((await applications.get(id)).stageName).toBe('Applied')
  })

  it('rejects and withdraws only with a reason, hires into the hired stage and reopens', async () => {
    const { applications } = workspace.services
    const id = (await applications.add({ candidateId: await candidate('Ola Berg'), postingId })).id
    await applications.move(id, stage('Interview'))
    expect(await failure(applications.setStatus(id, 'rejected', '   '))).toMatchObject({
      code: 'invalid_input',
      message: 'A reason is required to mark it rejected.',
    })
    const viaChannel = await dispatch(
      'applications:setStatus',
      { id, status: 'withdrawn' },
      { services: workspace.services },
    )
    expect(viaChannel).toMatchObject({ ok: false, error: { code: 'invalid_input', message: /reason is required/ } })

    const rejected = await applications.setStatus(id, 'rejected', 'System design below the level')
    expect(rejected).toMatchObject({
      status: 'rejected',
      stageName: 'Interview',
      reason: 'System design below the level',
    })
    expect(rejected.closedAt).not.toBeNull()
    expect(await failure(applications.setStatus(id, 'withdrawn', 'Changed their mind'))).toMatchObject({
      code: 'conflict',
      message: 'This application is rejected: reopen it before marking it withdrawn.',
    })
    expect(await failure(applications.setStatus(id, 'rejected', 'Again'))).toMatchObject({ code: 'conflict' })

    const reopened = await applications.setStatus(id, 'active', '')
    expect(reopened).toMatchObject({ status: 'active', stageName: 'Interview', reason: '', closedAt: null })
    const hired = await applications.move(id, stage('Hired'))
    expect(hired).toMatchObject({ status: 'hired', stageName: 'Hired', stageKind: 'hired' })
    const back = await applications.setStatus(id, 'active', '')
    expect(back).toMatchObject({ status: 'active', stageName: 'Offer' })
    const final = await applications.setStatus(id, 'hired', 'Starts in March')
    expect(final).toMatchObject({ status: 'hired', stageName: 'Hired', reason: 'Starts in March' })

    const events = await eventsOf(id)
    expect(events.map((event) => [event.from_status, event.to_status, event.reason])).toEqual([
      [null, 'active', ''],
      ['active', 'active', ''],
      ['active', 'rejected', 'System design below the level'],
      ['rejected', 'active', ''],
      ['active', 'hired', ''],
      ['hired', 'active', ''],
      ['active', 'hired', 'Starts in March'],
    ])
    const detail = await applications.get(id)
    expect(detail.events.map((event) => event.toStage.name)).toEqual([
      'Applied',
      'Interview',
      'Interview',
      'Interview',
      'Hired',
      'Offer',
      'Hired',
    ])
    expect(detail.events.every((event) => event.person === 'Rae Okafor')).toBe(true)
  })

  it('keeps stage events append-only', async () => {
    const { applications } = workspace.services
    const id = (await applications.add({ candidateId: await candidate('Ola Berg'), postingId })).id
    await expect(
      sql`UPDATE stage_events SET reason = 'x' WHERE application_id = ${id}`.execute(workspace.context.db),
    ).rejects.toThrow(/append-only/)
    await expect(
      sql`DELETE FROM stage_events WHERE application_id = ${id}`.execute(workspace.context.db),
    ).rejects.toThrow(/append-only/)
  })

  it('computes time in stage from the events, the clock stopping while the application is closed', () => {
    const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString()
    const ids = { applied: 1, screen: 2, interview: 3 }
    const name = (id: number) => ['', 'Applied', 'Screen', 'Interview'][id] ?? ''
    const events = [
      { fromStageId: null, toStageId: 1, fromStatus: null, toStatus: 'active' as const, at: day(0) },
      { fromStageId: 1, toStageId: 2, fromStatus: 'active' as const, toStatus: 'active' as const, at: day(3) },
      { fromStageId: 2, toStageId: 2, fromStatus: 'active' as const, toStatus: 'rejected' as const, at: day(5) },
      { fromStageId: 2, toStageId: 2, fromStatus: 'rejected' as const, toStatus: 'active' as const, at: day(15) },
      { fromStageId: 2, toStageId: 3, fromStatus: 'active' as const, toStatus: 'active' as const, at: day(16) },
    ]
    const result = timeInStages(events, name, new Date(day(20)))
    const dayMs = 86_400_000
    expect(result).toEqual([
      { stageId: ids.applied, stageName: 'Applied', ms: 3 * dayMs, visits: 1, current: false },
      { stageId: ids.screen, stageName: 'Screen', ms: 3 * dayMs, visits: 1, current: false },
      { stageId: ids.interview, stageName: 'Interview', ms: 4 * dayMs, visits: 1, current: true },
    ])
    expect(daysInStage(day(16), null, new Date(day(20)))).toBe(4)
    expect(daysInStage(day(3), day(5), new Date(day(20)))).toBe(2)
  })

  it('shows the time in stage of an application as it moves', async () => {
    const { applications } = workspace.services
    const id = (await applications.add({ candidateId: await candidate('Ola Berg'), postingId })).id
    await applications.move(id, stage('Screen'))
    const detail = await applications.get(id)
    expect(detail.timeInStages.map((entry) => [entry.stageName, entry.visits, entry.current])).toEqual([
      ['Applied', 1, false],
      ['Screen', 1, true],
    ])
    expect(detail.timeInStages.every((entry) => entry.ms >= 0)).toBe(true)
  })

  it('lists a posting’s applicants filtered and sorted in SQL, with paging', async () => {
    const { applications } = workspace.services
    const people = [
      ['Zoe Adams', 'Referral', 'Screen'],
      ['Élodie Durand', 'LinkedIn', 'Applied'],
      ['Bruno Costa', 'Referral', 'Interview'],
      ['Amara Okafor', 'LinkedIn', 'Screen'],
    ] as const
    const ids: number[] = []
    for (const [name, source, where] of people) {
      const id = (
        await applications.add({
          candidateId: await candidate(name, [`${name.split(' ')[1]?.toLowerCase()}@example.org`]),
          postingId,
          source,
        })
      ).id
      if (where !== 'Applied') await applications.move(id, stage(where))
      ids.push(id)
    }
    await applications.setStatus(ids[3] ?? 0, 'rejected', 'Not now')
    await applications.add({ candidateId: await candidate('Other Posting'), postingId: otherPostingId })

    const all = await list()
    expect(all.total).toBe(4)
    expect(all.rows.map((row) => row.name)).toEqual(['Amara Okafor', 'Bruno Costa', 'Élodie Durand', 'Zoe Adams'])
    expect(all.rows[0]).toMatchObject({
      stageName: 'Screen',
      status: 'rejected',
      reason: 'Not now',
      email: 'okafor@example.org',
    })
    expect((await list({ stageId: stage('Screen') })).rows.map((row) => row.name)).toEqual([
      'Amara Okafor',
      'Zoe Adams',
    ])
    expect((await list({ status: 'active', source: 'Referral' })).rows.map((row) => row.name)).toEqual([
      'Bruno Costa',
      'Zoe Adams',
    ])
    expect((await list({ sort: 'stage', direction: 'desc' })).rows.map((row) => row.stageName)).toEqual([
      'Interview',
      'Screen',
      'Screen',
      'Applied',
    ])
    expect((await list({ text: 'elod' })).rows.map((row) => row.name)).toEqual(['Élodie Durand'])
    expect(await list({ text: '***' })).toEqual({ rows: [], total: 0, offset: 0 })
    const second = await list({ limit: 2, offset: 2 })
    expect(second).toMatchObject({ total: 4, offset: 2 })
    expect(second.rows.map((row) => row.name)).toEqual(['Élodie Durand', 'Zoe Adams'])
    expect(await applications.facets(postingId)).toEqual({ sources: ['LinkedIn', 'Referral'] })

    // The name order follows a rename of the candidate.
    const zoe = all.rows.find((row) => row.name === 'Zoe Adams')
    await workspace.services.candidates.update({
      ...(await workspace.services.candidates.get(zoe?.candidateId ?? 0)),
      name: 'Aaron Zed',
    })
    expect((await list()).rows.map((row) => row.name)).toEqual([
      'Aaron Zed',
      'Amara Okafor',
      'Bruno Costa',
      'Élodie Durand',
    ])
  })

  it('adds many candidates at once, leaving those who already applied as they were', async () => {
    const { applications } = workspace.services
    const a = await candidate('Ana Lopes')
    const b = await candidate('Ben Cole')
    const first = await applications.add({ candidateId: a, postingId })
    await applications.move(first.id, stage('Offer'))
    expect(await applications.addMany(postingId, [a, b])).toEqual({ added: 1, alreadyApplied: 1 })
    expect((await applications.get(first.id)).stageName).toBe('Offer')
    expect(await failure(applications.addMany(postingId, [b, 424242]))).toMatchObject({ code: 'not_found' })
    expect((await list()).total).toBe(2)
  })

  it('keeps a posting with applications from being deleted; one without goes with its stages', async () => {
    const { applications, postings } = workspace.services
    await applications.add({ candidateId: await candidate('Ola Berg'), postingId })
    expect(await failure(postings.delete(postingId))).toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('has applications and cannot be deleted; close it instead') as string,
    })
    expect((await list()).total).toBe(1)
    await postings.delete(otherPostingId)
    const left = await workspace.context.db
      .selectFrom('stages')
      .select('id')
      .where('posting_id', '=', otherPostingId)
      .execute()
    expect(left).toEqual([])
  })

  it.each([
    [
      'a reason too long',
      'applications:setStatus',
      () => ({ id: 1, status: 'rejected', reason: 'x'.repeat(2001) }),
      /at most 2000/,
    ],
    ['an unknown status', 'applications:setStatus', () => ({ id: 1, status: 'ghosted', reason: 'x' }), /^status: /],
    ['a string id', 'applications:move', () => ({ id: '1', stageId: 2 }), /^id: /],
    ['a huge page', 'applications:list', () => ({ postingId, limit: 100_000 }), /^limit: /],
    ['an unknown sort', 'applications:list', () => ({ postingId, sort: 'salary' }), /^sort: /],
    ['no candidates', 'applications:addMany', () => ({ postingId, candidateIds: [] }), /^candidateIds: /],
    ['an unknown application', 'applications:move', () => ({ id: 777, stageId: 1 }), /Application 777 does not exist/],
    ['a multi-line source', 'applications:add', () => ({ candidateId: 1, postingId, source: 'a\nb' }), /single line/],
  ])('refuses %s with a clear message and changes nothing', async (_case, channel, input, message) => {
    const before = await workspace.context.db
      .selectFrom('stage_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    const result = await dispatch(channel, input(), { services: workspace.services })
    expect(result).toMatchObject({ ok: false, error: { message: expect.stringMatching(message) as string } })
    const after = await workspace.context.db
      .selectFrom('stage_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(after.n).toBe(before.n)
  })
})

describe('candidate merge with applications', () => {
  it('moves the applications of the merged candidate to the one kept', async () => {
    const { applications, candidates } = workspace.services
    const keep = await candidate('Elena Varga', ['elena@example.org'])
    const merged = await candidate('Varga Elena', ['e.varga@example.org'])
    const application = await applications.add({ candidateId: merged, postingId })
    await applications.move(application.id, stage('Screen'))
    await applications.add({ candidateId: await candidate('Maria Lopez'), postingId })
    expect((await list()).rows.map((row) => row.name)).toEqual(['Maria Lopez', 'Varga Elena'])
    const result = await candidates.merge(keep, merged)
    expect(result.applications).toMatchObject([
      { id: application.id, stageName: 'Screen', candidateName: 'Elena Varga' },
    ])
    expect((await applications.get(application.id)).events).toHaveLength(2)
    expect(result.activity[0]).toMatchObject({
      action: 'merged',
      detail: { applicationsMoved: 1, applicationsCombined: [] },
    })
    // Sorted under the name of the candidate kept.
    expect((await list()).rows.map((row) => row.name)).toEqual(['Elena Varga', 'Maria Lopez'])
  })

  it('keeps the application further along when both applied to a posting, with the other one’s history', async () => {
    const { applications, candidates } = workspace.services
    const keep = await candidate('Elena Varga', ['elena@example.org'])
    const merged = await candidate('Varga Elena', ['e.varga@example.org'])
    const early = await applications.add({ candidateId: keep, postingId })
    const further = await applications.add({ candidateId: merged, postingId })
    await applications.move(further.id, stage('Screen'))
    await applications.move(further.id, stage('Interview'))
    // A posting only the kept candidate applied to stays as it is.
    const other = await applications.add({ candidateId: keep, postingId: otherPostingId })

    const result = await candidates.merge(keep, merged)
    expect(result.applications.map((entry) => [entry.id, entry.stageName]).sort()).toEqual(
      [
        [further.id, 'Interview'],
        [other.id, 'Applied'],
      ].sort(),
    )
    const page = await list()
    expect(page.total).toBe(1)
    expect(page.rows[0]).toMatchObject({ id: further.id, candidateId: keep, stageName: 'Interview' })
    const stagesNow = await workspace.services.stages.list(postingId)
    expect(stagesNow.reduce((sum, entry) => sum + entry.counts.active, 0)).toBe(1)

    // The kept application carries the other one's history; its own time in stage is untouched by it.
    const detail = await applications.get(further.id)
    expect(detail.events.map((event) => [event.applicationId, event.toStage.name])).toEqual([
      [early.id, 'Applied'],
      [further.id, 'Applied'],
      [further.id, 'Screen'],
      [further.id, 'Interview'],
    ])
    expect(detail.timeInStages.map((entry) => entry.stageName)).toEqual(['Applied', 'Screen', 'Interview'])
    const leftover = await workspace.context.db
      .selectFrom('applications')
      .selectAll()
      .where('id', '=', early.id)
      .executeTakeFirstOrThrow()
    expect(leftover).toMatchObject({ candidate_id: keep, merged_into_id: further.id })
    expect(await failure(applications.move(early.id, stage('Screen')))).toMatchObject({ code: 'not_found' })
    expect(result.activity[0]).toMatchObject({
      action: 'merged',
      detail: {
        applicationsMoved: 0,
        applicationsCombined: [{ postingId, keptId: further.id, mergedId: early.id, keptStatus: 'active' }],
      },
    })
  })

  it('prefers a live application to a closed one further along, and re-adding stays refused after', async () => {
    const { applications, candidates } = workspace.services
    const keep = await candidate('Elena Varga')
    const merged = await candidate('Varga Elena')
    const rejected = await applications.add({ candidateId: keep, postingId })
    await applications.move(rejected.id, stage('Offer'))
    await applications.setStatus(rejected.id, 'rejected', 'Salary above the band')
    const live = await applications.add({ candidateId: merged, postingId })

    const result = await candidates.merge(keep, merged)
    expect(result.applications).toMatchObject([{ id: live.id, status: 'active', stageName: 'Applied' }])
    expect(await failure(applications.add({ candidateId: keep, postingId }))).toMatchObject({ code: 'conflict' })
    expect((await applications.get(live.id)).events.map((event) => event.toStatus)).toEqual([
      'active',
      'active',
      'rejected',
      'active',
    ])
  })
})

describe('résumé import into a posting', () => {
  it('creates the candidate and the application together, or applies the one the résumé matches', async () => {
    const { candidates, applications } = workspace.services
    const created = await candidates.importResume({
      fileName: 'elena.pdf',
      bytes: await fx.onePageResumePdf(),
      postingId,
    })
    expect(created).toMatchObject({ outcome: 'created', application: { added: true } })
    const docx = await candidates.importResume({ fileName: 'elena.docx', bytes: await fx.resumeDocx(), postingId })
    expect(docx).toMatchObject({
      outcome: 'attached',
      candidateId: created.candidateId,
      application: { id: created.application?.id, added: false },
    })
    // The same file again: nothing new is stored, the candidate applies to the other posting.
    const known = await candidates.importResume({
      fileName: 'elena-again.pdf',
      bytes: await fx.onePageResumePdf(),
      postingId: otherPostingId,
    })
    expect(known).toMatchObject({ outcome: 'known', candidateId: created.candidateId, application: { added: true } })
    expect((await candidates.get(created.candidateId)).applications).toHaveLength(2)
    expect((await list()).rows).toMatchObject([{ name: fx.fixturePerson.name, email: fx.fixturePerson.email }])
    expect(await applications.facets(postingId)).toEqual({ sources: [] })
  })

  it('refuses a closed or unknown posting before reading the file, saving nothing', async () => {
    const { candidates, postings } = workspace.services
    await postings.setStatus(otherPostingId, 'closed')
    for (const target of [otherPostingId, 9999]) {
      await expect(
        candidates.importResume({ fileName: 'elena.pdf', bytes: await fx.onePageResumePdf(), postingId: target }),
      ).rejects.toThrow(target === 9999 ? 'Posting 9999 does not exist.' : /is closed/)
    }
    const page = await candidates.list({
      offset: 0,
      limit: 10,
      sort: 'name',
      direction: 'asc',
      text: 'varga',
      tag: '',
      source: '',
    })
    expect(page.total).toBe(0)
  })
})

describe('bulk changes with undo', () => {
  async function threeApplied(): Promise<number[]> {
    const ids: number[] = []
    for (const name of ['Ana Ruiz', 'Bo Chen', 'Cy Dube'])
      ids.push((await workspace.services.applications.add({ candidateId: await candidate(name), postingId })).id)
    return ids
  }

  it('rejects several applications in one change, skips closed ones, and undoes it back to where they were', async () => {
    const { applications } = workspace.services
    const [ana = 0, bo = 0, cy = 0] = await threeApplied()
    await applications.move(ana, stage('Screen'))
    await applications.setStatus(cy, 'withdrawn', 'Moved abroad')
    const result = await applications.bulk({
      postingId,
      ids: [ana, bo, cy],
      action: { kind: 'reject', reason: 'Not enough PostgreSQL' },
    })
    expect(result).toMatchObject({ matched: 3, changed: 2, skippedCount: 1, skipped: [{ name: 'Cy Dube' }] })
    expect((await list({ status: 'rejected' })).rows.map((row) => row.name)).toEqual(['Ana Ruiz', 'Bo Chen'])
    if (!result.undo) throw new Error('expected an undo token')
    expect(await applications.undo(result.undo)).toEqual({ undone: 2 })
    const rows = (await list()).rows.map((row) => [row.name, row.stageName, row.status, row.reason])
    expect(rows).toEqual([
      ['Ana Ruiz', 'Screen', 'active', ''],
      ['Bo Chen', 'Applied', 'active', ''],
      ['Cy Dube', 'Applied', 'withdrawn', 'Moved abroad'],
    ])
    expect((await eventsOf(ana)).map((event) => event.to_status)).toEqual(['active', 'active', 'rejected', 'active'])
  })

  it('refuses an undo once someone else changed one of the applications, and changes nothing', async () => {
    const { applications } = workspace.services
    const ids = await threeApplied()
    const result = await applications.bulk({ postingId, ids, action: { kind: 'move', stageId: stage('Screen') } })
    expect(result.changed).toBe(3)
    await applications.move(ids[1] ?? 0, stage('Interview'))
    if (!result.undo) throw new Error('expected an undo token')
    const error = await failure(applications.undo(result.undo))
    expect(error.code).toBe('conflict')
    expect(error.message).toMatch(/Cannot undo: 1 application \(\d+\) changed since.*Nothing was undone/)
    expect((await list()).rows.map((row) => row.stageName)).toEqual(['Screen', 'Interview', 'Screen'])
  })

  it('tags the candidates of every application matching a filter, and undoes only the tags it added', async () => {
    const { applications, candidates } = workspace.services
    const ids = await threeApplied()
    const result = await applications.bulk({
      postingId,
      filter: { source: '', text: 'bo', atLeast: [] },
      action: { kind: 'tag', tag: 'silver-medal' },
    })
    expect(result).toMatchObject({ matched: 1, changed: 1 })
    const bo = (await list({ text: 'bo' })).rows[0]?.candidateId ?? 0
    expect((await candidates.get(bo)).tags).toEqual(['silver-medal'])
    if (!result.undo) throw new Error('expected an undo token')
    await applications.undo(result.undo)
    expect((await candidates.get(bo)).tags).toEqual([])
    const added = await applications.bulk({
      postingId,
      ids,
      action: { kind: 'addToPosting', postingId: otherPostingId },
    })
    expect(added).toMatchObject({ matched: 3, changed: 3, undo: null })
    const again = await applications.bulk({
      postingId,
      ids,
      action: { kind: 'addToPosting', postingId: otherPostingId },
    })
    expect(again).toMatchObject({ changed: 0, skippedCount: 3 })
  })

  it('refuses a bulk change over 10,000 applicants at the contract and an unknown application whole', async () => {
    const tooMany = await dispatch(
      'applications:bulk',
      { postingId, ids: Array.from({ length: 10_001 }, (_, index) => index + 1), action: { kind: 'tag', tag: 'x' } },
      { services: workspace.services },
    )
    expect(tooMany).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect(JSON.stringify(tooMany)).toContain('At most 10,000 applicants at once')
    const [ana = 0] = await threeApplied()
    const error = await failure(
      workspace.services.applications.bulk({ postingId, ids: [ana, 99_999], action: { kind: 'reject', reason: 'x' } }),
    )
    expect(error.message).toMatch(/99999.*nothing was changed/)
    expect((await list({ status: 'rejected' })).total).toBe(0)
  })
})
