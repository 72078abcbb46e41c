import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises'
import { asBusy, otherHolders } from '../db/connection'
import { AppError } from '../errors'
import type { CsvImportStore, PublishedBatch } from './csv-import-writer'

/**
 * SQLite's busy handler, which another process's write waits in, looks for a free lock at most every 100 ms
 * once it has waited a while. A gap of a single event-loop turn between two batches is almost never seen by
 * it: a measured writer waited up to 9.6 s behind batches of 200 ms. A pause a little longer than its longest
 * sleep is always seen, so the waiting write goes in before the next batch.
 */
const HANDOFF_PAUSE_MS = 120
/** How long an import may hold the lock, over its batches, before it pauses for another process's write. */
const HANDOFF_AFTER_MS = 100
/** Attempts per publish batch before the import is left for the next open (each waits up to the busy timeout). */
const PUBLISH_ATTEMPTS = 3
const RETRY_PAUSE_MS = 500

/**
 * What an import does between two transactions: a turn of the event loop, so this process's other requests
 * run; and, when another process has the data folder open (the app and the command line, say) and the import
 * has held the lock for a while, a pause long enough for that process's waiting write to go in.
 */
export function batchPause(dataDir: string): () => Promise<void> {
  let since = performance.now()
  return async () => {
    if (performance.now() - since >= HANDOFF_AFTER_MS && otherHolders(dataDir).length > 0) {
      await sleep(HANDOFF_PAUSE_MS)
      since = performance.now()
    } else await nextTurn()
  }
}

export interface PublishOptions {
  batchRows: number
  pause: () => Promise<void>
  now: () => string
  /** After each committed batch: how many rows that batch published. */
  onBatch?: (published: number) => void
}

/**
 * Publishes every staged row of an import that is publishing, a batch per transaction, until its activity entry
 * is written. Used by the import itself, and to finish one that its process could not (a crash, a kill, a
 * database that stayed busy). A batch that keeps failing leaves the import handed over, to be finished by the
 * next open or import; the error says so. Returns the batches this call published.
 */
export async function publishStaged(
  writer: CsvImportStore,
  importId: number,
  options: PublishOptions,
): Promise<PublishedBatch[]> {
  const published: PublishedBatch[] = []
  const batchRows = Math.max(1, options.batchRows)
  const total = await writer.stagedSpan(importId)
  let count = 0
  // Each batch covers the next `batchRows` sequence numbers, so this many batches cover them all, plus the
  // step that finds none left when the last batch was full.
  const bound = Math.ceil(total / batchRows) + 1
  for (let step = 0; step < bound; step++) {
    if (step > 0) await options.pause()
    const { batch, done } = await publishWithRetries(writer, importId, batchRows, options, () => ({
      published: count,
      total,
    }))
    if (batch) {
      published.push(batch)
      count += batch.count
      options.onBatch?.(batch.count)
    }
    if (done) return published
  }
  await writer.handOver(importId).catch(() => undefined)
  throw new Error(`import ${importId} still had staged rows after ${bound} batches`)
}

async function publishWithRetries(
  writer: CsvImportStore,
  importId: number,
  batchRows: number,
  options: PublishOptions,
  progress: () => { published: number; total: number },
): ReturnType<CsvImportStore['publishBatch']> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await writer.publishBatch(importId, batchRows, options.now())
    } catch (error) {
      if (attempt >= PUBLISH_ATTEMPTS) {
        await writer.handOver(importId).catch(() => undefined)
        if (asBusy(error)) throw AppError.of('csv_publish_busy', progress())
        console.error('[csv import] publishing stopped', error)
        throw AppError.of('csv_publish_failed', progress())
      }
      await sleep(RETRY_PAUSE_MS)
    }
  }
}
