import type { DrilldownDto, ReportChartDto, ReportLanguage, ReportTableDto } from '@contract'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import type { ExportTable } from '../exports/table'

export type Localized = Record<ReportLanguage, string>

export const pick = (language: ReportLanguage, text: Localized): string => text[language]

/** The filters after validation, with the instants the SQL compares against. */
export interface ResolvedFilters {
  postingId: number | null
  levelId: number | null
  source: string | null
  from: string | null
  to: string | null
  /** Inclusive start of the date range: `from` at 00:00 UTC, as ISO text. */
  fromInstant: string | null
  /** Exclusive end of the date range: the day after `to` at 00:00 UTC, as ISO text. */
  toInstant: string | null
}

export interface ReportQuery {
  db: Kysely<Database>
  filters: ResolvedFilters
  language: ReportLanguage
  /** When the report is computed: "now" for applications still in a stage. */
  now: string
}

export interface ReportOutput {
  tables: ReportTableDto[]
  chart: ReportChartDto | null
}

export interface ReportDefinition {
  /** kebab-case; the CLI command is `reports NAME`. */
  name: string
  title: Localized
  description: Localized
  run(query: ReportQuery): Promise<ReportOutput>
  /** The applications behind one row's segment (a stage, a source, a week …), a page at a time. */
  drilldown?(query: ReportQuery, segment: string, page: { offset: number; limit: number }): Promise<DrilldownDto>
  /** Tables only exports carry, such as every application behind the report; read page by page. */
  exportTables?(query: ReportQuery): Promise<ExportTable[]>
}
