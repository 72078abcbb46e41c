import type { DrilldownDto, ReportChartDto, ReportLanguage, ReportTableDto } from '@contract'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import type { ExportTable } from '../exports/table'
import { AssessmentReportRepository } from './assessment-repository'
import { CohortRepository } from './cohort-repository'
import type { Labels } from './labels'
import type { ResolvedFilters } from './resolved-filters'
import { PipelineReportRepository } from './pipeline-repository'

export type { ResolvedFilters } from './resolved-filters'

export type Localized = Record<ReportLanguage, string>

/** Every read the reports make; reports hold no SQL of their own. */
export interface ReportRepositories {
  cohort: CohortRepository
  pipeline: PipelineReportRepository
  assessments: AssessmentReportRepository
}

export const reportRepositories = (db: Kysely<Database>): ReportRepositories => ({
  cohort: new CohortRepository(db),
  pipeline: new PipelineReportRepository(db),
  assessments: new AssessmentReportRepository(db),
})

export interface ReportQuery {
  repositories: ReportRepositories
  filters: ResolvedFilters
  language: ReportLanguage
  /** The report's words in `language`. */
  labels: Labels
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
