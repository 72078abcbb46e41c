import { createHash } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { fixedClock, type FixedClock } from '../clock'
import { AppError } from '../errors'
import { openTestWorkspace, type TestWorkspace } from '../testing/temp-workspace'
import { actAs } from './acting-person'
import { hashPassword, PASSWORD_PARAMS, verifyPassword } from './passwords'
import { AccountService } from './service'
import { FailureThrottle } from './throttle'

/** Cheap enough for many sign-ins in a test; the real cost is checked once below. */
const CHEAP = { N: 1024, r: 8, p: 1, keylen: 32 }
const HOUR = 3_600_000
const PASSWORD = 'correct horse battery'

let workspace: TestWorkspace
let clock: FixedClock
let accounts: AccountService

beforeEach(async () => {
  clock = fixedClock('2026-03-02T09:00:00.000Z')
  workspace = await openTestWorkspace({ clock })
  accounts = new AccountService(workspace.context, workspace.services.workspace, {
    passwordParams: CHEAP,
    idleMs: 2 * HOUR,
    absoluteMs: 24 * HOUR,
  })
})
afterEach(() => workspace.dispose())

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
  } catch (error) {
    if (error instanceof AppError) return `${error.code}:${error.key ?? ''}`
    throw error
  }
  return 'resolved'
}

const admin = () =>
  accounts.create({ name: 'Ada Admin', email: 'ada@example.com', password: PASSWORD, roles: ['administrator'] })

describe('passwords', () => {
  it('are hashed with a salt of their own, verified in constant time, and refused on a wrong or tampered value', async () => {
    const first = await hashPassword(PASSWORD)
    const second = await hashPassword(PASSWORD)
    expect(first.params).toEqual(PASSWORD_PARAMS)
    expect(first.salt).not.toBe(second.salt)
    expect(first.hash).not.toBe(second.hash)
    expect(await verifyPassword(PASSWORD, first)).toBe(true)
    expect(await verifyPassword(PASSWORD + ' ', first)).toBe(false)
    expect(await verifyPassword(PASSWORD, { ...first, salt: second.salt })).toBe(false)
    expect(await verifyPassword(PASSWORD, { ...first, params: { ...first.params, keylen: 16 } })).toBe(false)
  })
})

describe('sign-in and sessions', () => {
  it('signs in without regard to the e-mail’s case and keeps only the token’s SHA-256', async () => {
    const ada = await admin()
    const issued = await accounts.signIn({ email: 'ADA@Example.com', password: PASSWORD }, '10.0.0.1')
    expect(issued.token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(issued.session).toMatchObject({ workspace: 'team', person: { id: ada.personId }, roles: ['administrator'] })
    const stored = await workspace.context.db.selectFrom('sessions').selectAll().execute()
    expect(stored.map((row) => row.token_hash)).toEqual([createHash('sha256').update(issued.token).digest('hex')])
    expect(JSON.stringify(stored)).not.toContain(issued.token)
    const resolved = await accounts.resolve(issued.token)
    expect(resolved?.caller).toEqual({ personId: ada.personId, roles: ['administrator'] })
    // A forged token of the right form, and anything malformed, name no session.
    expect(await accounts.resolve('A'.repeat(43))).toBeNull()
    expect(await accounts.resolve(issued.token + 'x')).toBeNull()
    expect(await accounts.resolve(null)).toBeNull()
    // Nothing typed at sign-in reaches the activity log: ids only.
    const log = await workspace.context.db
      .selectFrom('activity')
      .selectAll()
      .where('entity_type', '=', 'account')
      .execute()
    expect(log.map((row) => row.action)).toEqual(['account_created', 'signed_in'])
    expect(JSON.stringify(log)).not.toMatch(/ada@|Ada Admin|horse/i)
  })

  it('ends a session after its idle time, keeps a used one, and ends it at its absolute expiry anyway', async () => {
    await admin()
    const idle = await accounts.signIn({ email: 'ada@example.com', password: PASSWORD }, '10.0.0.1')
    const used = await accounts.signIn({ email: 'ada@example.com', password: PASSWORD }, '10.0.0.1')
    for (let hour = 0; hour < 23; hour += 1) {
      clock.advance(HOUR)
      expect(await accounts.resolve(used.token)).not.toBeNull()
      if (hour === 1) expect(await accounts.resolve(idle.token)).toBeNull()
    }
    clock.advance(HOUR)
    expect(await accounts.resolve(used.token)).toBeNull()
    expect(await workspace.context.db.selectFrom('sessions').selectAll().execute()).toEqual([])
  })

  it('signs out one session or every session of the person', async () => {
    await admin()
    const sign = () => accounts.signIn({ email: 'ada@example.com', password: PASSWORD }, '10.0.0.1')
    const [one, two, three] = [await sign(), await sign(), await sign()]
    const resolved = await accounts.resolve(one.token)
    if (!resolved) throw new Error('signed in')
    await accounts.signOut(resolved)
    expect(await accounts.resolve(one.token)).toBeNull()
    const other = await accounts.resolve(two.token)
    if (!other) throw new Error('still signed in')
    expect(await accounts.signOutEverywhere(other)).toBe(2)
    expect(await accounts.resolve(three.token)).toBeNull()
  })
})

describe('administration', () => {
  it('disabling an account ends its sessions at once and refuses its sign-in like a wrong password', async () => {
    await admin()
    const bob = await accounts.create({
      name: 'Bob',
      email: 'bob@example.com',
      password: PASSWORD,
      roles: ['recruiter', 'interviewer'],
    })
    expect(bob.roles).toEqual(['interviewer', 'recruiter'])
    const issued = await accounts.signIn({ email: 'bob@example.com', password: PASSWORD }, '10.0.0.2')
    await accounts.disable(bob.personId)
    expect(await accounts.resolve(issued.token)).toBeNull()
    expect(await codeOf(accounts.signIn({ email: 'bob@example.com', password: PASSWORD }, '10.0.0.2'))).toBe(
      'unauthenticated:session_sign_in_failed',
    )
    await accounts.enable(bob.personId)
    await accounts.resetPassword(bob.personId, 'another long password')
    expect(await codeOf(accounts.signIn({ email: 'bob@example.com', password: PASSWORD }, '10.0.0.3'))).toBe(
      'unauthenticated:session_sign_in_failed',
    )
    expect(
      (await accounts.signIn({ email: 'bob@example.com', password: 'another long password' }, '10.0.0.3')).session
        .person?.id,
    ).toBe(bob.personId)
  })

  it('keeps an enabled administrator, refuses a second account for one e-mail, and lets only administrators manage accounts on a team server', async () => {
    const ada = await admin()
    expect(await codeOf(accounts.disable(ada.personId))).toBe('conflict:account_last_admin')
    expect(await codeOf(accounts.setRoles(ada.personId, ['recruiter']))).toBe('conflict:account_last_admin')
    expect(
      await codeOf(
        accounts.create({ name: 'Copy', email: 'ADA@example.com', password: PASSWORD, roles: ['recruiter'] }),
      ),
    ).toBe('conflict:account_email_taken')
    const rita = await accounts.create({
      name: 'Rita',
      email: 'rita@example.com',
      password: PASSWORD,
      roles: ['recruiter'],
    })
    const asRita = <T>(work: () => Promise<T>) => actAs({ personId: rita.personId, roles: ['recruiter'] }, work)
    expect(await codeOf(asRita(() => accounts.setRoles(rita.personId, ['administrator'])))).toBe(
      'forbidden:account_admin_only',
    )
    expect(await codeOf(asRita(() => accounts.disable(ada.personId)))).toBe('forbidden:account_admin_only')
    // The signed-in person acts, and cannot switch to someone else.
    expect(await asRita(() => workspace.services.workspace.currentPersonId())).toBe(rita.personId)
    expect(await codeOf(asRita(() => workspace.services.workspace.setMe(ada.personId)))).toBe(
      'forbidden:session_no_switching',
    )
    const promoted = await actAs({ personId: ada.personId, roles: ['administrator'] }, () =>
      accounts.setRoles(rita.personId, ['administrator', 'recruiter']),
    )
    expect(promoted.roles).toEqual(['administrator', 'recruiter'])
    const entry = await workspace.context.db
      .selectFrom('activity')
      .selectAll()
      .where('action', '=', 'roles_set')
      .executeTakeFirstOrThrow()
    expect([entry.person_id, entry.entity_id]).toEqual([ada.personId, rita.personId])
    // Now Ada may step down: Rita is an enabled administrator.
    await accounts.disable(ada.personId)
  })
})

describe('failed sign-ins', () => {
  it('slow down per account: after five, even the right password waits, then works', async () => {
    await admin()
    for (let attempt = 0; attempt < 5; attempt += 1)
      expect(await codeOf(accounts.signIn({ email: 'ada@example.com', password: 'wrong' }, `10.1.0.${attempt}`))).toBe(
        'unauthenticated:session_sign_in_failed',
      )
    expect(await codeOf(accounts.signIn({ email: 'ada@example.com', password: PASSWORD }, '10.2.0.1'))).toBe(
      'rate_limited:session_rate_limited',
    )
    clock.advance(1_000)
    expect((await accounts.signIn({ email: 'ada@example.com', password: PASSWORD }, '10.2.0.1')).token).toBeTruthy()
    const account = await workspace.context.db.selectFrom('accounts').selectAll().executeTakeFirstOrThrow()
    expect(account.failed_sign_ins).toBe(0)
  })

  it('slow down per address, whatever e-mail is tried, without holding up other addresses', async () => {
    await admin()
    for (let attempt = 0; attempt < 10; attempt += 1)
      await codeOf(accounts.signIn({ email: `nobody${attempt}@example.com`, password: 'x' }, '192.0.2.9'))
    expect(await codeOf(accounts.signIn({ email: 'ada@example.com', password: PASSWORD }, '192.0.2.9'))).toBe(
      'rate_limited:session_rate_limited',
    )
    expect((await accounts.signIn({ email: 'ada@example.com', password: PASSWORD }, '192.0.2.10')).token).toBeTruthy()
  })

  it('are remembered for a bounded number of addresses', () => {
    const throttle = new FailureThrottle({ freeFailures: 1, firstWaitMs: 1_000, maxWaitMs: 60_000, maxKeys: 100 })
    for (let index = 0; index < 10_000; index += 1) throttle.fail(`addr-${index}`, index)
    expect(throttle.size).toBe(100)
    // The most recent are the ones kept.
    expect(throttle.waitFor('addr-9999', 10_000)).toBeGreaterThan(0)
    expect(throttle.waitFor('addr-0', 10_000)).toBe(0)
  })
})

describe('the team list', () => {
  it("gives an account's roles, and for a person without one (a local workspace's) the person's role", async () => {
    const people = workspace.services.workspace
    const rae = await people.createPerson({ name: 'Rae Okafor', email: null, role: 'interviewer' })
    const mo = await people.createPerson({ name: 'Mo Member', email: null, role: 'member' })
    const ada = await accounts.create({
      name: 'Ada Admin',
      email: 'ada@example.com',
      password: PASSWORD,
      roles: ['administrator', 'recruiter'],
    })
    const roles = new Map((await accounts.list()).map((member) => [member.personId, member.roles]))
    expect(roles.get(rae.id)).toEqual(['interviewer'])
    expect(roles.get(mo.id)).toEqual([])
    expect(roles.get(ada.personId)).toEqual(['administrator', 'recruiter'])
  })
})
