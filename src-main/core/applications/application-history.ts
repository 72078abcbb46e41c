import type { ApplicationStatus } from '../db/schema'

/** One step of an application's history: where it went, in which status, when and by whom. */
export interface HistoryStep {
  stageId: number
  status: ApplicationStatus
  reason: string
  at: string
  personId: number | null
}

export interface HistoricApplication {
  candidateId: number
  postingId: number
  postingTitle: string
  source: string
  /** Oldest first; the first step is the entry into the first stage, as active. */
  steps: HistoryStep[]
}
