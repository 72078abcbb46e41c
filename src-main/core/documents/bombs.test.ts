import { randomBytes } from 'node:crypto'
import { constants, deflateRawSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { AppError } from '../errors'
import { extractText } from './extract-text'
import { inflatingStreamPdf, zipBombDocx } from './fixtures/generate-fixtures'
import { writeZip } from './fixtures/zip-writer'
import type { ExtractLimits } from './limits'

/**
 * Crafted documents, generated here, each of a different shape: every one is refused as too large within
 * 10 s, and the process that read it never held 1 GB. The extraction runs in its own process; its peak
 * resident memory (VmHWM) is what is measured, and the test process's own peak stays low too.
 */

const MB = 1_048_576
const ONE_GB_MB = 1024

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>'
const rels = (target: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="${target}"/></Relationships>`

/** A DOCX whose main part (named as the relationships say) is `megabytes` MB of zeros declared as 1 KB. */
function docxWithMainPart(mainName: string, megabytes: number): Uint8Array {
  const raw = deflateRawSync(Buffer.alloc(megabytes * MB), { level: 9, finishFlush: constants.Z_FINISH })
  return writeZip([
    { name: '[Content_Types].xml', data: Buffer.from(CONTENT_TYPES) },
    { name: '_rels/.rels', data: Buffer.from(rels(mainName)) },
    { name: mainName, compressed: raw, crc: 0, declaredSize: 1024 },
  ])
}

/**
 * Many parts, each honest, under the per-part cap and under the ratio cap (mostly "a" with a random "b" in
 * about one byte of a hundred deflates some 30:1), that add up to far more than the archive may unpack.
 */
function docxOfManyParts(parts: number, megabytesEach: number): Uint8Array {
  const noise = randomBytes(megabytesEach * MB)
  const data = Buffer.alloc(megabytesEach * MB, 0x61)
  for (let at = 0; at < data.length; at++) if ((noise[at] ?? 0) < 3) data[at] = 0x62
  return writeZip([
    { name: '[Content_Types].xml', data: Buffer.from(CONTENT_TYPES) },
    { name: '_rels/.rels', data: Buffer.from(rels('word/document.xml')) },
    ...Array.from({ length: parts }, (_, i) => ({
      name: `customXml/item${i}.dat`,
      data,
    })),
  ])
}

const bombs: [string, string, () => Uint8Array, Partial<ExtractLimits>?][] = [
  ['DOCX, directory lying about word/document.xml', 'bomb.docx', () => zipBombDocx(600, true)],
  ['DOCX, main part not named .xml', 'bomb.docx', () => docxWithMainPart('word/body.bin.data', 600)],
  ['DOCX, main part without extension', 'bomb.docx', () => docxWithMainPart('word/document', 600)],
  ['DOCX, many honest parts over the total', 'bomb.docx', () => docxOfManyParts(12, 16)],
  ['PDF, plain FlateDecode', 'bomb.pdf', () => inflatingStreamPdf(900)],
  [
    'PDF, filter name spelled with #xx escapes',
    'bomb.pdf',
    () => inflatingStreamPdf(900, { dictionary: '/Filter /Fl#61teDec#6fde' }),
  ],
  ['PDF, abbreviated filter in an array', 'bomb.pdf', () => inflatingStreamPdf(900, { dictionary: '/Filter [/Fl]' })],
  [
    'PDF, content stream claiming to be an image',
    'bomb.pdf',
    () => inflatingStreamPdf(900, { dictionary: '/Subtype /Image /Filter /FlateDecode' }),
  ],
  [
    'PDF, deflated twice',
    'bomb.pdf',
    () => inflatingStreamPdf(1500, { dictionary: '/Filter [/FlateDecode /FlateDecode]', layers: 2 }),
  ],
  [
    'PDF, past the stream pre-check: stopped by the memory watch',
    'bomb.pdf',
    () => inflatingStreamPdf(1500),
    { maxPdfInflatedBytes: 64 * 1024 * MB },
  ],
]

describe('crafted documents are refused in bounded time and memory', () => {
  it.each(bombs)(
    '%s',
    async (_shape, fileName, make, limits = {}) => {
      const bytes = make()
      expect(bytes.length).toBeLessThan(20 * MB)
      let peak = 0
      const started = Date.now()
      const outcome = await extractText(bytes, fileName, { ...limits, onPeakMemoryMb: (mb) => (peak = mb) }).then(
        () => 'read',
        (error: unknown) => (error instanceof AppError ? `${error.code}: ${error.message}` : String(error)),
      )
      const seconds = (Date.now() - started) / 1000
      expect(outcome).toMatch(/^too_large: /)
      expect(seconds).toBeLessThan(10)
      expect(peak).toBeGreaterThan(0)
      expect(peak).toBeLessThan(ONE_GB_MB)
      expect(process.resourceUsage().maxRSS / 1024).toBeLessThan(ONE_GB_MB)
    },
    30_000,
  )
})
