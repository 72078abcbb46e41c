import { parentPort, workerData } from 'node:worker_threads'
import BetterSqlite3 from 'better-sqlite3'

/**
 * Checkpoint worker (a worker thread, bundled as its own entry: out/main/checkpoint-worker.js): copies the
 * workspace's write-ahead log into the database file on a connection of its own, every `intervalMs` when a commit
 * came since the last time, until told to stop. A PASSIVE checkpoint never waits for, nor blocks, a reader or a
 * writer; what it could not copy (a reader still needs those pages) is copied at a later tick.
 */
export interface CheckpointWorkerData {
  file: string
  intervalMs: number
}

export type CheckpointWorkerMessage = 'stop'

interface CheckpointResult {
  busy: number
  log: number
  checkpointed: number
}

const { file, intervalMs } = workerData as CheckpointWorkerData
// No busy wait: a checkpoint that cannot start now is retried at the next tick.
const sqlite = new BetterSqlite3(file, { fileMustExist: true, timeout: 0 })
// As the app's own connection: the file is synced when a checkpoint ends, not the log at every commit.
sqlite.pragma('synchronous = NORMAL')
// Prepared once: an idle app wakes this thread ten times a second, and each tick must cost next to nothing.
const dataVersion = sqlite.prepare<[], number>('PRAGMA data_version').pluck()
const passive = sqlite.prepare<[], CheckpointResult>('PRAGMA wal_checkpoint(PASSIVE)')

let seenVersion = -1
let behind = true

const checkpoint = () => {
  try {
    // data_version changes when another connection commits: with no commit and nothing left over, nothing to do.
    const version = dataVersion.get() ?? 0
    if (version === seenVersion && !behind) return
    seenVersion = version
    const result = passive.get()
    behind = result === undefined || result.busy !== 0 || result.checkpointed < result.log
  } catch {
    // SQLITE_BUSY or SQLITE_LOCKED while another process recovers or checkpoints: the next tick tries again.
    behind = true
  }
}

const timer = setInterval(checkpoint, intervalMs)
parentPort?.on('message', (message: CheckpointWorkerMessage) => {
  if (message !== 'stop') return
  clearInterval(timer)
  sqlite.close()
  parentPort?.close()
})
