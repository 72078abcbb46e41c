import { beforeEach, describe, expect, it, vi } from 'vitest'

type Listener = (...args: unknown[]) => void

/** A stand-in for Electron: the runtime cannot run on the build machines. */
const electron = vi.hoisted(() => {
  const state = {
    options: undefined as unknown,
    listeners: new Map<string, (...args: unknown[]) => void>(),
    openHandler: undefined as undefined | ((details: { url: string }) => { action: string }),
    permissionHandler: undefined as undefined | ((...args: unknown[]) => void),
    loaded: '',
    openExternal: vi.fn(),
    readyToShow: undefined as undefined | (() => void),
    shown: [] as string[],
  }
  class BrowserWindow {
    webContents = {
      setWindowOpenHandler: (handler: typeof state.openHandler) => (state.openHandler = handler),
      on: (event: string, listener: (...args: unknown[]) => void) => state.listeners.set(event, listener),
      session: {
        setPermissionRequestHandler: (handler: typeof state.permissionHandler) => (state.permissionHandler = handler),
      },
    }
    constructor(options: unknown) {
      state.options = options
    }
    once(event: string, listener: () => void) {
      if (event === 'ready-to-show') state.readyToShow = listener
    }
    maximize() {
      state.shown.push('maximize')
    }
    show() {
      state.shown.push('show')
    }
    loadURL(url: string) {
      state.loaded = url
      return Promise.resolve()
    }
  }
  return { state, module: { BrowserWindow, shell: { openExternal: state.openExternal } } }
})
vi.mock('electron', () => electron.module)

const { createSecureWindow } = await import('./window')
const { state } = electron

beforeEach(() => {
  state.listeners.clear()
  state.openExternal.mockClear()
  createSecureWindow({ preload: '/app/preload.cjs', rendererUrl: 'file:///app/renderer/index.html' })
})

describe('the window factory', () => {
  it('isolates and sandboxes the renderer', () => {
    expect(state.options).toMatchObject({
      webPreferences: {
        preload: '/app/preload.cjs',
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
      },
    })
    expect(state.loaded).toBe('file:///app/renderer/index.html')
  })

  it('denies new windows and sends only https links to the system browser', () => {
    expect(state.openHandler?.({ url: 'https://example.com/job' })).toEqual({ action: 'deny' })
    expect(state.openExternal).toHaveBeenCalledWith('https://example.com/job')
    for (const url of [
      'http://example.com',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'https://user:pw@example.com',
    ]) {
      expect(state.openHandler?.({ url })).toEqual({ action: 'deny' })
    }
    expect(state.openExternal).toHaveBeenCalledTimes(1)
  })

  it('prevents every navigation, redirect and webview', () => {
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const preventDefault = vi.fn()
      const listener: Listener | undefined = state.listeners.get(event)
      listener?.({ preventDefault }, 'https://evil.example')
      expect(preventDefault, event).toHaveBeenCalled()
    }
  })

  it('opens at the saved place, maximised before it is shown', () => {
    state.shown = []
    createSecureWindow({
      preload: '/app/preload.cjs',
      rendererUrl: 'file:///app/renderer/index.html',
      bounds: { x: 40, y: 30, width: 1200, height: 800 },
      maximized: true,
    })
    expect(state.options).toMatchObject({ x: 40, y: 30, width: 1200, height: 800, minWidth: 960 })
    state.readyToShow?.()
    expect(state.shown).toEqual(['maximize', 'show'])
  })

  it('grants no permission requests', () => {
    const callback = vi.fn()
    state.permissionHandler?.({}, 'media', callback)
    expect(callback).toHaveBeenCalledWith(false)
  })
})
