import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import Papa from 'papaparse'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openTestWorkspace, tempDir, type TestWorkspace } from '../testing/temp-workspace'
import { pagedRows } from './paged-rows'
import type { ReportDefinition } from './report-definition'
import { ReportService } from './service'

/**
 * A report over candidates only, so the export machinery (jobs, files, downloads, filters) is tested
 * here on its own; the hiring reports have their own tests.
 */
const candidatesBySource: ReportDefinition = {
  name: 'candidates-by-source',
  title: {
    en: 'Candidates by source',
    fr: 'Candidats par source',
    de: 'Kandidaten nach Quelle',
    es: 'Candidatos por fuente',
  },
  description: {
    en: 'How many candidates each source brought.',
    fr: 'Candidats apportés par chaque source.',
    de: 'Wie viele Kandidaten jede Quelle brachte.',
    es: 'Cuántos candidatos trajo cada fuente.',
  },
  run: async ({ filters }) => {
    let query = workspace.context.db
      .selectFrom('candidates')
      .select(['source', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('source')
      .orderBy('source')
    if (filters.source) query = query.where('source', '=', filters.source)
    const rows = await query.execute()
    return {
      tables: [
        {
          id: 'sources',
          title: 'Sources',
          columns: [
            { key: 'source', label: 'Source', type: 'text' },
            { key: 'n', label: 'Candidates', type: 'integer' },
          ],
          rows: rows.map((row) => ({ cells: { source: row.source, n: Number(row.n) }, segment: row.source })),
        },
      ],
      chart: { kind: 'bar', table: 'sources', category: 'source', series: ['n'], format: 'integer' },
    }
  },
  exportTables: () =>
    Promise.resolve([
      {
        title: 'Candidates',
        columns: [
          { key: 'id', label: 'Id', type: 'integer' },
          { key: 'name', label: 'Name', type: 'text' },
        ],
        rows: pagedRows(
          (after, limit) =>
            workspace.context.db
              .selectFrom('candidates')
              .select(['id as key', 'name'])
              .where('id', '>', after)
              .orderBy('id')
              .limit(limit)
              .execute(),
          (row) => ({ id: row.key, name: row.name }),
          50,
        ),
      },
    ]),
}

let workspace: TestWorkspace
let reports: ReportService
beforeEach(async () => {
  workspace = await openTestWorkspace()
  reports = new ReportService(
    workspace.context,
    workspace.services.workspace,
    workspace.services.jobs,
    workspace.services,
    [candidatesBySource],
  )
  const names = ['=HYPERLINK("x")', 'Zoë Ødegaard', 'שלום', ...Array.from({ length: 147 }, (_, i) => `Person ${i}`)]
  for (const [index, name] of names.entries())
    await workspace.services.candidates.create({
      name,
      source: index % 3 === 0 ? 'Referral' : 'Job board',
      emails: [],
      phones: [],
      links: [],
      tags: [],
      location: '',
      ifDuplicate: 'create',
    })
})
afterEach(() => workspace.dispose())

const noFilters = { postingId: null, levelId: null, source: null, from: null, to: null }

async function downloadAll(exportId: string): Promise<Buffer> {
  const parts: Buffer[] = []
  let offset: number | null = 0
  while (offset !== null) {
    const chunk = await reports.download(exportId, offset)
    parts.push(Buffer.from(chunk.contentBase64, 'base64'))
    offset = chunk.nextOffset
  }
  return Buffer.concat(parts)
}

describe('report service', () => {
  it('runs a report with its filters in words', async () => {
    const report = await reports.run('candidates-by-source', { ...noFilters, source: 'Referral' }, 'en')
    expect(report.tables[0]?.rows).toEqual([{ cells: { source: 'Referral', n: 50 }, segment: 'Referral' }])
    expect(report.filtersText).toBe('Posting: all; Level: all; Source: Referral; Applied: any time')
    const french = await reports.run('candidates-by-source', { ...noFilters, from: '2026-01-01' }, 'fr')
    expect(french.title).toBe('Candidats par source')
    expect(french.filtersText).toContain('Candidature: depuis le 2026-01-01')
  })

  it('refuses an unknown report, a missing posting and a reversed range', async () => {
    await expect(reports.run('nope', noFilters, 'en')).rejects.toMatchObject({ code: 'not_found' })
    await expect(reports.run('candidates-by-source', { ...noFilters, postingId: 99 }, 'en')).rejects.toMatchObject({
      code: 'not_found',
      message: 'There is no posting 99.',
    })
    await expect(
      reports.run('candidates-by-source', { ...noFilters, from: '2026-02-01', to: '2026-01-01' }, 'en'),
    ).rejects.toMatchObject({ code: 'invalid_input' })
  })

  it('exports as a job and the chunked download is the whole file', async () => {
    const work = await reports.reportExport('candidates-by-source', noFilters, 'csv', 'en')
    const started = reports.startExport(work)
    const job = await workspace.services.jobs.wait(started.id)
    expect(job.status).toBe('succeeded')
    const result = job.result as { exportId: string; fileName: string; rows: number; size: number }
    expect(result.fileName).toMatch(/^candidates-by-source-\d{4}-\d{2}-\d{2}\.csv$/)
    expect(result.rows).toBe(2 + 150)
    const bytes = await downloadAll(result.exportId)
    expect(bytes.length).toBe(result.size)
    const records = Papa.parse<string[]>(bytes.toString('utf8').slice(1), { newline: '\r\n' }).data
    expect(records).toContainEqual(['Workspace', 'My workspace'])
    expect(records).toContainEqual(['1', `'=HYPERLINK("x")`])
    expect(records).toContainEqual(['150', 'Person 146'])
    await expect(reports.download('00000000-0000-4000-8000-000000000000', 0)).rejects.toMatchObject({
      code: 'not_found',
    })
  })

  it('names the provenance rows of an export in the report language', async () => {
    const work = await reports.reportExport('candidates-by-source', noFilters, 'csv', 'fr')
    const job = await workspace.services.jobs.wait(reports.startExport(work).id)
    const result = job.result as { exportId: string }
    const text = (await downloadAll(result.exportId)).toString('utf8').slice(1)
    const records = Papa.parse<string[]>(text, { newline: '\r\n' }).data
    expect(records).toContainEqual(['Espace de travail', 'My workspace'])
    expect(records.map((record) => record[0])).toContain('Version de l’application')
    expect(records).not.toContainEqual(['Workspace', 'My workspace'])
  })

  it('a cancelled export leaves no file behind', async () => {
    const work = await reports.reportExport('candidates-by-source', noFilters, 'xlsx', 'en')
    const slow = {
      ...work,
      write: async (path: string, job: Parameters<typeof work.write>[1]) => {
        const rows = await work.write(path, job)
        job.throwIfCancelled()
        return rows
      },
    }
    const started = reports.startExport(slow)
    workspace.services.jobs.cancel(started.id)
    const job = await workspace.services.jobs.wait(started.id)
    expect(job.status).toBe('cancelled')
    const folder = join(workspace.dataDir, 'tmp', 'exports')
    expect(readdirSync(folder)).toEqual([])
  })

  it('writes to a chosen file with writeTo, and nothing when the folder is missing', async () => {
    const dir = tempDir()
    try {
      const work = await reports.reportExport('candidates-by-source', noFilters, 'pdf', 'en')
      const { rows, bytes } = await reports.writeTo(join(dir.path, 'r.pdf'), work)
      expect(rows).toBe(152)
      expect(readFileSync(join(dir.path, 'r.pdf')).subarray(0, 5).toString()).toBe('%PDF-')
      expect(bytes).toBeGreaterThan(1_000)
      await expect(reports.writeTo(join(dir.path, 'missing', 'r.pdf'), work)).rejects.toThrow(/does not exist/)
      expect(readdirSync(dir.path)).toEqual(['r.pdf'])
    } finally {
      dir.remove()
    }
  })
})
