import { inflateRawSync } from 'node:zlib'
import { AppError } from '../errors'
import { formatBytes, ZIP_RATIO_MIN_BYTES, type ExtractLimits } from './limits'

export interface ZipEntry {
  name: string
  method: number
  compressedSize: number
  uncompressedSize: number
  localHeaderOffset: number
  encrypted: boolean
}

export type ZipLimits = Pick<ExtractLimits, 'maxZipEntries' | 'maxZipEntryBytes' | 'maxZipTotalBytes' | 'maxZipRatio'>

const EOCD_SIGNATURE = 0x06054b50
const CENTRAL_SIGNATURE = 0x02014b50
const LOCAL_SIGNATURE = 0x04034b50
const EOCD_MIN_SIZE = 22
const MAX_COMMENT = 0xffff
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

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

function unreadable(message: string): AppError {
  return new AppError('unreadable_file', message)
}

/**
 * Reads the central directory only (no inflating), so that sizes and ratios can be judged before any
 * library decompresses anything. Declared sizes are untrusted: `readZipEntry` re-checks them while inflating.
 */
export function readZipDirectory(bytes: Uint8Array, limits: ZipLimits, what = 'The DOCX file'): ZipEntry[] {
  const dv = view(bytes)
  let eocd = -1
  const lowest = Math.max(0, bytes.length - EOCD_MIN_SIZE - MAX_COMMENT)
  for (let i = bytes.length - EOCD_MIN_SIZE; i >= lowest; i--) {
    if (dv.getUint32(i, true) === EOCD_SIGNATURE) {
      eocd = i
      break
    }
  }
  if (eocd < 0) throw unreadable(`${what} is damaged: the zip directory is missing (truncated download?).`)

  const totalEntries = dv.getUint16(eocd + 10, true)
  const directorySize = dv.getUint32(eocd + 12, true)
  const directoryOffset = dv.getUint32(eocd + 16, true)
  if (totalEntries === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
    throw new AppError('unsupported_file', `${what} is a ZIP64 archive, which no real résumé needs; it was not opened.`)
  }
  if (totalEntries > limits.maxZipEntries) {
    throw new AppError(
      'too_large',
      `${what} holds ${totalEntries} parts; at most ${limits.maxZipEntries} are accepted.`,
    )
  }
  if (directoryOffset + directorySize > eocd)
    throw unreadable(`${what} is damaged: its zip directory points outside the file.`)

  const entries: ZipEntry[] = []
  let totalUncompressed = 0
  let p = directoryOffset
  for (let n = 0; n < totalEntries; n++) {
    if (p + 46 > eocd || dv.getUint32(p, true) !== CENTRAL_SIGNATURE)
      throw unreadable(`${what} is damaged: its zip directory is corrupt.`)
    const flags = dv.getUint16(p + 8, true)
    const method = dv.getUint16(p + 10, true)
    const compressedSize = dv.getUint32(p + 20, true)
    const uncompressedSize = dv.getUint32(p + 24, true)
    const nameLength = dv.getUint16(p + 28, true)
    const extraLength = dv.getUint16(p + 30, true)
    const commentLength = dv.getUint16(p + 32, true)
    const localHeaderOffset = dv.getUint32(p + 42, true)
    const name = new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLength))
    p += 46 + nameLength + extraLength + commentLength

    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff || localHeaderOffset === 0xffffffff) {
      throw new AppError(
        'unsupported_file',
        `${what} is a ZIP64 archive, which no real résumé needs; it was not opened.`,
      )
    }
    if (uncompressedSize > limits.maxZipEntryBytes) {
      throw new AppError(
        'too_large',
        `${what} contains a part "${name}" that unpacks to ${formatBytes(uncompressedSize)}; the limit is ${formatBytes(limits.maxZipEntryBytes)} (zip bomb?).`,
      )
    }
    totalUncompressed += uncompressedSize
    if (totalUncompressed > limits.maxZipTotalBytes) {
      throw new AppError(
        'too_large',
        `${what} unpacks to more than ${formatBytes(limits.maxZipTotalBytes)} (zip bomb?).`,
      )
    }
    if (uncompressedSize >= ZIP_RATIO_MIN_BYTES && uncompressedSize > compressedSize * limits.maxZipRatio) {
      throw new AppError(
        'too_large',
        `${what} contains a part "${name}" compressed ${Math.round(uncompressedSize / Math.max(1, compressedSize))}:1; more than ${limits.maxZipRatio}:1 is refused (zip bomb?).`,
      )
    }
    entries.push({ name, method, compressedSize, uncompressedSize, localHeaderOffset, encrypted: (flags & 1) === 1 })
  }
  return entries
}

/**
 * Inflates one entry, never producing more than its declared size: a part that inflates beyond what the
 * directory says was crafted to get past the directory checks.
 */
export function readZipEntry(bytes: Uint8Array, entry: ZipEntry, what = 'The DOCX file'): Uint8Array {
  if (entry.encrypted)
    throw new AppError('unsupported_file', `${what} is password-protected; remove the password and try again.`)
  const dv = view(bytes)
  const p = entry.localHeaderOffset
  if (p + 30 > bytes.length || dv.getUint32(p, true) !== LOCAL_SIGNATURE)
    throw unreadable(`${what} is damaged: part "${entry.name}" cannot be found.`)
  const start = p + 30 + dv.getUint16(p + 26, true) + dv.getUint16(p + 28, true)
  const end = start + entry.compressedSize
  if (end > bytes.length) throw unreadable(`${what} is damaged: part "${entry.name}" is cut off.`)
  const data = bytes.subarray(start, end)
  if (entry.method === METHOD_STORED) {
    if (entry.compressedSize !== entry.uncompressedSize)
      throw unreadable(`${what} is damaged: part "${entry.name}" has inconsistent sizes.`)
    return data
  }
  if (entry.method !== METHOD_DEFLATE)
    throw new AppError('unsupported_file', `${what} uses an unsupported compression method (${entry.method}).`)
  let out: Buffer
  try {
    // One byte of headroom: reaching it proves the declared size was a lie.
    out = inflateRawSync(data, { maxOutputLength: entry.uncompressedSize + 1 })
  } catch (error) {
    if (
      error instanceof RangeError ||
      (error instanceof Error && 'code' in error && error.code === 'ERR_BUFFER_TOO_LARGE')
    ) {
      throw new AppError(
        'too_large',
        `${what} contains a part "${entry.name}" that unpacks to more than it declares (zip bomb?).`,
      )
    }
    throw unreadable(`${what} is damaged: part "${entry.name}" cannot be decompressed.`)
  }
  if (out.length > entry.uncompressedSize) {
    throw new AppError(
      'too_large',
      `${what} contains a part "${entry.name}" that unpacks to more than it declares (zip bomb?).`,
    )
  }
  return out
}
