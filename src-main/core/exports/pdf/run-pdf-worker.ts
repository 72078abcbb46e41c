import { Worker } from 'node:worker_threads'
import { AppError } from '../../errors'
import { workerEntry } from '../../workers/worker-entry'
import type { ExportProgress } from '../table'
import { loadPdfFonts } from './pdf-document'
import type { PdfWorkerData, PdfWorkerReply } from './pdf-worker'
import type { PdfRequest } from './render-pdf'
import { collectPdfTables, type ReportPdf } from './report-pdf'

// Kept in variables so that the bundler does not rewrite these URLs as assets.
const WORKER_SOURCE = './pdf-worker.ts'
const WORKER_BUNDLE = 'pdf-worker.js'
const MAX_HEAP_MB = 512
const TIMEOUT_MS = 120_000

/**
 * Draws a PDF in a worker thread, so a long document never blocks the main process, with a heap cap and a
 * time limit. Cancelling the job (its signal) terminates the worker; the caller removes the partial file.
 */
export async function renderPdfInWorker(
  request: PdfRequest,
  path: string,
  resourcesDir: string,
  job?: ExportProgress,
): Promise<void> {
  const fonts = await loadPdfFonts(resourcesDir)
  return new Promise<void>((resolve, reject) => {
    const signal = job?.signal
    if (signal?.aborted) {
      reject(AppError.of('code_cancelled'))
      return
    }
    const entry = workerEntry(import.meta.url, WORKER_SOURCE, WORKER_BUNDLE)
    const data: PdfWorkerData = { request, path, fonts }
    const worker = new Worker(entry.url, {
      workerData: data,
      execArgv: entry.execArgv,
      resourceLimits: { maxOldGenerationSizeMb: MAX_HEAP_MB },
    })
    let settled = false
    const finish = (error: AppError | null) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      signal?.removeEventListener('abort', onAbort)
      void worker.terminate()
      if (error) reject(error)
      else resolve()
    }
    const onAbort = () => finish(AppError.of('code_cancelled'))
    const timer = setTimeout(() => finish(AppError.of('pdf_timeout', { seconds: TIMEOUT_MS / 1000 })), TIMEOUT_MS)
    signal?.addEventListener('abort', onAbort, { once: true })
    worker.on('message', (reply: PdfWorkerReply) =>
      finish(reply.ok ? null : AppError.of('pdf_not_drawn', { detail: reply.message })),
    )
    worker.on('error', (error: Error) => finish(AppError.of('pdf_worker_failed', { detail: error.message })))
    worker.on('exit', (code) => finish(AppError.of('pdf_worker_exited', { code })))
  })
}

/** A report as a PDF: rows are read here (at most PDF_MAX_ROWS per table), the drawing happens in the worker. */
export async function writeReportPdf(
  path: string,
  resourcesDir: string,
  report: ReportPdf,
  job?: ExportProgress,
): Promise<number> {
  const data = await collectPdfTables(report, job)
  await renderPdfInWorker({ kind: 'report', report: data }, path, resourcesDir, job)
  return data.tables.reduce((sum, table) => sum + table.rows.length, 0)
}
