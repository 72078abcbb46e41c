import { z } from 'zod'
import type { ErrorDto } from './result'
import { signedIn } from './access'
import { returns } from './define'

export type JobStatus = 'running' | 'succeeded' | 'failed' | 'cancelled'

/** A long operation (bulk import, big export) that reports progress and can be cancelled. */
export interface JobDto {
  id: string
  kind: string
  status: JobStatus
  done: number
  /** null while the size is unknown */
  total: number | null
  message: string
  startedAt: string
  finishedAt: string | null
  /**
   * The operation's own result once it succeeded, or what a stopped operation committed before it stopped
   * (null when it kept nothing); its shape is the starting channel's business.
   */
  result: unknown
  error: ErrorDto | null
}

const jobId = z.object({ id: z.uuid() }).strict()

export const jobsContract = {
  get: { access: signedIn, input: jobId, output: returns<JobDto>() },
  cancel: { access: signedIn, input: jobId, output: returns<JobDto>() },
}
