import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { app, dialog, ipcMain, type BrowserWindow } from 'electron'
import { AppError } from './core/errors'
import { openWorkspace, type OpenWorkspace } from './core/services'
import { registerIpc } from './ipc'
import { createSecureWindow } from './window'

app.enableSandbox()
if (!app.requestSingleInstanceLock()) app.quit()

let workspace: OpenWorkspace | undefined
let mainWindow: BrowserWindow | undefined

async function start(): Promise<void> {
  workspace = await openWorkspace({
    dataDir: process.env.YARDSTICK_DATA_DIR ?? app.getPath('userData'),
    resourcesDir: join(app.getAppPath(), 'resources'),
    appVersion: app.getVersion(),
    demoOnFirstRun: true,
    applyRetentionPolicy: true,
  })
  const devServer = process.env.ELECTRON_RENDERER_URL
  const rendererUrl =
    !app.isPackaged && devServer ? devServer : pathToFileURL(join(import.meta.dirname, '../renderer/index.html')).href
  registerIpc(ipcMain, { services: workspace.services }, rendererUrl)
  mainWindow = createSecureWindow({ preload: join(import.meta.dirname, '../preload/index.cjs'), rendererUrl })
}

function fail(error: unknown): void {
  const message = error instanceof AppError ? error.message : String(error)
  dialog.showErrorBox('Yardstick cannot start', message)
  app.exit(1)
}

app.whenReady().then(start).catch(fail)
app.on('second-instance', () => {
  if (mainWindow?.isMinimized()) mainWindow.restore()
  mainWindow?.focus()
})
app.on('window-all-closed', () => app.quit())
app.on('will-quit', () => void workspace?.close())
