import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { AccountService } from './accounts/service'
import { ApplicationService } from './applications/service'
import { systemClock, type Clock } from './clock'
import type { ContextDatabase, CoreContext } from './context'
import { openDatabase, otherHolders } from './db/connection'
import { AssessmentService } from './assessments/service'
import { CsvImportService } from './candidates/csv-import'
import { CandidateService } from './candidates/service'
import { DemoService } from './demo/demo-service'
import { HomeService } from './home/service'
import { MessageService } from './messages/service'
import { DocumentFileService } from './candidates/document-file'
import { ExternalInterviewService } from './interviews/external-service'
import { InterviewPlanService } from './interviews/plan-service'
import { ScorecardService } from './interviews/scorecard-service'
import { InterviewService } from './interviews/service'
import { databaseFileStore, folderFileStore } from './files/file-store'
import { JobRunner } from './jobs/job-runner'
import { LadderService } from './ladders/service'
import { PostingService } from './postings/service'
import { PrivacyService } from './privacy/service'
import { ReportService } from './reports/service'
import { StageService } from './stages/service'
import { ViewService } from './views/service'
import { WorkspaceService } from './workspace/service'

export function createServices(ctx: CoreContext) {
  const workspace = new WorkspaceService(ctx)
  const ladders = new LadderService(ctx, workspace)
  const candidates = new CandidateService(ctx, workspace)
  const postings = new PostingService(ctx, workspace)
  const jobs = new JobRunner(ctx.clock)
  const interviews = new InterviewService(ctx, workspace)
  const assessments = new AssessmentService(ctx, workspace)
  return {
    workspace,
    ladders,
    postings,
    candidates,
    stages: new StageService(ctx, workspace),
    home: new HomeService(ctx, workspace),
    messages: new MessageService(ctx, workspace),
    applications: new ApplicationService(ctx, workspace),
    assessments,
    interviewPlans: new InterviewPlanService(ctx, workspace),
    interviews,
    scorecards: new ScorecardService(ctx, workspace, interviews),
    externalInterviews: new ExternalInterviewService(ctx, workspace),
    csvImport: new CsvImportService(ctx, workspace, jobs),
    documentFiles: new DocumentFileService(ctx),
    demo: new DemoService(ctx, workspace, ladders, postings, interviews),
    reports: new ReportService(ctx, workspace, jobs, { assessments, candidates, interviews }),
    privacy: new PrivacyService(ctx, workspace, () => assessments.forgetSuggestions()),
    views: new ViewService(ctx, workspace),
    accounts: new AccountService(ctx, workspace),
    jobs,
  }
}

export type Services = ReturnType<typeof createServices>

export interface OpenWorkspaceOptions {
  /** The local workspace's folder; on PostgreSQL, the folder of its files (résumés, exports, uploads). */
  dataDir: string
  /**
   * Runs the workspace on this PostgreSQL database instead of the folder's SQLite file (the CLI's and web
   * mode's --database, the tests); `dataDir` is then a scratch folder (see `workspacePlace`).
   */
  postgresUrl?: string
  resourcesDir: string
  appVersion: string
  /**
   * Fill a new workspace with the plain demo, acting as its first person, without asking (scripted web mode and
   * tests). Desktop and web mode leave it empty: the renderer's first-run question does the rest.
   */
  demoOnFirstRun: boolean
  /** Who this process is, for the message another process shows when it finds the database busy. */
  holder?: string
  /** Tests shorten how long a write waits for another process's write. */
  busyTimeoutMs?: number
  /** A long-lived process (the app, web mode, the bench) checkpoints a local workspace in a worker thread. */
  checkpointInBackground?: boolean
  /** The app (not the CLI) checks the retention policy at start, erasing who is due if the owner chose so. */
  applyRetentionPolicy?: boolean
  /** Tests fix time here; everything else runs on the system clock. */
  clock?: Clock
}

export interface OpenWorkspace {
  services: Services
  context: CoreContext
  close(): Promise<void>
}

export async function openWorkspace(options: OpenWorkspaceOptions): Promise<OpenWorkspace> {
  // Everything this process creates (database, résumés, backups, exports, uploads) is its owner's alone.
  if (process.platform !== 'win32') process.umask(0o077)
  const opened = await openContextDatabase(options)
  const clock = options.clock ?? systemClock
  const context: CoreContext = {
    ...opened.connection,
    dataDir: options.dataDir,
    files:
      opened.connection.dialect === 'postgres'
        ? databaseFileStore(opened.connection.db, clock)
        : folderFileStore(options.dataDir),
    resourcesDir: options.resourcesDir,
    appVersion: options.appVersion,
    clock,
  }
  // Uploads left by a run that ended mid-import; only when no other process may still be using one.
  if (otherHolders(options.dataDir).length === 0)
    rmSync(join(options.dataDir, 'tmp', 'imports'), { recursive: true, force: true })
  try {
    const services = createServices(context)
    const firstRun = await services.workspace.ensure()
    await services.candidates.normaliseStoredPhones()
    if (firstRun && options.demoOnFirstRun) await services.demo.init()
    // An erasure interrupted by a crash left files to remove: finish it before anything else runs.
    await services.privacy.finishPendingErasures()
    // An all-or-nothing import cut short (a crash, a lost connection): removed if it was staging, finished if it
    // was publishing.
    await services.csvImport.settleAbandonedImports()
    if (options.applyRetentionPolicy) await services.privacy.apply({ confirmed: false })
    const close = async () => {
      await services.privacy.stop()
      await opened.close()
    }
    return { services, context, close }
  } catch (error) {
    await opened.close()
    throw error
  }
}

async function openContextDatabase(options: OpenWorkspaceOptions): Promise<{
  connection: ContextDatabase
  close(): Promise<void>
}> {
  if (options.postgresUrl !== undefined) {
    mkdirSync(options.dataDir, { recursive: true, mode: 0o700 })
    // Loaded on demand: a local workspace never loads the PostgreSQL driver.
    const { openPostgresDatabase } = await import('./db/postgres')
    const opened = await openPostgresDatabase(options.postgresUrl)
    return { connection: { dialect: 'postgres', db: opened.db }, close: () => opened.close() }
  }
  const opened = await openDatabase(options.dataDir, {
    holder: options.holder,
    busyTimeoutMs: options.busyTimeoutMs,
    checkpointInBackground: options.checkpointInBackground,
  })
  return { connection: { dialect: 'sqlite', db: opened.db, sqlite: opened.sqlite }, close: () => opened.close() }
}
