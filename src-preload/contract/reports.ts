import { z } from 'zod'
import { id, isoDate } from './common'
import { MAX_COMPARE } from './assessments'
import { hiringTeam } from './access'
import { returns } from './define'
import type { JobDto } from './jobs'

import { exportFormats, reportLanguages } from './closed-lists'

export { exportFormats, reportLanguages, type ExportFormat, type ReportLanguage } from './closed-lists'

export type ReportColumnType = 'text' | 'integer' | 'number' | 'percent' | 'days' | 'date'
export type ReportChartKind = 'bar' | 'stacked-bar' | 'horizontal-bar' | 'stacked-horizontal-bar' | 'line'
/** Semantic colours, for charts whose series mean good to bad (ratings); others use the default order. */
export type ReportChartColor = 'blue' | 'orange' | 'teal' | 'red' | 'violet' | 'gray' | 'green' | 'yellow'
export type ReportValueFormat = 'integer' | 'number' | 'percent' | 'days'
export type ReportCell = string | number | null

export interface ReportInfoDto {
  name: string
  title: string
  description: string
  /** Whether a bar or row opens the applications behind it. */
  drilldown: boolean
}

export interface ReportColumnDto {
  key: string
  label: string
  type: ReportColumnType
}

export interface ReportRowDto {
  cells: Record<string, ReportCell>
  /** The drill-down key of this row (a stage, a source, a week …), or null when it has none. */
  segment: string | null
}

export interface ReportTableDto {
  id: string
  title: string
  columns: ReportColumnDto[]
  rows: ReportRowDto[]
}

/** A chart over one table: one bar or point per row, one series per listed column. */
export interface ReportChartDto {
  kind: ReportChartKind
  table: string
  category: string
  series: string[]
  format: ReportValueFormat
  /** One per series, when the default order would mislead. */
  colors?: ReportChartColor[]
}

export interface ReportFiltersDto {
  postingId: number | null
  levelId: number | null
  source: string | null
  from: string | null
  to: string | null
}

export interface ReportDto extends ReportInfoDto {
  filters: ReportFiltersDto
  /** The filters in words, as every export states them. */
  filtersText: string
  generatedAt: string
  tables: ReportTableDto[]
  chart: ReportChartDto | null
}

/** One application behind a bar or row of a report. */
export interface DrilldownRowDto {
  applicationId: number
  candidateId: number
  candidateName: string
  postingId: number
  postingTitle: string
  stage: string
  status: string
  source: string
  appliedAt: string
}

export interface DrilldownDto {
  /** What the rows are, e.g. "Reached Interview". */
  title: string
  rows: DrilldownRowDto[]
  total: number
  offset: number
}

/** A finished export waiting to be downloaded with `reports:download`. */
export interface ExportFileDto {
  exportId: string
  fileName: string
  mimeType: string
  size: number
  rows: number
}

export interface ExportChunkDto {
  contentBase64: string
  offset: number
  /** Where the next chunk starts; null after the last one. */
  nextOffset: number | null
  size: number
}

/** At most this many bytes per download call: bounded memory on both ends, whatever the file's size. */
export const EXPORT_CHUNK_BYTES = 1_048_576

export { isoDate }

export const reportFilters = z
  .object({
    postingId: id.nullable().default(null),
    levelId: id.nullable().default(null),
    source: z
      .string()
      .trim()
      .max(100, 'Too long (at most 100 characters)')
      .nullable()
      .default(null)
      .transform((value) => (value === '' ? null : value)),
    from: isoDate.nullable().default(null),
    to: isoDate.nullable().default(null),
  })
  .strict()
  .refine((value) => value.from === null || value.to === null || value.from <= value.to, {
    message: 'The start date is after the end date',
    path: ['from'],
  })

const reportName = z.string().regex(/^[a-z][a-z-]{0,40}$/, 'Not a report name')
const language = z.enum(reportLanguages).default('en')

export const reportsContract = {
  list: { access: hiringTeam, input: z.object({ language }).strict(), output: returns<ReportInfoDto[]>() },
  /** The application sources in use, for the source filter. */
  sources: { access: hiringTeam, input: z.object({}).strict(), output: returns<string[]>() },
  run: {
    access: hiringTeam,
    input: z.object({ name: reportName, filters: reportFilters, language }).strict(),
    output: returns<ReportDto>(),
  },
  drilldown: {
    access: hiringTeam,
    input: z
      .object({
        name: reportName,
        filters: reportFilters,
        segment: z.string().min(1).max(300),
        offset: z.number().int().nonnegative().max(10_000_000).default(0),
        limit: z.number().int().min(1).max(200).default(50),
        language,
      })
      .strict(),
    output: returns<DrilldownDto>(),
  },
  export: {
    access: hiringTeam,
    input: z.object({ name: reportName, filters: reportFilters, format: z.enum(exportFormats), language }).strict(),
    output: returns<JobDto>(),
  },
  /** The candidate packet PDF of one application, as an export job. */
  packet: { access: hiringTeam, input: z.object({ applicationId: id, language }).strict(), output: returns<JobDto>() },
  /** The comparison heatmap PDF of 2 to 20 applicants of a posting, as an export job. */
  heatmap: {
    access: hiringTeam,
    input: z
      .object({
        postingId: id,
        applicationIds: z
          .array(id)
          .min(2, 'Compare at least 2 applicants')
          .max(MAX_COMPARE, `Compare at most ${MAX_COMPARE} applicants`),
        language,
      })
      .strict(),
    output: returns<JobDto>(),
  },
  download: {
    access: hiringTeam,
    input: z.object({ exportId: z.uuid(), offset: z.number().int().nonnegative() }).strict(),
    output: returns<ExportChunkDto>(),
  },
}
