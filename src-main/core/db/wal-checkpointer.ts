import { Worker } from 'node:worker_threads'
import type BetterSqlite3 from 'better-sqlite3'
import { workerEntry } from '../workers/worker-entry'
import type { CheckpointWorkerData, CheckpointWorkerMessage } from './checkpoint-worker'

// Kept in variables so that the bundler does not rewrite these URLs as assets.
const WORKER_SOURCE = './checkpoint-worker.ts'
const WORKER_BUNDLE = 'checkpoint-worker.js'
/** How often the worker checkpoints: a write's pages reach the database file within about this long. */
const INTERVAL_MS = 100
/** SQLite's own threshold, in pages of log: what the app's connection does when it checkpoints itself. */
const DEFAULT_AUTOCHECKPOINT = 1_000
/**
 * With the worker running, the app's connection still checkpoints past this many pages (160 MB of 4 KB pages):
 * a backstop for a worker that cannot keep up, never reached when it does.
 */
const BACKSTOP_AUTOCHECKPOINT = 40_000
const STOP_TIMEOUT_MS = 5_000

/**
 * Checkpoints the write-ahead log in a worker thread, so that a commit never waits for one. Without it, the
 * commit that takes the log past 1,000 pages copies them into the database file and syncs it, in the thread
 * that serves the app: a third of the time of a large import's batch. A long-lived process (the desktop app,
 * web mode) starts one per workspace; a worker that fails hands checkpoints back to the app's connection.
 */
export class WalCheckpointer {
  private readonly exited: Promise<void>

  private constructor(
    private readonly worker: Worker,
    private readonly sqlite: BetterSqlite3.Database,
  ) {
    this.exited = new Promise((resolve) => worker.once('exit', () => resolve()))
  }

  static start(file: string, sqlite: BetterSqlite3.Database): WalCheckpointer {
    const entry = workerEntry(import.meta.url, WORKER_SOURCE, WORKER_BUNDLE)
    const data: CheckpointWorkerData = { file, intervalMs: INTERVAL_MS }
    const worker = new Worker(entry.url, { workerData: data, execArgv: entry.execArgv })
    // Never what keeps a process alive: the connection it checkpoints for closes first.
    worker.unref()
    const checkpointer = new WalCheckpointer(worker, sqlite)
    sqlite.pragma(`wal_autocheckpoint = ${BACKSTOP_AUTOCHECKPOINT}`)
    worker.once('error', (error) => {
      console.error('[checkpoints] the checkpoint worker stopped; the app checkpoints itself', error)
      checkpointer.handBack()
    })
    return checkpointer
  }

  private handBack(): void {
    if (this.sqlite.open) this.sqlite.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT}`)
  }

  /** Stops the worker and closes its connection; the app's connection checkpoints itself again. */
  async stop(): Promise<void> {
    const message: CheckpointWorkerMessage = 'stop'
    this.worker.postMessage(message)
    const timeout = setTimeout(() => void this.worker.terminate(), STOP_TIMEOUT_MS)
    await this.exited
    clearTimeout(timeout)
    this.handBack()
  }
}
