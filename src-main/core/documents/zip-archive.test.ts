import { describe, expect, it } from 'vitest'
import { AppError } from '../errors'
import { zipBombDocx } from './fixtures/generate-fixtures'
import { writeZip } from './fixtures/zip-writer'
import { DEFAULT_EXTRACT_LIMITS } from './limits'
import { readZipDirectory, readZipEntry } from './zip-archive'

const limits = DEFAULT_EXTRACT_LIMITS

function codeOf(fn: () => unknown): string {
  try {
    fn()
  } catch (error) {
    return error instanceof AppError ? `${error.code}: ${error.message}` : `not an AppError: ${String(error)}`
  }
  return 'no error'
}

describe('zip directory checks', () => {
  it('lists entries and inflates them', () => {
    const zip = writeZip([
      { name: 'a.txt', data: Buffer.from('hello hello hello') },
      { name: 'b.bin', data: Buffer.from([1, 2, 3]), stored: true },
    ])
    const entries = readZipDirectory(zip, limits)
    expect(entries.map((e) => [e.name, e.uncompressedSize])).toEqual([
      ['a.txt', 17],
      ['b.bin', 3],
    ])
    expect(entries.map((e) => Buffer.from(readZipEntry(zip, e)).toString('latin1'))).toEqual([
      'hello hello hello',
      '\x01\x02\x03',
    ])
  })

  it('refuses a part declared bigger than the per-part cap, before inflating anything', () => {
    expect(codeOf(() => readZipDirectory(zipBombDocx(80, false), limits))).toMatch(
      /^too_large: .*word\/document\.xml.*80 MB.*zip bomb/,
    )
  })

  it('refuses a high compression ratio', () => {
    expect(codeOf(() => readZipDirectory(zipBombDocx(20, false), limits))).toMatch(/^too_large: .*compressed \d+:1/)
  })

  it('refuses the total, and too many parts', () => {
    const many = writeZip(Array.from({ length: 30 }, (_, i) => ({ name: `p${i}.xml`, data: Buffer.alloc(100) })))
    expect(codeOf(() => readZipDirectory(many, { ...limits, maxZipEntries: 20 }))).toMatch(/^too_large: .*30 parts/)
    expect(codeOf(() => readZipDirectory(many, { ...limits, maxZipTotalBytes: 1000 }))).toMatch(
      /^too_large: .*unpacks to more than/,
    )
  })

  it('stops inflating a part at its declared size when the directory lies', () => {
    const zip = zipBombDocx(300, true)
    const entry = readZipDirectory(zip, limits).find((e) => e.name === 'word/document.xml')
    expect(entry?.uncompressedSize).toBe(1024)
    expect(codeOf(() => entry && readZipEntry(zip, entry))).toMatch(/^too_large: .*more than it declares/)
  })

  it('reports damaged archives as unreadable', () => {
    const zip = writeZip([{ name: 'a.txt', data: Buffer.from('x') }])
    expect(codeOf(() => readZipDirectory(zip.slice(0, zip.length - 10), limits))).toMatch(
      /^unreadable_file: .*zip directory is missing/,
    )
    expect(codeOf(() => readZipDirectory(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0, 0]), limits))).toMatch(
      /^unreadable_file/,
    )
  })
})
