import type { ApiOf, ChannelName, ContractSpec, HandlersOf } from './define'
import { applicationsContract, stagesContract } from './applications'
import { homeContract } from './home'
import { messagesContract } from './messages'
import { assessmentsContract } from './assessments'
import { candidatesContract } from './candidates'
import { interviewsContract } from './interviews'
import { jobsContract } from './jobs'
import { laddersContract } from './ladders'
import { postingsContract } from './postings'
import { privacyContract } from './privacy'
import { scorecardsContract } from './scorecards'
import { reportsContract } from './reports'
import { viewsContract } from './views'
import { peopleContract, workspaceContract } from './workspace'
import { accountsContract, sessionContract } from './session'

/** Every channel of the app, as `'<domain>:<action>'`; main, preload and renderer derive their types from it. */
export const contract = {
  workspace: workspaceContract,
  people: peopleContract,
  ladders: laddersContract,
  candidates: candidatesContract,
  postings: postingsContract,
  stages: stagesContract,
  applications: applicationsContract,
  assessments: assessmentsContract,
  interviews: interviewsContract,
  scorecards: scorecardsContract,
  jobs: jobsContract,
  reports: reportsContract,
  home: homeContract,
  messages: messagesContract,
  privacy: privacyContract,
  views: viewsContract,
  session: sessionContract,
  accounts: accountsContract,
} satisfies ContractSpec

export type Contract = typeof contract
export type Domain = keyof Contract
export type Channel = ChannelName<Contract>
export type Api = ApiOf<Contract>
export type Handlers<Context> = HandlersOf<Contract, Context>

export type { Result, ErrorCode, ErrorDto, IssueDto } from './result'
export type { ErrorKey, ErrorParams } from './error-messages'
export type { FileDownloadDto } from './common'
export type * from './applications'
export type * from './home'
export type * from './messages'
export type * from './assessments'
export type * from './candidates'
export type * from './documents-extract'
export type * from './text-encodings'
export type * from './interviews'
export type * from './jobs'
export type * from './ladders'
export type * from './postings'
export type * from './privacy'
export type * from './posting-parse'
export type * from './scorecards'
export type * from './reports'
export type * from './workspace'
export type * from './views'
export type * from './session'
