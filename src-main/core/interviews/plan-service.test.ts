import type { LadderDto, PostingDto } from '@contract'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openTestWorkspace, type TestWorkspace } from '../testing/temp-workspace'

let workspace: TestWorkspace
let ladder: LadderDto
let posting: PostingDto
beforeEach(async () => {
  workspace = await openTestWorkspace()
  await workspace.services.demo.init()
  ladder = (await workspace.services.ladders.list())[0]!
  posting = (await workspace.services.postings.get((await workspace.services.postings.list())[0]!.id))!
})
afterEach(() => workspace.dispose())

const plans = () => workspace.services.interviewPlans
const competency = (name: string) => ladder.competencies.find((entry) => entry.name === name)!
const requirement = (start: string) => posting.requirements.find((entry) => entry.text.startsWith(start))!

const step = (name: string, focus: { kind: 'requirement' | 'competency'; id: number }[], questions: string[] = []) => ({
  postingId: posting.id,
  name,
  durationMinutes: 45,
  questions,
  focus,
})

describe('interview plans', () => {
  it('anchors competency focus items to the levels below, at and above the posting level', async () => {
    const design = competency('System design')
    const plan = await plans().addStep(step('System design', [{ kind: 'competency', id: design.id }]))
    const [item] = plan.steps[0]!.focus
    expect(plan.levelTitle).toBe('Senior Backend Engineer II')
    expect(item).toMatchObject({ key: `competency:${design.id}`, label: 'System design', kind: 'competency' })
    expect(item!.anchors.below?.levelTitle).toBe('Senior Backend Engineer I')
    expect(item!.anchors.at.levelTitle).toBe('Senior Backend Engineer II')
    expect(item!.anchors.above?.levelTitle).toBe('Staff Backend Engineer')
    const detail = await workspace.services.ladders.get(ladder.id)
    const text = (code: string) =>
      detail.expectations.find(
        (entry) =>
          entry.competencyId === design.id && entry.levelId === detail.levels.find((level) => level.code === code)!.id,
      )!.text
    expect(item!.anchors.below?.text).toBe(text('SBE1'))
    expect(item!.anchors.at.text).toBe(text('SBE2'))
    expect(item!.anchors.above?.text).toBe(text('STAFF'))
  })

  it('shows a requirement with its own text and the expectations of the competency it links', async () => {
    const postgres = requirement('Solid knowledge of PostgreSQL')
    const kafka = requirement('Experience with message queues')
    await workspace.services.postings.updateRequirement({
      ...postgres,
      competencyId: competency('System design').id,
    })
    const plan = await plans().addStep(
      step('Technical deep dive', [
        { kind: 'requirement', id: postgres.id },
        { kind: 'requirement', id: kafka.id },
      ]),
    )
    const [linked, plain] = plan.steps[0]!.focus
    expect(linked).toMatchObject({ label: postgres.text, competencyName: 'System design', section: 'requirement' })
    expect(linked!.anchors.at.text).toMatch(/\w/)
    expect(plain).toMatchObject({ label: kafka.text, competencyName: null })
    expect(plain!.anchors.at).toMatchObject({ levelTitle: 'Senior Backend Engineer II', text: null })
    // Only measured sections are offered.
    expect(plan.focusOptions.some((option) => option.label.startsWith('30 days of paid holiday'))).toBe(false)
    expect(plan.focusOptions.filter((option) => option.kind === 'competency')).toHaveLength(ladder.competencies.length)
  })

  it('adds, edits, reorders and removes steps, keeping positions consecutive', async () => {
    await plans().addStep(step('Recruiter screen', [], ['Why this role?']))
    await plans().addStep(step('Behavioural', [{ kind: 'competency', id: competency('Mentoring and leadership').id }]))
    let plan = await plans().addStep({ ...step('Technical deep dive', []), position: 1 })
    expect(plan.steps.map((entry) => entry.name)).toEqual(['Recruiter screen', 'Technical deep dive', 'Behavioural'])
    const [screen, deepDive, behavioural] = plan.steps
    plan = await plans().updateStep({
      id: deepDive!.id,
      name: 'Technical deep dive',
      durationMinutes: 60,
      questions: ['Walk me through a system you own.', 'How do you tune a slow query?'],
      focus: [{ kind: 'requirement', id: requirement('Solid knowledge of PostgreSQL').id }],
    })
    expect(plan.steps[1]).toMatchObject({
      durationMinutes: 60,
      questions: [expect.any(String), 'How do you tune a slow query?'],
    })
    expect(plan.steps[1]!.focus).toHaveLength(1)
    plan = await plans().reorderSteps(posting.id, [behavioural!.id, screen!.id, deepDive!.id])
    expect(plan.steps.map((entry) => [entry.name, entry.position])).toEqual([
      ['Behavioural', 0],
      ['Recruiter screen', 1],
      ['Technical deep dive', 2],
    ])
    await expect(plans().reorderSteps(posting.id, [screen!.id, deepDive!.id])).rejects.toMatchObject({
      code: 'invalid_input',
    })
    plan = await plans().removeStep(screen!.id)
    expect(plan.steps.map((entry) => [entry.name, entry.position])).toEqual([
      ['Behavioural', 0],
      ['Technical deep dive', 1],
    ])
    const actions = await workspace.context.db
      .selectFrom('activity')
      .select('action')
      .where('entity_id', '=', posting.id)
      .where('action', 'like', 'interview_step%')
      .execute()
    expect(actions.map((row) => row.action)).toEqual(expect.arrayContaining(['interview_step_removed']))
  })

  it('refuses focus items from elsewhere and changes nothing', async () => {
    const other = await workspace.services.postings.create({
      title: 'Other',
      levelId: posting.levelId,
      language: 'en',
      team: '',
      countries: [],
      remotePolicy: 'onsite',
      summary: '',
      status: 'draft',
      originalText: '',
      originalFileName: null,
      requirements: [
        {
          section: 'requirement',
          text: 'Foreign item',
          mustHave: false,
          preferred: false,
          minYears: null,
          skills: [],
          competencyId: null,
        },
      ],
    })
    const benefit = posting.requirements.find((entry) => entry.section === 'benefit')!
    for (const focus of [
      { kind: 'requirement' as const, id: other.requirements[0]!.id },
      { kind: 'requirement' as const, id: benefit.id },
      { kind: 'competency' as const, id: 9_999 },
    ]) {
      await expect(plans().addStep(step('Broken', [focus]))).rejects.toMatchObject({
        code: 'invalid_input',
        issues: [{ path: 'focus.0' }],
      })
    }
    expect((await plans().plan(posting.id)).steps).toEqual([])
    await expect(plans().plan(999)).rejects.toMatchObject({ code: 'not_found' })
  })

  it('drops a focus item when its requirement is removed from the posting', async () => {
    const kafka = requirement('Experience with message queues')
    await plans().addStep(step('Deep dive', [{ kind: 'requirement', id: kafka.id }]))
    await workspace.services.postings.removeRequirement(kafka.id)
    expect((await plans().plan(posting.id)).steps[0]!.focus).toEqual([])
  })

  it('copies a plan to another posting, matching requirements by text and reporting what has no match', async () => {
    const design = competency('System design')
    const postgres = requirement('Solid knowledge of PostgreSQL')
    const kafka = requirement('Experience with message queues')
    await plans().addStep(step('Recruiter screen', [], ['Notice period?']))
    await plans().addStep(
      step('Deep dive', [
        { kind: 'requirement', id: postgres.id },
        { kind: 'requirement', id: kafka.id },
        { kind: 'competency', id: design.id },
      ]),
    )
    const copy = await workspace.services.postings.duplicate(posting.id)
    const renamed = copy.requirements.find((entry) => entry.text.startsWith('Experience with message queues'))!
    await workspace.services.postings.updateRequirement({ ...renamed, text: 'Event streaming with Kafka' })
    await plans().addStep({ ...step('Existing step', []), postingId: copy.id })

    const result = await plans().copyPlan(posting.id, copy.id)
    expect(result.copiedSteps).toBe(2)
    expect(result.dropped).toEqual([`Deep dive: ${kafka.text}`])
    expect(result.plan.steps.map((entry) => entry.name)).toEqual(['Existing step', 'Recruiter screen', 'Deep dive'])
    const deepDive = result.plan.steps[2]!
    expect(deepDive.focus.map((item) => item.label)).toEqual([postgres.text, 'System design'])
    expect(deepDive.focus[0]!.requirementId).not.toBe(postgres.id)
    expect(result.plan.steps[1]!.questions).toEqual(['Notice period?'])
    // The source is untouched.
    expect((await plans().plan(posting.id)).steps).toHaveLength(2)
    await expect(plans().copyPlan(posting.id, posting.id)).rejects.toMatchObject({ code: 'invalid_input' })
    const empty = await workspace.services.postings.duplicate(posting.id)
    await expect(plans().copyPlan(empty.id, posting.id)).rejects.toMatchObject({ code: 'invalid_input' })
  })

  it('sets a hiring manager, but not an archived person', async () => {
    const people = await workspace.services.workspace.listPeople(false)
    const alex = people.find((person) => person.name === 'Alex Morgan')!
    expect((await plans().setHiringManager(posting.id, alex.id)).hiringManagerName).toBe('Alex Morgan')
    const former = await workspace.services.workspace.createPerson({ name: 'Former', email: null, role: 'member' })
    await workspace.services.workspace.updatePerson({ ...former, archived: true })
    await expect(plans().setHiringManager(posting.id, former.id)).rejects.toMatchObject({ code: 'conflict' })
    expect((await plans().setHiringManager(posting.id, null)).hiringManagerId).toBeNull()
  })
})
