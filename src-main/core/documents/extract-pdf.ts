import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type * as PdfJsModule from 'pdfjs-dist/legacy/build/pdf.mjs'
import { AppError } from '../errors'
import type { ExtractLimits } from './limits'
import { layoutPage, type PdfTextItem } from './pdf-layout'
import { checkPdfInflatedSize } from './pdf-preflight'

export interface PdfText {
  text: string
  pages: number
  warnings: string[]
  hyperlinks: string[]
}

type PdfJs = typeof PdfJsModule

let pdfjsPromise: Promise<PdfJs> | undefined

/**
 * The legacy build runs in plain Node. In Node pdf.js never spawns a worker of its own: it runs its "fake
 * worker" in this thread, loading the worker module by a relative URL that breaks once bundled. Importing
 * that module ourselves and publishing it on `globalThis.pdfjsWorker` (the hook pdf.js checks first) makes
 * the lookup independent of where the code ends up.
 */
function loadPdfJs(): Promise<PdfJs> {
  pdfjsPromise ??= (async () => {
    const worker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs')
    Object.assign(globalThis, { pdfjsWorker: worker })
    return import('pdfjs-dist/legacy/build/pdf.mjs')
  })()
  return pdfjsPromise
}

/** pdf.js's own CMap and standard-font files (it only ever asks for names on its built-in lists). */
function pdfjsDataDirs(): { cMapUrl?: string; standardFontDataUrl?: string } {
  try {
    const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'))
    return { cMapUrl: join(root, 'cmaps') + '/', standardFontDataUrl: join(root, 'standard_fonts') + '/' }
  } catch {
    return {}
  }
}

interface RawTextItem {
  str: string
  transform: readonly unknown[]
  width: number
  height: number
}

type Matrix = [number, number, number, number, number, number]

function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[2] * n[1],
    m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3],
    m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4],
    m[1] * n[4] + m[3] * n[5] + m[5],
  ]
}

function toMatrix(values: readonly unknown[]): Matrix {
  const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = values.map((n) =>
    typeof n === 'number' && Number.isFinite(n) ? n : 0,
  )
  return [a, b, c, d, e, f]
}

/**
 * Positions in the page's display space (rotation and crop box applied, y flipped back to grow upwards), so
 * that rotated pages and shifted media boxes read like any other page.
 */
function toLayoutItem(item: RawTextItem, viewport: Matrix, pageHeight: number): PdfTextItem {
  const [a, b, c, d, e, f] = multiply(viewport, toMatrix(item.transform))
  const fontSize = Math.hypot(c, d) || Math.hypot(a, b) || item.height
  return { str: item.str, x: e, y: pageHeight - f, width: item.width, fontSize }
}

function linkTarget(annotation: unknown): string | null {
  if (typeof annotation !== 'object' || annotation === null) return null
  const url =
    'url' in annotation && typeof annotation.url === 'string'
      ? annotation.url
      : 'unsafeUrl' in annotation && typeof annotation.unsafeUrl === 'string'
        ? annotation.unsafeUrl
        : null
  if (!url || !/^(https?:|mailto:|tel:)/i.test(url.trim())) return null
  return url.trim()
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : ''
}

export async function extractPdf(bytes: Uint8Array, limits: ExtractLimits): Promise<PdfText> {
  checkPdfInflatedSize(bytes, limits.maxPdfInflatedBytes)
  const pdfjs = await loadPdfJs()
  const task = pdfjs.getDocument({
    // pdf.js may take ownership of (detach) the buffer it is given.
    data: bytes.slice(),
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    useWasm: false,
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    enableXfa: false,
    disableAutoFetch: true,
    disableStream: true,
    disableRange: true,
    stopAtErrors: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
    ...pdfjsDataDirs(),
  })
  let doc: Awaited<typeof task.promise>
  try {
    doc = await task.promise
  } catch (error) {
    await task.destroy()
    if (errorName(error) === 'PasswordException') throw AppError.of('pdf_password_protected')
    const detail = error instanceof Error ? error.message : String(error)
    throw AppError.of('pdf_damaged', { detail })
  }
  try {
    const warnings: string[] = []
    const hyperlinks = new Set<string>()
    const pageTexts: string[] = []
    const total = doc.numPages
    const readable = Math.min(total, limits.maxPdfPages)
    if (total > readable) warnings.push(`Only the first ${readable} of ${total} pages were read (page limit).`)
    const failed: number[] = []
    for (let n = 1; n <= readable; n++) {
      try {
        const page = await doc.getPage(n)
        const content = await page.getTextContent()
        const viewport = page.getViewport({ scale: 1 })
        const display = toMatrix(viewport.transform)
        pageTexts.push(
          layoutPage(
            content.items.flatMap((item) => ('str' in item ? [toLayoutItem(item, display, viewport.height)] : [])),
          ),
        )
        const annotations: unknown[] = await page.getAnnotations({ intent: 'display' })
        for (const annotation of annotations) {
          const target = linkTarget(annotation)
          if (target) hyperlinks.add(target)
        }
        page.cleanup()
      } catch {
        failed.push(n)
      }
    }
    if (failed.length)
      warnings.push(`Page${failed.length > 1 ? 's' : ''} ${failed.join(', ')} could not be read (damaged content).`)
    const text = pageTexts.filter((t) => t.trim()).join('\n\n')
    if (!text.trim() && readable > 0) warnings.push('No text layer (scanned?): the PDF contains no extractable text.')
    return { text, pages: total, warnings, hyperlinks: [...hyperlinks] }
  } finally {
    await task.destroy()
  }
}
