import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppError } from '../errors'
import { tempDir } from '../testing/temp-workspace'
import { writeFileAtomically } from './output-file'
import type { ExportDocument, ExportRow } from './table'
import { sheetName, writeXlsx, xlsxText } from './xlsx-writer'

const provenance = {
  title: 'Time in stage',
  generatedAt: '2026-03-01T10:00:00.000Z',
  workspace: 'Acme',
  filters: 'Posting: Backend (#3)',
  appVersion: '1.2.3',
}

const document: ExportDocument = {
  provenance,
  tables: [
    {
      title: 'Stages: days [p50/p75]',
      columns: [
        { key: 'stage', label: 'Stage', type: 'text' },
        { key: 'count', label: 'Applications', type: 'integer' },
        { key: 'median', label: 'Median days', type: 'days' },
        { key: 'share', label: 'Share', type: 'percent' },
        { key: 'first', label: 'First entered', type: 'date' },
        { key: 'delta', label: 'Change', type: 'number' },
      ],
      rows: [
        {
          stage: 'Phone screen with a rather long name that goes on and on and on and on and on',
          count: 12,
          median: 3.5,
          share: 0.25,
          first: '2026-01-05',
          delta: -2,
        },
        { stage: '=cmd|" /C calc"!A0', count: 0, median: null, share: 0, first: null, delta: 0 },
        { stage: 'שלום 😀 é', count: 1, median: 0, share: 1, first: '2026-02-01T12:00:00.000Z', delta: 1.5 },
      ],
    },
    { title: 'Stages: days [p50/p75]', columns: [{ key: 'x', label: 'X', type: 'text' }], rows: [{ x: '-1+1' }] },
  ],
}

let dir: ReturnType<typeof tempDir>
beforeEach(() => {
  dir = tempDir()
})
afterEach(() => dir.remove())

async function readBack(path: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.readFile(path)
  return workbook
}

describe('writeXlsx', () => {
  it('writes provenance and one sheet per table with typed cells and a frozen bold header', async () => {
    const path = join(dir.path, 'report.xlsx')
    await writeFileAtomically(path, (temp) => writeXlsx(temp, document).then(() => undefined))
    const workbook = await readBack(path)
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      'Provenance',
      'Stages days p50 p75',
      'Stages days p50 p75 (2)',
    ])
    const about = workbook.getWorksheet('Provenance')!
    expect(about.getCell('A4').value).toBe('Workspace')
    expect(about.getCell('B6').value).toBe('1.2.3')
    expect(about.getCell('B5').value).toBe('Posting: Backend (#3)')

    const sheet = workbook.worksheets[1]!
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      'Stage',
      'Applications',
      'Median days',
      'Share',
      'First entered',
      'Change',
    ])
    expect(sheet.getCell('A1').font?.bold).toBe(true)
    expect(sheet.getCell('B2').value).toBe(12)
    expect(sheet.getCell('C2').value).toBe(3.5)
    expect(sheet.getCell('D2').value).toBe(0.25)
    expect(sheet.getCell('D2').numFmt).toBe('0.0%')
    expect(sheet.getCell('E2').value).toEqual(new Date('2026-01-05T00:00:00Z'))
    expect(sheet.getCell('F2').value).toBe(-2)
    expect(sheet.getCell('A3').value).toBe(`'=cmd|" /C calc"!A0`)
    expect(sheet.getCell('C3').value).toBeNull()
    expect(sheet.getCell('A4').value).toBe('שלום 😀 é')
    // Widths follow the content: the long stage name is wider than the numbers, within bounds.
    const [stage, count] = [sheet.getColumn(1).width ?? 0, sheet.getColumn(2).width ?? 0]
    expect(stage).toBe(60)
    expect(count).toBeGreaterThanOrEqual(8)
    expect(count).toBeLessThan(20)
    expect(workbook.worksheets[2]!.getCell('A2').value).toBe(`'-1+1`)
  })

  it('streams many rows from an async source', async () => {
    async function* many(): AsyncGenerator<ExportRow> {
      for (let index = 0; index < 5_000; index++) {
        if (index % 1_000 === 0) await Promise.resolve()
        yield { name: `Person ${index}`, n: index }
      }
    }
    const path = join(dir.path, 'big.xlsx')
    const rows = await writeXlsx(path, {
      provenance,
      tables: [
        {
          title: 'People',
          columns: [
            { key: 'name', label: 'Name', type: 'text' },
            { key: 'n', label: 'N', type: 'integer' },
          ],
          rows: many(),
        },
      ],
    })
    expect(rows).toBe(5_000)
    const sheet = (await readBack(path)).getWorksheet('People')!
    expect(sheet.rowCount).toBe(5_001)
    expect(sheet.getCell('A5001').value).toBe('Person 4999')
    expect(sheet.getCell('B5001').value).toBe(4999)
  })

  it('leaves nothing behind when cancelled', async () => {
    async function* endless(): AsyncGenerator<ExportRow> {
      for (let index = 0; ; index++) {
        if (index % 1_000 === 0) await Promise.resolve()
        yield { name: `Row ${index}` }
      }
    }
    const job = {
      progress: () => undefined,
      throwIfCancelled: () => {
        throw new AppError('cancelled', 'Cancelled')
      },
    }
    await expect(
      writeFileAtomically(join(dir.path, 'r.xlsx'), (temp) =>
        writeXlsx(
          temp,
          {
            provenance,
            tables: [{ title: 'T', columns: [{ key: 'name', label: 'N', type: 'text' }], rows: endless() }],
          },
          job,
        ).then(() => undefined),
      ),
    ).rejects.toMatchObject({ code: 'cancelled' })
    expect(readdirSync(dir.path)).toEqual([])
  })

  it('keeps text within what Excel and XML accept', () => {
    expect(xlsxText('a\u0000b\u001Fc')).toBe('a\uFFFDb\uFFFDc')
    expect(xlsxText('x'.repeat(40_000)).length).toBe(32_766)
    expect(xlsxText('\uD800 lone')).toBe('\uFFFD lone')
    const taken = new Set<string>()
    expect(sheetName('', taken)).toBe('Sheet')
    expect(sheetName("'quoted'", taken)).toBe('quoted')
    expect(sheetName('x'.repeat(40), taken)).toHaveLength(31)
  })
})
