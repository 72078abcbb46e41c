import { parentPort, workerData } from 'node:worker_threads'
import { AppError } from '../errors'
import { extractTextInProcess } from './extract-in-process'
import { parseWorkerRequest, type WorkerReply } from './worker-protocol'

/**
 * Extraction entry (a child process, or a worker thread): extracts one document and replies once. Bundled as its own entry (out/main/extract-worker.js);
 * `extractText` starts it and terminates it on timeout or cancellation.
 */
async function run(data: unknown): Promise<WorkerReply> {
  try {
    const request = parseWorkerRequest(data)
    const result = await extractTextInProcess(request.bytes, request.fileName, request.limits)
    return { ok: true, result }
  } catch (error) {
    if (error instanceof AppError)
      return { ok: false, code: error.code, message: error.message, key: error.key, params: error.params }
    const detail = error instanceof Error ? error.message : String(error)
    const unreadable = AppError.of('document_unreadable', { detail })
    return {
      ok: false,
      code: unreadable.code,
      message: unreadable.message,
      key: unreadable.key,
      params: unreadable.params,
    }
  }
}

if (parentPort) {
  const port = parentPort
  void run(workerData).then((reply) => port.postMessage(reply))
} else if (process.send) {
  // A child process (what `extractText` starts): one request in, one reply out, then exit.
  process.once('message', (data: unknown) => {
    void run(data).then((reply) => process.send?.(reply, () => process.exit(0)))
  })
}
