import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Session } from 'electron'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { askWhereToSave } from './downloads'
import { acquireDataFolderLock, LOCK_FILE } from './instance-lock'
import { LOG_FILE, openLogFile } from './log-file'
import { menuTemplate } from './menu'
import { DEFAULT_BOUNDS, initialWindow, readWindowState, WINDOW_STATE_FILE, writeWindowState } from './window-state'

let dir: string
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'yardstick-desktop-'))))
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const laptop = { x: 0, y: 0, width: 1920, height: 1050 }
const rightMonitor = { x: 1920, y: 0, width: 2560, height: 1400 }

describe('window state', () => {
  it('reopens where it was closed, maximised or not', () => {
    writeWindowState(dir, { x: 2000, y: 40, width: 1500, height: 900, maximized: true })
    expect(initialWindow(readWindowState(dir), [laptop, rightMonitor])).toEqual({
      bounds: { x: 2000, y: 40, width: 1500, height: 900 },
      maximized: true,
    })
  })

  it('falls back to the default size when the monitor it was on is gone', () => {
    writeWindowState(dir, { x: 2000, y: 40, width: 1500, height: 900, maximized: false })
    expect(initialWindow(readWindowState(dir), [laptop])).toEqual({ bounds: DEFAULT_BOUNDS, maximized: false })
  })

  it('shrinks and moves a window that overflows its display back onto it', () => {
    const placed = initialWindow({ x: 1000, y: -50, width: 2400, height: 1200, maximized: false }, [laptop])
    expect(placed.bounds).toEqual({ x: 0, y: 0, width: 1920, height: 1050 })
  })

  it.each([
    ['garbage', 'not json at all'],
    ['a size below the minimum', JSON.stringify({ x: 0, y: 0, width: 10, height: 10, maximized: false })],
    ['unknown keys', JSON.stringify({ x: 0, y: 0, width: 1200, height: 800, maximized: false, evil: 1 })],
    ['text where numbers go', JSON.stringify({ x: '0', y: 0, width: 1200, height: 800, maximized: false })],
  ])('ignores a file with %s', (_case, content) => {
    writeFileSync(join(dir, WINDOW_STATE_FILE), content)
    expect(initialWindow(readWindowState(dir), [laptop]).bounds).toEqual(DEFAULT_BOUNDS)
  })

  it('writes whole pixels and nothing else', () => {
    writeWindowState(dir, { x: 10.4, y: 20.6, width: 1200.2, height: 800.7, maximized: false })
    expect(JSON.parse(readFileSync(join(dir, WINDOW_STATE_FILE), 'utf8'))).toEqual({
      x: 10,
      y: 21,
      width: 1200,
      height: 801,
      maximized: false,
    })
    expect(readdirSync(dir)).toEqual([WINDOW_STATE_FILE])
  })
})

describe('data folder lock', () => {
  it('lets one app in and refuses a second while the first runs', () => {
    const first = acquireDataFolderLock(dir)
    expect(first.acquired).toBe(true)
    // process.ppid is alive: as if another app held the folder.
    const second = acquireDataFolderLock(dir, process.ppid)
    expect(second).toEqual({ acquired: false, holderPid: process.pid })
    if (first.acquired) first.release()
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false)
    expect(acquireDataFolderLock(dir, process.ppid).acquired).toBe(true)
  })

  it('takes over a lock left by a process that no longer runs', () => {
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: 2_147_483_000, startedAt: '2026-01-01T00:00:00Z' }))
    const lock = acquireDataFolderLock(dir)
    expect(lock.acquired).toBe(true)
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid })
  })

  it('treats a lock file still being written as held', () => {
    writeFileSync(join(dir, LOCK_FILE), '')
    expect(acquireDataFolderLock(dir)).toEqual({ acquired: false, holderPid: 0 })
  })
})

describe('log file', () => {
  it('rotates at the size limit and keeps a bounded number of files', () => {
    const log = openLogFile(dir, { maxBytes: 200, keep: 2 })
    for (let index = 0; index < 20; index++) log.info('tick', { index })
    const files = readdirSync(join(dir, 'logs')).sort()
    expect(files).toEqual(['main.1.log', 'main.2.log', 'main.log'])
    for (const file of files) expect(readFileSync(join(dir, 'logs', file)).length).toBeLessThanOrEqual(200)
    expect(readFileSync(join(dir, LOG_FILE), 'utf8')).toContain('tick index=19')
  })

  it('records the error class, code and frames, never the message', () => {
    const log = openLogFile(dir)
    const error = Object.assign(new Error('cannot read /home/ada/Ada Lovelace resume.pdf'), { code: 'ENOENT' })
    log.error('import-failed', error, { candidateId: 42 })
    const line = readFileSync(join(dir, LOG_FILE), 'utf8')
    expect(line).toMatch(/ERROR import-failed candidateId=42 Error ENOENT \| at /)
    expect(line).not.toContain('Ada')
    expect(line).not.toContain('/home/')
  })
})

describe('application menu', () => {
  const actions = { openDataFolder: () => undefined, openLogFile: () => undefined }
  const roles = (development: boolean) =>
    JSON.stringify(menuTemplate(actions, { development, platform: 'linux' }), (key, value: unknown) =>
      key === 'click' ? 'click' : value,
    )

  it('has the usual edit, zoom and window roles', () => {
    const menu = roles(false)
    for (const role of ['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'zoomIn', 'zoomOut', 'resetZoom'])
      expect(menu).toContain(`"role":"${role}"`)
    expect(menu).toContain('"role":"windowMenu"')
    expect(menu).toContain('Open data folder')
    expect(menu).toContain('Open log file')
  })

  it('offers reload and developer tools only in development', () => {
    expect(roles(false)).not.toMatch(/reload|toggleDevTools/)
    expect(roles(true)).toContain('"role":"toggleDevTools"')
    expect(roles(true)).toContain('"role":"reload"')
  })
})

describe('exports in the desktop app', () => {
  it('open the save dialog in the Downloads folder with the suggested name and type', () => {
    let listener: ((event: unknown, item: unknown) => void) | undefined
    const session = { on: (_name: string, handler: typeof listener) => (listener = handler) }
    const failures: string[] = []
    askWhereToSave(session as unknown as Session, '/home/me/Downloads', (state, extension) =>
      failures.push(`${state} ${extension}`),
    )
    let options: unknown
    let done: ((event: unknown, state: string) => void) | undefined
    const item = {
      getFilename: () => 'pipeline-funnel.CSV',
      setSaveDialogOptions: (value: unknown) => (options = value),
      once: (_name: string, handler: typeof done) => (done = handler),
    }
    listener?.({}, item)
    expect(options).toEqual({
      defaultPath: join('/home/me/Downloads', 'pipeline-funnel.CSV'),
      filters: [{ name: 'CSV', extensions: ['csv'] }],
    })
    done?.({}, 'completed')
    done?.({}, 'interrupted')
    expect(failures).toEqual(['interrupted .csv'])
  })
})
