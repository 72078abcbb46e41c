import { parentPort, workerData } from 'node:worker_threads'
import BetterSqlite3 from 'better-sqlite3'

/**
 * Checkpoint worker (a worker thread, bundled as its own entry: out/main/checkpoint-worker.js): copies the
 * workspace's write-ahead log into the database file on a connection of its own, every `intervalMs`, until told
 * to stop. A PASSIVE checkpoint never waits for, nor blocks, a reader or a writer; one that finds another
 * checkpoint running, or the file busy, is simply the next tick's.
 */
export interface CheckpointWorkerData {
  file: string
  intervalMs: number
}

export type CheckpointWorkerMessage = 'stop'

const { file, intervalMs } = workerData as CheckpointWorkerData
// No busy wait: a checkpoint that cannot start now is retried at the next tick.
const sqlite = new BetterSqlite3(file, { fileMustExist: true, timeout: 0 })
// As the app's own connection: the file is synced when a checkpoint ends, not the log at every commit.
sqlite.pragma('synchronous = NORMAL')

const checkpoint = () => {
  try {
    sqlite.pragma('wal_checkpoint(PASSIVE)')
  } catch {
    // SQLITE_BUSY or SQLITE_LOCKED while another process recovers or checkpoints: the next tick tries again.
  }
}

const timer = setInterval(checkpoint, intervalMs)
parentPort?.on('message', (message: CheckpointWorkerMessage) => {
  if (message !== 'stop') return
  clearInterval(timer)
  sqlite.close()
  parentPort?.close()
})
