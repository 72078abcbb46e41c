import { z } from 'zod'
import { byId, empty, fileUpload, id, type FileDownloadDto } from './common'
import { hiringTeam, panel } from './access'
import { returns } from './define'
import {
  kitLanguages,
  scorecardContentSchema,
  type InterviewBriefDto,
  type ScorecardContentDto,
  type ScorecardDto,
  type ScorecardImportResultDto,
  type ScorecardPageDto,
} from './interviews'

/** Same limits as the core's file readers; a bigger upload is refused before it is read. */
export const PACKET_UPLOAD_MAX_BYTES = 5 * 1_048_576
export const SCORECARD_UPLOAD_MAX_BYTES = 1_048_576

/** A packet from another workspace, opened here so that its interviewer can fill and export the scorecard. */
export interface ExternalInterviewSummaryDto {
  id: number
  candidateName: string
  postingTitle: string
  stepName: string
  interviewerName: string
  scheduledAt: string
  sourceWorkspaceName: string
  openedAt: string
  updatedAt: string
  exportedAt: string | null
  /** How many changed versions were exported; 0 before the first export. */
  revision: number
  /** True when the scorecard changed after its last export (or was never exported). */
  changedSinceExport: boolean
}

export interface ExternalInterviewDto extends ExternalInterviewSummaryDto {
  brief: InterviewBriefDto
  /** One entry per focus item, in the brief's order. */
  content: ScorecardContentDto
}

const interviewId = z.object({ interviewId: id }).strict()

export const scorecardsContract = {
  get: {
    access: panel,
    input: z.object({ interviewId: id, reveal: z.boolean().default(false) }).strict(),
    output: returns<ScorecardPageDto>(),
  },
  /** The autosave: creates or updates the interviewer's draft. */
  saveDraft: {
    access: panel,
    input: z.object({ interviewId: id, content: scorecardContentSchema }).strict(),
    output: returns<ScorecardDto>(),
  },
  /** Saves and locks the draft; a recommendation is required. */
  submit: {
    access: panel,
    input: z.object({ interviewId: id, content: scorecardContentSchema }).strict(),
    output: returns<ScorecardDto>(),
  },
  /** Starts a new version from the latest submitted one; the submitted one is kept. */
  amend: { access: panel, input: interviewId, output: returns<ScorecardDto>() },
  /** Drops an amendment that was not submitted. */
  discardAmendment: { access: panel, input: interviewId, output: returns<{ interviewId: number }>() },
  /** A scorecard file filled from one of this workspace's packets. */
  import: {
    access: hiringTeam,
    input: z.object({ file: fileUpload(SCORECARD_UPLOAD_MAX_BYTES) }).strict(),
    output: returns<ScorecardImportResultDto>(),
  },
  openPacket: {
    access: hiringTeam,
    input: z.object({ file: fileUpload(PACKET_UPLOAD_MAX_BYTES) }).strict(),
    output: returns<ExternalInterviewDto>(),
  },
  externalList: { access: hiringTeam, input: empty, output: returns<ExternalInterviewSummaryDto[]>() },
  external: { access: hiringTeam, input: byId, output: returns<ExternalInterviewDto>() },
  /** The autosave of a scorecard being filled from a packet. */
  saveExternal: {
    access: hiringTeam,
    input: z.object({ id, content: scorecardContentSchema }).strict(),
    output: returns<ExternalInterviewDto>(),
  },
  /** The scorecard file to send back; needs a recommendation. */
  exportExternal: { access: hiringTeam, input: byId, output: returns<FileDownloadDto>() },
  externalKit: {
    access: hiringTeam,
    input: z.object({ id, language: z.enum(kitLanguages).default('en') }).strict(),
    output: returns<FileDownloadDto>(),
  },
  removeExternal: { access: hiringTeam, input: byId, output: returns<{ id: number }>() },
}
