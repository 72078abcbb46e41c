import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openWorkspace } from '../services'
import { createTestDatabase, onSqliteWorkspace } from '../testing/test-database'
import { openTestWorkspace, resourcesDir, tempDir, type TestWorkspace } from '../testing/temp-workspace'
import { content, nextSlot, planDemoInterviews } from '../testing/interview-fixture'

let workspace: TestWorkspace
let demo: Awaited<ReturnType<typeof planDemoInterviews>>
beforeEach(async () => {
  workspace = await openTestWorkspace()
  demo = await planDemoInterviews(workspace)
})
afterEach(() => workspace.dispose())

const interviews = () => workspace.services.interviews
const scorecards = () => workspace.services.scorecards
const actAs = (name: string) => workspace.services.workspace.setMe(demo.person(name).id)

describe('scheduling', () => {
  it('schedules application × step × interviewer and lists it by posting, application and interviewer', async () => {
    const lena = demo.application('Lena Hoffmann')
    const at = '2026-03-02T10:30:00+01:00'
    const interview = await interviews().schedule({
      applicationId: lena.id,
      stepId: demo.step('Technical deep dive').id,
      interviewerId: demo.person('Sam').id,
      scheduledAt: at,
    })
    expect(interview).toMatchObject({
      candidateName: 'Lena Hoffmann',
      stepName: 'Technical deep dive',
      interviewerName: 'Sam Rivera',
      scheduledAt: '2026-03-02T09:30:00.000Z',
      durationMinutes: 60,
      scorecardState: 'none',
    })
    expect(await interviews().list({ postingId: demo.posting.id })).toHaveLength(1)
    expect(await interviews().list({ applicationId: lena.id })).toHaveLength(1)
    expect(await interviews().list({ applicationId: demo.application('Diego Ramos').id })).toHaveLength(0)
    await actAs('Sam')
    expect((await interviews().mine()).map((entry) => entry.id)).toEqual([interview.id])
    await actAs('Jordan')
    expect(await interviews().mine()).toEqual([])
    expect((await workspace.services.interviewPlans.plan(demo.posting.id)).steps[1]?.interviews).toBe(1)
  })

  it('lists in "my interviews" what still matters: recent and coming ones, and older ones still to score', async () => {
    const sam = demo.person('Sam').id
    const schedule = (candidate: string, step: string, scheduledAt: string) =>
      interviews().schedule({
        applicationId: demo.application(candidate).id,
        stepId: demo.step(step).id,
        interviewerId: sam,
        scheduledAt,
      })
    const old = await schedule('Lena Hoffmann', 'Behavioural', '2025-01-10T09:00:00Z')
    const oldPending = await schedule('Diego Ramos', 'Behavioural', '2025-01-11T09:00:00Z')
    const recent = await schedule('Lena Hoffmann', 'Recruiter screen', '2025-05-20T09:00:00Z')
    await actAs('Sam')
    const key = demo.step('Behavioural').focus[0]!.key
    await scorecards().submit(old.id, content({ [key]: 3 }, 'yes'))
    const mine = await interviews().mine(new Date('2025-06-01T00:00:00Z'))
    expect(mine.map((entry) => entry.id)).toEqual([oldPending.id, recent.id])
  })

  it('refuses a step of another plan, an unknown or archived interviewer, a closed application and double bookings', async () => {
    const lena = demo.application('Lena Hoffmann').id
    const deepDive = demo.step('Technical deep dive').id
    const sam = demo.person('Sam').id
    const other = await workspace.services.postings.duplicate(demo.posting.id)
    const otherPlan = await workspace.services.interviewPlans.addStep({
      postingId: other.id,
      name: 'Elsewhere',
      durationMinutes: 30,
      questions: [],
      focus: [],
    })
    const base = { applicationId: lena, stepId: deepDive, interviewerId: sam, scheduledAt: '2026-03-02T09:00:00Z' }
    await expect(interviews().schedule({ ...base, stepId: otherPlan.steps[0]!.id })).rejects.toMatchObject({
      code: 'invalid_input',
      issues: [{ path: 'stepId' }],
    })
    await expect(interviews().schedule({ ...base, interviewerId: 999 })).rejects.toMatchObject({
      code: 'invalid_input',
      issues: [{ path: 'interviewerId' }],
    })
    const former = await workspace.services.workspace.createPerson({ name: 'Former', email: null, role: 'interviewer' })
    await workspace.services.workspace.updatePerson({ ...former, archived: true })
    await expect(interviews().schedule({ ...base, interviewerId: former.id })).rejects.toMatchObject({
      code: 'conflict',
    })
    await expect(
      interviews().schedule({ ...base, applicationId: demo.application('Rohan Mehta').id }),
    ).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('rejected') as string })

    await interviews().schedule(base)
    await expect(interviews().schedule({ ...base, scheduledAt: '2026-03-05T09:00:00Z' })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('already scheduled') as string,
    })
    // The deep dive runs 09:00–10:00: Sam is busy at 09:30, free again at 10:00.
    const diego = demo.application('Diego Ramos').id
    await expect(
      interviews().schedule({ ...base, applicationId: diego, scheduledAt: '2026-03-02T09:30:00Z' }),
    ).rejects.toMatchObject({ code: 'conflict', issues: [{ path: 'scheduledAt' }] })
    await interviews().schedule({ ...base, applicationId: diego, scheduledAt: '2026-03-02T10:00:00Z' })
    expect(await interviews().list({ postingId: demo.posting.id })).toHaveLength(2)
  })

  it('reschedules; keeps the interviewer once a scorecard exists; cancels only without a submitted scorecard', async () => {
    const interview = await interviews().schedule({
      applicationId: demo.application('Lena Hoffmann').id,
      stepId: demo.step('Behavioural').id,
      interviewerId: demo.person('Sam').id,
      scheduledAt: nextSlot(),
    })
    const moved = await interviews().reschedule({
      id: interview.id,
      interviewerId: demo.person('Jordan').id,
      scheduledAt: '2026-04-01T14:00:00Z',
      durationMinutes: 30,
    })
    expect(moved).toMatchObject({
      interviewerName: 'Jordan Lee',
      scheduledAt: '2026-04-01T14:00:00.000Z',
      durationMinutes: 30,
    })
    await actAs('Jordan')
    const key = demo.step('Behavioural').focus[0]!.key
    await scorecards().saveDraft(interview.id, content({ [key]: 3 }, null))
    await expect(
      interviews().reschedule({ id: interview.id, interviewerId: demo.person('Sam').id, scheduledAt: nextSlot() }),
    ).rejects.toMatchObject({ code: 'conflict', issues: [{ path: 'interviewerId' }] })
    await expect(workspace.services.interviewPlans.removeStep(demo.step('Behavioural').id)).rejects.toMatchObject({
      code: 'conflict',
    })
    await scorecards().submit(interview.id, content({ [key]: 3 }, 'yes'))
    await expect(interviews().cancel(interview.id)).rejects.toMatchObject({ code: 'conflict' })

    const other = await interviews().schedule({
      applicationId: demo.application('Diego Ramos').id,
      stepId: demo.step('Behavioural').id,
      interviewerId: demo.person('Jordan').id,
      scheduledAt: nextSlot(),
    })
    await scorecards().saveDraft(other.id, content({ [key]: 2 }, null))
    await interviews().cancel(other.id)
    await expect(interviews().get(other.id)).rejects.toMatchObject({ code: 'not_found' })
    expect(await workspace.context.db.selectFrom('scorecards').select('id').execute()).toHaveLength(1)
  })
})

describe('the interview brief', () => {
  it("lists the candidate's tags in one order on both databases: as SQLite's NOCASE sorts them", async () => {
    const lena = demo.application('Lena Hoffmann')
    const { candidate_id: candidateId } = await workspace.context.db
      .selectFrom('applications')
      .select('candidate_id')
      .where('id', '=', lena.id)
      .executeTakeFirstOrThrow()
    await workspace.context.db.deleteFrom('candidate_tags').where('candidate_id', '=', candidateId).execute()
    await workspace.context.db
      .insertInto('candidate_tags')
      .values(['éa', 'beta', 'Zeta', 'Éclair', 'alpha'].map((tag) => ({ candidate_id: candidateId, tag })))
      .execute()
    const interview = await interviews().schedule({
      applicationId: lena.id,
      stepId: demo.step('Recruiter screen').id,
      interviewerId: demo.person('Sam').id,
      scheduledAt: nextSlot(),
    })
    const { brief } = await interviews().brief(interview.id)
    // ASCII letters fold; "É" (C3 89) sorts before "é" (C3 A9) byte by byte, where a full case fold would swap them.
    expect(brief.candidate.tags).toEqual(['alpha', 'beta', 'Zeta', 'Éclair', 'éa'])
  })
})

describe('two servers on one database', () => {
  // Only PostgreSQL has several writers on one database; a local workspace's file belongs to one process.
  it.runIf(!onSqliteWorkspace())(
    'books an interviewer once when two servers take the same slot at the same moment; the other hears who is busy',
    async () => {
      const database = await createTestDatabase('postgres', { migrated: true })
      const dirs = [tempDir(), tempDir()] as const
      const open = (dataDir: string) =>
        openWorkspace({
          dataDir,
          postgresUrl: database.location,
          resourcesDir,
          appVersion: '0.0.0-test',
          demoOnFirstRun: false,
        })
      const servers: Awaited<ReturnType<typeof open>>[] = []
      try {
        servers.push(await open(dirs[0].path), await open(dirs[1].path))
        const [one, two] = servers as [(typeof servers)[0], (typeof servers)[0]]
        const plan = await planDemoInterviews({ ...one, dataDir: dirs[0].path, dispose: () => Promise.resolve() })
        const sam = plan.person('Sam').id
        const booking = (candidate: string, step: string, scheduledAt: string) => ({
          applicationId: plan.application(candidate).id,
          stepId: plan.step(step).id,
          interviewerId: sam,
          scheduledAt,
        })
        // A few rounds, each server's request overlapping the other's slot by half an hour: without the write
        // lock both would read Sam free and both would book.
        for (const day of ['2026-04-01', '2026-04-02', '2026-04-03']) {
          const results = await Promise.allSettled([
            one.services.interviews.schedule(booking('Lena Hoffmann', 'Technical deep dive', `${day}T09:00:00Z`)),
            two.services.interviews.schedule(booking('Diego Ramos', 'Technical deep dive', `${day}T09:30:00Z`)),
          ])
          expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1)
          const refused = results.flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []))
          expect(refused).toEqual([
            expect.objectContaining({
              code: 'conflict',
              key: 'interviewer_busy',
              issues: [expect.objectContaining({ path: 'scheduledAt' })],
            }),
          ])
          const booked = await two.services.interviews.list({ postingId: plan.posting.id })
          expect(booked.filter((entry) => entry.scheduledAt.startsWith(day))).toHaveLength(1)
          // Cancelled again so that the next round books the same two applications afresh.
          const [entry] = booked
          if (entry) await one.services.interviews.cancel(entry.id)
        }
      } finally {
        for (const server of servers) await server.close()
        await database.dispose()
        for (const dir of dirs) dir.remove()
      }
    },
  )
})
