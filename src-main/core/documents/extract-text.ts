import { fork, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import type { ExtractedText } from '@contract/documents-extract'
import { AppError } from '../errors'
import { workerEntry, type WorkerEntry } from '../workers/worker-entry'
import { resolveLimits, tooLargeError, type ExtractLimits } from './limits'
import type { WorkerReply, WorkerRequest } from './worker-protocol'

export interface ExtractOptions extends Partial<ExtractLimits> {
  signal?: AbortSignal
  /** Told the extraction process's peak resident memory (MB) when it ends, where the system reports it. */
  onPeakMemoryMb?: (megabytes: number) => void
}

const WORKER_SOURCE = './extract-worker.ts'
const WORKER_BUNDLE = 'extract-worker.js'

/** The extraction worker: `extract-worker.ts` beside this module, or `out/main/extract-worker.js` once bundled. */
export function resolveWorkerEntry(moduleUrl: string = import.meta.url): WorkerEntry {
  return workerEntry(moduleUrl, WORKER_SOURCE, WORKER_BUNDLE)
}

const cancelled = (): AppError => AppError.of('extraction_cancelled')

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

/** Resident memory of a child process now and at its peak, in MB, where the system tells it (Linux). */
function memoryOf(pid: number): { resident: number; peak: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'latin1')
    const resident = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1]
    const peak = /^VmHWM:\s+(\d+)\s+kB/m.exec(status)?.[1]
    return resident && peak ? { resident: Number(resident) / 1024, peak: Number(peak) / 1024 } : null
  } catch {
    return null
  }
}

const MEMORY_POLL_MS = 20

/**
 * Runs one extraction in a child process: a crafted file can exhaust the child's memory or hang it, never the
 * process that serves requests. The child's V8 heap is capped by `--max-old-space-size`; its whole resident
 * memory (buffers outside the heap included, which no heap cap sees) is watched and the child killed past
 * `maxRssMb`; the wall clock is capped by `timeoutMs`.
 */
function runChild(
  bytes: Uint8Array,
  fileName: string,
  limits: ExtractLimits,
  signal: AbortSignal | undefined,
  onPeakMemoryMb: ((megabytes: number) => void) | undefined,
): Promise<ExtractedText> {
  return new Promise<ExtractedText>((resolve, reject) => {
    if (signal?.aborted) {
      reject(cancelled())
      return
    }
    let peak = 0
    const request: WorkerRequest = { bytes: new Uint8Array(bytes), fileName, limits }
    const entry = resolveWorkerEntry()
    let child: ChildProcess
    try {
      child = fork(fileURLToPath(entry.url), [], {
        execArgv: [...entry.execArgv, `--max-old-space-size=${limits.maxHeapMb}`, '--stack-size=4000'],
        serialization: 'advanced',
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
        // In the desktop app the executable is Electron's: this makes it run the entry as plain Node.
        env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      })
    } catch (error) {
      reject(AppError.of('extraction_not_started', { detail: error instanceof Error ? error.message : String(error) }))
      return
    }
    let stderr = ''
    child.stderr?.on('data', (chunk: Buffer) => {
      if (stderr.length < 4096) stderr += chunk.toString('utf8')
    })
    let settled = false
    const tooLarge = (megabytes = limits.maxRssMb) =>
      AppError.of('document_memory_exceeded', { file: fileName, megabytes })
    const finish = (outcome: { ok: true; value: ExtractedText } | { ok: false; error: AppError }): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      clearInterval(watch)
      signal?.removeEventListener('abort', onAbort)
      const last = child.pid === undefined ? null : memoryOf(child.pid)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
      if (onPeakMemoryMb && (last || peak > 0)) onPeakMemoryMb(Math.max(peak, last?.peak ?? 0))
      if (outcome.ok) resolve(outcome.value)
      else reject(outcome.error)
    }
    const onAbort = (): void => finish({ ok: false, error: cancelled() })
    const timer = setTimeout(() => {
      const limit = limits.timeoutMs < 1000 ? `${limits.timeoutMs} ms` : `${Math.round(limits.timeoutMs / 100) / 10} s`
      finish({
        ok: false,
        error: AppError.of('document_timeout', { file: fileName, limit }),
      })
    }, limits.timeoutMs)
    const watch = setInterval(() => {
      const memory = child.pid === undefined ? null : memoryOf(child.pid)
      if (!memory) return
      peak = Math.max(peak, memory.peak)
      if (memory.resident > limits.maxRssMb) finish({ ok: false, error: tooLarge() })
    }, MEMORY_POLL_MS)
    signal?.addEventListener('abort', onAbort, { once: true })

    child.on('message', (reply: WorkerReply) => {
      if (reply.ok) finish({ ok: true, value: reply.result })
      else
        finish({
          ok: false,
          error: new AppError(
            reply.code,
            reply.message,
            undefined,
            reply.key ? { key: reply.key, params: reply.params } : undefined,
          ),
        })
    })
    child.on('error', (error: Error) => {
      finish({ ok: false, error: AppError.of('extraction_failed', { detail: error.message }) })
    })
    child.on('exit', (code, killedBy) => {
      // V8 aborts a process whose heap is exhausted: that is this file's size, not a fault of the app.
      if (/heap out of memory|Allocation failed/i.test(stderr) || killedBy === 'SIGABRT' || code === 134) {
        finish({ ok: false, error: tooLarge(limits.maxHeapMb) })
        return
      }
      finish({
        ok: false,
        error: AppError.of('extraction_exited', { code: code ?? killedBy ?? '' }),
      })
    })
    child.send(request, (error) => {
      if (error)
        finish({
          ok: false,
          error: AppError.of('extraction_not_taken', { detail: error.message }),
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
  const { signal, onPeakMemoryMb, ...overrides } = options
  const limits = resolveLimits(overrides)
  if (signal?.aborted) throw cancelled()
  // Checked here too so that an oversized file is never copied into a worker.
  if (bytes.length > limits.maxBytes) {
    throw tooLargeError(`"${fileName}"`, bytes.length, limits.maxBytes)
  }
  const release = await acquireSlot(signal)
  try {
    return await runChild(bytes, fileName, limits, signal, onPeakMemoryMb)
  } finally {
    release()
  }
}
