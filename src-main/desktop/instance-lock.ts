import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'
import { join } from 'node:path'

/** One desktop app per data folder: Electron's single-instance lock is per user profile, not per folder. */
export const LOCK_FILE = 'yardstick.lock'

export type LockResult = { acquired: true; release: () => void } | { acquired: false; holderPid: number }

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function holder(file: string): number | undefined {
  try {
    const pid = Number((JSON.parse(readFileSync(file, 'utf8')) as { pid?: unknown }).pid)
    return Number.isInteger(pid) && pid > 0 ? pid : undefined
  } catch {
    return undefined
  }
}

/**
 * Creates the lock file exclusively. A file left by a process that no longer runs (a crash, a power cut) is
 * taken over; one held by a live process is refused, so the database is never opened twice.
 */
export function acquireDataFolderLock(dataDir: string, pid = process.pid): LockResult {
  const file = join(dataDir, LOCK_FILE)
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx')
      writeSync(fd, JSON.stringify({ pid, startedAt: new Date().toISOString() }))
      closeSync(fd)
      return {
        acquired: true,
        release: () => {
          if (holder(file) === pid) rmSync(file, { force: true })
        },
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const holderPid = holder(file)
      // A lock file still being written by a starting instance has no pid yet: treat it as held.
      if (holderPid === undefined) return { acquired: false, holderPid: 0 }
      if (holderPid !== pid && isAlive(holderPid)) return { acquired: false, holderPid }
      rmSync(file, { force: true })
    }
  }
  return { acquired: false, holderPid: holder(file) ?? 0 }
}
