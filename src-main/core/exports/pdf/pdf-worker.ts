import { parentPort, workerData } from 'node:worker_threads'
import type { PdfFonts } from './pdf-document'
import { renderPdf, type PdfRequest } from './render-pdf'

export interface PdfWorkerData {
  request: PdfRequest
  path: string
  fonts: PdfFonts
}

export type PdfWorkerReply = { ok: true } | { ok: false; message: string }

/**
 * Worker entry: draws one PDF into the given (temporary) file and replies once. Bundled as its own entry
 * (out/main/pdf-worker.js); `renderPdfInWorker` starts it and terminates it on cancel or timeout. Its
 * input comes from the app's own services, already validated.
 */
async function run(data: PdfWorkerData): Promise<PdfWorkerReply> {
  try {
    await renderPdf(data.request, data.path, data.fonts)
    return { ok: true }
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) }
  }
}

if (parentPort) {
  const port = parentPort
  // workerData is the PdfWorkerData that renderPdfInWorker posted; structured clone keeps its shape.
  void run(workerData as PdfWorkerData).then((reply) => port.postMessage(reply))
}
