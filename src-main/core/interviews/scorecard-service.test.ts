import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { dispatch } from '../../dispatch'
import { fixedClock } from '../clock'
import { openTestWorkspace, type TestWorkspace } from '../testing/temp-workspace'
import { content, nextSlot, planDemoInterviews } from '../testing/interview-fixture'
import { InterviewRepository } from './repository'

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
const keys = () => {
  const deepDive = demo.step('Technical deep dive').focus
  return { postgres: deepDive[0]!.key, kafka: deepDive[1]!.key, design: deepDive[2]!.key }
}

async function schedule(candidate: string, step: string, interviewer: string) {
  return interviews().schedule({
    applicationId: demo.application(candidate).id,
    stepId: demo.step(step).id,
    interviewerId: demo.person(interviewer).id,
    scheduledAt: nextSlot(),
  })
}

describe('times on a fixed clock', () => {
  it("stamps the clock's time on the interview, the draft, the submission and their history", async () => {
    const clock = fixedClock('2026-03-01T09:00:00.000Z')
    const fixed = await openTestWorkspace({ clock })
    try {
      const plan = await planDemoInterviews(fixed)
      const { interviews: booked, scorecards: cards, workspace: people } = fixed.services
      const step = plan.step('Technical deep dive')
      clock.set('2026-03-02T10:15:00.000Z')
      const interview = await booked.schedule({
        applicationId: plan.application('Lena Hoffmann').id,
        stepId: step.id,
        interviewerId: plan.person('Sam').id,
        scheduledAt: '2026-03-05T14:00:00.000Z',
      })
      await people.setMe(plan.person('Sam').id)
      clock.set('2026-03-05T15:30:00.000Z')
      const draft = await cards.saveDraft(interview.id, content({ [step.focus[0]!.key]: 3 }, null))
      expect(draft).toMatchObject({ createdAt: '2026-03-05T15:30:00.000Z', updatedAt: '2026-03-05T15:30:00.000Z' })
      clock.advance(20 * 60_000)
      const ratings = Object.fromEntries(step.focus.map((item) => [item.key, 3 as const]))
      const submitted = await cards.submit(interview.id, content(ratings, 'yes'))
      expect(submitted).toMatchObject({
        submittedAt: '2026-03-05T15:50:00.000Z',
        updatedAt: '2026-03-05T15:50:00.000Z',
      })
      const history = await fixed.context.db
        .selectFrom('activity')
        .select(['action', 'at'])
        .where('action', 'in', ['interview_scheduled', 'scorecard_submitted'])
        .orderBy('id')
        .execute()
      expect(history).toEqual([
        { action: 'interview_scheduled', at: '2026-03-02T10:15:00.000Z' },
        { action: 'scorecard_submitted', at: '2026-03-05T15:50:00.000Z' },
      ])
    } finally {
      await fixed.dispose()
    }
  })
})

describe('scorecard lifecycle', () => {
  it('autosaves one draft, locks it on submit and keeps every version through amendments', async () => {
    const { postgres, kafka, design } = keys()
    const interview = await schedule('Lena Hoffmann', 'Technical deep dive', 'Sam')
    await actAs('Sam')
    const first = await scorecards().saveDraft(interview.id, content({ [postgres]: 3 }, null))
    const again = await scorecards().saveDraft(
      interview.id,
      content({ [postgres]: 4, [kafka]: 2 }, null, { [kafka]: 'Only RabbitMQ' }),
    )
    expect(again).toMatchObject({ id: first.id, version: 1, status: 'draft' })
    // Every focus item is kept, unrated ones included.
    expect(again.content.ratings).toEqual([
      { key: postgres, rating: 4, note: '' },
      { key: kafka, rating: 2, note: 'Only RabbitMQ' },
      { key: design, rating: null, note: '' },
    ])
    expect((await interviews().get(interview.id)).scorecardState).toBe('draft')

    await expect(scorecards().submit(interview.id, content({ [postgres]: 4 }, null))).rejects.toMatchObject({
      code: 'invalid_input',
      issues: [{ path: 'recommendation' }],
    })
    const submitted = await scorecards().submit(
      interview.id,
      content({ [postgres]: 4, [kafka]: 2, [design]: 3 }, 'yes'),
    )
    expect(submitted).toMatchObject({ version: 1, status: 'submitted', authorName: 'Sam Rivera' })
    await expect(scorecards().saveDraft(interview.id, content({ [postgres]: 1 }, null))).rejects.toMatchObject({
      code: 'conflict',
    })
    // The database itself refuses to change a submitted version.
    await expect(
      sql`UPDATE scorecards SET recommendation = 'no' WHERE id = ${submitted.id}`.execute(workspace.context.db),
    ).rejects.toThrow(/locked/)
    await expect(
      sql`UPDATE scorecard_ratings SET rating = 1 WHERE scorecard_id = ${submitted.id}`.execute(workspace.context.db),
    ).rejects.toThrow(/locked/)

    const amendment = await scorecards().amend(interview.id)
    expect(amendment).toMatchObject({ version: 2, status: 'draft', content: { recommendation: 'yes' } })
    expect((await scorecards().amend(interview.id)).id).toBe(amendment.id)
    expect((await interviews().get(interview.id)).scorecardState).toBe('amending')
    await scorecards().discardAmendment(interview.id)
    await scorecards().amend(interview.id)
    const second = await scorecards().submit(
      interview.id,
      content({ [postgres]: 4, [kafka]: 3, [design]: 3 }, 'strong_yes'),
    )
    expect(second.version).toBe(2)
    const page = await scorecards().get(interview.id, false)
    expect(page.versions.map((version) => [version.version, version.status, version.content.recommendation])).toEqual([
      [2, 'submitted', 'strong_yes'],
      [1, 'submitted', 'yes'],
    ])
    expect(await interviews().get(interview.id)).toMatchObject({ scorecardState: 'submitted', submittedVersion: 2 })
  })

  it('writes a draft only while it is the current draft of the version read: the check is in the UPDATE', async () => {
    const interview = await schedule('Lena Hoffmann', 'Technical deep dive', 'Sam')
    await actAs('Sam')
    const draft = await scorecards().saveDraft(interview.id, content({ [keys().postgres]: 2 }, null))
    const repo = new InterviewRepository(workspace.context.db)
    const takeaways = (text: string) => ({ key_takeaways: text })
    // A writer that read version 1 after another one moved it on (or submitted it) changes nothing.
    expect(await repo.updateDraft(draft.id, draft.version + 1, takeaways('stale'))).toBe(false)
    expect(await repo.updateDraft(draft.id, draft.version, takeaways('current'))).toBe(true)
    await scorecards().submit(interview.id, content({ [keys().postgres]: 3 }, 'yes', {}, 'submitted'))
    expect(await repo.updateDraft(draft.id, draft.version, takeaways('after submit'))).toBe(false)
    const stored = await workspace.context.db
      .selectFrom('scorecards')
      .select(['version', 'status', 'key_takeaways'])
      .where('interview_id', '=', interview.id)
      .execute()
    expect(stored).toEqual([{ version: 1, status: 'submitted', key_takeaways: 'submitted' }])
  })

  it('lets only the interviewer write, and refuses items of other steps and ratings outside 1-4', async () => {
    const { postgres } = keys()
    const interview = await schedule('Lena Hoffmann', 'Technical deep dive', 'Sam')
    await expect(scorecards().saveDraft(interview.id, content({ [postgres]: 3 }, null))).rejects.toMatchObject({
      code: 'forbidden',
    })
    await actAs('Jordan')
    await expect(scorecards().saveDraft(interview.id, content({ [postgres]: 3 }, null))).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining('Sam Rivera') as string,
    })
    await actAs('Sam')
    const behaviour = demo.step('Behavioural').focus[0]!.key
    await expect(scorecards().saveDraft(interview.id, content({ [behaviour]: 3 }, null))).rejects.toMatchObject({
      code: 'invalid_input',
      issues: [{ path: 'ratings.0.key' }],
    })
    const outside = await dispatch(
      'scorecards:saveDraft',
      { interviewId: interview.id, content: { ratings: [{ key: postgres, rating: 5, note: '' }] } },
      { services: workspace.services },
    )
    expect(outside).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/rating is 1, 2, 3 or 4/) as string },
    })
    expect(await workspace.context.db.selectFrom('scorecards').select('id').execute()).toEqual([])
  })
})

describe('independence', () => {
  it('hides the others’ names, ratings, notes and summaries until the viewer has submitted', async () => {
    const { postgres, kafka, design } = keys()
    const mentoring = demo.step('Behavioural').focus[0]!.key
    const lena = demo.application('Lena Hoffmann').id
    const samInterview = await schedule('Lena Hoffmann', 'Technical deep dive', 'Sam')
    const jordanInterview = await schedule('Lena Hoffmann', 'Behavioural', 'Jordan')
    await actAs('Sam')
    await scorecards().submit(
      samInterview.id,
      content(
        { [postgres]: 1, [kafka]: 3, [design]: 3 },
        'no',
        { [postgres]: 'SECRET-NOTE never tuned a query' },
        'SECRET-TAKEAWAY',
      ),
    )

    await actAs('Jordan')
    await scorecards().saveDraft(jordanInterview.id, content({ [mentoring]: 4 }, null))
    const hidden = await scorecards().get(samInterview.id, false)
    expect(hidden).toMatchObject({ hidden: true, versions: [], mine: false, access: 'locked' })
    const locked = await interviews().debrief(lena, false)
    expect(locked).toMatchObject({ access: 'locked', scorecards: [], items: [] })
    // Through the channel too: nothing of Sam's feedback leaves the service.
    for (const [channel, input] of [
      ['interviews:debrief', { applicationId: lena }],
      ['scorecards:get', { interviewId: samInterview.id }],
      ['interviews:list', { applicationId: lena }],
    ] as const) {
      const result = await dispatch(channel, input, { services: workspace.services })
      expect(result.ok).toBe(true)
      expect(JSON.stringify(result)).not.toMatch(/SECRET|"recommendation"|"rating":1,"note"/)
    }
    // The schedule stays visible: who interviews and whether a scorecard is in.
    expect(
      (await interviews().list({ applicationId: lena })).map((entry) => [entry.interviewerName, entry.scorecardState]),
    ).toEqual([
      ['Sam Rivera', 'submitted'],
      ['Jordan Lee', 'draft'],
    ])

    await scorecards().submit(jordanInterview.id, content({ [mentoring]: 4 }, 'strong_yes'))
    const open = await scorecards().get(samInterview.id, false)
    expect(open).toMatchObject({ hidden: false, access: 'own_submitted' })
    expect(open.versions[0]?.content.ratings[0]).toMatchObject({ rating: 1, note: 'SECRET-NOTE never tuned a query' })
    const debrief = await interviews().debrief(lena, false)
    expect(debrief.scorecards.map((entry) => [entry.interviewerName, entry.recommendation])).toEqual([
      ['Sam Rivera', 'no'],
      ['Jordan Lee', 'strong_yes'],
    ])

    // Sam's new amendment is a draft: others never see drafts.
    await actAs('Sam')
    await scorecards().amend(samInterview.id)
    await actAs('Jordan')
    expect((await scorecards().get(samInterview.id, false)).versions.map((entry) => entry.status)).toEqual([
      'submitted',
    ])
  })

  it('shows everything to the posting’s hiring manager who asks, and to nobody else who has not submitted', async () => {
    const { postgres } = keys()
    const lena = demo.application('Lena Hoffmann').id
    const interview = await schedule('Lena Hoffmann', 'Technical deep dive', 'Sam')
    await actAs('Sam')
    await scorecards().submit(interview.id, content({ [postgres]: 2 }, 'no'))

    // No hiring manager set on the posting: people whose role is hiring manager may reveal.
    await actAs('Alex')
    expect(await interviews().debrief(lena, false)).toMatchObject({ access: 'locked', canReveal: true, items: [] })
    const revealed = await interviews().debrief(lena, true)
    expect(revealed).toMatchObject({ access: 'hiring_manager', scorecards: [{ interviewerName: 'Sam Rivera' }] })
    expect((await scorecards().get(interview.id, true)).versions).toHaveLength(1)
    await actAs('Priya')
    expect(await interviews().debrief(lena, true)).toMatchObject({ access: 'locked', canReveal: false, scorecards: [] })

    // Once the posting names its hiring manager, only that person may.
    await workspace.services.interviewPlans.setHiringManager(demo.posting.id, demo.person('Priya').id)
    expect(await interviews().debrief(lena, true)).toMatchObject({ access: 'hiring_manager' })
    await actAs('Alex')
    expect(await interviews().debrief(lena, true)).toMatchObject({ access: 'locked', canReveal: false })
  })
})

describe('debrief', () => {
  it('shows who said what per focus item, the items nobody rated and disagreements of 2 or more', async () => {
    const { postgres, kafka, design } = keys()
    const lena = demo.application('Lena Hoffmann').id
    const sam = await schedule('Lena Hoffmann', 'Technical deep dive', 'Sam')
    const jordan = await schedule('Lena Hoffmann', 'Technical deep dive', 'Jordan')
    await actAs('Sam')
    await scorecards().submit(
      sam.id,
      content({ [postgres]: 1, [kafka]: 3, [design]: null }, 'no', { [postgres]: 'Never tuned a query' }),
    )
    await actAs('Jordan')
    await scorecards().submit(jordan.id, content({ [postgres]: 3, [kafka]: 4, [design]: null }, 'yes'))
    const debrief = await interviews().debrief(lena, false)
    const item = (key: string) => debrief.items.find((entry) => entry.key === key)!
    expect(item(postgres)).toMatchObject({ spread: 2, disagreement: true, unrated: false, mean: 2 })
    expect(item(postgres).requirementId).toBe(Number(postgres.split(':')[1]))
    expect(item(postgres).ratings.map((entry) => [entry.interviewerName, entry.rating, entry.note])).toEqual([
      ['Sam Rivera', 1, 'Never tuned a query'],
      ['Jordan Lee', 3, ''],
    ])
    expect(item(kafka)).toMatchObject({ spread: 1, disagreement: false })
    expect(item(design)).toMatchObject({ unrated: true, spread: null })
    // Items of steps nobody has interviewed for yet are listed as unrated too.
    const behaviour = demo.step('Behavioural').focus[0]!.key
    expect(item(behaviour)).toMatchObject({ unrated: true, ratings: [], stepNames: ['Behavioural'] })
    expect(debrief.waitingFor).toEqual([])
  })
})

describe('calibration', () => {
  it('computes each interviewer’s numbers over decided applications only', async () => {
    const { postgres, kafka, design } = keys()
    const apps = workspace.services.applications
    const score = async (
      candidate: string,
      interviewer: string,
      ratings: (1 | 2 | 3 | 4 | null)[],
      verdict: 'no' | 'yes' | 'strong_yes',
    ) => {
      const interview = await schedule(candidate, 'Technical deep dive', interviewer)
      await actAs(interviewer)
      await scorecards().submit(
        interview.id,
        content({ [postgres]: ratings[0] ?? null, [kafka]: ratings[1] ?? null, [design]: ratings[2] ?? null }, verdict),
      )
    }
    await score('Lena Hoffmann', 'Sam', [4, 4, 3], 'yes')
    await score('Lena Hoffmann', 'Jordan', [2, 3, null], 'no')
    await score('Diego Ramos', 'Sam', [3, 3, 3], 'strong_yes')
    await score('Diego Ramos', 'Jordan', [3, 2, 1], 'no')
    // Still active: not counted.
    const ongoing = await workspace.services.applications.list({
      postingId: demo.posting.id,
      offset: 0,
      limit: 100,
      sort: 'name',
      direction: 'asc',
      source: '',
      text: '',
      status: 'active',
    })
    const third = ongoing.rows.find((row) => row.name !== 'Lena Hoffmann' && row.name !== 'Diego Ramos')!
    await score(third.name, 'Sam', [1, 1, 1], 'no')
    await apps.setStatus(demo.application('Lena Hoffmann').id, 'hired', '')
    await apps.setStatus(demo.application('Diego Ramos').id, 'rejected', 'Another candidate was further along')

    const result = await interviews().calibration(demo.posting.id)
    expect(result.applications).toBe(2)
    const sam = result.interviewers.find((entry) => entry.name === 'Sam Rivera')!
    const jordan = result.interviewers.find((entry) => entry.name === 'Jordan Lee')!
    expect(sam).toMatchObject({
      scorecards: 2,
      ratingCounts: { 1: 0, 2: 0, 3: 4, 4: 2 },
      meanRating: 3.333,
      panelApplications: 2,
      unratedShare: 0,
      yesDecided: 2,
      yesHired: 1,
      yesHireRate: 0.5,
    })
    // Lena: Sam 11/3 against a panel of 16/5; Diego: 3 against 15/6.
    expect(sam.meanDifferenceFromPanel).toBeCloseTo((11 / 3 - 16 / 5 + (3 - 15 / 6)) / 2, 3)
    expect(jordan).toMatchObject({ scorecards: 2, unratedShare: 0.167, yesDecided: 0, yesHireRate: null })
    expect(jordan.meanDifferenceFromPanel).toBeCloseTo((2.5 - 16 / 5 + (2 - 15 / 6)) / 2, 3)
  })
})
