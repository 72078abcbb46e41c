import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { app, dialog, ipcMain, Menu, screen, shell, type BrowserWindow } from 'electron'
import { AppError } from './core/errors'
import { openWorkspace, type OpenWorkspace } from './core/services'
import { askWhereToSave } from './desktop/downloads'
import { DesktopWorkspaces } from './desktop/desktop-workspaces'
import { acquireDataFolderLock } from './desktop/instance-lock'
import { openLogFile, type LogFile } from './desktop/log-file'
import { menuTemplate } from './desktop/menu'
import { initialWindow, readWindowState, writeWindowState } from './desktop/window-state'
import { registerIpc } from './ipc'
import { createSecureWindow } from './window'

app.enableSandbox()
// A second launch hands over to the first (see 'second-instance') and quits before touching the data folder.
const primary = app.requestSingleInstanceLock()
if (!primary) {
  console.log('Yardstick is already running: its window is brought to the front.')
  app.quit()
}

const dataDir = process.env.YARDSTICK_DATA_DIR ?? app.getPath('userData')
let workspace: OpenWorkspace | undefined
let mainWindow: BrowserWindow | undefined
let log: LogFile | undefined
let releaseLock: (() => void) | undefined

function trackWindowState(window: BrowserWindow): void {
  window.on('close', () => {
    try {
      writeWindowState(dataDir, { ...window.getNormalBounds(), maximized: window.isMaximized() })
    } catch (error) {
      log?.error('window-state-not-saved', error)
    }
  })
}

async function start(): Promise<void> {
  mkdirSync(dataDir, { recursive: true })
  log = openLogFile(dataDir)
  process.on('uncaughtException', (error) => log?.error('uncaught-exception', error))
  process.on('unhandledRejection', (error) => log?.error('unhandled-rejection', error))
  // Electron's lock is per user profile; this one is per data folder (YARDSTICK_DATA_DIR can differ).
  const lock = acquireDataFolderLock(dataDir)
  if (!lock.acquired) {
    log.info('refused-second-instance', { holderPid: lock.holderPid })
    dialog.showErrorBox(
      'Yardstick is already open',
      `Another Yardstick${lock.holderPid ? ` (process ${lock.holderPid})` : ''} is using the data folder ${dataDir}. ` +
        'Switch to its window, or close it first: one data folder is opened by one app at a time.',
    )
    app.exit(0)
    return
  }
  releaseLock = lock.release
  workspace = await openWorkspace({
    dataDir,
    resourcesDir: join(app.getAppPath(), 'resources'),
    appVersion: app.getVersion(),
    // The renderer asks who you are and whether to start with the demo.
    demoOnFirstRun: false,
    applyRetentionPolicy: true,
    holder: 'the Yardstick desktop app',
    checkpointInBackground: true,
  })
  const devServer = process.env.ELECTRON_RENDERER_URL
  const development = !app.isPackaged && devServer !== undefined
  const rendererUrl =
    development && devServer ? devServer : pathToFileURL(join(import.meta.dirname, '../renderer/index.html')).href
  // The window shows the local workspace until a team server is joined; the main process routes every call.
  const workspaces = new DesktopWorkspaces({ services: workspace.services }, dataDir)
  registerIpc(ipcMain, workspaces, rendererUrl, (channel) => log?.error('ipc-internal-error', undefined, { channel }))
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate(
        {
          openDataFolder: () => void shell.openPath(dataDir),
          openLogFile: () => void shell.openPath(log?.path ?? dataDir),
        },
        { development, platform: process.platform },
      ),
    ),
  )
  const placement = initialWindow(
    readWindowState(dataDir),
    screen.getAllDisplays().map((display) => display.workArea),
  )
  mainWindow = createSecureWindow({
    preload: join(import.meta.dirname, '../preload/index.cjs'),
    rendererUrl,
    bounds: placement.bounds,
    maximized: placement.maximized,
  })
  trackWindowState(mainWindow)
  askWhereToSave(mainWindow.webContents.session, app.getPath('downloads'), (state, extension) =>
    log?.error('export-not-saved', undefined, { state, extension }),
  )
}

function fail(error: unknown): void {
  log?.error('start-failed', error)
  const message = error instanceof AppError ? error.message : String(error)
  dialog.showErrorBox('Yardstick cannot start', message)
  releaseLock?.()
  app.exit(1)
}

if (primary) app.whenReady().then(start).catch(fail)
app.on('second-instance', () => {
  if (mainWindow?.isMinimized()) mainWindow.restore()
  mainWindow?.show()
  mainWindow?.focus()
})
app.on('window-all-closed', () => app.quit())
app.on('will-quit', () => {
  // The lock goes only once the database is closed, so a new launch never opens it while it is still open here.
  void Promise.resolve(workspace?.close()).finally(() => releaseLock?.())
})
