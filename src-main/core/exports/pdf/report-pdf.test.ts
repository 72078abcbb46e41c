import { execFileSync } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { resourcesDir, tempDir } from '../../testing/temp-workspace'
import { writeFileAtomically } from '../output-file'
import type { ExportRow } from '../table'
import { niceScale } from './pdf-charts'
import { writeReportPdf } from './run-pdf-worker'

let dir: ReturnType<typeof tempDir>
beforeEach(() => {
  dir = tempDir()
})
afterEach(() => dir.remove())

const provenance = {
  title: 'Sources',
  generatedAt: '2026-03-01T10:00:00.000Z',
  workspace: 'Équipe Nord',
  filters: 'Posting: all; Applied: 2026-01-01 to 2026-03-31',
  appVersion: '1.2.3',
}

/** Every word pdftotext finds, with its box in points. */
function pdfWords(path: string): { text: string; xMin: number; xMax: number; yMin: number }[] {
  const html = execFileSync('pdftotext', ['-bbox', path, '-'], { encoding: 'utf8' })
  return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)].map(
    (match) => ({
      xMin: Number(match[1]),
      yMin: Number(match[2]),
      xMax: Number(match[3]),
      text: match[4]?.replace(/&amp;/g, '&') ?? '',
    }),
  )
}

const pdfText = (path: string) => execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' })

describe('writeReportPdf', () => {
  it('draws the chart and tables, with provenance, and pdftoppm renders every page', async () => {
    const path = join(dir.path, 'report.pdf')
    const many: ExportRow[] = Array.from({ length: 80 }, (_, index) => ({ source: `Source ${index}`, n: index }))
    await writeFileAtomically(path, (temp) =>
      writeReportPdf(temp, resourcesDir, {
        provenance,
        description: 'Applicants, pass-through and hires per source.',
        chart: {
          kind: 'bar',
          categories: ['Referral', 'Job board', 'שלום עולם'],
          series: [
            { label: 'Applicants', values: [12, 30, 4] },
            { label: 'Hires', values: [3, 2, 0] },
          ],
          format: 'integer',
        },
        tables: [
          {
            title: 'By source',
            columns: [
              { key: 'source', label: 'Source', type: 'text' },
              { key: 'n', label: 'Applicants', type: 'integer' },
              { key: 'rate', label: 'Pass-through', type: 'percent' },
            ],
            rows: [
              { source: 'Referral', n: 12, rate: 0.25 },
              { source: 'Zoë Ødegaard 😀 🦄 ' + 'x'.repeat(10_000), n: 30, rate: 0.1 },
              { source: '=HYPERLINK("x") <b>bold</b>', n: 4, rate: null },
            ],
          },
          {
            title: 'Many',
            columns: [
              { key: 'source', label: 'Source', type: 'text' },
              { key: 'n', label: 'N', type: 'integer' },
            ],
            rows: many,
          },
        ],
      }).then(() => undefined),
    )
    const text = pdfText(path)
    expect(text).toContain('Sources')
    expect(text).toContain('Équipe Nord')
    expect(text).toContain('Posting: all; Applied: 2026-01-01 to 2026-03-31')
    expect(text).toContain('1.2.3')
    expect(text).toContain('Pass-through')
    expect(text).toContain('25.0 %')
    expect(text).toContain('Zoë Ødegaard')
    expect(text).toContain('<b>bold</b>')
    expect(text).toContain('Source 79')
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))?.[1])
    expect(pages).toBeGreaterThanOrEqual(2)
    execFileSync('pdftoppm', ['-png', '-r', '50', path, join(dir.path, 'page')])
    const images = readdirSync(dir.path).filter((name) => name.endsWith('.png'))
    expect(images).toHaveLength(pages)
    for (const image of images) expect(statSync(join(dir.path, image)).size).toBeGreaterThan(1_000)
  })

  it('wraps a long label inside its cell and never cuts a number, whatever the label', async () => {
    const path = join(dir.path, 'wide.pdf')
    const words = Array.from({ length: 40 }, (_, index) => `word${index}`)
    const label = words.join(' ').padEnd(200, 'x').slice(0, 200)
    const big = 98_765_432_109_876
    await writeReportPdf(path, resourcesDir, {
      provenance,
      tables: [
        {
          title: 'Wide',
          columns: [
            { key: 'label', label: 'Requirement', type: 'text' },
            { key: 'count', label: 'Applicants', type: 'integer' },
            { key: 'share', label: 'Met', type: 'percent' },
            { key: 'note', label: 'Note', type: 'text' },
          ],
          rows: [
            { label, count: big, share: 0.123, note: 'y'.repeat(300) },
            { label: 'Short', count: 3, share: 1, note: 'ok' },
          ],
        },
      ],
    })
    const boxes = pdfWords(path)
    const number = boxes.find((box) => box.text === '98,765,432,109,876')
    expect(number, 'the whole number is printed').toBeDefined()
    expect(pdfText(path)).toContain('12.3 %')
    const shown = boxes.filter((box) => /^word\d+$/.test(box.text))
    // The label wraps onto more than one line, ends cut with an ellipsis, and stays left of the number.
    expect(shown.length).toBeGreaterThan(3)
    expect(shown.length).toBeLessThan(words.length)
    expect(new Set(shown.map((box) => Math.round(box.yMin))).size).toBeGreaterThan(1)
    expect(boxes.some((box) => box.text.endsWith('…'))).toBe(true)
    const header = boxes.find((box) => box.text === 'Applicants')
    for (const box of shown) expect(box.xMax).toBeLessThanOrEqual(Math.min(number!.xMin, header!.xMin))
    // Nothing of the long note spills out of the page.
    const pageWidth = 595.28
    for (const box of boxes) expect(box.xMax).toBeLessThanOrEqual(pageWidth - 40)
  })

  it('cuts long tables with a note instead of printing thousands of pages', async () => {
    const path = join(dir.path, 'long.pdf')
    const rows = Array.from({ length: 1_200 }, (_, index) => ({ name: `Row ${index}` }))
    await writeReportPdf(path, resourcesDir, {
      provenance,
      tables: [{ title: 'Long', columns: [{ key: 'name', label: 'Name', type: 'text' }], rows }],
    })
    const text = pdfText(path)
    expect(text).toContain('Row 499')
    expect(text).not.toContain('Row 500')
    expect(text).toContain('The first 500 of 1,200 rows')
  })

  it('draws in a worker thread that a cancel stops, leaving no file', async () => {
    const controller = new AbortController()
    const job = {
      signal: controller.signal,
      progress: () => undefined,
      throwIfCancelled: () => undefined,
    }
    const rows = Array.from({ length: 400 }, (_, index) => ({ name: `Row ${index}` }))
    const writing = writeFileAtomically(join(dir.path, 'cancelled.pdf'), (temp) =>
      writeReportPdf(
        temp,
        resourcesDir,
        { provenance, tables: [{ title: 'Rows', columns: [{ key: 'name', label: 'Name', type: 'text' }], rows }] },
        job,
      ).then(() => undefined),
    )
    setTimeout(() => controller.abort(), 5)
    await expect(writing).rejects.toMatchObject({ code: 'cancelled' })
    expect(readdirSync(dir.path)).toEqual([])
  })

  it('picks readable axis steps', () => {
    expect(niceScale(37, 'integer')).toEqual({ max: 40, step: 10 })
    expect(niceScale(9, 'days')).toEqual({ max: 10, step: 2.5 })
    expect(niceScale(9, 'integer')).toEqual({ max: 9, step: 3 })
    expect(niceScale(1, 'integer')).toEqual({ max: 1, step: 1 })
    expect(niceScale(0, 'number')).toEqual({ max: 1, step: 0.25 })
    expect(niceScale(0.3, 'percent')).toEqual({ max: 0.5, step: 0.1 })
  })
})
