import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import type { HistoricApplication, HistoryStep } from './application-history'

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
 * Writes one application with its whole past, as `ApplicationBulkWriter` does, through Kysely on either
 * database: for the demo's few applicants. Run it inside the caller's transaction.
 */
export async function insertApplicationRows(db: Kysely<Database>, application: HistoricApplication): Promise<number> {
  const { steps } = application
  const first = steps[0]
  const last = steps.at(-1)
  if (!first || !last) throw new Error('An application needs at least its first step.')
  const { name_key } = await db
    .selectFrom('candidates')
    .select('name_key')
    .where('id', '=', application.candidateId)
    .executeTakeFirstOrThrow()
  const { id } = await db
    .insertInto('applications')
    .values({
      candidate_id: application.candidateId,
      name_key,
      posting_id: application.postingId,
      stage_id: last.stageId,
      status: last.status,
      reason: last.status === 'active' ? '' : last.reason,
      source: application.source,
      created_at: first.at,
      created_by: first.personId,
      updated_at: last.at,
      stage_entered_at: stageEnteredAt(steps),
      closed_at: last.status === 'active' ? null : last.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db
    .insertInto('stage_events')
    .values(
      steps.map((step, index) => ({
        application_id: id,
        from_stage_id: steps[index - 1]?.stageId ?? null,
        to_stage_id: step.stageId,
        from_status: steps[index - 1]?.status ?? null,
        to_status: step.status,
        reason: step.reason,
        person_id: step.personId,
        at: step.at,
      })),
    )
    .execute()
  await db
    .insertInto('activity')
    .values({
      at: first.at,
      person_id: first.personId,
      entity_type: 'candidate',
      entity_id: application.candidateId,
      action: 'application_added',
      detail: JSON.stringify({
        applicationId: id,
        postingId: application.postingId,
        postingTitle: application.postingTitle,
      }),
    })
    .execute()
  return id
}
