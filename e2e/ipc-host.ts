// The desktop main process without Electron, for the IPC transport spec: the real registerIpc on a real
// workspace, reached through a loopback bridge instead of Chromium's IPC. The built renderer is served by the
// web server code, whose own API answers nothing, so any HTTP call the page makes shows up as a failure.
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import { openWorkspace } from '../src-main/core/services'
import { DesktopWorkspaces } from '../src-main/desktop/desktop-workspaces'
import { registerIpc } from '../src-main/ipc'
import { appVersion, rendererDir, resourcesDir } from '../src-main/node-entry'
import { startTeamServer } from '../src-main/team-server'
import { startWebServer } from '../src-main/web'

type Handler = (event: IpcMainInvokeEvent, input: unknown) => unknown

const dataDir = process.argv[2]
/** With a second folder, a real team server runs there too, with one account, for the desktop app to join. */
const teamDir = process.argv[3]
if (!dataDir) throw new Error('usage: ipc-host.ts DATA_DIR [TEAM_DATA_DIR]')

const workspace = await openWorkspace({ dataDir, resourcesDir, appVersion: appVersion(), demoOnFirstRun: true })
const httpCalls: string[] = []
const web = await startWebServer({
  port: 0,
  rendererDir,
  dispatch: (channel) => {
    httpCalls.push(channel)
    return Promise.resolve({ ok: false, error: { code: 'forbidden', message: 'The IPC spec serves no HTTP API.' } })
  },
})

const teamWorkspace = teamDir
  ? await openWorkspace({ dataDir: teamDir, resourcesDir, appVersion: appVersion(), demoOnFirstRun: false })
  : undefined
if (teamWorkspace) {
  await teamWorkspace.services.accounts.create({
    name: 'Rita Recruiter',
    email: 'rita@example.com',
    password: 'a long enough password',
    roles: ['recruiter'],
  })
}
const team = teamWorkspace
  ? await startTeamServer({ services: teamWorkspace.services, rendererDir, host: '127.0.0.1', port: 0 })
  : undefined

const handlers = new Map<string, Handler>()
const ipcMain = { handle: (channel: string, handler: Handler) => void handlers.set(channel, handler) }
registerIpc(ipcMain as unknown as IpcMain, new DesktopWorkspaces({ services: workspace.services }, dataDir), web.url)

const ipcCalls: string[] = []

async function body(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return JSON.parse(Buffer.concat(chunks).toString('utf8'))
}

interface Invocation {
  channel: string
  input: unknown
  frameUrl: string
  topFrame: boolean
}

/** The invoke event as Electron builds it: the sending frame, and the window's main frame. */
function invokeEvent({ frameUrl, topFrame }: Invocation): IpcMainInvokeEvent {
  const senderFrame = { url: frameUrl }
  const mainFrame = topFrame ? senderFrame : { url: web.url }
  return { senderFrame, sender: { mainFrame } } as unknown as IpcMainInvokeEvent
}

const bridge = createServer((request, response) => {
  const reply = (status: number, value: unknown) =>
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value ?? null))
  if (request.method === 'GET' && request.url === '/calls') {
    reply(200, { ipc: ipcCalls, http: httpCalls })
    return
  }
  body(request)
    .then(async (value) => {
      const invocation = value as Invocation
      const handler = handlers.get(invocation.channel)
      // ipcRenderer.invoke rejects for a channel nobody handles; the bridge answers the same way.
      if (!handler) return reply(404, { message: `No handler registered for '${invocation.channel}'` })
      ipcCalls.push(invocation.channel)
      reply(200, await handler(invokeEvent(invocation), invocation.input))
    })
    .catch((error: unknown) => reply(500, { message: String(error) }))
})
await new Promise<void>((resolve) => bridge.listen(0, '127.0.0.1', resolve))

const { port } = bridge.address() as AddressInfo
console.log(JSON.stringify({ pageUrl: web.launchUrl, bridgeUrl: `http://127.0.0.1:${port}`, teamUrl: team?.url }))

process.on('SIGTERM', () => {
  bridge.close()
  void Promise.all([web.close(), team?.close()])
    .then(() => Promise.all([workspace.close(), teamWorkspace?.close()]))
    .then(() => process.exit(0))
})
