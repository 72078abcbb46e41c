import { assessmentReports } from './assessment-reports'
import { pipelineReports } from './pipeline-reports'
import type { ReportDefinition } from './report-definition'

/** Every report, in menu order; the CLI offers `reports NAME` for each. */
export const reportDefinitions: readonly ReportDefinition[] = [...pipelineReports, ...assessmentReports]
