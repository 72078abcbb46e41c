import { createHash } from 'node:crypto'
import { readFile, stat } from 'node:fs/promises'
import { extname } from 'node:path'
import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'

const brotli = promisify(brotliCompress)
const gzipAsync = promisify(gzip)

export type Encoding = 'br' | 'gzip' | 'identity'

/** Text worth compressing; images and fonts other than TrueType are compressed already. */
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg', '.map', '.ttf', '.txt'])
/** Below this, the headers outweigh what compression saves. */
export const MIN_COMPRESS_BYTES = 1024

/** The best encoding the client accepts: brotli, then gzip, else none (`q=0` refuses one). */
export function pickEncoding(header: string | string[] | undefined): Encoding {
  const accepted = new Map<string, number>()
  for (const part of String(header ?? '').split(',')) {
    const [name = '', ...parameters] = part.trim().toLowerCase().split(';')
    const q = parameters.map((p) => /^\s*q\s*=\s*([\d.]+)\s*$/.exec(p)?.[1]).find((value) => value !== undefined)
    if (name) accepted.set(name, q === undefined ? 1 : Number(q))
  }
  const weight = (name: string) => accepted.get(name) ?? (accepted.has('*') ? (accepted.get('*') ?? 0) : 0)
  if (weight('br') > 0) return 'br'
  if (weight('gzip') > 0) return 'gzip'
  return 'identity'
}

/**
 * Brotli at quality 9: about five times smaller for the app's bundle in well under a second (quality 11 takes
 * tens of seconds for a few megabytes). Runs on libuv's pool, never on the event loop.
 */
export function compress(content: Buffer, encoding: Exclude<Encoding, 'identity'>, quality = 9): Promise<Buffer> {
  return encoding === 'br'
    ? brotli(content, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: quality,
          [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        },
      })
    : gzipAsync(content, { level: quality >= 9 ? 9 : 6 })
}

export interface StaticEntry {
  raw: Buffer
  /** A strong validator: the content's hash, so a rebuilt index.html is fetched again. */
  etag: string
  compressible: boolean
  encoded: Partial<Record<Exclude<Encoding, 'identity'>, Promise<Buffer>>>
}

interface Cached {
  mtimeMs: number
  size: number
  entry: StaticEntry
}

/**
 * The app's files, read once and compressed on first request per encoding, kept in memory up to `maxBytes`
 * (counting the compressed copies); past that a file is read and sent as it is. A file changed on disk (a new
 * build under a running server) is read again.
 */
export class StaticFiles {
  private readonly cache = new Map<string, Cached>()
  private bytes = 0

  constructor(private readonly maxBytes = 64 * 1_048_576) {}

  /** The file's entry; throws like readFile when it does not exist. */
  async get(file: string): Promise<StaticEntry> {
    const info = await stat(file)
    if (!info.isFile()) throw Object.assign(new Error('Not a file'), { code: 'EISDIR' })
    const cached = this.cache.get(file)
    if (cached && cached.mtimeMs === info.mtimeMs && cached.size === info.size) return cached.entry
    if (cached) {
      this.cache.delete(file)
      this.bytes -= cached.size * 2
    }
    const raw = await readFile(file)
    const entry: StaticEntry = {
      raw,
      etag: `"${createHash('sha256').update(raw).digest('base64url').slice(0, 27)}"`,
      compressible: COMPRESSIBLE.has(extname(file).toLowerCase()) && raw.length >= MIN_COMPRESS_BYTES,
      encoded: {},
    }
    // Reserving twice the size leaves room for both compressed copies, which are always smaller.
    if (this.bytes + raw.length * 2 <= this.maxBytes) {
      this.cache.set(file, { mtimeMs: info.mtimeMs, size: info.size, entry })
      this.bytes += raw.length * 2
    } else entry.compressible = false
    return entry
  }

  /** The body to send for `encoding`, compressed once and shared by concurrent requests. */
  body(entry: StaticEntry, encoding: Encoding): Promise<Buffer> {
    if (encoding === 'identity' || !entry.compressible) return Promise.resolve(entry.raw)
    entry.encoded[encoding] ??= compress(entry.raw, encoding)
    return entry.encoded[encoding]
  }
}
