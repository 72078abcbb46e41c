import { applicationHandlers, stageHandlers } from './applications'
import { assessmentHandlers } from './assessments'
import { homeHandlers } from './home'
import { messageHandlers } from './messages'
import { candidateHandlers } from './candidates'
import type { AppHandlers } from './context'
import { interviewHandlers } from './interviews'
import { jobHandlers } from './jobs'
import { ladderHandlers } from './ladders'
import { postingHandlers } from './postings'
import { privacyHandlers } from './privacy'
import { scorecardHandlers } from './scorecards'
import { reportHandlers } from './reports'
import { viewHandlers } from './views'
import { peopleHandlers, workspaceHandlers } from './workspace'
import { accountHandlers, sessionHandlers } from './session'

/** One handler per contract channel: a missing or extra one fails the typecheck. */
export const handlers = {
  workspace: workspaceHandlers,
  people: peopleHandlers,
  ladders: ladderHandlers,
  candidates: candidateHandlers,
  postings: postingHandlers,
  stages: stageHandlers,
  applications: applicationHandlers,
  assessments: assessmentHandlers,
  interviews: interviewHandlers,
  scorecards: scorecardHandlers,
  jobs: jobHandlers,
  reports: reportHandlers,
  home: homeHandlers,
  messages: messageHandlers,
  privacy: privacyHandlers,
  views: viewHandlers,
  session: sessionHandlers,
  accounts: accountHandlers,
} satisfies AppHandlers

export type { HandlerContext } from './context'
