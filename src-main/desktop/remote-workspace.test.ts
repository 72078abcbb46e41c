// SQLite-only suite: the desktop transport above the team server, the same on both databases; the core's suites run on both.
import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Result } from '@contract'
import { fixedClock, type FixedClock } from '../core/clock'
import { openTestWorkspace, tempDir, type TestWorkspace } from '../core/testing/temp-workspace'
import { startTeamServer } from '../team-server'
import type { WebServer } from '../web'
import { DesktopWorkspaces, RECENT_TEAMS_FILE } from './desktop-workspaces'
import { parseTeamUrl, RemoteWorkspace } from './remote-workspace'

const PASSWORD = 'a long enough password'
const SIGN_IN = { email: 'ada@example.com', password: PASSWORD }
const rendererDir = tempDir()

let team: TestWorkspace
let clock: FixedClock
let server: WebServer
let adminId: number

beforeEach(async () => {
  clock = fixedClock('2026-03-02T09:00:00.000Z')
  team = await openTestWorkspace({ clock })
  adminId = (await team.services.accounts.create({ name: 'Ada', ...SIGN_IN, roles: ['administrator', 'recruiter'] }))
    .personId
  server = await startTeamServer({ services: team.services, rendererDir: rendererDir.path, host: '127.0.0.1', port: 0 })
})
afterEach(async () => {
  await server.close()
  await team.dispose()
})

/** The session as only the main process holds it, read here to prove it never reaches the renderer. */
const cookieOf = (remote: RemoteWorkspace) => (remote as unknown as { cookie?: string }).cookie
const ladderNames = async (workspace: TestWorkspace) =>
  (await workspace.services.ladders.list()).map((ladder) => ladder.name)

/** A listener on loopback that never answers: a server that hangs. */
async function silentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>()
  const silent: TcpServer = createTcpServer((socket) => void sockets.add(socket))
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
  return {
    port: (silent.address() as AddressInfo).port,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy()
        silent.close(() => resolve())
      }),
  }
}

/** Something else answering on loopback: a proxy's error page, or a server streaming without end. */
async function otherServer(handler: Parameters<typeof createServer>[1]): Promise<{ port: number; server: Server }> {
  const other = createServer(handler)
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve))
  return { port: (other.address() as AddressInfo).port, server: other }
}

describe('the team server address', () => {
  it.each([
    ['https://ats.example.org', 'https://ats.example.org/'],
    ['  https://ats.example.org/yardstick?from=mail#top ', 'https://ats.example.org/yardstick/'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080/'],
    ['http://localhost:8080/', 'http://localhost:8080/'],
    ['http://[::1]:8080', 'http://[::1]:8080/'],
  ])('accepts %s', (text, expected) => {
    expect(parseTeamUrl(text).href).toBe(expected)
  })

  it.each([
    ['http://ats.example.org', 'team_url_insecure'],
    ['http://10.0.0.5:8080', 'team_url_insecure'],
    ['ftp://ats.example.org', 'team_url_invalid'],
    ['javascript:alert(1)', 'team_url_invalid'],
    ['file:///etc/passwd', 'team_url_invalid'],
    ['https://ada:secret@ats.example.org', 'team_url_invalid'],
    ['ats.example.org', 'team_url_invalid'],
  ])('refuses %s (%s)', (text, key) => {
    expect(() => parseTeamUrl(text)).toThrow(expect.objectContaining({ key, code: 'invalid_input' }))
  })
})

describe('the forwarding transport against the real team server', () => {
  it('signs in, acts as that person, and never hands the session to the renderer', async () => {
    const remote = new RemoteWorkspace(new URL(server.url))
    const returned: Result<unknown>[] = []
    const call = async (channel: string, input: unknown) => {
      const result = await remote.call(channel, input)
      returned.push(result)
      return result
    }
    expect(await call('ladders:list', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } })
    expect(await call('session:signIn', SIGN_IN)).toMatchObject({
      ok: true,
      data: { workspace: 'team', person: { id: adminId } },
    })
    const cookie = cookieOf(remote) ?? ''
    expect(cookie).toMatch(/^yardstick_session=[A-Za-z0-9_-]{43}$/)
    expect(await call('ladders:create', { name: 'Backend' })).toMatchObject({ ok: true })
    expect(await call('session:current', {})).toMatchObject({ ok: true, data: { person: { id: adminId } } })
    expect(await ladderNames(team)).toContain('Backend')
    const author = await team.context.db
      .selectFrom('activity')
      .select('person_id')
      .where('entity_type', '=', 'ladder')
      .executeTakeFirstOrThrow()
    expect(author.person_id).toBe(adminId)
    const token = cookie.split('=')[1] ?? ''
    expect(JSON.stringify(returned)).not.toContain(token)
    expect(JSON.stringify(returned).toLowerCase()).not.toContain('yardstick_session')
  })

  it('validates against the contract before anything leaves the machine', async () => {
    const down = await silentServer()
    await down.close()
    const remote = new RemoteWorkspace(new URL(`http://127.0.0.1:${down.port}/`))
    // Refused here, so the dead server is never asked: the contract's code, not the network's.
    expect(await remote.call('ladders:create', { name: '' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    })
    expect(await remote.call('ladders:create', { name: 'A', extra: 1 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    })
    expect(await remote.call('nothing:here', {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } })
    expect(await remote.call('ladders:list', {})).toMatchObject({ ok: false, error: { code: 'server_unreachable' } })
  })

  it('tells a server that is down, and one that hangs, within the timeout', async () => {
    const down = await silentServer()
    await down.close()
    const refused = new RemoteWorkspace(new URL(`http://127.0.0.1:${down.port}/`), { timeoutMs: 2_000 })
    let started = performance.now()
    expect(await refused.call('session:signIn', SIGN_IN)).toMatchObject({
      ok: false,
      error: { code: 'server_unreachable', key: 'team_server_unreachable', params: { detail: 'ECONNREFUSED' } },
    })
    expect(performance.now() - started).toBeLessThan(2_000)

    const hanging = await silentServer()
    try {
      const remote = new RemoteWorkspace(new URL(`http://127.0.0.1:${hanging.port}/`), { timeoutMs: 300 })
      started = performance.now()
      expect(await remote.call('session:current', {})).toMatchObject({
        ok: false,
        error: { code: 'server_unreachable', key: 'team_server_no_answer', params: { seconds: 0.3 } },
      })
      const elapsed = performance.now() - started
      expect(elapsed).toBeGreaterThanOrEqual(290)
      expect(elapsed).toBeLessThan(1_500)
    } finally {
      await hanging.close()
    }
  })

  it('refuses an answer larger than its bound, declared or streamed', async () => {
    const remote = new RemoteWorkspace(new URL(server.url), { maxResponseBytes: 4_096 })
    expect(await remote.call('session:signIn', SIGN_IN)).toMatchObject({ ok: true })
    for (let index = 0; index < 60; index += 1)
      expect(await remote.call('ladders:create', { name: `Ladder number ${index}` })).toMatchObject({ ok: true })
    expect(await remote.call('ladders:list', {})).toMatchObject({
      ok: false,
      error: { code: 'too_large', key: 'team_server_answer_too_large' },
    })
    // The link stays usable for answers within the bound.
    expect(await remote.call('session:current', {})).toMatchObject({ ok: true })

    const streaming = await otherServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' })
      const chunk = Buffer.alloc(1_024, 0x20)
      let sent = 0
      const more = () => {
        // Bounded: far past the limit, but the stand-in stops on its own whatever the client does.
        if (sent >= 64 || response.destroyed) return response.end()
        sent += 1
        response.write(chunk, more)
      }
      more()
    })
    try {
      const small = new RemoteWorkspace(new URL(`http://127.0.0.1:${streaming.port}/`), { maxResponseBytes: 8_192 })
      expect(await small.call('session:current', {})).toMatchObject({ ok: false, error: { code: 'too_large' } })
    } finally {
      streaming.server.closeAllConnections()
      streaming.server.close()
    }
  })

  it('passes on nothing but a Yardstick envelope', async () => {
    const page = await otherServer((_request, response) => {
      response.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad gateway</h1>')
    })
    const lying = await otherServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":false,"error":{"code":"hacked"}}')
    })
    try {
      expect(
        await new RemoteWorkspace(new URL(`http://127.0.0.1:${page.port}/`)).call('session:current', {}),
      ).toMatchObject({
        ok: false,
        error: { code: 'server_unreachable', key: 'team_server_bad_answer', params: { status: 502 } },
      })
      expect(
        await new RemoteWorkspace(new URL(`http://127.0.0.1:${lying.port}/`)).call('session:current', {}),
      ).toMatchObject({ ok: false, error: { key: 'team_server_bad_answer' } })
    } finally {
      page.server.close()
      lying.server.close()
    }
  })

  it('drops an expired session and one signed out, so the renderer gets unauthenticated', async () => {
    const remote = new RemoteWorkspace(new URL(server.url))
    expect(await remote.call('session:signIn', SIGN_IN)).toMatchObject({ ok: true })
    clock.advance(8 * 3_600_000)
    expect(await remote.call('ladders:list', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } })
    expect(remote.hasSession).toBe(false)

    expect(await remote.call('session:signIn', SIGN_IN)).toMatchObject({ ok: true })
    expect(remote.hasSession).toBe(true)
    expect(await remote.call('session:signOut', {})).toMatchObject({ ok: true })
    expect(remote.hasSession).toBe(false)
    expect(await remote.call('session:current', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } })
  })
})

describe('the desktop window switching between its local workspace and a team server', () => {
  let local: TestWorkspace
  beforeEach(async () => {
    local = await openTestWorkspace()
  })
  afterEach(() => local.dispose())

  it('joins only after signing in, routes every call there, remembers the address only, and goes back', async () => {
    const workspaces = new DesktopWorkspaces({ services: local.services }, local.dataDir)
    const join_ = (password: string) =>
      workspaces.call('desktop:joinTeam', { url: server.url, email: SIGN_IN.email, password })

    expect(await join_('a wrong password here')).toMatchObject({ ok: false, error: { code: 'unauthenticated' } })
    expect(workspaces.current()).toEqual({ kind: 'local', url: null, recentTeamUrls: [] })
    expect(
      await workspaces.call('desktop:joinTeam', { url: 'http://ats.example.org', email: 'a@b.c', password: 'x' }),
    ).toMatchObject({ ok: false, error: { key: 'team_url_insecure' } })

    expect(await join_(PASSWORD)).toMatchObject({ ok: true, data: { workspace: 'team', person: { id: adminId } } })
    expect(await workspaces.call('desktop:current', {})).toEqual({
      ok: true,
      data: { kind: 'team', url: server.url, recentTeamUrls: [server.url] },
    })
    expect(await workspaces.call('ladders:create', { name: 'Shared ladder' })).toMatchObject({ ok: true })
    expect(await ladderNames(team)).toContain('Shared ladder')
    expect(await ladderNames(local)).not.toContain('Shared ladder')

    const remembered = readFileSync(join(local.dataDir, RECENT_TEAMS_FILE), 'utf8')
    expect(JSON.parse(remembered)).toEqual({ recent: [server.url] })
    expect(remembered).not.toContain(PASSWORD)

    // Signing out leaves the window on the team server, unauthenticated: the renderer shows the chooser.
    expect(await workspaces.call('session:signOut', {})).toMatchObject({ ok: true })
    expect(await workspaces.call('session:current', {})).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    })

    expect(await workspaces.call('desktop:openLocal', {})).toMatchObject({ ok: true, data: { kind: 'local' } })
    expect(await workspaces.call('session:current', {})).toMatchObject({ ok: true, data: { workspace: 'local' } })
    expect(await workspaces.call('ladders:create', { name: 'Mine' })).toMatchObject({ ok: true })
    expect(await ladderNames(local)).toContain('Mine')
    expect(await ladderNames(team)).not.toContain('Mine')
  })

  it('validates the join request like any call', async () => {
    const workspaces = new DesktopWorkspaces({ services: local.services }, local.dataDir)
    expect(await workspaces.call('desktop:joinTeam', { url: server.url })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    })
    expect(await workspaces.call('desktop:joinTeam', 'https://x')).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    })
    expect(workspaces.current().kind).toBe('local')
  })
})
