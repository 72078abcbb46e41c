import { constants, inflateSync } from 'node:zlib'
import { AppError } from '../errors'
import { formatBytes } from './limits'

const latin1 = new TextDecoder('latin1')

function isBufferTooLarge(error: unknown): boolean {
  return (
    error instanceof RangeError || (error instanceof Error && 'code' in error && error.code === 'ERR_BUFFER_TOO_LARGE')
  )
}

/**
 * pdf.js inflates every stream it reads into an ArrayBuffer that grows without bound, and ArrayBuffers live
 * outside the V8 heap that the worker's resourceLimits cap. So Flate streams are inflated here first, with a
 * hard cap on the total, before pdf.js sees the file. Image streams are skipped: text extraction never decodes
 * them, and legitimately large scans would otherwise trip the cap.
 */
export function checkPdfInflatedSize(bytes: Uint8Array, maxInflatedBytes: number): void {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let remaining = maxInflatedBytes
  let from = 0
  for (;;) {
    const at = buffer.indexOf('stream', from, 'latin1')
    if (at < 0) return
    from = at + 6
    if (at >= 3 && buffer.toString('latin1', at - 3, at) === 'end') continue
    let start = at + 6
    if (buffer[start] === 0x0d) start++
    if (buffer[start] === 0x0a) start++
    else if (buffer[start - 1] !== 0x0d) continue
    const dictionary = latin1.decode(bytes.subarray(Math.max(0, at - 2048), at))
    const ownDictionary = dictionary.slice(dictionary.lastIndexOf('obj') + 1)
    if (!/\/(FlateDecode|Fl)\b/.test(ownDictionary) || /\/Subtype\s*\/Image\b/.test(ownDictionary)) continue
    const end = buffer.indexOf('endstream', start, 'latin1')
    const data = bytes.subarray(start, end < 0 ? bytes.length : end)
    let inflated: number
    try {
      inflated = inflateSync(data, { maxOutputLength: remaining + 1, finishFlush: constants.Z_SYNC_FLUSH }).length
    } catch (error) {
      if (isBufferTooLarge(error)) {
        throw new AppError(
          'too_large',
          `The PDF's compressed content unpacks to more than ${formatBytes(maxInflatedBytes)} (PDF bomb?); it was not opened.`,
        )
      }
      continue
    }
    remaining -= inflated
    if (remaining < 0) {
      throw new AppError(
        'too_large',
        `The PDF's compressed content unpacks to more than ${formatBytes(maxInflatedBytes)} (PDF bomb?); it was not opened.`,
      )
    }
    if (end > start) from = end + 9
  }
}
