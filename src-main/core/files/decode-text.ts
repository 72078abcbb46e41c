import { AppError } from '../errors'

/**
 * Decodes an imported text file: UTF-8 (BOM optional) or UTF-16 with a BOM.
 * Anything else is refused with the line of the first bad byte, so a file saved
 * in a legacy encoding never turns into silently garbled data.
 */
export function decodeTextFile(bytes: Uint8Array, fileName: string): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return normalise(new TextDecoder('utf-16le').decode(bytes.subarray(2)))
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return normalise(new TextDecoder('utf-16be').decode(bytes.subarray(2)))
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes
  try {
    return normalise(new TextDecoder('utf-8', { fatal: true }).decode(body))
  } catch {
    const lenient = new TextDecoder('utf-8').decode(body)
    const at = lenient.indexOf('\uFFFD')
    const line = lenient.slice(0, Math.max(0, at)).split('\n').length
    throw AppError.of('file_not_utf8', { file: fileName, line }, [{ path: `line ${line}`, message: 'not UTF-8 text' }])
  }
}

function normalise(text: string): string {
  if (text.includes('\0')) throw AppError.of('file_binary')
  return text.replace(/\r\n?/g, '\n')
}
