// SQLite-only suite: the dispatcher and IPC layer above the core, the same on both databases; the core's suites run on both.
import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openTestWorkspace, type TestWorkspace } from './core/testing/temp-workspace'
import { channels } from './dispatch'
import { registerIpc } from './ipc'

type Handler = (event: IpcMainInvokeEvent, input: unknown) => unknown
const RENDERER = 'file:///opt/Yardstick/resources/app.asar/out/renderer/index.html'

let workspace: TestWorkspace
const handlers = new Map<string, Handler>()
beforeEach(async () => {
  workspace = await openTestWorkspace({ demo: true })
  handlers.clear()
  const ipcMain = { handle: (channel: string, handler: Handler) => handlers.set(channel, handler) }
  registerIpc(ipcMain as unknown as IpcMain, { services: workspace.services }, RENDERER)
})
afterEach(() => workspace.dispose())

/** An invoke event as Electron builds it, from a frame at `url`. */
function event(url: string, topFrame = true): IpcMainInvokeEvent {
  const frame = { url }
  const mainFrame = topFrame ? frame : { url: RENDERER }
  return { senderFrame: frame, sender: { mainFrame } } as unknown as IpcMainInvokeEvent
}

describe('IPC registration', () => {
  it('registers exactly the contract channels', () => {
    expect([...handlers.keys()].sort()).toEqual([...channels].sort())
  })

  it('answers the app window', async () => {
    const result = await handlers.get('ladders:list')?.(event(`${RENDERER}#/ladders`), {})
    expect(result).toMatchObject({ ok: true })
  })

  it.each([
    ['a remote page', 'https://evil.example/index.html', true],
    ['another local file', 'file:///tmp/evil.html', true],
    ['a subframe of the app', RENDERER, false],
  ])('refuses calls from %s without running the handler', async (_case, url, topFrame) => {
    const result = await handlers.get('ladders:create')?.(event(url, topFrame), { name: 'Injected' })
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect((await workspace.services.ladders.list()).map((ladder) => ladder.name)).not.toContain('Injected')
  })

  it('validates input after the sender', async () => {
    const result = await handlers.get('ladders:create')?.(event(RENDERER), { name: '' })
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
  })
})
