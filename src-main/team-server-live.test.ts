import { Agent, request, type IncomingMessage } from 'node:http'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AssessmentSheetDto, StageDto } from '@contract'
import { fixedClock, type FixedClock } from './core/clock'
import { planDemoInterviews } from './core/testing/interview-fixture'
import { openTestWorkspace, tempDir, type TestWorkspace } from './core/testing/temp-workspace'
import { changedDomain } from './live-changes'
import { startTeamServer } from './team-server'
import type { WebServer } from './web'

const PASSWORD = 'a long enough password'
const dir = tempDir()
mkdirSync(join(dir.path, 'assets'), { recursive: true })
writeFileSync(join(dir.path, 'index.html'), '<!doctype html><title>app</title>')

let workspace: TestWorkspace
let server: WebServer
let clock: FixedClock
const agent = new Agent({ keepAlive: true, maxSockets: 8 })

interface Reply {
  status: number
  body: { ok: boolean; data?: unknown; error?: { code: string; key?: string; message: string } }
  cookie: string
}

function call(channel: string, input: unknown, cookie = ''): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        method: 'POST',
        path: `/api/${channel}`,
        agent,
        headers: { 'content-type': 'application/json', host: `127.0.0.1:${server.port}`, cookie },
      },
      (res) => {
        let text = ''
        res.on('data', (chunk: Buffer) => (text += chunk.toString()))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: JSON.parse(text) as Reply['body'],
            cookie: String(res.headers['set-cookie'] ?? '').split(';')[0] ?? '',
          }),
        )
      },
    )
    req.on('error', reject)
    req.end(JSON.stringify(input))
  })
}

async function data<T>(reply: Promise<Reply>): Promise<T> {
  const { body } = await reply
  if (!body.ok) throw new Error(`${body.error?.code}: ${body.error?.message}`)
  return body.data as T
}

/** One open page's event stream: what it has heard so far, and whether the server closed it. */
interface Stream {
  status: number
  text: () => string
  ended: Promise<void>
  close(): void
}

function openStream(cookie: string): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path: '/events',
        headers: { host: `127.0.0.1:${server.port}`, cookie, accept: 'text/event-stream' },
      },
      (res: IncomingMessage) => {
        let text = ''
        res.on('data', (chunk: Buffer) => (text += chunk.toString()))
        const ended = new Promise<void>((done) => res.on('close', () => done()))
        resolve({ status: res.statusCode ?? 0, text: () => text, ended, close: () => req.destroy() })
      },
    )
    req.on('error', reject)
    req.end()
  })
}

/** Waits until `condition` holds, polling every 20 ms for at most `ms`. */
async function until(condition: () => boolean, ms = 3_000): Promise<void> {
  for (let waited = 0; !condition(); waited += 20) {
    if (waited > ms) throw new Error('timed out')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

const events = (stream: Stream) =>
  [...stream.text().matchAll(/event: changed\ndata: (.*)\n/g)].map((match) => JSON.parse(match[1] ?? '{}') as unknown)

async function account(name: string, email: string): Promise<string> {
  await workspace.services.accounts.create({
    name,
    email,
    password: PASSWORD,
    roles: ['administrator', 'recruiter', 'hiring_manager'],
  })
  return (await call('session:signIn', { email, password: PASSWORD })).cookie
}

beforeEach(async () => {
  clock = fixedClock('2026-03-02T09:00:00.000Z')
  workspace = await openTestWorkspace({ clock })
  server = await startTeamServer({
    services: workspace.services,
    rendererDir: dir.path,
    host: '127.0.0.1',
    port: 0,
    heartbeatMs: 200,
  })
})
afterEach(async () => {
  await server.close()
  await workspace.dispose()
})

describe('many people at once on the team server', () => {
  it('tells every other open page which domain changed after a write, never after a read, and nothing more', async () => {
    const ada = await account('Ada', 'ada@example.com')
    const ben = await account('Ben', 'ben@example.com')
    expect((await openStream('')).status).toBe(401)
    expect((await openStream('yardstick_session=' + 'B'.repeat(43))).status).toBe(401)
    const bens = await openStream(ben)
    const adas = await openStream(ada)
    expect(bens.status).toBe(200)
    await data(call('ladders:list', {}, ada))
    await data(call('ladders:create', { name: 'Backend' }, ada))
    await until(() => events(bens).length > 0)
    // Only the write was told, by its domain alone: no id, no name.
    expect(events(bens)).toEqual([{ domain: 'ladders' }])
    // Heartbeats keep the stream alive through proxies.
    await until(() => bens.text().includes(': beat') && adas.text().includes(': beat'))
    // The writer's own pages are not told of their own write (their page refreshed what it touched).
    expect(events(adas)).toEqual([])
    await data(call('ladders:create', { name: 'Frontend' }, ben))
    await until(() => events(adas).length > 0)
    expect(events(adas)).toEqual([{ domain: 'ladders' }])
    expect(events(bens)).toEqual([{ domain: 'ladders' }])
    bens.close()
    adas.close()
  })

  it('bounds the streams of one session and ends them when the session ends', async () => {
    const ada = await account('Ada', 'ada@example.com')
    const streams: Stream[] = []
    for (let i = 0; i < 9; i += 1) streams.push(await openStream(ada))
    // The ninth tab pushed the oldest stream out.
    await streams[0]?.ended
    expect(streams.every((stream) => stream.status === 200)).toBe(true)
    expect((await call('session:signOut', {}, ada)).body.ok).toBe(true)
    await Promise.all(streams.map((stream) => stream.ended))
    expect((await openStream(ada)).status).toBe(401)
  })

  it('does not count an open stream as use: an idle session still ends after 8 hours', async () => {
    const ada = await account('Ada', 'ada@example.com')
    clock.advance(7 * 3_600_000)
    const stream = await openStream(ada)
    expect(stream.status).toBe(200)
    await until(() => stream.text().includes(': beat'))
    clock.advance(90 * 60_000)
    expect((await call('session:current', {}, ada)).status).toBe(401)
    // The next beat notices and closes the stream.
    await stream.ended
  })

  it('classifies reads and writes by channel: reads and private writes are told to nobody', () => {
    expect(changedDomain('applications:list')).toBeNull()
    expect(changedDomain('workspace:saveTablePrefs')).toBeNull()
    expect(changedDomain('session:signIn')).toBeNull()
    expect(changedDomain('applications:move')).toBe('applications')
    expect(changedDomain('assessments:rate')).toBe('assessments')
    expect(changedDomain('interviews:schedule')).toBe('interviews')
  })

  it('refuses the later of two people rating the same item, moving the same card or booking the same interviewer, naming who and when', async () => {
    const plan = await planDemoInterviews(workspace)
    const ada = await account('Ada', 'ada@example.com')
    const ben = await account('Ben', 'ben@example.com')
    const bens = await openStream(ben)
    const lena = plan.application('Lena Hoffmann').id
    // Both open the same assessment and see the same version of the first item.
    const [adaSheet, benSheet] = await Promise.all([
      data<AssessmentSheetDto>(call('assessments:get', { applicationId: lena }, ada)),
      data<AssessmentSheetDto>(call('assessments:get', { applicationId: lena }, ben)),
    ])
    const item = adaSheet.items[0]?.assessment
    expect(item?.version).toBe(benSheet.items[0]?.assessment.version)
    const rating = { applicationId: lena, requirementId: item?.requirementId, expectedVersion: item?.version }
    expect((await call('assessments:rate', { ...rating, rating: 'met' }, ada)).body.ok).toBe(true)
    const lateRating = await call('assessments:rate', { ...rating, rating: 'not_met' }, ben)
    expect(lateRating.body.error).toMatchObject({ code: 'conflict', key: 'rating_changed_meanwhile_by' })
    expect(lateRating.body.error?.message).toContain('Ada')
    expect(lateRating.body.error?.message).toMatch(/2026|\d{1,2}:\d{2}/)
    // Ben's page heard of Ada's rating, so it shows the new version on its next fetch.
    await until(() => events(bens).some((event) => (event as { domain: string }).domain === 'assessments'))

    // Both see the card in the same column and drag it to different ones.
    const application = await data<{ stageId: number; postingId: number }>(call('applications:get', { id: lena }, ben))
    const stages = await data<StageDto[]>(call('stages:list', { postingId: application.postingId }, ada))
    const others = stages.filter((stage) => stage.id !== application.stageId && stage.kind === 'open')
    const move = (stageId: number | undefined) => ({ id: lena, stageId, fromStageId: application.stageId })
    expect((await call('applications:move', move(others[0]?.id), ada)).body.ok).toBe(true)
    const lateMove = await call('applications:move', move(others[1]?.id), ben)
    expect(lateMove.body.error).toMatchObject({ code: 'conflict', key: 'application_moved_meanwhile_by' })
    expect(lateMove.body.error?.message).toContain('Ada')
    expect(lateMove.body.error?.message).toContain(others[0]?.name ?? '?')

    // Both book Sam at the same hour, for two candidates.
    const booking = (candidate: string) => ({
      applicationId: plan.application(candidate).id,
      stepId: plan.step('Technical deep dive').id,
      interviewerId: plan.person('Sam').id,
      scheduledAt: '2026-03-10T09:00:00.000Z',
    })
    expect((await call('interviews:schedule', booking('Lena Hoffmann'), ada)).body.ok).toBe(true)
    const lateBooking = await call('interviews:schedule', booking('Diego Ramos'), ben)
    expect(lateBooking.body.error).toMatchObject({ code: 'conflict', key: 'interviewer_busy' })
    expect(lateBooking.body.error?.message).toContain('Sam')
    expect(lateBooking.body.error?.message).toContain('09:00')
    bens.close()
  })

  it('lets the signed-in person begin an empty team workspace with the demo, once, and never fills one in use', async () => {
    const ada = await account('Ada', 'ada@example.com')
    // The accounts alone do not make the workspace begun.
    expect(await data<{ empty: boolean }>(call('workspace:info', {}, ada))).toMatchObject({ empty: true })
    const started = await data<{ empty: boolean; me: { name: string } }>(
      call('workspace:start', { name: 'Ignored', content: 'demo' }, ada),
    )
    // Ada stays herself: the demo does not sign its changes with a demo person.
    expect(started).toMatchObject({ empty: false, me: { name: 'Ada' } })
    const postings = await data<unknown[]>(call('postings:list', {}, ada))
    expect(postings.length).toBeGreaterThan(0)
    const again = await call('workspace:start', { name: 'Ada', content: 'demo' }, ada)
    expect(again.body.error).toMatchObject({ code: 'conflict', key: 'workspace_team_started' })
    expect(await data<unknown[]>(call('postings:list', {}, ada))).toHaveLength(postings.length)
  })
})
