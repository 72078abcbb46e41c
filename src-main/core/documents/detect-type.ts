import type { DocumentKind } from '@contract/documents-extract'
import { AppError } from '../errors'
import { isZip } from './zip-archive'

/** How many leading bytes may precede %PDF (the spec tolerates junk before the header; readers look within 1 KB). */
const PDF_HEADER_WINDOW = 1024

function startsWith(bytes: Uint8Array, prefix: readonly number[], at = 0): boolean {
  if (bytes.length < at + prefix.length) return false
  return prefix.every((b, i) => bytes[at + i] === b)
}

export function hasPdfHeader(bytes: Uint8Array): boolean {
  const limit = Math.min(bytes.length - 4, PDF_HEADER_WINDOW)
  for (let i = 0; i <= limit; i++) {
    if (bytes[i] === 0x25 && bytes[i + 1] === 0x50 && bytes[i + 2] === 0x44 && bytes[i + 3] === 0x46) return true
  }
  return false
}

function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? ''
  const dot = base.lastIndexOf('.')
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : ''
}

const textExtensions: Readonly<Record<string, DetectedType>> = {
  txt: 'text',
  text: 'text',
  md: 'markdown',
  markdown: 'markdown',
  html: 'html',
  htm: 'html',
  xhtml: 'html',
}

/** Formats people attach by mistake; named so the message can say what to do instead. */
function describeKnownBinary(bytes: Uint8Array): string | null {
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))
    return 'an old Word (.doc) or other Office 97–2003 file; save it as .docx or PDF'
  if (startsWith(bytes, [0x7b, 0x5c, 0x72, 0x74, 0x66])) return 'an RTF file; save it as .docx or PDF'
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47])) return 'a PNG image; attach the résumé as PDF or DOCX'
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'a JPEG image; attach the résumé as PDF or DOCX'
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) return 'a GIF image; attach the résumé as PDF or DOCX'
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a]))
    return 'a TIFF image; attach the résumé as PDF or DOCX'
  if (startsWith(bytes, [0x52, 0x61, 0x72, 0x21])) return 'a RAR archive'
  if (startsWith(bytes, [0x37, 0x7a, 0xbc, 0xaf])) return 'a 7-Zip archive'
  if (startsWith(bytes, [0x1f, 0x8b])) return 'a gzip archive'
  return null
}

/** Text has no NUL bytes, except UTF-16 (which `decodeBytes` recognises by BOM or by its zero pattern). */
function looksLikeText(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192)
  if (startsWith(sample, [0xff, 0xfe]) || startsWith(sample, [0xfe, 0xff])) return true
  let zeros = 0
  let controls = 0
  for (const b of sample) {
    if (b === 0) zeros++
    else if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) controls++
  }
  if (zeros > 0) return zeros >= sample.length / 2 - 2 && zeros <= sample.length / 2 + 2 && controls === 0
  return controls <= sample.length / 100
}

export type DetectedType = Exclude<DocumentKind, 'docx'> | 'zip'

/**
 * Bytes decide first (a PDF named .txt is still a PDF), the extension second. A zip is reported as 'zip'
 * and judged by its directory later (DOCX or not), because only the directory tells.
 */
export function detectType(bytes: Uint8Array, fileName: string): DetectedType {
  const ext = extensionOf(fileName)
  if (hasPdfHeader(bytes)) return 'pdf'
  if (isZip(bytes)) return 'zip'
  const binary = describeKnownBinary(bytes)
  if (binary) throw new AppError('unsupported_file', `"${fileName}" is ${binary}.`)
  if (ext === 'pdf')
    throw new AppError(
      'unreadable_file',
      `"${fileName}" is not a valid PDF: it has no %PDF header (damaged or mislabelled file).`,
    )
  if (ext === 'docx')
    throw new AppError(
      'unreadable_file',
      `"${fileName}" is not a valid DOCX: a DOCX is a zip archive and this file is not one (damaged or renamed file).`,
    )
  const byExtension = textExtensions[ext]
  if (!looksLikeText(bytes)) {
    throw new AppError(
      'unsupported_file',
      `"${fileName}" is not a supported document: use PDF, DOCX, TXT, Markdown or HTML.`,
    )
  }
  if (byExtension) return byExtension
  const head = new TextDecoder('utf-8').decode(bytes.subarray(0, 512)).trimStart().toLowerCase()
  if (head.startsWith('<!doctype html') || head.startsWith('<html')) return 'html'
  return 'text'
}
