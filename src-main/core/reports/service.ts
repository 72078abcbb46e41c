import { randomUUID } from 'node:crypto'
import { mkdir, open, readdir, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type {
  DrilldownDto,
  ExportChunkDto,
  ExportFileDto,
  ExportFormat,
  JobDto,
  ReportDto,
  ReportFiltersDto,
  ReportInfoDto,
  ReportLanguage,
} from '@contract'
import { EXPORT_CHUNK_BYTES } from '@contract/reports'
import type { CoreContext } from '../context'
import { actingCaller } from '../accounts/acting-person'
import { requireBeyondInterviews, requireRows, rowNotFound, rowScope } from '../access/row-rules'
import { AppError } from '../errors'
import { writeCsv } from '../exports/csv-writer'
import { writeFileAtomically } from '../exports/output-file'
import type { ChartData } from '../exports/pdf/pdf-charts'
import { NAMED_COLORS } from '../exports/pdf/pdf-document'
import { renderPdfInWorker, writeReportPdf } from '../exports/pdf/run-pdf-worker'
import type { ExportDocument, ExportProgress, ExportTable, Provenance } from '../exports/table'
import { writeXlsx } from '../exports/xlsx-writer'
import type { JobRunner } from '../jobs/job-runner'
import type { WorkspaceService } from '../workspace/service'
import { describeFilters, resolveFilters } from './filters'
import { candidatePacket, comparisonHeatmap, type HandoverSources } from './handover'
import { labelsFor, provenanceNames } from './labels'
import {
  reportRepositories,
  type ReportDefinition,
  type ReportQuery,
  type ReportRepositories,
} from './report-definition'
import { reportDefinitions } from './registry'

export const MIME_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
}

/** Finished exports wait this long for their download, then are removed. */
const KEEP_EXPORTS_MS = 60 * 60_000

interface FinishedExport extends ExportFileDto {
  path: string
  finishedAt: number
  /** Who exported it on a team server; null elsewhere. */
  ownerId: number | null
}

/** Something an export job writes: a report, a candidate packet, a heatmap. */
export interface ExportWork {
  fileName: string
  format: ExportFormat
  write(path: string, job: ExportProgress): Promise<number>
}

export class ReportService {
  private readonly finished = new Map<string, FinishedExport>()
  private readonly repositories: ReportRepositories

  constructor(
    private readonly ctx: CoreContext,
    private readonly workspace: WorkspaceService,
    private readonly jobs: JobRunner,
    private readonly handover: HandoverSources,
    private readonly definitions: readonly ReportDefinition[] = reportDefinitions,
  ) {
    this.repositories = reportRepositories(ctx.db)
  }

  list(language: ReportLanguage): ReportInfoDto[] {
    return this.definitions.map((definition) => ({
      name: definition.name,
      title: definition.title[language],
      description: definition.description[language],
      drilldown: definition.drilldown !== undefined,
    }))
  }

  sources(): Promise<string[]> {
    return this.repositories.cohort.sources()
  }

  private definition(name: string): ReportDefinition {
    const definition = this.definitions.find((candidate) => candidate.name === name)
    if (!definition) {
      const known = this.definitions.map((candidate) => candidate.name).join(', ')
      throw AppError.of('report_unknown', { name, known })
    }
    return definition
  }

  private async query(filters: ReportFiltersDto, language: ReportLanguage): Promise<ReportQuery> {
    // A hiring manager's reports are those of one posting they manage; an interviewer has none.
    requireBeyondInterviews('posting')
    if (rowScope() && filters.postingId === null) throw rowNotFound('posting', '')
    await requireRows(this.ctx.db, 'posting', filters.postingId)
    return {
      repositories: this.repositories,
      filters: await resolveFilters(this.repositories.cohort, filters),
      language,
      labels: labelsFor(language),
      now: this.ctx.clock.timestamp(),
    }
  }

  async run(name: string, filters: ReportFiltersDto, language: ReportLanguage): Promise<ReportDto> {
    const definition = this.definition(name)
    const query = await this.query(filters, language)
    const output = await definition.run(query)
    return {
      name: definition.name,
      title: definition.title[language],
      description: definition.description[language],
      drilldown: definition.drilldown !== undefined,
      filters,
      filtersText: await describeFilters(this.repositories.cohort, filters, language),
      generatedAt: query.now,
      ...output,
    }
  }

  async drilldown(
    name: string,
    filters: ReportFiltersDto,
    segment: string,
    page: { offset: number; limit: number },
    language: ReportLanguage,
  ): Promise<DrilldownDto> {
    const definition = this.definition(name)
    if (!definition.drilldown) throw AppError.of('report_no_drilldown', { name })
    return definition.drilldown(await this.query(filters, language), segment, page)
  }

  async provenance(
    title: string,
    filtersText: string,
    generatedAt: string,
    language: ReportLanguage = 'en',
  ): Promise<Provenance> {
    const info = await this.workspace.info()
    const names = provenanceNames(labelsFor(language))
    return { title, generatedAt, workspace: info.name, filters: filtersText, appVersion: this.ctx.appVersion, names }
  }

  /** A report as an export: its tables (and the big ones only exports carry), the chart for PDF. */
  async reportExport(
    name: string,
    filters: ReportFiltersDto,
    format: ExportFormat,
    language: ReportLanguage,
  ): Promise<ExportWork> {
    const definition = this.definition(name)
    const report = await this.run(name, filters, language)
    const query = await this.query(filters, language)
    const provenance = await this.provenance(report.title, report.filtersText, report.generatedAt, language)
    const tables: ExportTable[] = [
      ...report.tables.map((table) => ({
        title: table.title,
        columns: table.columns,
        rows: table.rows.map((row) => row.cells),
      })),
      ...((await definition.exportTables?.(query)) ?? []),
    ]
    const document: ExportDocument = { provenance, tables }
    return {
      fileName: `${name}-${report.generatedAt.slice(0, 10)}.${format}`,
      format,
      write: (path, job) => {
        if (format === 'csv') return writeCsv(path, document, job)
        if (format === 'xlsx') return writeXlsx(path, document, job)
        return writeReportPdf(
          path,
          this.ctx.resourcesDir,
          { ...document, description: report.description, chart: chartData(report) },
          job,
        )
      },
    }
  }

  /** The candidate packet PDF of one application, for a hiring committee. */
  async packetExport(applicationId: number, language: ReportLanguage = 'en'): Promise<ExportWork> {
    requireBeyondInterviews('application')
    await requireRows(this.ctx.db, 'application', applicationId)
    const generatedAt = this.ctx.clock.timestamp()
    const packet = await candidatePacket(
      this.handover,
      applicationId,
      (title, filters) => this.provenance(title, filters, generatedAt, language),
      language,
    )
    return {
      fileName: `packet-${fileSlug(packet.candidate.name)}-${generatedAt.slice(0, 10)}.pdf`,
      format: 'pdf',
      write: async (path, job) => {
        await renderPdfInWorker({ kind: 'packet', packet }, path, this.ctx.resourcesDir, job)
        return packet.requirements.length
      },
    }
  }

  /** The comparison heatmap PDF of 2 to 20 applicants of a posting. */
  async heatmapExport(
    postingId: number,
    applicationIds: number[],
    language: ReportLanguage = 'en',
  ): Promise<ExportWork> {
    requireBeyondInterviews('posting')
    await requireRows(this.ctx.db, 'posting', postingId)
    await requireRows(this.ctx.db, 'application', applicationIds)
    const generatedAt = this.ctx.clock.timestamp()
    const heatmap = await comparisonHeatmap(
      this.handover,
      postingId,
      applicationIds,
      (title, filters) => this.provenance(title, filters, generatedAt, language),
      language,
    )
    return {
      fileName: `comparison-${postingId}-${generatedAt.slice(0, 10)}.pdf`,
      format: 'pdf',
      write: async (path, job) => {
        await renderPdfInWorker({ kind: 'heatmap', heatmap }, path, this.ctx.resourcesDir, job)
        return heatmap.applicants.length
      },
    }
  }

  /** Writes an export to a file chosen by the caller (the CLI): complete or not at all. */
  async writeTo(path: string, work: ExportWork, job?: ExportProgress): Promise<{ rows: number; bytes: number }> {
    const progress = job ?? { progress: () => undefined, throwIfCancelled: () => undefined }
    let rows = 0
    const bytes = await writeFileAtomically(path, async (temp) => {
      rows = await work.write(temp, progress)
    })
    return { rows, bytes }
  }

  /**
   * Runs an export as a job into the data folder's tmp/exports; the finished file is then fetched in
   * chunks with `download`, over IPC or HTTP alike. Cancelling removes the partial file. The work is
   * prepared (and its filters checked) before, so a bad request fails at once rather than as a job.
   */
  startExport(work: ExportWork): JobDto {
    const folder = join(this.ctx.dataDir, 'tmp', 'exports')
    return this.jobs.start('reports.export', async (job) => {
      await mkdir(folder, { recursive: true })
      await this.prune(folder)
      const exportId = randomUUID()
      const path = join(folder, `${exportId}.${work.format}`)
      const { rows, bytes } = await this.writeTo(path, work, job)
      const result: ExportFileDto = {
        exportId,
        fileName: work.fileName,
        mimeType: MIME_TYPES[work.format],
        size: bytes,
        rows,
      }
      const ownerId = actingCaller()?.personId ?? null
      this.finished.set(exportId, { ...result, path, finishedAt: this.ctx.clock.now().getTime(), ownerId })
      return result
    })
  }

  async download(exportId: string, offset: number): Promise<ExportChunkDto> {
    requireBeyondInterviews('export')
    const caller = actingCaller()
    // On a team server an export is its author's: anyone else gets the answer of an expired one.
    const found = this.finished.get(exportId)
    const file = found && (caller === undefined || found.ownerId === (caller?.personId ?? null)) ? found : undefined
    const size = file
      ? await stat(file.path).then(
          (info) => info.size,
          () => null,
        )
      : null
    if (!file || size === null) throw AppError.of('export_expired')
    if (offset > size) throw AppError.of('export_offset_past_end', { offset })
    const length = Math.min(EXPORT_CHUNK_BYTES, size - offset)
    const buffer = Buffer.alloc(length)
    const handle = await open(file.path, 'r')
    try {
      await handle.read(buffer, 0, length, offset)
    } finally {
      await handle.close()
    }
    const next = offset + length
    return { contentBase64: buffer.toString('base64'), offset, nextOffset: next < size ? next : null, size }
  }

  /** Removes exports older than an hour, and files no job knows about (left by an earlier run). */
  private async prune(folder: string): Promise<void> {
    const cutoff = this.ctx.clock.now().getTime() - KEEP_EXPORTS_MS
    for (const [id, file] of this.finished) {
      if (file.finishedAt < cutoff) {
        this.finished.delete(id)
        await rm(file.path, { force: true })
      }
    }
    const known = new Set([...this.finished.values()].map((file) => file.path))
    for (const name of await readdir(folder)) {
      const path = join(folder, name)
      if (!known.has(path) && (await stat(path)).mtimeMs < cutoff) await rm(path, { force: true })
    }
  }
}

/** A name as a safe, short file-name part: letters and digits (any script), dashes between words. */
const fileSlug = (name: string) =>
  name
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'candidate'

/** The report's chart as data for the PDF: the values of its table's columns, row by row. */
export function chartData(report: ReportDto): ChartData | null {
  const chart = report.chart
  const table = chart ? report.tables.find((candidate) => candidate.id === chart.table) : undefined
  if (!chart || !table) return null
  const label = (key: string) => table.columns.find((column) => column.key === key)?.label ?? key
  return {
    kind: chart.kind,
    format: chart.format,
    ...(chart.colors ? { colors: chart.colors.map((color) => NAMED_COLORS[color]) } : {}),
    categories: table.rows.map((row) => String(row.cells[chart.category] ?? '')),
    series: chart.series.map((key) => ({
      label: label(key),
      values: table.rows.map((row) => {
        const value = row.cells[key]
        return typeof value === 'number' ? value : null
      }),
    })),
  }
}
