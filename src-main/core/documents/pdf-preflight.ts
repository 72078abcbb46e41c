import { constants, inflateSync } from 'node:zlib'
import { AppError } from '../errors'
import { formatBytes } from './limits'

const latin1 = new TextDecoder('latin1')

function isBufferTooLarge(error: unknown): boolean {
  return (
    error instanceof RangeError || (error instanceof Error && 'code' in error && error.code === 'ERR_BUFFER_TOO_LARGE')
  )
}

/** PDF names may spell any byte as `#xx`: `/Fl#61teDecode` is `/FlateDecode`. */
const decodeName = (name: string) =>
  name.replace(/#([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))

/** The filters of a stream's own dictionary, in order, with abbreviations and escapes resolved. */
export function streamFilters(dictionary: string): string[] {
  const match = /\/Filter\s*(\[[^\]]*\]|\/[^\s/<>[\]()]+)/.exec(dictionary)
  if (!match?.[1]) return []
  return [...match[1].matchAll(/\/([^\s/<>[\]()]+)/g)].map((name) => {
    const decoded = decodeName(name[1] ?? '')
    return decoded === 'Fl' ? 'FlateDecode' : decoded
  })
}

const tooLarge = (maxInflatedBytes: number) => AppError.of('pdf_bomb', { limit: formatBytes(maxInflatedBytes) })

/**
 * pdf.js inflates every stream it reads into an ArrayBuffer that grows without bound, and ArrayBuffers live
 * outside the V8 heap that the process's heap cap bounds. So every Flate stream is inflated here first, each
 * layer of a chain of filters, with one budget for the whole file, before pdf.js sees it. Every stream
 * counts, whatever its dictionary claims (an "image" can be a page's content). Filters decoded only by pdf.js
 * (LZW, run length) are bounded by the memory watch on the extraction process.
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
    const filters = streamFilters(ownDictionary)
    const end = buffer.indexOf('endstream', start, 'latin1')
    if (end > start) from = end + 9
    let data: Uint8Array = bytes.subarray(start, end < 0 ? bytes.length : end)
    for (const filter of filters) {
      if (filter !== 'FlateDecode') break
      try {
        data = inflateSync(data, { maxOutputLength: remaining + 1, finishFlush: constants.Z_SYNC_FLUSH })
      } catch (error) {
        if (isBufferTooLarge(error)) throw tooLarge(maxInflatedBytes)
        break
      }
      remaining -= data.length
      if (remaining < 0) throw tooLarge(maxInflatedBytes)
    }
  }
}
