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
function knownBinary(bytes: Uint8Array, file: string): AppError | null {
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))
    return AppError.of('file_is_old_office', { file })
  if (startsWith(bytes, [0x7b, 0x5c, 0x72, 0x74, 0x66])) return AppError.of('file_is_rtf', { file })
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47])) return AppError.of('file_is_image', { file, format: 'PNG' })
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return AppError.of('file_is_image', { file, format: 'JPEG' })
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) return AppError.of('file_is_image', { file, format: 'GIF' })
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a]))
    return AppError.of('file_is_image', { file, format: 'TIFF' })
  if (startsWith(bytes, [0x52, 0x61, 0x72, 0x21])) return AppError.of('file_is_archive', { file, format: 'RAR' })
  if (startsWith(bytes, [0x37, 0x7a, 0xbc, 0xaf])) return AppError.of('file_is_archive', { file, format: '7-Zip' })
  if (startsWith(bytes, [0x1f, 0x8b])) return AppError.of('file_is_archive', { file, format: 'gzip' })
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
  const binary = knownBinary(bytes, fileName)
  if (binary) throw binary
  if (ext === 'pdf') throw AppError.of('pdf_no_header', { file: fileName })
  if (ext === 'docx') throw AppError.of('docx_not_zip', { file: fileName })
  const byExtension = textExtensions[ext]
  if (!looksLikeText(bytes)) {
    throw AppError.of('document_unsupported', { file: fileName })
  }
  if (byExtension) return byExtension
  const head = new TextDecoder('utf-8').decode(bytes.subarray(0, 512)).trimStart().toLowerCase()
  if (head.startsWith('<!doctype html') || head.startsWith('<html')) return 'html'
  return 'text'
}
