import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import fc from 'fast-check'
import Papa from 'papaparse'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { restoreCell } from '../files/csv-cell'
import { tempDir } from '../testing/temp-workspace'
import { writeCsv } from './csv-writer'
import { wellFormed, type ExportColumn, type ExportDocument, type ExportRow } from './table'
import { writeXlsx, xlsxText } from './xlsx-writer'

/**
 * Written apart from the implementation: what a spreadsheet may run. A first character = + - @ (or the
 * full-width forms), TAB or CR, also after leading whitespace.
 */
function runnable(text: string): boolean {
  return /^[\t\r]/.test(text) || /^[=+\-@＝＋－＠]/.test(text.replace(/^\s+/u, ''))
}
const isNeutralised = (text: string) => text.startsWith("'")

const prefixes = ['=', '+', '-', '@', '\t', '\r', ' =', '\u00A0+', '＝', '＋', '－', '＠', "'=", "''-", '', '', '']
const rtl = ['שלום', 'مرحبا بالعالم', '‏ע', '\u202Eevil']
const text = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .tuple(fc.constantFrom(...prefixes), fc.string({ unit: 'binary', maxLength: 30 }))
      .map(([p, s]) => p + s),
  },
  {
    weight: 2,
    arbitrary: fc.tuple(fc.constantFrom(...rtl), fc.string({ unit: 'grapheme', maxLength: 20 })).map(([p, s]) => p + s),
  },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom('😀👩🏽‍💻', '-1+1', '=1+2', '@SUM(A1)', '<b>html</b>', '"quoted", comma') },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...prefixes), fc.constantFrom('x', 'é', '😀'))
      .map(([p, c]) => p + c.repeat(10_000)),
  },
)
const number = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
)

const columns: ExportColumn[] = [
  { key: 'a', label: 'A', type: 'text' },
  { key: 'n', label: 'N', type: 'number' },
  { key: 'b', label: 'B', type: 'text' },
  { key: 'p', label: 'P', type: 'percent' },
]
const rowArbitrary = fc.record({ a: text, n: number, b: text, p: number })
const documentArbitrary = fc.tuple(text, fc.array(rowArbitrary, { minLength: 1, maxLength: 12 }))

const documentOf = (title: string, rows: ExportRow[]): ExportDocument => ({
  provenance: { title, generatedAt: '2026-01-01T00:00:00Z', workspace: title, filters: title, appVersion: '1' },
  tables: [{ title, columns, rows }],
})

let dir: ReturnType<typeof tempDir>
beforeAll(() => {
  dir = tempDir()
})
afterAll(() => dir.remove())

describe('no exported cell can run as a formula', () => {
  it('CSV: every field is safe or neutralised, and restores to the original text', async () => {
    let run = 0
    await fc.assert(
      fc.asyncProperty(documentArbitrary, async ([title, rows]) => {
        const path = join(dir.path, `p${run++}.csv`)
        await writeCsv(path, documentOf(title, rows))
        const content = readFileSync(path, 'utf8')
        expect(content.startsWith('\uFEFF')).toBe(true)
        const records = Papa.parse<string[]>(content.slice(1), { newline: '\r\n' }).data
        for (const record of records) {
          for (const field of record) {
            const plainNumber = /^-?\d+(\.\d+)?%?$/.test(field)
            expect(!runnable(field) || isNeutralised(field) || plainNumber, JSON.stringify(field)).toBe(true)
          }
        }
        // Records: 5 provenance, blank, title, header, then the rows.
        expect(restoreCell(records[0]?.[1] ?? '')).toBe(wellFormed(title))
        rows.forEach((row, index) => {
          const record = records[8 + index] ?? []
          expect(restoreCell(record[0] ?? '')).toBe(wellFormed(String(row.a)))
          expect(restoreCell(record[2] ?? '')).toBe(wellFormed(String(row.b)))
          expect(Number(record[1])).toBeCloseTo(Number(row.n), 1)
        })
      }),
      { numRuns: 150 },
    )
  })

  it('XLSX: every string cell is safe or neutralised, and numbers stay numbers', async () => {
    let run = 0
    await fc.assert(
      fc.asyncProperty(documentArbitrary, async ([title, rows]) => {
        const path = join(dir.path, `p${run++}.xlsx`)
        await writeXlsx(path, documentOf(title, rows))
        const workbook = new ExcelJS.Workbook()
        await workbook.xlsx.readFile(path)
        for (const sheet of workbook.worksheets) {
          sheet.eachRow((row) =>
            row.eachCell((cell) => {
              if (typeof cell.value === 'string')
                expect(!runnable(cell.value) || isNeutralised(cell.value), JSON.stringify(cell.value)).toBe(true)
            }),
          )
        }
        const sheet = workbook.worksheets[1]!
        rows.forEach((row, index) => {
          const cells = sheet.getRow(index + 2)
          expect(cells.getCell(1).value).toBe(xlsxText(String(row.a)) || null)
          expect(cells.getCell(2).value).toEqual(Number(row.n) + 0)
          expect(typeof cells.getCell(4).value).toBe('number')
        })
      }),
      { numRuns: 40 },
    )
  })
})
