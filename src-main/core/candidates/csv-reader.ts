import { createReadStream } from 'node:fs'
import { open } from 'node:fs/promises'
import { setImmediate as yieldToLoop } from 'node:timers/promises'
import Papa from 'papaparse'
import { AppError } from '../errors'
import {
  BinaryContentError,
  detectEncoding,
  ENCODING_SAMPLE_BYTES,
  streamDecoder,
  type TextEncodingName,
} from '../files/text-encoding'

/** The encoding of a CSV file, from its first bytes; a spreadsheet saved under a .csv name is refused. */
export async function detectCsvEncoding(path: string, fileName: string): Promise<TextEncodingName> {
  const handle = await open(path, 'r')
  try {
    const sample = new Uint8Array(ENCODING_SAMPLE_BYTES)
    const { bytesRead } = await handle.read(sample, 0, sample.length, 0)
    const head = sample.subarray(0, bytesRead)
    if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
      throw AppError.of('csv_is_spreadsheet', { file: fileName })
    }
    return detectEncoding(head, fileName).encoding
  } finally {
    await handle.close()
  }
}

/** Longest row held while waiting for its end (a quoted cell across lines); past it the file is refused. */
const MAX_ROW_CHARS = 4 * 1024 * 1024

/**
 * Streams the records of a CSV file (delimiter detected: comma, semicolon, tab …) with bounded memory, in the
 * given encoding or else the detected one.
 *
 * Each chunk of the file is parsed once: only the unfinished last row is carried to the next chunk. (Papa's
 * own Node stream re-parsed the rest of its chunk whenever the reader fell 16 rows behind, which made
 * time grow with the square of the row count: 131,072 blank lines took minutes.) The event loop gets a turn
 * after every chunk, so a large file never holds up other requests for more than one chunk's work.
 */
export async function* readCsvRows(
  path: string,
  fileName: string,
  encoding?: TextEncodingName,
): AsyncGenerator<string[]> {
  const decode = streamDecoder(encoding ?? (await detectCsvEncoding(path, fileName)))
  let parser: Papa.Parser | null = null
  let carry = ''
  const parse = (text: string, last: boolean): string[][] => {
    if (text.includes('\0')) throw new BinaryContentError(fileName)
    // Delimiter and line break are guessed once, from the first chunk, as Papa does for a stream.
    if (parser === null) {
      const { meta } = Papa.parse<string[]>(text, { preview: 1 })
      parser = new Papa.Parser({ delimiter: meta.delimiter, newline: meta.linebreak } as Papa.ParseConfig)
    }
    const result = parser.parse(text, 0, !last) as { data: string[][]; meta: { cursor: number } }
    carry = last ? '' : text.slice(result.meta.cursor)
    if (carry.length > MAX_ROW_CHARS) {
      throw AppError.of('csv_row_too_long', { file: fileName, megabytes: MAX_ROW_CHARS / 1024 / 1024 })
    }
    return result.data
  }
  for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 })) {
    yield* parse(carry + decode.write(chunk as Buffer), false)
    await yieldToLoop()
  }
  const rest = carry + decode.end()
  if (rest !== '') yield* parse(rest, true)
}
