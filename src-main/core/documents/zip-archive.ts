import type { Readable } from 'node:stream'
import yauzl from 'yauzl'
import { AppError } from '../errors'
import { formatBytes, ZIP_RATIO_MIN_BYTES, type ExtractLimits } from './limits'

export type ZipLimits = Pick<ExtractLimits, 'maxZipEntries' | 'maxZipEntryBytes' | 'maxZipTotalBytes' | 'maxZipRatio'>

export interface ZipContents {
  /** Every part that was read, inflated, by name. */
  parts: Map<string, Uint8Array>
  /** Parts left unread on purpose (see `skip`), by name. */
  skipped: string[]
}

export interface ZipReadOptions {
  /** Names of parts not worth inflating (images): they are listed in `skipped`, and cost nothing. */
  skip?: (name: string) => boolean
}

const METHOD_STORED = 0
const METHOD_DEFLATE = 8

export function isZip(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 &&
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    (bytes[2] === 0x03 || bytes[2] === 0x05) &&
    (bytes[3] === 0x04 || bytes[3] === 0x06)
  )
}

function openZip(bytes: Uint8Array, what: string): Promise<yauzl.ZipFile> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(
      buffer,
      { lazyEntries: true, validateEntrySizes: true, strictFileNames: false, decodeStrings: true },
      (error, zip) => {
        if (error || !zip) {
          const detail = error instanceof Error ? error.message : 'no archive'
          reject(AppError.of('zip_directory_unreadable', { file: what, detail }))
        } else resolve(zip)
      },
    )
  })
}

/**
 * Inflates one entry while counting what actually comes out, and stops at the first byte past the part's cap
 * or the archive's remaining budget: declared sizes are only hints, the count is what holds.
 */
async function inflateEntry(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  limits: ZipLimits,
  budget: { remaining: number },
  what: string,
): Promise<Uint8Array> {
  const stream = await new Promise<Readable>((resolve, reject) => {
    zip.openReadStream(entry, (error, opened) => {
      if (error || !opened) reject(error ?? new Error('no stream'))
      else resolve(opened)
    })
  }).catch((error: unknown) => {
    throw AppError.of('zip_part_unreadable', {
      file: what,
      part: entry.fileName,
      detail: error instanceof Error ? error.message : String(error),
    })
  })
  const chunks: Buffer[] = []
  let size = 0
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.length
      if (size > limits.maxZipEntryBytes)
        throw AppError.of('zip_part_too_large', {
          file: what,
          part: entry.fileName,
          limit: formatBytes(limits.maxZipEntryBytes),
        })
      if (size > budget.remaining)
        throw AppError.of('zip_total_too_large', { file: what, limit: formatBytes(limits.maxZipTotalBytes) })
      chunks.push(chunk)
    }
  } catch (error) {
    stream.destroy()
    if (error instanceof AppError) throw error
    const detail = error instanceof Error ? error.message : String(error)
    if (/too many bytes|expected .* bytes|size mismatch/i.test(detail))
      throw AppError.of('zip_part_over_declared', { file: what, part: entry.fileName })
    throw AppError.of('zip_part_undecompressable', { file: what, part: entry.fileName })
  }
  budget.remaining -= size
  return Buffer.concat(chunks, size)
}

/**
 * Reads every part of a zip archive (a DOCX), each bounded while it inflates: by the part cap, by the total
 * budget, and by the declared size (yauzl stops a part that inflates past what its header says). Whatever a
 * part is called, it is read here or not at all, so no later library inflates anything unbounded.
 */
export async function readZip(
  bytes: Uint8Array,
  limits: ZipLimits,
  what = 'The DOCX file',
  options: ZipReadOptions = {},
): Promise<ZipContents> {
  const zip = await openZip(bytes, what)
  try {
    if (zip.entryCount > limits.maxZipEntries) {
      throw AppError.of('zip_too_many_parts', { file: what, count: zip.entryCount, max: limits.maxZipEntries })
    }
    const parts = new Map<string, Uint8Array>()
    const skipped: string[] = []
    const budget = { remaining: limits.maxZipTotalBytes }
    let declaredTotal = 0
    for (;;) {
      const entry = await new Promise<yauzl.Entry | null>((resolve, reject) => {
        const onEntry = (found: yauzl.Entry) => {
          zip.off('end', onEnd)
          zip.off('error', onError)
          resolve(found)
        }
        const onEnd = () => {
          zip.off('entry', onEntry)
          zip.off('error', onError)
          resolve(null)
        }
        const onError = (error: Error) => {
          zip.off('entry', onEntry)
          zip.off('end', onEnd)
          reject(AppError.of('zip_directory_corrupt', { file: what, detail: error.message }))
        }
        zip.once('entry', onEntry)
        zip.once('end', onEnd)
        zip.once('error', onError)
        zip.readEntry()
      })
      if (!entry) break
      const name = entry.fileName
      if (name.endsWith('/')) continue
      if (entry.isEncrypted()) throw AppError.of('file_password_protected', { file: what })
      if (entry.compressionMethod !== METHOD_STORED && entry.compressionMethod !== METHOD_DEFLATE) {
        throw AppError.of('zip_compression_unsupported', { file: what, method: entry.compressionMethod })
      }
      if (entry.uncompressedSize > limits.maxZipEntryBytes) {
        throw AppError.of('zip_part_declared_too_large', {
          file: what,
          part: name,
          size: formatBytes(entry.uncompressedSize),
          limit: formatBytes(limits.maxZipEntryBytes),
        })
      }
      declaredTotal += entry.uncompressedSize
      if (declaredTotal > limits.maxZipTotalBytes)
        throw AppError.of('zip_total_too_large', { file: what, limit: formatBytes(limits.maxZipTotalBytes) })
      if (
        entry.uncompressedSize >= ZIP_RATIO_MIN_BYTES &&
        entry.uncompressedSize > entry.compressedSize * limits.maxZipRatio
      ) {
        throw AppError.of('zip_ratio_too_high', {
          file: what,
          part: name,
          ratio: Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize)),
          max: limits.maxZipRatio,
        })
      }
      if (options.skip?.(name)) {
        skipped.push(name)
        continue
      }
      parts.set(name, await inflateEntry(zip, entry, limits, budget, what))
    }
    return { parts, skipped }
  } finally {
    zip.close()
  }
}
