import { request, Agent } from 'node:http'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { fixedClock, type FixedClock } from './core/clock'
import { openTestWorkspace, tempDir, type TestWorkspace } from './core/testing/temp-workspace'
import { channels, sessionFreeChannels } from './dispatch'
import { startTeamServer } from './team-server'
import type { WebServer } from './web'

const PASSWORD = 'a long enough password'
const dir = tempDir()
mkdirSync(join(dir.path, 'assets'), { recursive: true })
writeFileSync(join(dir.path, 'index.html'), '<!doctype html><title>app</title>')

let workspace: TestWorkspace
let clock: FixedClock
let server: WebServer
let adminId: number

beforeEach(async () => {
  clock = fixedClock('2026-03-02T09:00:00.000Z')
  workspace = await openTestWorkspace({ clock })
  adminId = (
    await workspace.services.accounts.create({
      name: 'Ada',
      email: 'ada@example.com',
      password: PASSWORD,
      // Recruiter too: the calls below create ladders, which an administrator alone may not.
      roles: ['administrator', 'recruiter'],
    })
  ).personId
  server = await startTeamServer({ services: workspace.services, rendererDir: dir.path, host: '127.0.0.1', port: 0 })
})
afterEach(async () => {
  await server.close()
  await workspace.dispose()
})

interface Reply {
  status: number
  body: { ok: boolean; data?: unknown; error?: { code: string; key?: string; message: string } }
  headers: Record<string, string | string[] | undefined>
}

const agent = new Agent({ keepAlive: true, maxSockets: 20 })

function post(path: string, body: unknown, headers: Record<string, string> = {}, port = server.port): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path,
        agent,
        headers: { 'content-type': 'application/json', host: `127.0.0.1:${port}`, ...headers },
      },
      (res) => {
        let text = ''
        res.on('data', (chunk: Buffer) => (text += chunk.toString()))
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Reply['body'], headers: res.headers }),
        )
      },
    )
    req.on('error', reject)
    req.end(JSON.stringify(body))
  })
}

const call = (channel: string, input: unknown, cookie?: string, headers: Record<string, string> = {}) =>
  post(`/api/${channel}`, input, { ...(cookie ? { cookie } : {}), ...headers })

async function signIn(): Promise<{ cookie: string; setCookie: string; reply: Reply }> {
  const reply = await call('session:signIn', { email: 'ada@example.com', password: PASSWORD })
  const setCookie = String(reply.headers['set-cookie'] ?? '')
  return { cookie: setCookie.split(';')[0] ?? '', setCookie, reply }
}

const activityCount = async () =>
  (
    await workspace.context.db
      .selectFrom('activity')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n

describe('the team server', () => {
  it('refuses every channel but signIn without a session, before looking at the input, and changes nothing', async () => {
    const before = await activityCount()
    const refused = new Set<string>()
    for (const channel of channels.filter((name) => !sessionFreeChannels.has(name))) {
      const reply = await call(channel, { anything: 'at all' })
      expect([channel, reply.status, reply.body.error?.code]).toEqual([channel, 401, 'unauthenticated'])
      refused.add(channel)
    }
    expect(refused.size).toBe(channels.length - 1)
    // A channel that does not exist is refused the same way: nothing about the table is told.
    expect((await call('nothing:here', {})).body.error?.code).toBe('unauthenticated')
    expect(await activityCount()).toBe(before)
  })

  it('signs in with an HttpOnly, SameSite=Strict cookie that never appears in a body, and acts as that person', async () => {
    const { cookie, setCookie, reply } = await signIn()
    expect(reply.status).toBe(200)
    expect(setCookie).toMatch(/^yardstick_session=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=\/$/)
    const token = cookie.split('=')[1] ?? ''
    expect(JSON.stringify(reply.body)).not.toContain(token)
    const current = await call('session:current', {}, cookie)
    expect(current.body).toMatchObject({
      ok: true,
      data: { workspace: 'team', person: { id: adminId }, roles: ['administrator', 'recruiter'] },
    })
    const ladder = await call('ladders:create', { name: 'Backend' }, cookie)
    expect(ladder.body.ok).toBe(true)
    const entry = await workspace.context.db
      .selectFrom('activity')
      .select(['person_id'])
      .where('entity_type', '=', 'ladder')
      .executeTakeFirstOrThrow()
    expect(entry.person_id).toBe(adminId)
    // No one can act as someone else on a team server: choosing "me" is declared for a local workspace only.
    expect((await call('people:setMe', { id: adminId }, cookie)).body.error?.key).toBe('permission_refused')
  })

  it('refuses a forged, an expired and a signed-out session with the same code', async () => {
    const { cookie } = await signIn()
    const forged = `yardstick_session=${'B'.repeat(43)}`
    expect((await call('session:current', {}, forged)).status).toBe(401)
    // A second cookie of the same name (planted by another page of the site) is no session at all.
    expect((await call('session:current', {}, `${cookie}; ${forged}`)).status).toBe(401)
    clock.advance(8 * 3_600_000)
    expect((await call('session:current', {}, cookie)).body.error?.code).toBe('unauthenticated')
    const fresh = await signIn()
    const out = await call('session:signOut', {}, fresh.cookie)
    expect(out.body.ok).toBe(true)
    expect(String(out.headers['set-cookie'])).toMatch(
      /^yardstick_session=; Max-Age=0; HttpOnly; SameSite=Strict; Path=\//,
    )
    expect((await call('session:current', {}, fresh.cookie)).status).toBe(401)
  })

  it('marks the cookie Secure with the __Host- prefix when the public URL is https', async () => {
    const behindTls = await startTeamServer({
      services: workspace.services,
      rendererDir: dir.path,
      host: '127.0.0.1',
      port: 0,
      publicUrl: new URL('https://ats.example.org'),
    })
    try {
      const reply = await post(
        '/api/session:signIn',
        { email: 'ada@example.com', password: PASSWORD },
        { host: 'ats.example.org', origin: 'https://ats.example.org' },
        behindTls.port,
      )
      expect(String(reply.headers['set-cookie'])).toMatch(
        /^__Host-yardstick_session=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=\/; Secure$/,
      )
    } finally {
      await behindTls.close()
    }
  })

  it('refuses a cross-site POST even with a valid session, and changes nothing', async () => {
    const { cookie } = await signIn()
    const before = await activityCount()
    const evil = await call('ladders:create', { name: 'Evil' }, cookie, { origin: 'https://evil.example' })
    expect([evil.status, evil.body.error?.code]).toEqual([403, 'forbidden'])
    const sneaky = await call('ladders:create', { name: 'Evil' }, cookie, { 'sec-fetch-site': 'cross-site' })
    expect([sneaky.status, sneaky.body.error?.code]).toEqual([403, 'forbidden'])
    const sibling = await call('ladders:create', { name: 'Evil' }, cookie, { 'sec-fetch-site': 'same-site' })
    expect(sibling.status).toBe(403)
    expect(await activityCount()).toBe(before)
    const same = await call('ladders:create', { name: 'Fine' }, cookie, {
      origin: `http://127.0.0.1:${server.port}`,
      'sec-fetch-site': 'same-origin',
    })
    expect(same.body.ok).toBe(true)
  })

  it('stays up and bounded through 10,000 failed sign-ins in a row, refusing all but the first few at once', async () => {
    const statuses = new Map<number, number>()
    const attempts = 10_000
    let next = 0
    const worker = async () => {
      while (next < attempts) {
        next += 1
        const reply = await call('session:signIn', { email: 'ada@example.com', password: `guess ${next}` })
        statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1)
        expect(reply.body.ok).toBe(false)
      }
    }
    await Promise.all(Array.from({ length: 16 }, worker))
    expect([...statuses.values()].reduce((sum, n) => sum + n, 0)).toBe(attempts)
    // Only the free tries reached the password check; every other one was refused at once.
    expect(statuses.get(401) ?? 0).toBeLessThanOrEqual(10)
    expect(statuses.get(429) ?? 0).toBeGreaterThanOrEqual(attempts - 10)
    expect(workspace.services.accounts.trackedAddresses).toBeLessThanOrEqual(10_000)
    const failed = await workspace.context.db
      .selectFrom('activity')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'sign_in_failed')
      .executeTakeFirstOrThrow()
    expect(Number(failed.n)).toBe(statuses.get(401))
    // The account waits too (a fixed clock never lets it pass); the server still answers.
    expect((await call('session:current', {})).status).toBe(401)
  }, 120_000)
})
