import { AppError } from '../errors'

const MB = 1024 * 1024

/** Caps applied to every untrusted document; each can be lowered (or raised) per call, e.g. in tests. */
export interface ExtractLimits {
  /** Input size; checked before any parsing. */
  maxBytes: number
  /** Only the first pages of a PDF are read; the rest are reported in `warnings`. */
  maxPdfPages: number
  /** Sum of inflated PDF stream sizes, checked before pdf.js sees the file (pdf.js inflates into ArrayBuffers, which the worker heap cap does not bound). */
  maxPdfInflatedBytes: number
  /** Extracted text is cut here, with a warning. */
  maxChars: number
  maxZipEntries: number
  /** Uncompressed size of one DOCX part. */
  maxZipEntryBytes: number
  /** Uncompressed size of all DOCX parts together. */
  maxZipTotalBytes: number
  /** Uncompressed / compressed, for parts big enough to matter (see ZIP_RATIO_MIN_BYTES). */
  maxZipRatio: number
  /** Wall clock for one extraction, worker start-up included. */
  timeoutMs: number
  /** V8 old-generation heap of the extraction process. */
  maxHeapMb: number
  /** Resident memory of the extraction process, buffers outside the heap included; it is stopped beyond. */
  maxRssMb: number
}

export const DEFAULT_EXTRACT_LIMITS: Readonly<ExtractLimits> = Object.freeze({
  maxBytes: 20 * MB,
  maxPdfPages: 50,
  maxPdfInflatedBytes: 128 * MB,
  maxChars: 2_000_000,
  maxZipEntries: 2000,
  maxZipEntryBytes: 32 * MB,
  maxZipTotalBytes: 128 * MB,
  maxZipRatio: 200,
  timeoutMs: 30_000,
  maxHeapMb: 256,
  maxRssMb: 640,
})

/** Small parts (styles, settings) legitimately compress far beyond any sane ratio cap. */
export const ZIP_RATIO_MIN_BYTES = 1 * MB

export const limitKeys = [
  'maxBytes',
  'maxPdfPages',
  'maxPdfInflatedBytes',
  'maxChars',
  'maxZipEntries',
  'maxZipEntryBytes',
  'maxZipTotalBytes',
  'maxZipRatio',
  'timeoutMs',
  'maxHeapMb',
  'maxRssMb',
] as const satisfies readonly (keyof ExtractLimits)[]

export function resolveLimits(overrides: Partial<ExtractLimits> | undefined): ExtractLimits {
  const limits: ExtractLimits = { ...DEFAULT_EXTRACT_LIMITS }
  if (!overrides) return limits
  for (const key of limitKeys) {
    const value = overrides[key]
    if (value === undefined) continue
    if (!Number.isFinite(value) || value <= 0) throw AppError.of('extraction_limit_invalid', { key })
    limits[key] = value
  }
  return limits
}

export function formatBytes(bytes: number): string {
  if (bytes >= MB) return `${Math.round((bytes / MB) * 10) / 10} MB`
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`
  return `${bytes} bytes`
}

/**
 * A size that is over a limit, said so that it reads larger than the limit: 20 MB + 1 byte is not "20 MB"
 * when the limit is 20 MB, but its exact byte count.
 */
export function formatSizeOver(bytes: number, limit: number): string {
  const rounded = formatBytes(bytes)
  return rounded === formatBytes(limit) || bytes - limit < 1024
    ? `${rounded} (${bytes.toLocaleString('en-US')} bytes)`
    : rounded
}

/** What a size limit is for, which names the files that are accepted in the message. */
export type AcceptedFiles = 'documents' | 'postings' | 'scorecards'

const tooLargeKeys = {
  documents: 'document_too_large',
  postings: 'posting_file_too_large',
  scorecards: 'scorecard_file_too_large',
} as const

/** The error for a file over its size limit. */
export function tooLargeError(
  what: string,
  bytes: number,
  limit: number,
  accepted: AcceptedFiles = 'documents',
): AppError {
  return AppError.of(tooLargeKeys[accepted], {
    file: what,
    size: formatSizeOver(bytes, limit),
    limit: formatBytes(limit),
  })
}
