import { existsSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { createRequire } from 'node:module'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { ExtractedText } from '@contract/documents-extract'
import { AppError } from '../errors'
import { resolveLimits, tooLargeMessage, type ExtractLimits } from './limits'
import type { WorkerReply, WorkerRequest } from './worker-protocol'

export interface ExtractOptions extends Partial<ExtractLimits> {
  signal?: AbortSignal
}

export interface WorkerEntry {
  url: URL
  execArgv: string[]
}

const WORKER_SOURCE = './extract-worker.ts'
const WORKER_BUNDLE = 'extract-worker.js'

/**
 * Finds the worker entry from the URL of this module:
 * - from TypeScript source (tsx, vitest) the URL ends in `.ts`: the worker is the sibling `extract-worker.ts`,
 *   started with tsx's loader so that it can import `.ts` files;
 * - bundled by electron-vite this code lives in `out/main/` (or in a shared chunk one folder below it) and the
 *   worker is the separate entry `out/main/extract-worker.js`, a plain ES module.
 * The file names are kept in variables so that the bundler does not rewrite these URLs as assets.
 */
export function resolveWorkerEntry(moduleUrl: string = import.meta.url): WorkerEntry {
  if (/\.[cm]?ts$/.test(new URL(moduleUrl).pathname)) {
    const tsxLoader = pathToFileURL(createRequire(moduleUrl).resolve('tsx')).href
    return { url: new URL(WORKER_SOURCE, moduleUrl), execArgv: ['--import', tsxLoader] }
  }
  const candidates = [new URL(`./${WORKER_BUNDLE}`, moduleUrl), new URL(`../${WORKER_BUNDLE}`, moduleUrl)]
  const found = candidates.find((url) => url.protocol !== 'file:' || existsSync(fileURLToPath(url)))
  return { url: found ?? candidates[0] ?? new URL(`./${WORKER_BUNDLE}`, moduleUrl), execArgv: [] }
}

function isOutOfMemory(error: Error): boolean {
  return 'code' in error && error.code === 'ERR_WORKER_OUT_OF_MEMORY'
}

const cancelled = (): AppError => new AppError('cancelled', 'The extraction was cancelled.')

/** Each worker may use `maxHeapMb`; a bulk import must not start hundreds of them at once. */
export const MAX_CONCURRENT_EXTRACTIONS = Math.max(1, Math.min(4, availableParallelism() - 1))

let running = 0
const waiting: (() => void)[] = []

/** Waits for a worker slot; resolves with the function that frees it (idempotent). */
function acquireSlot(signal: AbortSignal | undefined): Promise<() => void> {
  return new Promise((resolve, reject) => {
    let released = false
    const release = (): void => {
      if (released) return
      released = true
      running--
      waiting.shift()?.()
    }
    const start = (): void => {
      signal?.removeEventListener('abort', onAbort)
      running++
      resolve(release)
    }
    const onAbort = (): void => {
      const at = waiting.indexOf(start)
      if (at >= 0) waiting.splice(at, 1)
      reject(cancelled())
    }
    if (running < MAX_CONCURRENT_EXTRACTIONS) start()
    else {
      waiting.push(start)
      signal?.addEventListener('abort', onAbort, { once: true })
    }
  })
}

function runWorker(
  bytes: Uint8Array,
  fileName: string,
  limits: ExtractLimits,
  signal: AbortSignal | undefined,
): Promise<ExtractedText> {
  return new Promise<ExtractedText>((resolve, reject) => {
    if (signal?.aborted) {
      reject(cancelled())
      return
    }
    // A fresh copy with its own ArrayBuffer: Buffer#slice is a view, and a pooled Buffer's memory cannot be transferred.
    const copy = new Uint8Array(bytes)
    const request: WorkerRequest = { bytes: copy, fileName, limits }
    const entry = resolveWorkerEntry()
    let worker: Worker
    try {
      worker = new Worker(entry.url, {
        workerData: request,
        transferList: [copy.buffer],
        execArgv: entry.execArgv,
        resourceLimits: {
          maxOldGenerationSizeMb: limits.maxHeapMb,
          maxYoungGenerationSizeMb: Math.max(8, Math.min(64, Math.floor(limits.maxHeapMb / 4))),
          stackSizeMb: 4,
        },
      })
    } catch (error) {
      reject(
        new AppError(
          'internal',
          `The text extraction worker could not start: ${error instanceof Error ? error.message : String(error)}`,
        ),
      )
      return
    }
    let settled = false
    const finish = (outcome: { ok: true; value: ExtractedText } | { ok: false; error: AppError }): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      signal?.removeEventListener('abort', onAbort)
      void worker.terminate()
      if (outcome.ok) resolve(outcome.value)
      else reject(outcome.error)
    }
    const onAbort = (): void => finish({ ok: false, error: cancelled() })
    const timer = setTimeout(() => {
      const limit = limits.timeoutMs < 1000 ? `${limits.timeoutMs} ms` : `${Math.round(limits.timeoutMs / 100) / 10} s`
      finish({
        ok: false,
        error: new AppError('timeout', `Reading "${fileName}" took longer than ${limit} and was stopped.`),
      })
    }, limits.timeoutMs)
    signal?.addEventListener('abort', onAbort, { once: true })

    worker.on('message', (reply: WorkerReply) => {
      if (reply.ok) finish({ ok: true, value: reply.result })
      else finish({ ok: false, error: new AppError(reply.code, reply.message) })
    })
    worker.on('error', (error: Error) => {
      const message = isOutOfMemory(error)
        ? new AppError(
            'too_large',
            `Reading "${fileName}" needed more than ${limits.maxHeapMb} MB of memory and was stopped.`,
          )
        : new AppError('internal', `The text extraction worker failed: ${error.message}`)
      finish({ ok: false, error: message })
    })
    worker.on('exit', (code) => {
      finish({
        ok: false,
        error: new AppError('internal', `The text extraction worker stopped unexpectedly (exit code ${code}).`),
      })
    })
  })
}

/**
 * Extracts the text of an untrusted document in a worker thread with a heap cap and a wall-clock timeout, at
 * most MAX_CONCURRENT_EXTRACTIONS at a time (the timeout starts with the worker, not in the queue).
 * Rejects with AppError: 'too_large' (file size, zip and PDF bombs, heap), 'unsupported_file', 'unreadable_file',
 * 'timeout', 'cancelled' (via `options.signal`) or 'invalid_input' (bad limits).
 */
export async function extractText(
  bytes: Uint8Array,
  fileName: string,
  options: ExtractOptions = {},
): Promise<ExtractedText> {
  const { signal, ...overrides } = options
  const limits = resolveLimits(overrides)
  if (signal?.aborted) throw cancelled()
  // Checked here too so that an oversized file is never copied into a worker.
  if (bytes.length > limits.maxBytes) {
    throw new AppError('too_large', tooLargeMessage(`"${fileName}"`, bytes.length, limits.maxBytes))
  }
  const release = await acquireSlot(signal)
  try {
    return await runWorker(bytes, fileName, limits, signal)
  } finally {
    release()
  }
}
