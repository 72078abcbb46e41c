// Makes sure the Electron runtime binary is in node_modules/electron before electron-vite needs it.
// Electron 43+ no longer downloads it at install time, and electron-vite only reads path.txt, so
// `npm start` on a fresh clone would stop with "Electron uninstall" without this step.
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const DEFAULT_MIRROR = 'https://github.com/electron/electron/releases/download/'

/** The executable's path inside dist/, as Electron's own install.js writes it to path.txt. */
export function platformExecutable(platform = process.env.ELECTRON_INSTALL_PLATFORM ?? process.platform) {
  if (platform === 'darwin' || platform === 'mas') return 'Electron.app/Contents/MacOS/Electron'
  if (platform === 'win32') return 'electron.exe'
  return 'electron'
}

function readText(file) {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    return undefined
  }
}

/**
 * What is on disk, in the terms of Electron's installer: path.txt names the executable under dist/,
 * and dist/version must be this package's version.
 * @returns {{kind: 'ready', executable: string} | {kind: 'missing'} | {kind: 'dist-without-path'}
 *   | {kind: 'path-without-binary', executable: string} | {kind: 'other-version', found: string}}
 */
export function electronState(electronDir, version, executable = platformExecutable()) {
  const dist = join(electronDir, 'dist')
  const pathTxt = readText(join(electronDir, 'path.txt'))
  const hasDist = existsSync(dist)
  if (pathTxt === undefined) return hasDist ? { kind: 'dist-without-path' } : { kind: 'missing' }
  const binary = join(dist, pathTxt.trim())
  if (pathTxt.trim() !== executable || !existsSync(binary)) return { kind: 'path-without-binary', executable: binary }
  const found = readText(join(dist, 'version'))?.trim().replace(/^v/, '')
  if (found !== version) return { kind: 'other-version', found: found ?? 'unknown' }
  return { kind: 'ready', executable: binary }
}

/** The base URL @electron/get downloads from, read the way it reads it. */
export function mirrorOf(env) {
  return (
    env.npm_config_electron_mirror ??
    env.NPM_CONFIG_ELECTRON_MIRROR ??
    env.npm_package_config_electron_mirror ??
    env.ELECTRON_MIRROR ??
    DEFAULT_MIRROR
  )
}

/** The first line of an error the installer printed (it prints the whole stack), without the stack. */
export function firstErrorLine(stderr) {
  const lines = stderr
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('at ') && !/^\^+$/.test(line))
  return lines.find((line) => /error|failed|refused|not found|ENOTFOUND|EAI_AGAIN/i.test(line)) ?? lines[0] ?? ''
}

const FILE_SYSTEM_CODES = /\b(EACCES|EROFS|EPERM|ENOSPC)\b/

/** One paragraph: what failed, how to retry, where else to get Electron, and how to use the app meanwhile. */
export function failureParagraph({ version, mirror, reason, electronDir }) {
  const meanwhile =
    'Meanwhile, `npm run web` opens the same app in your browser, on the same data folder (add `--data-dir DIR` for another one).'
  if (FILE_SYSTEM_CODES.test(reason)) {
    return [
      `Yardstick could not put the Electron ${version} runtime into ${electronDir}: ${reason}.`,
      'The folder must be writable by you: fix its owner or permissions (or run `npm ci` again as yourself), then run `npm start` again.',
      'Where node_modules must stay read-only, set ELECTRON_EXEC_PATH to an Electron executable of the same version installed elsewhere.',
      meanwhile,
    ].join(' ')
  }
  return [
    `Yardstick could not download the Electron ${version} runtime from ${mirror} (${reason || 'the installer stopped'}).`,
    'The desktop app needs it once; nothing else was changed.',
    'Run `npm start` again when the network is back.',
    'Behind a proxy, set HTTPS_PROXY and ELECTRON_GET_USE_PROXY=1; where that site is blocked, set ELECTRON_MIRROR to a mirror of the Electron releases (for example ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/) and run `npm start` again.',
    meanwhile,
  ].join(' ')
}

/** Checks that the folder takes new files: as the owner of node_modules, or failing clearly otherwise. */
export function writeProblem(dir) {
  try {
    rmSync(mkdtempSync(join(dir, '.write-check-')), { recursive: true, force: true })
    return undefined
  } catch (error) {
    return error instanceof Error && 'code' in error ? `${error.code} (${error.message})` : String(error)
  }
}

function folderBytes(dir) {
  let total = 0
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue
    try {
      total += statSync(join(entry.parentPath, entry.name)).size
    } catch {
      // A file the installer just moved into its cache.
    }
  }
  return total
}

const megabytes = (bytes) => `${(bytes / 1_048_576).toFixed(1)} MB`

/**
 * Runs Electron's own installer. Its temporary folder is a private one, so the bytes arriving there are the
 * progress shown (the installer's own bar appears only after 30 s and only on a terminal).
 */
function runInstaller({ electronDir, env, log }) {
  const scratch = mkdtempSync(join(tmpdir(), 'yardstick-electron-'))
  const installerTmp = join(scratch, 'tmp')
  mkdirSync(installerTmp)
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(electronDir, 'install.js')], {
      cwd: electronDir,
      env: { ...env, TMPDIR: installerTmp, TMP: installerTmp, TEMP: installerTmp, ELECTRON_GET_NO_PROGRESS: '1' },
      stdio: ['ignore', 'inherit', 'pipe'],
    })
    let stderr = ''
    child.stderr.on('data', (chunk) => (stderr += chunk.toString()))
    const tty = process.stderr.isTTY
    let shown = 0
    const timer = setInterval(() => {
      const bytes = folderBytes(installerTmp)
      if (bytes === shown) return
      // On a terminal one line is rewritten; in a log a line every 10 MB is enough.
      if (tty) process.stderr.write(`\r  downloaded ${megabytes(bytes)}   `)
      else if (Math.floor(bytes / 10_485_760) > Math.floor(shown / 10_485_760)) log(`  downloaded ${megabytes(bytes)}`)
      shown = bytes
    }, 500)
    child.on('close', (code, signal) => {
      clearInterval(timer)
      if (tty && shown > 0) process.stderr.write('\n')
      rmSync(scratch, { recursive: true, force: true })
      resolve({ ok: code === 0, stderr: signal ? `stopped by ${signal}` : stderr })
    })
    child.on('error', (error) => {
      clearInterval(timer)
      resolve({ ok: false, stderr: error.message })
    })
  })
}

/**
 * Ensures the binary electron-vite will start exists. Returns undefined when it does, or the paragraph to
 * print when it cannot be made to.
 */
export async function ensureElectron({ root, env = process.env, log = (line) => console.error(line) }) {
  const override = env.ELECTRON_EXEC_PATH
  if (override) {
    return existsSync(override)
      ? undefined
      : `ELECTRON_EXEC_PATH is set to ${override}, which does not exist. Point it at an Electron executable, or unset it to let \`npm start\` download Electron into node_modules.`
  }
  const electronDir = join(root, 'node_modules', 'electron')
  const packageJson = readText(join(electronDir, 'package.json'))
  if (packageJson === undefined) return 'node_modules/electron is missing: run `npm ci`, then `npm start` again.'
  const { version } = JSON.parse(packageJson)
  const state = electronState(electronDir, version)
  if (state.kind === 'ready') return undefined

  const mirror = mirrorOf(env)
  const notWritable = writeProblem(electronDir)
  if (notWritable) return failureParagraph({ version, mirror, reason: notWritable, electronDir })

  switch (state.kind) {
    case 'dist-without-path':
      log('Found an unfinished Electron download (node_modules/electron/dist without path.txt): starting it again.')
      break
    case 'path-without-binary':
      log(`node_modules/electron/path.txt names ${state.executable}, which is missing: downloading Electron again.`)
      break
    case 'other-version':
      log(`node_modules/electron/dist holds Electron ${state.found}, not ${version}: replacing it.`)
      break
    default:
      log(`First start: downloading the Electron ${version} runtime (once, about 100 MB) from ${mirror}`)
  }
  // A half-written dist would be unpacked over, leaving stray files; path.txt is only written on success.
  rmSync(join(electronDir, 'path.txt'), { force: true })
  rmSync(join(electronDir, 'dist'), { recursive: true, force: true })

  const result = await runInstaller({ electronDir, env, log })
  const after = electronState(electronDir, version)
  if (result.ok && after.kind === 'ready') {
    log(`Electron ${version} is installed.`)
    return undefined
  }
  rmSync(join(electronDir, 'path.txt'), { force: true })
  const reason = result.ok ? `the installer left ${after.kind}` : firstErrorLine(result.stderr)
  return failureParagraph({ version, mirror, reason, electronDir })
}
