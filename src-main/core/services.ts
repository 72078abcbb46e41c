import { ApplicationService } from './applications/service'
import type { CoreContext } from './context'
import { openDatabase } from './db/connection'
import { AssessmentService } from './assessments/service'
import { CsvImportService } from './candidates/csv-import'
import { CandidateService } from './candidates/service'
import { DemoService } from './demo/demo-service'
import { ExternalInterviewService } from './interviews/external-service'
import { InterviewPlanService } from './interviews/plan-service'
import { ScorecardService } from './interviews/scorecard-service'
import { InterviewService } from './interviews/service'
import { JobRunner } from './jobs/job-runner'
import { LadderService } from './ladders/service'
import { PostingService } from './postings/service'
import { PrivacyService } from './privacy/service'
import { ReportService } from './reports/service'
import { StageService } from './stages/service'
import { WorkspaceService } from './workspace/service'

export function createServices(ctx: CoreContext) {
  const workspace = new WorkspaceService(ctx)
  const ladders = new LadderService(ctx, workspace)
  const candidates = new CandidateService(ctx, workspace)
  const postings = new PostingService(ctx, workspace)
  const jobs = new JobRunner()
  const interviews = new InterviewService(ctx, workspace)
  const assessments = new AssessmentService(ctx, workspace)
  return {
    workspace,
    ladders,
    postings,
    candidates,
    stages: new StageService(ctx, workspace),
    applications: new ApplicationService(ctx, workspace),
    assessments,
    interviewPlans: new InterviewPlanService(ctx, workspace),
    interviews,
    scorecards: new ScorecardService(ctx, workspace, interviews),
    externalInterviews: new ExternalInterviewService(ctx, workspace),
    csvImport: new CsvImportService(ctx, workspace, jobs),
    demo: new DemoService(ctx, workspace, ladders, postings),
    reports: new ReportService(ctx, workspace, jobs, { assessments, candidates, interviews }),
    privacy: new PrivacyService(ctx, workspace),
    jobs,
  }
}

export type Services = ReturnType<typeof createServices>

export interface OpenWorkspaceOptions {
  dataDir: string
  resourcesDir: string
  appVersion: string
  /** Desktop and web mode greet a new user with the demo workspace; the CLI and tests do not. */
  demoOnFirstRun: boolean
  /** The app (not the CLI) checks the retention policy at start, erasing who is due if the owner chose so. */
  applyRetentionPolicy?: boolean
}

export interface OpenWorkspace {
  services: Services
  context: CoreContext
  close(): Promise<void>
}

export async function openWorkspace(options: OpenWorkspaceOptions): Promise<OpenWorkspace> {
  const opened = await openDatabase(options.dataDir)
  const context: CoreContext = {
    db: opened.db,
    sqlite: opened.sqlite,
    dataDir: options.dataDir,
    resourcesDir: options.resourcesDir,
    appVersion: options.appVersion,
  }
  try {
    const services = createServices(context)
    const firstRun = await services.workspace.ensure()
    if (firstRun && options.demoOnFirstRun) await services.demo.init()
    // An erasure interrupted by a crash left files to remove: finish it before anything else runs.
    await services.privacy.finishPendingErasures()
    if (options.applyRetentionPolicy) await services.privacy.apply({ confirmed: false })
    return { services, context, close: () => opened.close() }
  } catch (error) {
    await opened.close()
    throw error
  }
}
