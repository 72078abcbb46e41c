import { randomUUID } from 'node:crypto'
import type { JobDto } from '@contract'
import { systemClock, type Clock } from '../clock'
import { actingCaller } from '../accounts/acting-person'
import { AppError, StoppedWithResultError } from '../errors'

export interface JobContext {
  /** The job's id, as its pollers know it. */
  id: string
  signal: AbortSignal
  /** Reports progress; cheap enough to call per row. */
  progress: (done: number, total?: number | null, message?: string) => void
  /** Throws AppError('cancelled') once the user cancelled; call it between units of work. */
  throwIfCancelled: () => void
  /**
   * The work is past its point of no return (an import that started publishing): a cancel no longer stops it,
   * and the job ends as the work does, even if a cancel came just before.
   */
  uncancellable?: () => void
}

interface Job {
  dto: JobDto
  controller: AbortController
  finished: Promise<void>
  state: { cancellable: boolean }
  /** Who started it on a team server; null elsewhere. */
  ownerId: number | null
}

/** Finished jobs stay readable this long, so a poller that comes back late still sees the outcome. */
const KEEP_FINISHED_MS = 15 * 60_000

/**
 * Runs long operations in the background of the main process and keeps their progress, so any
 * transport (IPC, HTTP, CLI) can poll it and cancel it. Jobs live in memory only.
 */
export class JobRunner {
  private readonly jobs = new Map<string, Job>()

  constructor(private readonly clock: Clock = systemClock) {}

  start(kind: string, work: (context: JobContext) => Promise<unknown>): JobDto {
    this.prune()
    const controller = new AbortController()
    const state = { cancellable: true }
    const dto: JobDto = {
      id: randomUUID(),
      kind,
      status: 'running',
      done: 0,
      total: null,
      message: '',
      startedAt: this.clock.timestamp(),
      finishedAt: null,
      result: null,
      error: null,
    }
    const context: JobContext = {
      id: dto.id,
      signal: controller.signal,
      progress: (done, total, message) => {
        dto.done = done
        if (total !== undefined) dto.total = total
        if (message !== undefined) dto.message = message
      },
      throwIfCancelled: () => {
        if (controller.signal.aborted) throw AppError.of('code_cancelled')
      },
      uncancellable: () => {
        state.cancellable = false
      },
    }
    const finish = (status: JobDto['status'], patch: Partial<JobDto>) => {
      Object.assign(dto, patch, { status, finishedAt: this.clock.timestamp() })
    }
    const finished = Promise.resolve()
      .then(() => work(context))
      .then(
        (result) => finish(controller.signal.aborted && state.cancellable ? 'cancelled' : 'succeeded', { result }),
        (error: unknown) => {
          // A stopped operation that kept part of its work says what it kept.
          const result = error instanceof StoppedWithResultError ? error.result : null
          if (error instanceof AppError && error.code === 'cancelled')
            finish('cancelled', { error: error.toDto(), result })
          else if (error instanceof AppError) finish('failed', { error: error.toDto(), result })
          else {
            console.error(`[job ${kind}]`, error)
            finish('failed', {
              error: AppError.of('job_failed').toDto(),
            })
          }
        },
      )
    this.jobs.set(dto.id, { dto, controller, finished, state, ownerId: actingCaller()?.personId ?? null })
    return { ...dto }
  }

  get(id: string): JobDto {
    return { ...this.require(id).dto }
  }

  cancel(id: string): JobDto {
    const job = this.require(id)
    if (job.dto.status === 'running' && job.state.cancellable) job.controller.abort()
    return { ...job.dto }
  }

  /** Resolves when the job has finished, whatever the outcome. */
  async wait(id: string): Promise<JobDto> {
    const job = this.require(id)
    await job.finished
    return { ...job.dto }
  }

  private require(id: string): Job {
    const job = this.jobs.get(id)
    // On a team server a job is its starter's: anyone else gets the answer of an unknown id.
    const caller = actingCaller()
    if (!job || (caller !== undefined && job.ownerId !== (caller?.personId ?? null))) throw AppError.of('job_unknown')
    return job
  }

  private prune(): void {
    const cutoff = this.clock.now().getTime() - KEEP_FINISHED_MS
    for (const [id, job] of this.jobs) {
      if (job.dto.finishedAt && Date.parse(job.dto.finishedAt) < cutoff) this.jobs.delete(id)
    }
  }
}
