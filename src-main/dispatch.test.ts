// SQLite-only suite: the dispatcher and IPC layer above the core, the same on both databases; the core's suites run on both.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { contract } from '@contract'
import { openTestWorkspace, type TestWorkspace } from './core/testing/temp-workspace'
import { channels, dispatch } from './dispatch'

let workspace: TestWorkspace
beforeEach(async () => {
  workspace = await openTestWorkspace({ demo: true })
})
afterEach(() => workspace.dispose())

const call = (channel: string, input: unknown) => dispatch(channel, input, { services: workspace.services })
const ladderCount = async () =>
  Number(
    (
      await workspace.context.db
        .selectFrom('ladders')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

describe('dispatch', () => {
  it('serves every channel of the contract', () => {
    const declared = Object.entries(contract).flatMap(([domain, actions]) =>
      Object.keys(actions).map((action) => `${domain}:${action}`),
    )
    expect([...channels].sort()).toEqual(declared.sort())
  })

  it('returns data in an ok envelope', async () => {
    const result = await call('ladders:list', {})
    expect(result.ok).toBe(true)
    expect(result.ok && Array.isArray(result.data) && result.data.length).toBe(1)
  })

  it.each([
    ['an unknown channel', 'ladders:explode', {}, 'unknown_channel', /Unknown channel "ladders:explode"/],
    ['a prototype key as channel', '__proto__', {}, 'unknown_channel', /Unknown channel/],
    ['a constructor action', 'ladders:constructor', {}, 'unknown_channel', /Unknown channel/],
    ['a wrong type', 'ladders:create', { name: 42 }, 'invalid_input', /^name: /],
    ['a missing field', 'ladders:create', { description: 'x' }, 'invalid_input', /^name: /],
    ['an unexpected field', 'ladders:create', { name: 'X', admin: true }, 'invalid_input', /admin/],
    [
      'a 10 MB string',
      'ladders:create',
      { name: 'x'.repeat(10 * 1_048_576) },
      'invalid_input',
      /name: Too long \(at most 200 characters\)/,
    ],
    ['a non-object input', 'ladders:create', 'DROP TABLE ladders', 'invalid_input', /expected object/i],
    ['a negative id', 'ladders:get', { id: -1 }, 'invalid_input', /^id: /],
    ['a multi-line name', 'ladders:create', { name: 'a\nb' }, 'invalid_input', /single line/],
  ])('refuses %s with a clear error and changes nothing', async (_case, channel, input, code, message) => {
    const before = await ladderCount()
    const result = await call(channel, input)
    expect(result).toMatchObject({ ok: false, error: { code, message: expect.stringMatching(message) as string } })
    expect(await ladderCount()).toBe(before)
  })

  it('passes expected failures through with their code', async () => {
    const result = await call('ladders:get', { id: 999 })
    expect(result).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'Ladder 999 does not exist.', key: 'ladder_not_found', params: { id: 999 } },
    })
  })

  it('refuses a file name with path separators', async () => {
    const result = await call('ladders:import', { fileName: '../../etc/passwd.yaml', contentBase64: '' })
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringContaining('path separators') as string },
    })
  })
})
