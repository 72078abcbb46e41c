import { createHash, randomBytes } from 'node:crypto'
import type { SessionDto, TeamMemberDto } from '@contract'
import { accountRoles } from '@contract/closed-lists'
import { recordActivity } from '../activity/activity-log'
import type { CoreContext } from '../context'
import type { AccountRole, PersonRole } from '../db/schema'
import { isUniqueViolation } from '../db/errors'
import { AppError } from '../errors'
import { actingCaller, type Caller } from './acting-person'
import { channelsAllowed } from './permissions'
import { hashPassword, parsePasswordParams, PASSWORD_PARAMS, verifyPassword, type PasswordParams } from './passwords'
import { AccountRepository } from './repository'
import { FailureThrottle, waitAfter } from './throttle'

export interface AccountOptions {
  /** A session unused this long ends. */
  idleMs: number
  /** A session ends this long after sign-in, used or not. */
  absoluteMs: number
  passwordParams: PasswordParams
}

export const DEFAULT_ACCOUNT_OPTIONS: AccountOptions = {
  idleMs: 8 * 3_600_000,
  absoluteMs: 7 * 24 * 3_600_000,
  passwordParams: PASSWORD_PARAMS,
}

/** Per account, kept in the database so a restart does not reset it: 5 free tries, then 1 s doubling to 15 min. */
const ACCOUNT_THROTTLE = { freeFailures: 5, firstWaitMs: 1_000, maxWaitMs: 15 * 60_000 }
/** Per address, in memory: a little more room (several people behind one address), capped at one minute. */
const ADDRESS_THROTTLE = { freeFailures: 10, firstWaitMs: 1_000, maxWaitMs: 60_000, maxKeys: 10_000 }
/** Last-seen is written at most this often per session, so reading pages does not mean writing rows. */
const TOUCH_EVERY_MS = 60_000
/**
 * A refused call is logged at most once per person and channel in this window, so a script calling in a loop
 * cannot flood the activity log; the keys kept in memory are capped the same way as the address throttle's.
 */
const REFUSAL_LOG_EVERY_MS = 60_000
const REFUSAL_LOG_MAX_KEYS = 10_000

export interface IssuedSession {
  /** Goes to the browser in the cookie only; the database keeps its SHA-256. */
  token: string
  session: SessionDto
}

export interface ResolvedSession {
  caller: Caller
  tokenHash: string
  expiresAt: string
}

/** How a session token is stored and compared: its SHA-256, never the token itself. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')
/** 32 random bytes as base64url. Anything else cannot be a session and is not looked up. */
const TOKEN_FORM = /^[A-Za-z0-9_-]{43}$/

const toPersonRole = (roles: readonly AccountRole[]): PersonRole =>
  roles.find((role): role is 'recruiter' | 'hiring_manager' | 'interviewer' => role !== 'administrator') ?? 'member'

export class AccountService {
  private readonly repo: AccountRepository
  private readonly options: AccountOptions
  private readonly addresses = new FailureThrottle(ADDRESS_THROTTLE)
  private readonly verifying = new Set<number>()
  private readonly refusalsLogged = new Map<string, number>()
  private decoy: Promise<{ hash: string; salt: string; params: PasswordParams }> | undefined

  constructor(
    private readonly ctx: CoreContext,
    private readonly whoActs: { currentPersonId(): Promise<number | null> },
    options: Partial<AccountOptions> = {},
  ) {
    this.repo = new AccountRepository(ctx.db)
    this.options = { ...DEFAULT_ACCOUNT_OPTIONS, ...options }
  }

  async signIn(input: { email: string; password: string }, address: string): Promise<IssuedSession> {
    const now = this.ctx.clock.now().getTime()
    this.refuseWhileWaiting(this.addresses.waitFor(address, now))
    // Counted as failed until it succeeds: concurrent tries cannot all slip through before the first one fails.
    this.addresses.fail(address, now)
    const account = await this.repo.findAccountByEmail(input.email.trim())
    if (account?.last_failed_at) {
      const wait = Date.parse(account.last_failed_at) + waitAfter(account.failed_sign_ins, ACCOUNT_THROTTLE) - now
      this.refuseWhileWaiting(wait)
    }
    // One try at a time per account, for the same reason.
    if (account && this.verifying.has(account.person_id)) this.refuseWhileWaiting(1_000)
    if (account) this.verifying.add(account.person_id)
    try {
      return await this.verifyAndOpen(input.password, account, address, now)
    } finally {
      if (account) this.verifying.delete(account.person_id)
    }
  }

  private async verifyAndOpen(
    password: string,
    account: Awaited<ReturnType<AccountRepository['findAccountByEmail']>>,
    address: string,
    now: number,
  ): Promise<IssuedSession> {
    const params = account ? parsePasswordParams(account.password_params) : null
    // An unknown e-mail costs the same hashing as a known one, so the time taken does not tell them apart.
    const stored =
      account && params ? { hash: account.password_hash, salt: account.password_salt, params } : await this.decoyHash()
    const matches = await verifyPassword(password, stored)
    const at = this.ctx.clock.timestamp()
    if (!account || !params || !matches || account.disabled_at !== null) {
      await this.ctx.db.transaction().execute(async (trx) => {
        if (account) await new AccountRepository(trx).recordFailure(account.person_id, at)
        await recordActivity(trx, {
          personId: null,
          entityType: 'account',
          entityId: account?.person_id ?? null,
          action: 'sign_in_failed',
          at,
        })
      })
      throw AppError.of('session_sign_in_failed')
    }
    this.addresses.succeed(address)
    const token = randomBytes(32).toString('base64url')
    const expiresAt = new Date(now + this.options.absoluteMs).toISOString()
    await this.ctx.db.transaction().execute(async (trx) => {
      const repo = new AccountRepository(trx)
      await repo.deleteExpiredSessions(at)
      await repo.insertSession({
        tokenHash: hashToken(token),
        personId: account.person_id,
        at,
        idleExpiresAt: new Date(Math.min(now + this.options.idleMs, now + this.options.absoluteMs)).toISOString(),
        expiresAt,
      })
      await repo.clearFailures(account.person_id)
      await recordActivity(trx, {
        personId: account.person_id,
        entityType: 'account',
        entityId: account.person_id,
        action: 'signed_in',
        at,
      })
    })
    const roles = await this.repo.rolesOf(account.person_id)
    return { token, session: await this.sessionOf({ personId: account.person_id, roles }, expiresAt) }
  }

  /**
   * The session a cookie names, or null when it is malformed, unknown, expired or of a disabled account. A use of it pushes its idle end back; `touch: false` only asks
   * (an open page's stream of changes is no activity and must not keep a session alive).
   */
  async resolve(token: string | null | undefined, options: { touch?: boolean } = {}): Promise<ResolvedSession | null> {
    if (typeof token !== 'string' || !TOKEN_FORM.test(token)) return null
    const tokenHash = hashToken(token)
    const row = await this.repo.findSession(tokenHash)
    if (!row) return null
    const now = this.ctx.clock.now().getTime()
    if (row.disabled_at !== null || now >= Date.parse(row.idle_expires_at) || now >= Date.parse(row.expires_at)) {
      await this.repo.deleteSession(tokenHash)
      return null
    }
    if (options.touch !== false && now - Date.parse(row.last_seen_at) >= TOUCH_EVERY_MS) {
      const idle = Math.min(now + this.options.idleMs, Date.parse(row.expires_at))
      await this.repo.touchSession(tokenHash, new Date(now).toISOString(), new Date(idle).toISOString())
    }
    return {
      caller: { personId: row.person_id, roles: row.roles },
      tokenHash,
      expiresAt: row.expires_at,
    }
  }

  /** Records a call the caller's roles do not allow (who and which channel, never the input), rate-bounded. */
  async recordRefusal(personId: number, channel: string): Promise<void> {
    const now = this.ctx.clock.now().getTime()
    const key = `${personId} ${channel}`
    const last = this.refusalsLogged.get(key)
    if (last !== undefined && now - last < REFUSAL_LOG_EVERY_MS) return
    this.refusalsLogged.delete(key)
    if (this.refusalsLogged.size >= REFUSAL_LOG_MAX_KEYS) {
      for (const [seen, at] of this.refusalsLogged)
        if (now - at >= REFUSAL_LOG_EVERY_MS) this.refusalsLogged.delete(seen)
      // Still full of fresh keys: the oldest one goes (a Map iterates in insertion order).
      const oldest = this.refusalsLogged.keys().next()
      if (this.refusalsLogged.size >= REFUSAL_LOG_MAX_KEYS && !oldest.done) this.refusalsLogged.delete(oldest.value)
    }
    this.refusalsLogged.set(key, now)
    await this.record(this.ctx.db, personId, personId, 'permission_refused', { channel })
  }

  async signOut(session: ResolvedSession): Promise<void> {
    await this.ctx.db.transaction().execute(async (trx) => {
      await new AccountRepository(trx).deleteSession(session.tokenHash)
      await this.record(trx, session.caller.personId, session.caller.personId, 'signed_out')
    })
  }

  async signOutEverywhere(session: ResolvedSession): Promise<number> {
    return this.ctx.db.transaction().execute(async (trx) => {
      const ended = await new AccountRepository(trx).deleteSessionsOf(session.caller.personId)
      await this.record(trx, session.caller.personId, session.caller.personId, 'signed_out_everywhere', { ended })
      return ended
    })
  }

  /** Who is using the app: the signed-in person on a team server, the chosen "me" in a local workspace. */
  async current(expiresAt: string | null): Promise<SessionDto> {
    const caller = actingCaller()
    if (caller === undefined) {
      const me = await this.whoActs.currentPersonId()
      const person = me === null ? undefined : (await this.repo.listTeam()).find((row) => row.person_id === me)
      return {
        workspace: 'local',
        person: person ? { id: person.person_id, name: person.name, email: person.person_email } : null,
        roles: [],
        channels: null,
        expiresAt: null,
      }
    }
    if (caller === null) return { workspace: 'team', person: null, roles: [], channels: [], expiresAt: null }
    return this.sessionOf(caller, expiresAt)
  }

  async list(): Promise<TeamMemberDto[]> {
    const [rows, roles] = await Promise.all([this.repo.listTeam(), this.repo.listAllRoles()])
    return rows.map((row) => ({
      personId: row.person_id,
      name: row.name,
      email: row.account_email ?? row.person_email,
      // Without an account (every person of a local workspace), the person's role in the workspace.
      roles:
        row.account_person_id === null
          ? accountRoles.filter((role) => role === row.person_role)
          : roles.filter((entry) => entry.person_id === row.person_id).map((entry) => entry.role),
      hasAccount: row.account_person_id !== null,
      disabled: row.disabled_at !== null,
      archived: row.archived_at !== null,
    }))
  }

  async create(input: { name: string; email: string; password: string; roles: AccountRole[] }): Promise<TeamMemberDto> {
    this.requireAdministrator()
    const actor = await this.whoActs.currentPersonId()
    const password = await hashPassword(input.password, this.options.passwordParams)
    const at = this.ctx.clock.timestamp()
    const personId = await this.ctx.db
      .transaction()
      .execute(async (trx) => {
        const repo = new AccountRepository(trx)
        if (await repo.findAccountByEmail(input.email)) throw AppError.of('account_email_taken')
        const person = await repo.insertPerson({
          name: input.name,
          email: input.email,
          role: toPersonRole(input.roles),
          at,
        })
        await repo.insertAccount({
          personId: person.id,
          email: input.email,
          hash: password.hash,
          salt: password.salt,
          params: JSON.stringify(password.params),
          at,
        })
        await repo.setRoles(person.id, input.roles)
        await this.record(trx, actor, person.id, 'account_created', { roles: input.roles })
        return person.id
      })
      .catch((error: unknown) => {
        if (isUniqueViolation(error)) throw AppError.of('account_email_taken')
        throw error
      })
    return this.member(personId)
  }

  async disable(personId: number): Promise<TeamMemberDto> {
    this.requireAdministrator()
    const actor = await this.whoActs.currentPersonId()
    await this.requireAccount(personId)
    await this.ctx.db.transaction().execute(async (trx) => {
      const repo = new AccountRepository(trx)
      await this.keepAnAdministrator(repo, personId, (await repo.rolesOf(personId)).includes('administrator'))
      await repo.setDisabled(personId, this.ctx.clock.timestamp())
      const ended = await repo.deleteSessionsOf(personId)
      await this.record(trx, actor, personId, 'account_disabled', { ended })
    })
    return this.member(personId)
  }

  async enable(personId: number): Promise<TeamMemberDto> {
    this.requireAdministrator()
    const actor = await this.whoActs.currentPersonId()
    await this.requireAccount(personId)
    await this.ctx.db.transaction().execute(async (trx) => {
      await new AccountRepository(trx).setDisabled(personId, null)
      await this.record(trx, actor, personId, 'account_enabled')
    })
    return this.member(personId)
  }

  async resetPassword(personId: number, password: string): Promise<TeamMemberDto> {
    this.requireAdministrator()
    const actor = await this.whoActs.currentPersonId()
    await this.requireAccount(personId)
    const hashed = await hashPassword(password, this.options.passwordParams)
    await this.ctx.db.transaction().execute(async (trx) => {
      const repo = new AccountRepository(trx)
      const at = this.ctx.clock.timestamp()
      await repo.setPassword(personId, { ...hashed, params: JSON.stringify(hashed.params), at })
      const ended = await repo.deleteSessionsOf(personId)
      await this.record(trx, actor, personId, 'password_reset', { ended })
    })
    return this.member(personId)
  }

  async setRoles(personId: number, roles: AccountRole[]): Promise<TeamMemberDto> {
    this.requireAdministrator()
    const actor = await this.whoActs.currentPersonId()
    await this.requireAccount(personId)
    await this.ctx.db.transaction().execute(async (trx) => {
      const repo = new AccountRepository(trx)
      await this.keepAnAdministrator(repo, personId, !roles.includes('administrator'))
      await repo.setRoles(personId, roles)
      await this.record(trx, actor, personId, 'roles_set', { roles })
    })
    return this.member(personId)
  }

  private async keepAnAdministrator(repo: AccountRepository, personId: number, losing: boolean): Promise<void> {
    const account = await repo.findAccount(personId)
    const wasAdministrator = account?.disabled_at === null && (await repo.rolesOf(personId)).includes('administrator')
    if (losing && wasAdministrator && (await repo.countEnabledWithRole('administrator', personId)) === 0)
      throw AppError.of('account_last_admin')
  }

  /** On a team server only administrators manage accounts; a local workspace (desktop, CLI) belongs to its owner. */
  private requireAdministrator(): void {
    const caller = actingCaller()
    if (caller !== undefined && !caller?.roles.includes('administrator')) throw AppError.of('account_admin_only')
  }

  private async requireAccount(personId: number): Promise<void> {
    if (!(await this.repo.findAccount(personId))) throw AppError.of('account_not_found', { id: personId })
  }

  private async member(personId: number): Promise<TeamMemberDto> {
    const member = (await this.list()).find((entry) => entry.personId === personId)
    if (!member) throw AppError.of('account_not_found', { id: personId })
    return member
  }

  private async sessionOf(caller: Caller, expiresAt: string | null): Promise<SessionDto> {
    const member = await this.member(caller.personId)
    return {
      workspace: 'team',
      person: { id: member.personId, name: member.name, email: member.email },
      roles: [...caller.roles],
      channels: channelsAllowed(caller.roles),
      expiresAt,
    }
  }

  private refuseWhileWaiting(waitMs: number): void {
    if (waitMs > 0) throw AppError.of('session_rate_limited', { seconds: Math.ceil(waitMs / 1000) })
  }

  private decoyHash() {
    this.decoy ??= hashPassword(randomBytes(16).toString('hex'), this.options.passwordParams)
    return this.decoy
  }

  /** Ids only: the log never holds a name, an e-mail or anything typed at sign-in. */
  private async record(
    trx: Parameters<typeof recordActivity>[0],
    actor: number | null,
    personId: number,
    action: string,
    detail?: Record<string, unknown>,
  ): Promise<void> {
    await recordActivity(trx, {
      personId: actor,
      entityType: 'account',
      entityId: personId,
      action,
      detail,
      at: this.ctx.clock.timestamp(),
    })
  }

  /** For tests and the bound they check. */
  get trackedAddresses(): number {
    return this.addresses.size
  }
}
