import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { electronState, failureParagraph, firstErrorLine, mirrorOf, writeProblem } from './electron-binary.mjs'

let dir: string
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'yardstick-electron-state-'))))
afterEach(() => {
  chmodSync(dir, 0o755)
  rmSync(dir, { recursive: true, force: true })
})

function install({ pathTxt, binary, version }: { pathTxt?: string; binary?: boolean; version?: string }) {
  if (pathTxt !== undefined) writeFileSync(join(dir, 'path.txt'), pathTxt)
  if (binary || version) mkdirSync(join(dir, 'dist'), { recursive: true })
  if (binary) writeFileSync(join(dir, 'dist', 'electron'), '#!/bin/sh\n')
  if (version) writeFileSync(join(dir, 'dist', 'version'), version)
}

describe('what is on disk', () => {
  it.each([
    ['nothing', {}, 'missing'],
    ['dist/ without path.txt', { binary: true, version: 'v45.4.1' }, 'dist-without-path'],
    ['path.txt without dist/', { pathTxt: 'electron' }, 'path-without-binary'],
    [
      'path.txt naming another platform',
      { pathTxt: 'electron.exe', binary: true, version: 'v45.4.1' },
      'path-without-binary',
    ],
    ['an older Electron', { pathTxt: 'electron', binary: true, version: 'v44.0.0' }, 'other-version'],
    ['a complete install', { pathTxt: 'electron', binary: true, version: 'v45.4.1' }, 'ready'],
  ])('%s', (_case, files, kind) => {
    install(files)
    expect(electronState(dir, '45.4.1', 'electron').kind).toBe(kind)
  })
})

describe('messages', () => {
  it('keeps the error and drops the stack the installer prints', () => {
    const stderr = [
      'HTTPError: Response code 404 (Not Found) for http://127.0.0.1:1/v45.4.1/electron-v45.4.1-linux-x64.zip',
      '    at FetchDownloader.download (file:///x/node_modules/@electron/get/dist/FetchDownloader.js:48:23)',
      '    at async downloadArtifact (file:///x/node_modules/@electron/get/dist/index.js:160:9)',
    ].join('\n')
    expect(firstErrorLine(stderr)).toBe(
      'HTTPError: Response code 404 (Not Found) for http://127.0.0.1:1/v45.4.1/electron-v45.4.1-linux-x64.zip',
    )
  })

  it('reads the mirror the way @electron/get does, npm config first', () => {
    expect(mirrorOf({ ELECTRON_MIRROR: 'https://a/' })).toBe('https://a/')
    expect(mirrorOf({ ELECTRON_MIRROR: 'https://a/', npm_config_electron_mirror: 'https://b/' })).toBe('https://b/')
    expect(mirrorOf({})).toBe('https://github.com/electron/electron/releases/download/')
  })

  it('tells a read-only node_modules apart from a blocked network', () => {
    const readOnly = failureParagraph({
      version: '45.4.1',
      mirror: 'https://m/',
      reason: "EACCES (permission denied, mkdtemp '/x/.write-check-')",
      electronDir: '/x',
    })
    expect(readOnly).toContain('must be writable')
    expect(readOnly).toContain('ELECTRON_EXEC_PATH')
    expect(readOnly).toContain('npm run web')
    const offline = failureParagraph({
      version: '45.4.1',
      mirror: 'https://m/',
      reason: 'TypeError: fetch failed',
      electronDir: '/x',
    })
    expect(offline).toContain(
      'could not download the Electron 45.4.1 runtime from https://m/ (TypeError: fetch failed)',
    )
    expect(offline).toContain('ELECTRON_MIRROR')
    expect(offline).not.toContain('\n')
  })

  it.skipIf(process.getuid?.() === 0)('finds a folder it cannot write to', () => {
    chmodSync(dir, 0o555)
    expect(writeProblem(dir)).toMatch(/^EACCES/)
  })

  it('finds nothing wrong with a writable folder, and leaves nothing behind', () => {
    expect(writeProblem(dir)).toBeUndefined()
  })
})
