import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
} from 'node:fs'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { zipSync } from 'fflate'

export const root = join(import.meta.dirname, '..')
export const electronVersion = (
  JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }
).version

/** Packages the fresh copy gets as real folders: electron starts without its binary, and electron-vite must
 * resolve that copy (through a symlink it would resolve the worktree's own node_modules/electron). */
const copiedPackages = new Set(['electron', 'electron-vite'])

/**
 * A fresh clone of the project: the tracked files, and a node_modules whose packages are symlinks to the
 * installed ones except those above.
 */
export function freshProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'yardstick-fresh-'))
  // Untracked files that are not ignored count too, so the test sees work in progress as it will be committed.
  const tracked = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
  })
    .split('\0')
    .filter((file) => file !== '' && existsSync(join(root, file)))
  for (const file of tracked) {
    mkdirSync(dirname(join(dir, file)), { recursive: true })
    cpSync(join(root, file), join(dir, file), { preserveTimestamps: true })
  }
  const modules = join(root, 'node_modules')
  const freshModules = join(dir, 'node_modules')
  mkdirSync(freshModules)
  for (const name of readdirSync(modules)) {
    const source = join(modules, name)
    // Tool caches (.vite …) stay out, so the copy never writes into the installed tree.
    if (name.startsWith('.') && name !== '.bin') continue
    if (name === '.bin') {
      // The commands link to ../<package>/…, which must land in the fresh copy.
      mkdirSync(join(freshModules, name))
      for (const command of readdirSync(source)) {
        symlinkSync(readlinkSync(join(source, command)), join(freshModules, name, command))
      }
    } else if (copiedPackages.has(name)) {
      cpSync(source, join(freshModules, name), {
        recursive: true,
        filter: (path) => !/[/\\]electron[/\\](path\.txt|dist)$/.test(path),
      })
    } else {
      symlinkSync(source, join(freshModules, name))
    }
  }
  // As right after `npm ci`: the install record is newer than the lock file, so no reinstall starts.
  const installRecord = join(freshModules, '.package-lock.json')
  cpSync(join(modules, '.package-lock.json'), installRecord)
  const now = new Date()
  utimesSync(installRecord, now, now)
  return dir
}

/** The executable's name inside the archive, as Electron's installer will write it to path.txt. */
export const standInExecutable = process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron'
export const standInArchiveName = `electron-v${electronVersion}-${process.platform}-${process.arch}.zip`

/** An archive shaped like an Electron release, whose "electron" records its working folder and arguments. */
export function standInArchive(): Uint8Array {
  const script = [
    '#!/bin/sh',
    '# Stand-in for the Electron runtime: records how it was launched.',
    'pwd > "$YARDSTICK_STAND_IN_RECORD"',
    'for argument in "$@"; do printf "%s\\n" "$argument" >> "$YARDSTICK_STAND_IN_RECORD"; done',
    'exit 0',
    '',
  ].join('\n')
  const executable = { os: 3, attrs: (0o100755 << 16) >>> 0 }
  return zipSync({
    [standInExecutable]: [new TextEncoder().encode(script), executable],
    version: new TextEncoder().encode(`v${electronVersion}`),
  })
}

export interface Mirror {
  url: string
  requests: string[]
  close(): Promise<void>
}

/** A loopback ELECTRON_MIRROR: serves the archive and its SHASUMS256.txt, or 404 for everything when broken. */
export async function startMirror(options: { broken?: boolean } = {}): Promise<Mirror> {
  const archive = standInArchive()
  const sha = createHash('sha256').update(archive).digest('hex')
  const files = new Map<string, Uint8Array | string>([
    [`/v${electronVersion}/${standInArchiveName}`, archive],
    [`/v${electronVersion}/SHASUMS256.txt`, `${sha} *${standInArchiveName}\n`],
  ])
  const requests: string[] = []
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://mirror').pathname
    requests.push(path)
    const body = options.broken ? undefined : files.get(path)
    if (body === undefined) {
      response.writeHead(404).end('not here')
      return
    }
    response.writeHead(200, { 'content-length': Buffer.byteLength(body) }).end(body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('the mirror has no port')
  return {
    url: `http://127.0.0.1:${address.port}/`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

/** Environment for a child that must download Electron, whatever CI set globally. */
export function downloadEnv(mirror: Mirror, cache: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env }
  for (const key of Object.keys(env)) {
    if (/^(ELECTRON_|npm_config_electron|electron_)/i.test(key)) delete env[key]
  }
  return {
    ...env,
    ELECTRON_MIRROR: mirror.url,
    electron_use_remote_checksums: '1',
    electron_config_cache: cache,
    ...extra,
  }
}

export function removeProject(dir: string): void {
  rmSync(dir, { recursive: true, force: true })
}

export const isFile = (path: string): boolean => {
  try {
    return statSync(path).isFile()
  } catch {
    return false
  }
}
