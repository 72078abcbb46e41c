import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { dispatch } from '../../dispatch'
import { openTestWorkspace, type TestWorkspace } from '../testing/temp-workspace'

let workspace: TestWorkspace

beforeEach(async () => {
  workspace = await openTestWorkspace({ demo: true })
})
afterEach(() => workspace.dispose())

const day = (now: Date) => ({
  dayStart: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())).toISOString(),
  dayEnd: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1)).toISOString(),
})

describe('start page', () => {
  it("lists my unsubmitted interviews up to today's end, the applicants waiting per stage and unassessed items", async () => {
    const { services } = workspace
    const [posting] = await services.postings.list({})
    const me = await services.workspace.me()
    if (!posting || !me) throw new Error('the demo posting and its local person are missing')
    const plan = await services.interviewPlans.addStep({
      postingId: posting.id,
      name: 'Pairing',
      durationMinutes: 60,
      questions: [],
      focus: [],
    })
    const page = await services.applications.list({
      postingId: posting.id,
      offset: 0,
      limit: 50,
      sort: 'name',
      direction: 'asc',
      source: '',
      text: '',
      status: 'active',
    })
    const [first, second] = page.rows
    const now = new Date()
    const schedule = (applicationId: number, at: Date) =>
      services.interviews.schedule({
        applicationId,
        stepId: plan.steps[0]?.id ?? 0,
        interviewerId: me.id,
        scheduledAt: at.toISOString(),
      })
    await schedule(first?.id ?? 0, new Date(now.getTime() - 3 * 86_400_000))
    await schedule(second?.id ?? 0, new Date(now.getTime() + 3 * 86_400_000))

    const home = await services.home.summary(day(now))
    expect(home.postingScope).toBe('all')
    expect(home.dueScorecards).toEqual([
      expect.objectContaining({ candidateName: first?.name, stepName: 'Pairing', overdue: true, started: false }),
    ])
    const waiting = new Map(home.waiting.map((entry) => [entry.stageName, entry.count]))
    const activeIn = (stage: string) => page.rows.filter((row) => row.stageName === stage).length
    for (const stage of ['Applied', 'Screen', 'Interview', 'Offer'])
      expect(waiting.get(stage) ?? 0).toBe(activeIn(stage))
    expect(home.unassessed.length + home.unassessedMore).toBe(
      posting.requirementCounts.responsibility +
        posting.requirementCounts.requirement +
        posting.requirementCounts.nice_to_have,
    )

    // Once I manage a posting, the lists are about my postings only.
    await services.interviewPlans.setHiringManager(posting.id, me.id)
    expect((await services.home.summary(day(now))).postingScope).toBe('mine')
  })

  it('refuses a day that ends before it starts', async () => {
    const result = await dispatch(
      'home:summary',
      { dayStart: '2026-03-02T00:00:00Z', dayEnd: '2026-03-01T00:00:00Z' },
      { services: workspace.services },
    )
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
  })
})
