import { constants, deflateRawSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { AppError } from '../errors'
import { zipBombDocx } from './fixtures/generate-fixtures'
import { writeZip } from './fixtures/zip-writer'
import { DEFAULT_EXTRACT_LIMITS } from './limits'
import { readZip } from './zip-archive'

const limits = DEFAULT_EXTRACT_LIMITS
const MB = 1_048_576

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
  } catch (error) {
    return error instanceof AppError ? `${error.code}: ${error.message}` : `not an AppError: ${String(error)}`
  }
  return 'no error'
}

/** `megabytes` MB of zeros, deflated, under any name, with a directory that declares `declared` bytes. */
function zerosPart(name: string, megabytes: number, declared: number) {
  const raw = deflateRawSync(Buffer.alloc(megabytes * MB), { level: 9, finishFlush: constants.Z_FINISH })
  return { name, compressed: raw, crc: 0, declaredSize: declared }
}

describe('zip reading', () => {
  it('reads every part, stored or deflated, and skips what it is told to', async () => {
    const zip = writeZip([
      { name: 'a.txt', data: Buffer.from('hello hello hello') },
      { name: 'b.bin', data: Buffer.from([1, 2, 3]), stored: true },
      { name: 'word/media/image1.png', data: Buffer.alloc(5000) },
    ])
    const { parts, skipped } = await readZip(zip, limits, 'The file', {
      skip: (name) => name.startsWith('word/media/'),
    })
    expect([...parts.keys()]).toEqual(['a.txt', 'b.bin'])
    expect(Buffer.from(parts.get('a.txt') ?? []).toString('latin1')).toBe('hello hello hello')
    expect([...(parts.get('b.bin') ?? [])]).toEqual([1, 2, 3])
    expect(skipped).toEqual(['word/media/image1.png'])
  })

  it('refuses a part declared bigger than the per-part cap, before inflating anything', async () => {
    expect(await codeOf(readZip(zipBombDocx(80, false), limits))).toMatch(
      /^too_large: .*word\/document\.xml.*80 MB.*zip bomb/,
    )
  })

  it('refuses a high compression ratio', async () => {
    expect(await codeOf(readZip(zipBombDocx(20, false), limits))).toMatch(/^too_large: .*compressed \d+:1/)
  })

  it('refuses the total, and too many parts', async () => {
    const many = writeZip(Array.from({ length: 30 }, (_, i) => ({ name: `p${i}.xml`, data: Buffer.alloc(100) })))
    expect(await codeOf(readZip(many, { ...limits, maxZipEntries: 20 }))).toMatch(/^too_large: .*30 parts/)
    expect(await codeOf(readZip(many, { ...limits, maxZipTotalBytes: 1000 }))).toMatch(
      /^too_large: .*unpacks to more than/,
    )
  })

  it.each(['word/document.xml', 'word/document.dat', 'customXml/item1', 'x'])(
    'stops a part named %s that inflates past what its directory declares',
    async (name) => {
      const zip = writeZip([zerosPart(name, 40, 1024)])
      expect(await codeOf(readZip(zip, limits))).toMatch(/^too_large: .*zip bomb/)
    },
  )

  it('counts the bytes actually inflated against the budget, whatever the directory says', async () => {
    // Each part declares (truthfully) 3 MB: under the per-part cap, but together over a 10 MB budget.
    const zip = writeZip(Array.from({ length: 5 }, (_, i) => ({ name: `part${i}`, data: Buffer.alloc(3 * MB) })))
    expect(await codeOf(readZip(zip, { ...limits, maxZipTotalBytes: 10 * MB, maxZipRatio: 1e9 }))).toMatch(
      /^too_large: .*more than 10 MB/,
    )
  })

  it('reports damaged archives as unreadable', async () => {
    const zip = writeZip([{ name: 'a.txt', data: Buffer.from('x') }])
    expect(await codeOf(readZip(zip.slice(0, zip.length - 10), limits))).toMatch(/^unreadable_file: .*damaged/)
    expect(await codeOf(readZip(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0, 0]), limits))).toMatch(/^unreadable_file/)
  })
})
