import type { WorkspaceDto } from '@contract'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { dispatch } from '../../dispatch'
import { openTestWorkspace, type TestWorkspace } from '../testing/temp-workspace'

let workspace: TestWorkspace
beforeEach(async () => {
  workspace = await openTestWorkspace()
})
afterEach(() => workspace.dispose())

const start = (input: unknown) => dispatch('workspace:start', input, { services: workspace.services })

async function ok<T>(promise: ReturnType<typeof start>): Promise<T> {
  const result = await promise
  if (!result.ok) throw new Error(result.error.message)
  return result.data as T
}

describe('the first run', () => {
  it('starts with the demo as the person who answered, and every screen of the demo posting has content', async () => {
    expect((await workspace.services.workspace.info()).empty).toBe(true)
    const started = Date.now()
    const info = await ok<WorkspaceDto>(start({ name: 'Robin Example', email: 'robin@example.org', content: 'demo' }))
    const elapsed = Date.now() - started
    expect(info.me).toMatchObject({ name: 'Robin Example', email: 'robin@example.org' })
    expect(info.empty).toBe(false)
    // A first start stays fast: the demo is small.
    expect(elapsed).toBeLessThan(10_000)

    const [posting] = await workspace.services.postings.list()
    if (!posting) throw new Error('the demo posting is missing')
    const db = workspace.context.db
    const fits = await db
      .selectFrom('application_fit')
      .select(['application_id', 'score', 'assessed', 'knocked_out'])
      .where('posting_id', '=', posting.id)
      .execute()
    expect(fits.length).toBeGreaterThanOrEqual(10)
    for (const fit of fits) expect(fit.assessed).toBeGreaterThan(0)
    expect(fits.some((fit) => fit.knocked_out === 1)).toBe(true)
    const scores = fits.map((fit) => fit.score)
    expect(Math.max(...scores) - Math.min(...scores)).toBeGreaterThan(30)

    const evidence = await db
      .selectFrom('assessments')
      .select('evidence')
      .where('rating', '>', 0)
      .where('evidence', '=', '')
      .execute()
    expect(evidence).toEqual([])

    const requirements = await db
      .selectFrom('requirements')
      .select(['competency_id', 'must_have'])
      .where('posting_id', '=', posting.id)
      .execute()
    expect(requirements.filter((row) => row.competency_id !== null).length).toBeGreaterThanOrEqual(5)
    expect(requirements.filter((row) => row.must_have === 1).length).toBeGreaterThanOrEqual(2)

    const plan = await workspace.services.interviewPlans.plan(posting.id)
    expect(plan.steps.length).toBeGreaterThanOrEqual(3)
    expect(plan.hiringManagerId).toBe(info.me?.id)
    const scorecards = await db.selectFrom('scorecards').select(['status', 'author_id']).execute()
    expect(scorecards.some((row) => row.status === 'submitted')).toBe(true)
    // Nothing was written in the name of the person who just arrived.
    expect(scorecards.filter((row) => row.author_id === info.me?.id)).toEqual([])

    const mine = await workspace.services.interviews.mine()
    expect(mine.length).toBe(2)
    const dayStart = new Date()
    dayStart.setHours(0, 0, 0, 0)
    const dayEnd = new Date(dayStart.getTime() + 86_400_000)
    const home = await workspace.services.home.summary({
      dayStart: dayStart.toISOString(),
      dayEnd: dayEnd.toISOString(),
    })
    expect(home.dueScorecards.length).toBeGreaterThanOrEqual(1)
  }, 30_000)

  it('is the same demo twice for the same instant', async () => {
    const now = new Date('2027-02-01T10:00:00Z')
    const snapshot = async (ws: TestWorkspace) => {
      await ws.services.workspace.startAs({ name: 'Robin Example', email: null })
      await ws.services.demo.init({ now, showcase: true })
      return ws.context.db
        .selectFrom('assessments')
        .select(['application_id', 'requirement_id', 'rating', 'evidence'])
        .orderBy('id')
        .execute()
    }
    const other = await openTestWorkspace()
    try {
      expect(await snapshot(workspace)).toEqual(await snapshot(other))
    } finally {
      await other.dispose()
    }
  }, 30_000)

  it('starts empty with only the person who answered', async () => {
    const info = await ok<WorkspaceDto>(start({ name: 'Robin Example', email: null, content: 'empty' }))
    expect(info.me?.name).toBe('Robin Example')
    expect(await workspace.services.workspace.listPeople(false)).toHaveLength(1)
    expect(await workspace.services.postings.list()).toEqual([])
  })

  it('refuses a second answer, and an answer without a name', async () => {
    await ok(start({ name: 'Robin Example', email: null, content: 'empty' }))
    const again = await start({ name: 'Someone Else', email: null, content: 'demo' })
    expect(again.ok === false && again.error.code).toBe('conflict')
    const unnamed = await dispatch(
      'workspace:start',
      { name: ' ', email: null, content: 'demo' },
      { services: workspace.services },
    )
    expect(unnamed.ok === false && unnamed.error.code).toBe('invalid_input')
  })
})
