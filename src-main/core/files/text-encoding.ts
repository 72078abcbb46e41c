import { type TextEncodingName, textEncodings } from '@contract/text-encodings'
import chardet from 'chardet'
import iconv from 'iconv-lite'
import { AppError } from '../errors'

export type { TextEncodingName }

/** Enough of a file to tell its encoding; detection never reads a whole large file. */
export const ENCODING_SAMPLE_BYTES = 64 * 1024

const known = new Set<string>(textEncodings)

function bomEncoding(bytes: Uint8Array): { encoding: TextEncodingName; bomLength: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 }
  return null
}

/**
 * UTF-16 without a BOM, which chardet does not recognise: in text of the Latin, Greek or Cyrillic blocks every
 * other byte is zero, on the even or the odd side.
 */
function bomlessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 4096) & ~1
  if (n < 4) return null
  let evenZeros = 0
  let oddZeros = 0
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++
    if (bytes[i + 1] === 0) oddZeros++
  }
  const pairs = n / 2
  if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return 'utf-16le'
  if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return 'utf-16be'
  return null
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    // A multi-byte character cut by the end of a sample is still UTF-8.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true })
    return true
  } catch {
    return false
  }
}

/** C0 controls other than tab, line feed, form feed and carriage return: text has almost none, binary many. */
function controlShare(text: string): number {
  if (text.length === 0) return 0
  let controls = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0c && code !== 0x0d) || code === 0xfffd) controls++
  }
  return controls / text.length
}

export class BinaryContentError extends AppError {
  constructor(fileName: string) {
    super(
      'unsupported_file',
      `${fileName} is binary data, not text in any encoding. If it is a spreadsheet or a document, save it as text (CSV, TXT) first.`,
    )
  }
}

export interface DetectedEncoding {
  encoding: TextEncodingName
  /** Bytes of a byte order mark to skip. */
  bomLength: number
}

/**
 * The encoding of a text file from its first bytes: a BOM, then UTF-16 without a BOM, then strict UTF-8, then
 * chardet's best guess among the encodings the app reads. Binary data is refused.
 */
export function detectEncoding(sample: Uint8Array, fileName: string): DetectedEncoding {
  const bom = bomEncoding(sample)
  if (bom) return bom
  const utf16 = bomlessUtf16(sample)
  if (utf16) return { encoding: utf16, bomLength: 0 }
  if (sample.includes(0)) throw new BinaryContentError(fileName)
  if (isUtf8(sample)) return { encoding: 'utf-8', bomLength: 0 }
  const guesses = chardet.analyse(sample)
  const best = guesses.map((guess) => guess.name.toLowerCase()).find((name) => known.has(name))
  let encoding = (best ?? 'windows-1252') as TextEncodingName
  // ISO-8859-1 has only control characters at 0x80–0x9F, where windows-1252 has € ‘ ’ “ ” …; like browsers,
  // read such bytes as windows-1252.
  if (encoding === 'iso-8859-1' && sample.some((byte) => byte >= 0x80 && byte <= 0x9f)) encoding = 'windows-1252'
  if (controlShare(iconv.decode(Buffer.from(sample), encoding)) > 0.02) throw new BinaryContentError(fileName)
  return { encoding, bomLength: 0 }
}

/** A whole file as text: in `encoding` when given, else in the detected one. Line endings are left as they are. */
export function decodeBytes(
  bytes: Uint8Array,
  fileName: string,
  encoding?: TextEncodingName,
): { text: string; encoding: TextEncodingName } {
  const detected = detectEncoding(bytes.subarray(0, ENCODING_SAMPLE_BYTES), fileName)
  const chosen = encoding ?? detected.encoding
  const bomLength = chosen === detected.encoding ? detected.bomLength : 0
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset + bomLength, bytes.length - bomLength), chosen, {
    stripBOM: true,
  })
  if (controlShare(text.slice(0, ENCODING_SAMPLE_BYTES)) > 0.02) throw new BinaryContentError(fileName)
  return { text, encoding: chosen }
}

/** A decoder for a stream of chunks in one encoding (multi-byte characters may straddle chunks). */
export function streamDecoder(encoding: TextEncodingName): { write(chunk: Buffer): string; end(): string } {
  const decoder = iconv.getDecoder(encoding, { stripBOM: true })
  return { write: (chunk) => decoder.write(chunk), end: () => decoder.end() ?? '' }
}
