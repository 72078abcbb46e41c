// SQLite-only suite: the dispatcher and IPC layer above the core, the same on both databases; the core's suites run on both.
import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openTestWorkspace, type TestWorkspace } from './core/testing/temp-workspace'
import { desktopChannels } from '@contract/desktop'
import { channels } from './dispatch'
import { DesktopWorkspaces } from './desktop/desktop-workspaces'
import { registerIpc } from './ipc'

type Handler = (event: IpcMainInvokeEvent, input: unknown) => unknown
const RENDERER = 'file:///opt/Yardstick/resources/app.asar/out/renderer/index.html'

let workspace: TestWorkspace
const handlers = new Map<string, Handler>()
beforeEach(async () => {
  workspace = await openTestWorkspace({ demo: true })
  handlers.clear()
  const ipcMain = { handle: (channel: string, handler: Handler) => handlers.set(channel, handler) }
  registerIpc(
    ipcMain as unknown as IpcMain,
    new DesktopWorkspaces({ services: workspace.services }, workspace.dataDir),
    RENDERER,
  )
})
afterEach(() => workspace.dispose())

/** An invoke event as Electron builds it, from a frame at `url`. */
function event(url: string, topFrame = true): IpcMainInvokeEvent {
  const frame = { url }
  const mainFrame = topFrame ? frame : { url: RENDERER }
  return { senderFrame: frame, sender: { mainFrame } } as unknown as IpcMainInvokeEvent
}

describe('IPC registration', () => {
  it('registers exactly the contract channels and the desktop bridge', () => {
    expect([...handlers.keys()].sort()).toEqual([...channels, ...desktopChannels].sort())
  })

  it('answers the bridge to the app window only: a foreign page cannot point the window at a server', async () => {
    const join = { url: 'http://127.0.0.1:9/', email: 'a@example.com', password: 'p' }
    expect(await handlers.get('desktop:joinTeam')?.(event('https://evil.example/'), join)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    })
    expect(await handlers.get('desktop:current')?.(event(RENDERER), {})).toMatchObject({
      ok: true,
      data: { kind: 'local', url: null },
    })
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
