import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'

/** Main-process errors, for support: codes, ids and stack frames only, never names or file names. */
export const LOG_FILE = join('logs', 'main.log')

export interface LogOptions {
  maxBytes?: number
  /** Rotated files kept besides the current one: main.1.log is the newest. */
  keep?: number
  now?: () => Date
}

export interface LogFile {
  path: string
  error(event: string, error?: unknown, ids?: Record<string, string | number>): void
  info(event: string, ids?: Record<string, string | number>): void
}

/**
 * An error's class, code and stack frames; its message is left out because messages can quote user input
 * (a candidate's name in a validation error, a file name in an I/O error).
 */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return typeof error
  const code = 'code' in error && typeof error.code === 'string' ? ` ${error.code}` : ''
  const frames = (error.stack ?? '')
    .split('\n')
    .filter((line) => line.trim().startsWith('at '))
    .slice(0, 8)
    .map((line) => line.trim().replace(/\(.*[/\\]([^/\\]+:\d+:\d+)\)$/, '($1)'))
  return [`${error.name}${code}`, ...frames].join(' | ')
}

function rotate(path: string, keep: number): void {
  rmSync(path.replace(/\.log$/, `.${keep}.log`), { force: true })
  for (let index = keep - 1; index >= 1; index--) {
    const from = path.replace(/\.log$/, `.${index}.log`)
    if (existsSync(from)) renameSync(from, path.replace(/\.log$/, `.${index + 1}.log`))
  }
  renameSync(path, path.replace(/\.log$/, '.1.log'))
}

export function openLogFile(dataDir: string, options: LogOptions = {}): LogFile {
  const { maxBytes = 1_048_576, keep = 3, now = () => new Date() } = options
  const path = join(dataDir, LOG_FILE)
  mkdirSync(dirname(path), { recursive: true })
  const write = (level: string, event: string, detail: string) => {
    const line = `${now().toISOString()} ${level} ${event}${detail ? ` ${detail}` : ''}\n`
    try {
      if (existsSync(path) && statSync(path).size + Buffer.byteLength(line) > maxBytes) rotate(path, keep)
      appendFileSync(path, line)
    } catch {
      // Logging must never be the reason the app fails.
    }
  }
  const idsText = (ids: Record<string, string | number> = {}) =>
    Object.entries(ids)
      .map(([key, value]) => `${key}=${String(value).replace(/\s+/g, '_')}`)
      .join(' ')
  return {
    path,
    error: (event, error, ids) =>
      write('ERROR', event, [idsText(ids), error === undefined ? '' : describeError(error)].filter(Boolean).join(' ')),
    info: (event, ids) => write('INFO', event, idsText(ids)),
  }
}
