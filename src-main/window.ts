import { BrowserWindow, shell, type WebPreferences } from 'electron'
import { isSafeExternalUrl } from './security'

export const secureWebPreferences = (preload: string): WebPreferences => ({
  preload,
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
  spellcheck: true,
})

export interface WindowOptions {
  preload: string
  /** file:// URL of the built renderer, or the dev server URL. */
  rendererUrl: string
  /** Where the window opens; without x and y the system places it. */
  bounds?: { x?: number; y?: number; width: number; height: number }
  maximized?: boolean
}

/** The one way windows are made: sandboxed, isolated, unable to navigate or open other windows. */
export function createSecureWindow({ preload, rendererUrl, bounds, maximized }: WindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1360,
    height: 860,
    ...bounds,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Yardstick',
    webPreferences: secureWebPreferences(preload),
  })
  const contents = window.webContents
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) void shell.openExternal(url)
    return { action: 'deny' }
  })
  contents.on('will-navigate', (event) => event.preventDefault())
  contents.on('will-redirect', (event) => event.preventDefault())
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  window.once('ready-to-show', () => {
    if (maximized) window.maximize()
    window.show()
  })
  void window.loadURL(rendererUrl)
  return window
}
