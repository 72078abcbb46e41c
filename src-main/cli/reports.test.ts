import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ReportDto, ReportInfoDto } from '@contract'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tempDir } from '../core/testing/temp-workspace'
import { runCaptured } from './captured'

const dir = tempDir()
const data = join(dir.path, 'data')
const out = join(dir.path, 'out')

async function cli(...args: string[]) {
  return runCaptured([...args, '--data-dir', data])
}

beforeAll(async () => {
  expect((await cli('demo', 'generate', '--candidates', '60', '--seed', '3')).code).toBe(0)
  writeFileSync(join(dir.path, 'a-file'), 'not a folder')
  mkdirSync(out)
}, 120_000)
afterAll(() => dir.remove())

describe('reports on the command line', () => {
  it('lists the reports', async () => {
    const listed = await cli('reports', 'list')
    expect(listed.code).toBe(0)
    const names = (JSON.parse(listed.stdout) as ReportInfoDto[]).map((report) => report.name)
    expect(names).toEqual(expect.arrayContaining(['funnel', 'time-in-stage', 'sources', 'activity', 'applications']))
  })

  it('prints a report as JSON and writes CSV, XLSX and PDF files', async () => {
    const json = await cli('reports', 'funnel', '--posting', '1', '--from', '2024-01-01', '--to', '2026-12-31')
    expect(json.code).toBe(0)
    const report = JSON.parse(json.stdout) as ReportDto
    expect(report.filtersText).toContain('Applied: 2024-01-01 to 2026-12-31')
    expect(report.tables[0]?.rows[0]?.cells.stage).toBe('Applied')

    for (const format of ['csv', 'xlsx', 'pdf'] as const) {
      const file = join(out, `sources.${format}`)
      const written = await cli('reports', 'sources', '--format', format, '--out', file)
      expect(written.code, written.stderr).toBe(0)
      expect(JSON.parse(written.stdout)).toMatchObject({ report: 'sources', format, out: file })
    }
    expect(readFileSync(join(out, 'sources.csv'), 'utf8')).toMatch(/^\uFEFFReport,Sources\r\n/)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(join(out, 'sources.xlsx'))
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Provenance', 'By source'])
    expect(readFileSync(join(out, 'sources.pdf')).subarray(0, 5).toString()).toBe('%PDF-')
  })

  it('exports every application of the cohort', async () => {
    const file = join(out, 'applications.csv')
    const written = await cli('reports', 'applications', '--format', 'csv', '--out', file)
    const rows = (JSON.parse(written.stdout) as { rows: number }).rows
    const lines = readFileSync(file, 'utf8').split('\r\n')
    const header = lines.findIndex((line) => line.startsWith('Application,Candidate'))
    expect(lines.slice(header + 1).filter(Boolean)).toHaveLength(rows - 4)
  })

  it('refuses bad arguments with exit code 2 and a clear message', async () => {
    const cases: [string[], RegExp][] = [
      [['reports', 'funnel', '--from', '2026-13-01'], /--from: Not a date in the calendar \(got "2026-13-01"\)/],
      [['reports', 'funnel', '--from', '01/02/2026'], /--from: Use the form YYYY-MM-DD/],
      [
        ['reports', 'funnel', '--from', '2026-03-01', '--to', '2026-01-01'],
        /--from: The start date is after the end date \(got "2026-03-01"\)/,
      ],
      [
        ['reports', 'funnel', '--format', 'docx', '--out', join(out, 'x.docx')],
        /--format must be one of json, csv, xlsx, pdf/,
      ],
      [['reports', 'funnel', '--format', 'csv'], /--out FILE is required for --format csv/],
      [['reports', 'funnel', '--posting', 'abc'], /--posting: Expected number \(got "abc"\)/],
      [['reports', 'nope'], /Unknown command "reports nope"/],
    ]
    for (const [args, message] of cases) {
      const result = await cli(...args)
      expect(result.code, args.join(' ')).toBe(2)
      expect(result.stderr).toMatch(message)
      expect(result.stdout).toBe('')
    }
  })

  it('fails with exit code 1 for a missing posting or an unwritable place, and writes nothing', async () => {
    const missing = await cli('reports', 'funnel', '--posting', '999', '--format', 'csv', '--out', join(out, 'm.csv'))
    expect(missing).toMatchObject({ code: 1, stdout: '' })
    expect(missing.stderr).toMatch(/There is no posting 999/)
    const noFolder = await cli('reports', 'funnel', '--format', 'pdf', '--out', join(out, 'nope', 'r.pdf'))
    expect(noFolder.code).toBe(1)
    expect(noFolder.stderr).toMatch(/the folder .*nope does not exist/)
    const underFile = await cli('reports', 'funnel', '--format', 'xlsx', '--out', join(dir.path, 'a-file', 'r.xlsx'))
    expect(underFile.code).toBe(1)
    expect(underFile.stderr).toMatch(/is not a folder/)
    expect(readdirSync(out).sort()).toEqual(['applications.csv', 'sources.csv', 'sources.pdf', 'sources.xlsx'])
  })
})
