import type { Kysely } from 'kysely'
import { recordActivity } from '../activity/activity-log'
import type { Database } from '../db/schema'
import type { HistoricApplication, HistoryStep } from './application-history'
import { ApplicationRepository } from './repository'

/** When the application entered the stage it ends in: the last change of stage, or the last reopening. */
export function stageEnteredAt(steps: readonly HistoryStep[]): string {
  let enteredAt = steps[0]?.at ?? ''
  for (const [index, step] of steps.entries()) {
    const previous = steps[index - 1]
    if (previous && (previous.stageId !== step.stageId || (previous.status !== 'active' && step.status === 'active')))
      enteredAt = step.at
  }
  return enteredAt
}

/**
 * Writes one application with its whole past, as `ApplicationBulkWriter` does, through the repository's inserts
 * on either database: for the demo's few applicants. Run it inside the caller's transaction.
 */
export async function insertApplicationRows(db: Kysely<Database>, application: HistoricApplication): Promise<number> {
  const { steps } = application
  const first = steps[0]
  const last = steps.at(-1)
  if (!first || !last) throw new Error('An application needs at least its first step.')
  const repo = new ApplicationRepository(db)
  const id = await repo.insertApplicationRow({
    candidateId: application.candidateId,
    postingId: application.postingId,
    stageId: last.stageId,
    status: last.status,
    reason: last.status === 'active' ? '' : last.reason,
    source: application.source,
    createdAt: first.at,
    createdBy: first.personId,
    updatedAt: last.at,
    stageEnteredAt: stageEnteredAt(steps),
    closedAt: last.status === 'active' ? null : last.at,
  })
  await repo.insertEvents(
    steps.map((step, index) => ({
      applicationId: id,
      fromStageId: steps[index - 1]?.stageId ?? null,
      toStageId: step.stageId,
      fromStatus: steps[index - 1]?.status ?? null,
      toStatus: step.status,
      reason: step.reason,
      personId: step.personId,
      at: step.at,
    })),
  )
  await recordActivity(db, {
    personId: first.personId,
    entityType: 'candidate',
    entityId: application.candidateId,
    action: 'application_added',
    at: first.at,
    detail: { applicationId: id, postingId: application.postingId, postingTitle: application.postingTitle },
  })
  return id
}
