import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Papa from 'papaparse'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppError } from '../errors'
import { restoreCell } from '../files/csv-cell'
import { tempDir } from '../testing/temp-workspace'
import { csvField, csvRecord, csvValue, writeCsv } from './csv-writer'
import { writeFileAtomically } from './output-file'
import type { ExportDocument, ExportRow, ExportTable } from './table'

const provenance = {
  title: 'Sources',
  generatedAt: '2026-03-01T10:00:00.000Z',
  workspace: 'Acme, "hiring"',
  filters: 'Posting: all',
  appVersion: '1.2.3',
}

const table: ExportTable = {
  title: 'By source',
  columns: [
    { key: 'source', label: 'Source', type: 'text' },
    { key: 'applicants', label: 'Applicants', type: 'integer' },
    { key: 'rate', label: 'Pass-through', type: 'percent' },
    { key: 'delta', label: 'Change', type: 'number' },
  ],
  rows: [
    { source: 'Referral, internal', applicants: 12, rate: 0.41666, delta: -3 },
    { source: '=HYPERLINK("http://x")', applicants: 0, rate: null, delta: 1.005 },
    { source: 'Line one\r\nline "two"', applicants: 3, rate: 1, delta: 0 },
    { source: '-1+1', applicants: 1, rate: 0, delta: null },
  ],
}

let dir: ReturnType<typeof tempDir>
beforeEach(() => {
  dir = tempDir()
})
afterEach(() => dir.remove())

describe('csv fields', () => {
  it('quotes fields with commas, quotes, CR or LF and doubles quotes (RFC 4180)', () => {
    expect(csvField('plain')).toBe('plain')
    expect(csvField('a,b')).toBe('"a,b"')
    expect(csvField('say "hi"')).toBe('"say ""hi"""')
    expect(csvField('one\ntwo')).toBe('"one\ntwo"')
    expect(csvField('one\rtwo')).toBe('"one\rtwo"')
  })

  it('neutralises text that a spreadsheet would run, and ends records with CRLF', () => {
    expect(csvRecord(['=1+2', '+A1', '-B2', '@SUM(A1)', '\tx', '\rx', ' =x', '＝x', 'ok'])).toBe(
      `'=1+2,'+A1,'-B2,'@SUM(A1),'\tx,"'\rx",' =x,'＝x,ok\r\n`,
    )
  })

  it('writes numbers as numbers and percents readable by spreadsheets', () => {
    expect(csvValue(-3, 'number')).toBe('-3')
    expect(csvValue(0.41666, 'percent')).toBe('41.7%')
    expect(csvValue(2.5, 'integer')).toBe('3')
    expect(csvValue(null, 'integer')).toBe('')
    expect(csvValue(Number.NaN, 'number')).toBe('')
  })
})

describe('writeCsv', () => {
  it('writes a BOM, the provenance, then each table under its title', async () => {
    const path = join(dir.path, 'out.csv')
    const document: ExportDocument = { provenance, tables: [table] }
    await writeFileAtomically(path, (temp) => writeCsv(temp, document).then(() => undefined))
    const bytes = readFileSync(path)
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = bytes.toString('utf8').slice(1)
    // Every line break between records is CRLF; the only bare LF is inside the quoted multi-line cell.
    expect(
      text
        .replace(/"[^"]*(?:""[^"]*)*"/g, '')
        .split('\r\n')
        .join(''),
    ).not.toMatch(/[\r\n]/)
    const records = Papa.parse<string[]>(text, { newline: '\r\n' }).data
    expect(records.slice(0, 5)).toEqual([
      ['Report', 'Sources'],
      ['Generated at', '2026-03-01T10:00:00.000Z'],
      ['Workspace', 'Acme, "hiring"'],
      ['Filters', 'Posting: all'],
      ['App version', '1.2.3'],
    ])
    expect(records[6]).toEqual(['By source'])
    expect(records[7]).toEqual(['Source', 'Applicants', 'Pass-through', 'Change'])
    expect(records.slice(8, 12)).toEqual([
      ['Referral, internal', '12', '41.7%', '-3'],
      [`'=HYPERLINK("http://x")`, '0', '', '1'],
      ['Line one\r\nline "two"', '3', '100%', '0'],
      [`'-1+1`, '1', '0%', ''],
    ])
    expect(restoreCell(records[9]?.[0] ?? '')).toBe('=HYPERLINK("http://x")')
  })

  it('streams a big table from an async source and reports progress', async () => {
    async function* many(): AsyncGenerator<ExportRow> {
      for (let index = 0; index < 25_000; index++) {
        if (index % 1_000 === 0) await Promise.resolve()
        yield { name: `Person ${index}`, n: index }
      }
    }
    const seen: number[] = []
    const path = join(dir.path, 'big.csv')
    const rows = await writeCsv(
      path,
      {
        provenance,
        tables: [
          {
            title: 'People',
            columns: [
              { key: 'name', label: 'Name', type: 'text' },
              { key: 'n', label: 'N', type: 'integer' },
            ],
            rows: many(),
            rowCount: 25_000,
          },
        ],
      },
      { progress: (done) => seen.push(done), throwIfCancelled: () => undefined },
    )
    expect(rows).toBe(25_000)
    expect(seen.at(-1)).toBe(25_000)
    expect(seen.length).toBeGreaterThan(20)
    const lines = readFileSync(path, 'utf8').split('\r\n')
    expect(lines.at(-2)).toBe('Person 24999,24999')
  })

  it('leaves nothing behind when cancelled half-way, and keeps an older file as it was', async () => {
    const path = join(dir.path, 'report.csv')
    writeFileSync(path, 'previous')
    async function* endless(): AsyncGenerator<ExportRow> {
      for (let index = 0; ; index++) {
        if (index % 1_000 === 0) await Promise.resolve()
        yield { name: `Row ${index}` }
      }
    }
    let checks = 0
    const job = {
      progress: () => undefined,
      throwIfCancelled: () => {
        if (++checks === 3) throw new AppError('cancelled', 'Cancelled')
      },
    }
    await expect(
      writeFileAtomically(path, async (temp) => {
        await writeCsv(
          temp,
          {
            provenance,
            tables: [{ title: 'T', columns: [{ key: 'name', label: 'Name', type: 'text' }], rows: endless() }],
          },
          job,
        )
      }),
    ).rejects.toMatchObject({ code: 'cancelled' })
    expect(readdirSync(dir.path)).toEqual(['report.csv'])
    expect(readFileSync(path, 'utf8')).toBe('previous')
  })
})
