// SQLite-only suite: the dispatcher's permission check above the core, the same on both databases; the core's suites run on both.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { contract, type AccountRole } from '@contract'
import { accountRoles } from '@contract/closed-lists'
import type { Access } from '@contract/access'
import type { ChannelSpec } from '@contract/define'
import { fixedClock, type FixedClock } from './core/clock'
import { openTestWorkspace, type TestWorkspace } from './core/testing/temp-workspace'
import { dispatch } from './dispatch'
import type { HandlerContext } from './handlers'
import type { TeamRequest } from './handlers/context'

const PASSWORD = 'a long enough password'
/** Fails every channel's schema (each takes an object), so a call that gets past the permission check stops at validation. */
const NOT_AN_OBJECT = 'not an object'

/** Walked from the contract object itself, so a channel added later is covered without touching this test. */
const declared: { channel: string; access: Access }[] = Object.entries(contract).flatMap(([domain, actions]) =>
  Object.entries<ChannelSpec>(actions).map(([action, spec]) => ({
    channel: `${domain}:${action}`,
    access: spec.access,
  })),
)

/** Every single role, and a signed-in person whose account holds none. */
const roleSets: { label: string; roles: AccountRole[] }[] = [
  ...accountRoles.map((role) => ({ label: role, roles: [role] })),
  { label: 'no role', roles: [] },
]

let clock: FixedClock
let workspace: TestWorkspace
const personIds = new Map<string, number>()

beforeEach(async () => {
  clock = fixedClock('2026-03-02T09:00:00.000Z')
  workspace = await openTestWorkspace({ clock })
  personIds.clear()
  for (const [index, role] of accountRoles.entries()) {
    const member = await workspace.services.accounts.create({
      name: `Person ${index}`,
      email: `person${index}@example.com`,
      password: PASSWORD,
      roles: [role],
    })
    personIds.set(role, member.personId)
  }
  personIds.set(
    'no role',
    (await workspace.services.workspace.createPerson({ name: 'Nobody', email: null, role: 'member' })).id,
  )
})
afterEach(() => workspace.dispose())

const teamRequest: TeamRequest = { address: '127.0.0.1', session: null, setSessionCookie: () => undefined }

function asCaller(label: string, roles: AccountRole[]): HandlerContext {
  const personId = personIds.get(label)
  if (personId === undefined) throw new Error(`No person for ${label}`)
  return { services: workspace.services, team: teamRequest, caller: { personId, roles } }
}

const refusals = (personId?: number) =>
  workspace.context.db
    .selectFrom('activity')
    .select(['person_id', 'entity_type', 'entity_id', 'detail'])
    .where('action', '=', 'permission_refused')
    .$if(personId !== undefined, (query) => query.where('person_id', '=', personId ?? 0))
    .orderBy('id')
    .execute()

describe('permissions on a team server', () => {
  it('declares each channel with roles from the closed list, each once, and no channel for nobody but choosing "me"', () => {
    for (const { channel, access } of declared) {
      if (typeof access === 'string') {
        expect(['sessionFree', 'signedIn'], channel).toContain(access)
        continue
      }
      expect(new Set(access).size, channel).toBe(access.length)
      for (const role of access) expect(accountRoles, channel).toContain(role)
    }
    expect(declared.filter(({ access }) => access.length === 0).map(({ channel }) => channel)).toEqual(['people:setMe'])
    expect(declared.filter(({ access }) => access === 'sessionFree').map(({ channel }) => channel)).toEqual([
      'session:signIn',
    ])
  })

  it.each(roleSets)(
    'refuses the role "$label" exactly the channels not declared for it, before validation',
    async ({ label, roles }) => {
      const context = asCaller(label, roles)
      const outcomes: string[] = []
      const expected: string[] = []
      for (const { channel, access } of declared) {
        const result = await dispatch(channel, NOT_AN_OBJECT, context)
        const allowed = access === 'sessionFree' || access === 'signedIn' || access.some((role) => roles.includes(role))
        outcomes.push(`${channel} ${result.ok ? 'ok' : result.error.code}`)
        expected.push(`${channel} ${allowed ? 'invalid_input' : 'forbidden'}`)
        if (!result.ok && result.error.code === 'forbidden') {
          expect(result.error.key).toBe('permission_refused')
          // The refusal says nothing about the data, the input or which role would do.
          expect(result.error.message).toBe('Your role does not allow this.')
          expect(result.error.params ?? {}).toEqual({})
        }
      }
      expect(outcomes).toEqual(expected)
    },
  )

  it('keeps each role to what it says: no role implies another', async () => {
    const allowedFor = async (role: AccountRole) => {
      const allowed = new Set<string>()
      for (const { channel } of declared) {
        const result = await dispatch(channel, NOT_AN_OBJECT, asCaller(role, [role]))
        if (result.ok || result.error.code !== 'forbidden') allowed.add(channel)
      }
      return allowed
    }
    const administrator = await allowedFor('administrator')
    const recruiter = await allowedFor('recruiter')
    const hiringManager = await allowedFor('hiring_manager')
    const interviewer = await allowedFor('interviewer')
    // The policy in the README's and ARCHITECTURE's words, spot-checked through the real dispatcher.
    expect(administrator).toContain('accounts:create')
    expect(administrator).toContain('privacy:anonymise')
    expect(administrator).toContain('workspace:rename')
    expect(administrator).not.toContain('candidates:list')
    expect(administrator).not.toContain('scorecards:submit')
    expect(recruiter).toContain('candidates:csvImport')
    expect(recruiter).toContain('postings:create')
    expect(recruiter).toContain('reports:export')
    expect(recruiter).not.toContain('accounts:create')
    expect(recruiter).not.toContain('privacy:anonymise')
    expect(hiringManager).toContain('interviews:debrief')
    expect(hiringManager).toContain('assessments:rate')
    expect(hiringManager).toContain('applications:move')
    expect(hiringManager).not.toContain('candidates:csvImport')
    expect(hiringManager).not.toContain('postings:create')
    expect(interviewer).toContain('scorecards:submit')
    expect(interviewer).toContain('interviews:mine')
    expect(interviewer).not.toContain('assessments:rate')
    expect(interviewer).not.toContain('applications:list')
    expect(interviewer).not.toContain('reports:run')
    // The union of roles: a person holding two may call what either may.
    const both = asCaller('recruiter', ['recruiter', 'administrator'])
    for (const channel of ['accounts:create', 'candidates:csvImport']) {
      const result = await dispatch(channel, NOT_AN_OBJECT, both)
      expect(!result.ok && result.error.code).toBe('invalid_input')
    }
  })

  it('reaches the handler when allowed: an interviewer reads their interviews, and is refused a ladder', async () => {
    const interviewer = asCaller('interviewer', ['interviewer'])
    expect(await dispatch('interviews:mine', {}, interviewer)).toMatchObject({ ok: true, data: [] })
    expect(await dispatch('ladders:create', { name: 'Theirs' }, interviewer)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    })
    expect(await workspace.services.ladders.list()).toEqual([])
  })

  it('tells the renderer, through session:current, exactly the channels the dispatcher lets through', async () => {
    for (const { label, roles } of roleSets) {
      if (roles.length === 0) continue
      const context = asCaller(label, roles)
      const current = await dispatch('session:current', {}, context)
      const listed = current.ok ? (current.data as { channels: string[] | null }).channels : undefined
      const passing: string[] = []
      for (const { channel } of declared) {
        const result = await dispatch(channel, NOT_AN_OBJECT, context)
        if (result.ok || result.error.code !== 'forbidden') passing.push(channel)
      }
      expect(listed, label).toEqual(passing)
    }
    const local = await dispatch('session:current', {}, { services: workspace.services })
    expect(local).toMatchObject({ ok: true, data: { workspace: 'local', channels: null } })
  })

  it('checks no permission in a local workspace, where one person owns the machine', async () => {
    const local: HandlerContext = { services: workspace.services }
    for (const { channel } of declared) {
      const result = await dispatch(channel, NOT_AN_OBJECT, local)
      expect(result.ok ? 'ok' : `${channel} ${result.error.code}`).toBe(`${channel} invalid_input`)
    }
  })

  it('refuses every channel but signing in without a session, whatever the declaration', async () => {
    const anonymous: HandlerContext = { services: workspace.services, team: teamRequest, caller: null }
    for (const { channel } of declared) {
      const result = await dispatch(channel, NOT_AN_OBJECT, anonymous)
      const code = result.ok ? 'ok' : result.error.code
      expect(`${channel} ${code}`).toBe(
        `${channel} ${channel === 'session:signIn' ? 'invalid_input' : 'unauthenticated'}`,
      )
    }
    expect(await refusals()).toEqual([])
  })

  it('logs a refusal with the person and the channel, never the input, once a minute per person and channel', async () => {
    const interviewerId = personIds.get('interviewer') ?? 0
    const interviewer = asCaller('interviewer', ['interviewer'])
    const secret = { name: 'Secret ladder name', description: 'candidate@example.com' }
    for (let attempt = 0; attempt < 50; attempt += 1) await dispatch('ladders:create', secret, interviewer)
    await dispatch('candidates:list', {}, interviewer)
    const first = await refusals(interviewerId)
    expect(first.map((row) => JSON.parse(row.detail) as unknown)).toEqual([
      { channel: 'ladders:create' },
      { channel: 'candidates:list' },
    ])
    expect(first.every((row) => row.entity_type === 'account' && row.entity_id === interviewerId)).toBe(true)
    expect(JSON.stringify(first)).not.toMatch(/Secret|candidate@/)

    // Another person's refusal of the same channel is their own entry.
    await dispatch('ladders:create', secret, asCaller('hiring_manager', ['hiring_manager']))
    expect(await refusals(personIds.get('hiring_manager'))).toHaveLength(1)

    clock.advance(59_000)
    await dispatch('ladders:create', secret, interviewer)
    expect(await refusals(interviewerId)).toHaveLength(2)
    clock.advance(1_000)
    await dispatch('ladders:create', secret, interviewer)
    expect(await refusals(interviewerId)).toHaveLength(3)
    // An allowed call is never logged as a refusal.
    await dispatch('interviews:mine', {}, interviewer)
    expect(await refusals(interviewerId)).toHaveLength(3)
  })
})
