import { contract } from '@contract'
import type { z } from 'zod'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { actAs, type Caller } from './core/accounts/acting-person'
import { content, nextSlot, planDemoInterviews } from './core/testing/interview-fixture'
import { openTestWorkspace, type TestWorkspace } from './core/testing/temp-workspace'
import { dispatch } from './dispatch'
import type { HandlerContext } from './handlers'

/**
 * The row rules of a team server (docs/ARCHITECTURE.md, "Row rules"): every channel that takes an id, called by
 * an interviewer with ids that are not theirs, is refused as a missing id would be and changes nothing; a hiring
 * manager likewise on a posting they do not manage. Calls go through the real dispatcher with a signed-in caller.
 */

let workspace: TestWorkspace
let demo: Awaited<ReturnType<typeof planDemoInterviews>>

/** Rows that are not the interviewer's (nor the hiring manager's, for the postings part). */
interface Foreign {
  posting: number
  stage: number
  requirement: number
  step: number
  application: number
  candidate: number
  document: number
  note: number
  interview: number
  ladder: number
  level: number
  competency: number
  person: number
  view: number
  job: string
  export: string
  upload: string
}

let foreign: Foreign
/** The same, for the hiring manager: rows of the posting they do not manage. */
let elsewhere: Foreign
let samInterview: number
let sam: number
let jordan: number
let alex: number
let priya: number
let managed: number

const ID_FIELD = /^(id|ids)$|Ids?$/

const shapeOf = (schema: z.ZodType): Record<string, unknown> => {
  const def = schema as unknown as {
    shape?: Record<string, unknown>
    def: { in?: { shape?: Record<string, unknown> } }
  }
  return def.shape ?? def.def.in?.shape ?? {}
}

/** Every channel of the contract whose input names an id: the ones this test must cover. */
const idTakingChannels = Object.entries(contract).flatMap(([domain, actions]) =>
  Object.entries(actions as Record<string, { input: z.ZodType }>)
    .filter(([, spec]) => Object.keys(shapeOf(spec.input)).some((key) => ID_FIELD.test(key)))
    .map(([action]) => `${domain}:${action}`),
)

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64')
const viewState = { filters: {}, sort: { column: 'name', direction: 'asc' }, hidden: [] }

/** A valid input for each id-taking channel, naming rows that are not the caller's. */
const payloads = (f: Foreign): Record<string, unknown> => ({
  'people:update': { id: f.person, name: 'Renamed', email: null, role: 'interviewer', archived: false },
  'people:setMe': { id: f.person },
  'ladders:get': { id: f.ladder },
  'ladders:update': { id: f.ladder, name: 'Renamed' },
  'ladders:delete': { id: f.ladder },
  'ladders:addLevel': { ladderId: f.ladder, code: 'Z9', title: 'Added', summary: '' },
  'ladders:updateLevel': { id: f.level, code: 'Z9', title: 'Renamed', summary: '' },
  'ladders:removeLevel': { id: f.level },
  'ladders:reorderLevels': { ladderId: f.ladder, levelIds: [f.level] },
  'ladders:addCompetency': { ladderId: f.ladder, name: 'Added', description: '' },
  'ladders:updateCompetency': { id: f.competency, name: 'Renamed', description: '' },
  'ladders:removeCompetency': { id: f.competency },
  'ladders:reorderCompetencies': { ladderId: f.ladder, competencyIds: [f.competency] },
  'ladders:setExpectation': { levelId: f.level, competencyId: f.competency, text: 'Changed', examples: '' },
  'ladders:export': { id: f.ladder, format: 'yaml' },
  'candidates:get': { id: f.candidate },
  'candidates:update': { id: f.candidate, name: 'Renamed' },
  'candidates:findDuplicates': { name: 'Someone', emails: [], phones: [], excludeId: f.candidate },
  'candidates:merge': { keepId: f.candidate, mergeId: demo.application('Lena Hoffmann').id },
  'candidates:addNote': { candidateId: f.candidate, body: 'A note' },
  'candidates:updateNote': { id: f.note, body: 'Changed' },
  'candidates:attachDocument': {
    fileName: 'cv.txt',
    contentBase64: base64('Experienced engineer'),
    candidateId: f.candidate,
  },
  'candidates:documentText': { id: f.document },
  'candidates:documentFile': { id: f.document },
  'candidates:importResume': {
    fileName: 'cv.txt',
    contentBase64: base64('Jane Doe\njane@example.com'),
    postingId: f.posting,
  },
  'candidates:csvPreview': { uploadId: f.upload, mapping: ['name'] },
  'candidates:csvImport': { uploadId: f.upload, mapping: ['name'], mode: 'skip_invalid', fileName: 'people.csv' },
  'postings:get': { id: f.posting },
  'postings:list': { levelId: f.level },
  'postings:create': { title: 'Added', levelId: f.level, language: 'en' },
  'postings:createFromLevel': { levelId: f.level, language: 'en' },
  'postings:update': { id: f.posting, title: 'Renamed', levelId: f.level, language: 'en' },
  'postings:setStatus': { id: f.posting, status: 'closed' },
  'postings:duplicate': { id: f.posting },
  'postings:delete': { id: f.posting },
  'postings:addRequirement': { postingId: f.posting, section: 'requirement', text: 'Added' },
  'postings:updateRequirement': { id: f.requirement, text: 'Changed', weight: 2 },
  'postings:removeRequirement': { id: f.requirement },
  'postings:restoreRequirement': { id: f.requirement },
  'postings:moveRequirement': { id: f.requirement, section: 'responsibility', position: 0 },
  'stages:list': { postingId: f.posting },
  'stages:add': { postingId: f.posting, name: 'Added' },
  'stages:rename': { id: f.stage, name: 'Renamed' },
  'stages:reorder': { postingId: f.posting, stageIds: [f.stage] },
  'stages:remove': { id: f.stage },
  'applications:list': { postingId: f.posting },
  'applications:facets': { postingId: f.posting },
  'applications:get': { id: f.application },
  'applications:add': { candidateId: f.candidate, postingId: f.posting },
  'applications:addMany': { postingId: f.posting, candidateIds: [f.candidate] },
  'applications:bulk': { postingId: f.posting, ids: [f.application], action: { kind: 'tag', tag: 'x' } },
  'applications:move': { id: f.application, stageId: f.stage },
  'applications:setStatus': { id: f.application, status: 'rejected', reason: 'Not a fit' },
  'assessments:get': { applicationId: f.application },
  'assessments:suggestions': { applicationId: f.application },
  'assessments:rate': {
    applicationId: f.application,
    requirementId: f.requirement,
    rating: 'met',
    expectedVersion: 0,
  },
  'assessments:acceptSuggestion': {
    applicationId: f.application,
    requirementId: f.requirement,
    key: 'k',
    expectedVersion: 0,
  },
  'assessments:dismissSuggestion': { applicationId: f.application, requirementId: f.requirement, key: 'k' },
  'assessments:compare': { postingId: f.posting, applicationIds: [f.application, f.application + 1] },
  'interviews:plan': { postingId: f.posting },
  'interviews:addStep': { postingId: f.posting, name: 'Added', durationMinutes: 30, questions: [], focus: [] },
  'interviews:updateStep': { id: f.step, name: 'Renamed', durationMinutes: 30, questions: [], focus: [] },
  'interviews:removeStep': { id: f.step },
  'interviews:reorderSteps': { postingId: f.posting, stepIds: [f.step] },
  'interviews:copyPlan': { fromPostingId: f.posting, toPostingId: demo.posting.id },
  'interviews:list': { applicationId: f.application },
  'interviews:schedule': { applicationId: f.application, stepId: f.step, interviewerId: sam, scheduledAt: nextSlot() },
  'interviews:reschedule': { id: f.interview, interviewerId: sam, scheduledAt: nextSlot() },
  'interviews:cancel': { id: f.interview },
  'interviews:packet': { id: f.interview },
  'interviews:kit': { id: f.interview, language: 'en' },
  'interviews:debrief': { applicationId: f.application, reveal: false },
  'interviews:calibration': { postingId: f.posting },
  'interviews:setHiringManager': { postingId: f.posting, personId: sam },
  'scorecards:get': { interviewId: f.interview, reveal: false },
  'scorecards:saveDraft': { interviewId: f.interview, content: content({}, null) },
  'scorecards:submit': { interviewId: f.interview, content: content({}, 'yes') },
  'scorecards:amend': { interviewId: f.interview },
  'scorecards:discardAmendment': { interviewId: f.interview },
  'scorecards:external': { id: 1 },
  'scorecards:saveExternal': { id: 1, content: content({}, null) },
  'scorecards:exportExternal': { id: 1 },
  'scorecards:externalKit': { id: 1, language: 'en' },
  'scorecards:removeExternal': { id: 1 },
  'jobs:get': { id: f.job },
  'jobs:cancel': { id: f.job },
  'reports:run': { name: 'funnel', filters: { postingId: f.posting } },
  'reports:drilldown': { name: 'funnel', filters: { postingId: f.posting }, segment: 'x' },
  'reports:export': { name: 'funnel', filters: { postingId: f.posting }, format: 'csv' },
  'reports:packet': { applicationId: f.application },
  'reports:heatmap': { postingId: f.posting, applicationIds: [f.application, f.application + 1] },
  'reports:download': { exportId: f.export, offset: 0 },
  'messages:compose': { applicationId: f.application, template: 'rejection_after_screen' },
  'messages:send': { applicationId: f.application, template: 'rejection_after_screen', via: 'mailto' },
  'messages:invite': { id: f.interview },
  'privacy:consent': { id: f.candidate },
  'privacy:setConsent': { id: f.candidate, consent: { note: 'Changed' } },
  'privacy:extend': { ids: [f.candidate], months: 6 },
  'privacy:anonymise': { ids: [f.candidate], confirm: true },
  'privacy:exportData': { id: f.candidate, format: 'json' },
  'privacy:audit': { candidateId: f.candidate },
  'views:list': { table: 'applicants', postingId: f.posting },
  'views:create': { table: 'applicants', postingId: f.posting, name: 'Mine', state: viewState },
  'views:update': { id: f.view, state: viewState },
  'views:rename': { id: f.view, name: 'Renamed' },
  'views:remove': { id: f.view },
  'accounts:disable': { personId: f.person },
  'accounts:enable': { personId: f.person },
  'accounts:resetPassword': { personId: f.person, password: 'another long password' },
  'accounts:setRoles': { personId: f.person, roles: ['administrator'] },
})

const teamContext = (caller: Caller): HandlerContext => ({
  services: workspace.services,
  caller,
  team: { address: '127.0.0.1', session: null, setSessionCookie: () => undefined },
})

const call = (caller: Caller, channel: string, input: unknown) => dispatch(channel, input, teamContext(caller))

/** Everything a refused call could have changed, as one comparable value. */
async function snapshot(): Promise<string> {
  const db = workspace.context.db
  const tables = [
    'people',
    'person_roles',
    'accounts',
    'ladders',
    'levels',
    'competencies',
    'expectations',
    'postings',
    'requirements',
    'stages',
    'interview_plans',
    'interview_steps',
    'candidates',
    'candidate_notes',
    'applications',
    'assessments',
    'suggestion_dismissals',
    'interviews',
    'scorecards',
    'saved_views',
    'activity',
    'privacy_audit',
  ] as const
  const rows = (list: unknown[]) => list.map((row) => JSON.stringify(row)).sort()
  const parts: Record<string, string[]> = {}
  for (const table of tables) parts[table] = rows(await db.selectFrom(table).selectAll().execute())
  parts.documents = rows(await db.selectFrom('documents').select(['id', 'candidate_id']).execute())
  // The dispatcher's own record of a permission refusal is not a change the call made.
  parts.activity = (parts.activity ?? []).filter((row) => !/refus|forbidden/.test(row))
  return JSON.stringify(parts)
}

beforeAll(async () => {
  workspace = await openTestWorkspace()
  demo = await planDemoInterviews(workspace)
  const { services, context } = workspace
  sam = demo.person('Sam').id
  jordan = demo.person('Jordan').id
  alex = demo.person('Alex').id
  priya = demo.person('Priya').id
  managed = demo.posting.id
  await services.interviewPlans.setHiringManager(managed, alex)
  // Sam interviews Lena; Jordan interviews Diego (and scores him): Diego's rows are not Sam's.
  const mine = await services.interviews.schedule({
    applicationId: demo.application('Lena Hoffmann').id,
    stepId: demo.step('Recruiter screen').id,
    interviewerId: sam,
    scheduledAt: nextSlot(),
  })
  samInterview = mine.id
  const diego = demo.application('Diego Ramos').id
  const theirs = await services.interviews.schedule({
    applicationId: diego,
    stepId: demo.step('Technical deep dive').id,
    interviewerId: jordan,
    scheduledAt: nextSlot(),
  })
  // A second posting, nobody's interview and not Alex's to manage, with a step, a stage and an applicant.
  const other = await services.postings.duplicate(managed)
  await services.interviewPlans.addStep({
    postingId: other.id,
    name: 'Elsewhere',
    durationMinutes: 30,
    questions: [],
    focus: [],
  })
  const diegoCandidate = (await services.applications.get(diego)).candidateId
  const note = await services.candidates.addNote(diegoCandidate, 'Diego note')
  // Saved by the local "me" (not a team caller), through the dispatcher so that the state gets its defaults.
  const saved = await dispatch(
    'views:create',
    { table: 'applicants', postingId: managed, name: 'Theirs', state: viewState },
    { services },
  )
  if (!saved.ok) throw new Error(JSON.stringify(saved.error))
  const view = saved.data as { id: number }
  const [document] = await context.db
    .selectFrom('documents')
    .select('id')
    .where('candidate_id', '=', diegoCandidate)
    .execute()
  const plan = await services.interviewPlans.plan(other.id)
  const ladder = (await services.ladders.list())[0]
  if (!ladder || !document || !plan.steps[0]) throw new Error('the demo lacks a ladder, a résumé or a step')
  // A job, an export and an upload of the recruiter, through a team call of their own.
  const recruiter: Caller = { personId: priya, roles: ['recruiter'] }
  const exported = await call(recruiter, 'reports:export', { name: 'funnel', filters: {}, format: 'csv' })
  if (!exported.ok) throw new Error(JSON.stringify(exported.error))
  const job = exported.data as { id: string }
  const done = await workspace.services.jobs.wait(job.id)
  const uploaded = await call(recruiter, 'candidates:csvUpload', {
    fileName: 'people.csv',
    contentBase64: base64('name\nAda\n'),
  })
  if (!uploaded.ok) throw new Error(JSON.stringify(uploaded.error))
  foreign = {
    posting: other.id,
    stage: (await services.stages.list(other.id))[0]?.id ?? 0,
    requirement: other.requirements[0]?.id ?? 0,
    step: plan.steps[0].id,
    application: diego,
    candidate: diegoCandidate,
    document: document.id,
    note: note.id,
    interview: theirs.id,
    ladder: ladder.id,
    level: other.levelId,
    competency: (await services.ladders.get(ladder.id)).competencies[0]?.id ?? 0,
    person: jordan,
    view: view.id,
    job: job.id,
    export: (done.result as { exportId: string }).exportId,
    upload: (uploaded.data as { uploadId: string }).uploadId,
  }
  await actAs({ personId: jordan, roles: ['interviewer'] }, () =>
    services.scorecards.submit(theirs.id, content({}, 'yes')),
  )
  await services.postings.setStatus(other.id, 'open')
  const newcomer = await services.candidates.create({
    name: 'Noor Haddad',
    emails: [],
    phones: [],
    links: [],
    location: '',
    source: '',
    tags: [],
    ifDuplicate: 'create',
  })
  const applied = await services.applications.add({ candidateId: newcomer.id, postingId: other.id })
  const interviewed = await services.interviews.schedule({
    applicationId: applied.id,
    stepId: plan.steps[0].id,
    interviewerId: jordan,
    scheduledAt: nextSlot(),
  })
  elsewhere = { ...foreign, application: applied.id, candidate: newcomer.id, interview: interviewed.id }
}, 120_000)

afterAll(async () => {
  await workspace?.dispose()
})

describe('row rules on a team server', () => {
  it('has a valid payload for every id-taking channel of the contract', () => {
    const table = payloads(foreign)
    expect(idTakingChannels.length).toBeGreaterThan(80)
    // A new channel that takes an id fails here until it gets a payload, so the walk below covers it.
    expect(idTakingChannels.filter((channel) => !(channel in table))).toEqual([])
    for (const [channel, input] of Object.entries(table)) {
      const [domain, action] = channel.split(':') as [string, string]
      const spec = (contract as unknown as Record<string, Record<string, { input: z.ZodType }>>)[domain]?.[action]
      const parsed = spec?.input.safeParse(input)
      expect(parsed?.success ? '' : `${channel}: ${JSON.stringify(parsed?.error?.issues)}`).toBe('')
    }
  })

  it('lets the interviewer reach their own interview and nothing of the others', async () => {
    const interviewer: Caller = { personId: sam, roles: ['interviewer'] }
    const mine = await call(interviewer, 'interviews:mine', {})
    expect(mine.ok && (mine.data as { id: number }[]).map((row) => row.id)).toEqual([samInterview])
    const own = await call(interviewer, 'scorecards:get', { interviewId: samInterview, reveal: false })
    expect(own).toMatchObject({ ok: true, data: { mine: true } })
    const listed = await call(interviewer, 'interviews:list', { applicationId: demo.application('Lena Hoffmann').id })
    expect(listed.ok && (listed.data as { id: number }[]).map((row) => row.id)).toEqual([samInterview])
    const home = await call(interviewer, 'home:summary', {
      dayStart: '2026-01-01T00:00:00.000Z',
      dayEnd: '2027-01-01T00:00:00.000Z',
    })
    expect(home).toMatchObject({ ok: true, data: { waiting: [], unassessed: [] } })
  })

  it('refuses every id-taking channel to an interviewer naming rows not theirs, as a missing id, changing nothing', async () => {
    const interviewer: Caller = { personId: sam, roles: ['interviewer'] }
    const table = payloads(foreign)
    const before = await snapshot()
    const answered: string[] = []
    for (const channel of idTakingChannels) {
      const result = await call(interviewer, channel, table[channel])
      if (result.ok || !['not_found', 'forbidden'].includes(result.error.code))
        answered.push(`${channel}: ${JSON.stringify(result.ok ? 'ok' : result.error)}`)
    }
    expect(answered).toEqual([])
    expect(await snapshot()).toBe(before)
  })

  it("keeps a recruiter's upload to its uploader: for another recruiter it does not exist", async () => {
    const uploader: Caller = { personId: priya, roles: ['recruiter'] }
    const colleague: Caller = { personId: alex, roles: ['recruiter'] }
    const before = await snapshot()
    for (const channel of ['candidates:csvPreview', 'candidates:csvImport']) {
      const result = await call(colleague, channel, payloads(foreign)[channel])
      expect(result).toMatchObject({ ok: false, error: { code: 'not_found', key: 'upload_expired' } })
    }
    expect(await snapshot()).toBe(before)
    const own = await call(uploader, 'candidates:csvPreview', { uploadId: foreign.upload, mapping: ['name'] })
    expect(own).toMatchObject({ ok: true, data: { rowCount: 1 } })
  })

  it('refuses a hiring manager the posting they do not manage, and serves the one they do', async () => {
    const manager: Caller = { personId: alex, roles: ['hiring_manager'] }
    const table = payloads(elsewhere)
    // The channels of a posting's rows; creating a posting (which names a level) is the dispatcher's question
    // of role, and the list of postings is narrowed rather than refused (checked below).
    const postingScoped = idTakingChannels.filter(
      (channel) =>
        /^(postings|stages|applications|assessments|interviews|scorecards|reports|messages):/.test(channel) &&
        !['postings:list', 'postings:create', 'postings:createFromLevel'].includes(channel),
    )
    const before = await snapshot()
    const answered: string[] = []
    for (const channel of postingScoped) {
      const result = await call(manager, channel, table[channel])
      if (result.ok || !['not_found', 'forbidden'].includes(result.error.code))
        answered.push(`${channel}: ${JSON.stringify(result.ok ? 'ok' : result.error)}`)
    }
    expect(answered).toEqual([])
    expect(await snapshot()).toBe(before)
    const list = await call(manager, 'applications:list', { postingId: managed })
    expect(list.ok).toBe(true)
    const postings = await call(manager, 'postings:list', {})
    expect(postings.ok && (postings.data as { id: number }[]).map((row) => row.id)).toEqual([managed])
    const debrief = await call(manager, 'interviews:debrief', { applicationId: foreign.application, reveal: true })
    expect(debrief).toMatchObject({ ok: true, data: { access: 'hiring_manager' } })
  })
})
