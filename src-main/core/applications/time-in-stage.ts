import type { ApplicationStatus, TimeInStageDto } from '@contract'

export interface TimedEvent {
  fromStageId: number | null
  toStageId: number
  fromStatus: ApplicationStatus | null
  toStatus: ApplicationStatus
  at: string
}

/**
 * Time an application spent in each stage, from its stage events (oldest first). The clock runs only while
 * the application is active: it stops when it is hired, rejected or withdrawn and restarts if it is reopened.
 * A visit is an entry into a stage, whatever the status.
 */
export function timeInStages(
  events: readonly TimedEvent[],
  stageName: (id: number) => string,
  now: Date,
): TimeInStageDto[] {
  const totals = new Map<number, { ms: number; visits: number }>()
  const entry = (stageId: number) => {
    const known = totals.get(stageId)
    if (known) return known
    const created = { ms: 0, visits: 0 }
    totals.set(stageId, created)
    return created
  }
  let running: { stageId: number; since: number } | null = null
  for (const event of events) {
    const at = Date.parse(event.at)
    if (running) entry(running.stageId).ms += Math.max(0, at - running.since)
    if (event.fromStageId !== event.toStageId || event.fromStatus === null) entry(event.toStageId).visits++
    else entry(event.toStageId)
    running = event.toStatus === 'active' ? { stageId: event.toStageId, since: at } : null
  }
  if (running) entry(running.stageId).ms += Math.max(0, now.getTime() - running.since)
  return [...totals].map(([stageId, total]) => ({
    stageId,
    stageName: stageName(stageId),
    ms: total.ms,
    visits: total.visits,
    current: running?.stageId === stageId,
  }))
}

const DAY_MS = 86_400_000

/** Whole days from entering the stage to now, or to when the application was closed. */
export function daysInStage(stageEnteredAt: string, closedAt: string | null, now: Date): number {
  const end = closedAt === null ? now.getTime() : Date.parse(closedAt)
  return Math.max(0, Math.floor((end - Date.parse(stageEnteredAt)) / DAY_MS))
}
