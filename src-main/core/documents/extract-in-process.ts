import type { DocumentKind, ExtractedText } from '@contract/documents-extract'
import { AppError } from '../errors'
import { decodeBytes } from '../files/text-encoding'
import { detectType } from './detect-type'
import { extractDocx } from './extract-docx'
import { extractPdf } from './extract-pdf'
import { resolveLimits, tooLargeError, type ExtractLimits } from './limits'
import {
  capText,
  collapseInlineSpace,
  decodeStrayEntities,
  normalizeChars,
  repairMojibake,
  tidyLines,
} from './normalize-text'

function finish(
  kind: DocumentKind,
  raw: string,
  pages: number | null,
  warnings: string[],
  hyperlinks: string[],
  limits: ExtractLimits,
): ExtractedText {
  let cleaned: string
  if (kind === 'html') cleaned = normalizeChars(raw)
  else if (kind === 'markdown') cleaned = tidyLines(normalizeChars(repairMojibake(raw)))
  else if (kind === 'text') cleaned = tidyLines(normalizeChars(repairMojibake(decodeStrayEntities(raw))))
  else cleaned = tidyLines(collapseInlineSpace(normalizeChars(repairMojibake(decodeStrayEntities(raw)))))
  const capped = capText(cleaned, limits.maxChars)
  if (capped.truncated)
    warnings.push(`The text was cut at ${limits.maxChars.toLocaleString('en-US')} characters (text limit).`)
  return { kind, text: capped.text, pages, warnings, hyperlinks }
}

/**
 * Extracts text in the calling thread. The worker runs this; elsewhere use `extractText`, which adds the
 * worker's heap cap, timeout and cancellation: the parsers below can be driven into long or memory-hungry work
 * by a crafted file, and only a worker can be stopped.
 */
export async function extractTextInProcess(
  bytes: Uint8Array,
  fileName: string,
  overrides?: Partial<ExtractLimits>,
): Promise<ExtractedText> {
  const limits = resolveLimits(overrides)
  if (bytes.length > limits.maxBytes) {
    throw tooLargeError(`"${fileName}"`, bytes.length, limits.maxBytes)
  }
  if (bytes.length === 0) throw AppError.of('file_empty_quoted', { file: fileName })
  const type = detectType(bytes, fileName)
  switch (type) {
    case 'pdf': {
      const pdf = await extractPdf(bytes, limits)
      return finish('pdf', pdf.text, pdf.pages, pdf.warnings, pdf.hyperlinks, limits)
    }
    case 'zip': {
      const docx = await extractDocx(bytes, limits, fileName)
      return finish('docx', docx.text, null, docx.warnings, docx.hyperlinks, limits)
    }
    case 'text':
    case 'markdown':
    case 'html': {
      const { text } = decodeBytes(bytes, fileName)
      return finish(type, text, null, [], [], limits)
    }
  }
}
