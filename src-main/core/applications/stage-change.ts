import type { ApplicationStatus } from '@contract'
import type { Kysely } from 'kysely'
import { recordActivity } from '../activity/activity-log'
import type { ApplicationRow, Database, StageRow } from '../db/schema'
import { minuteOf } from '../assessments/rating-write'
import { AppError } from '../errors'
import { ApplicationRepository } from './repository'

export type ApplicationView = Awaited<ReturnType<ApplicationRepository['views']>>[number]

export type Decide = (
  repo: ApplicationRepository,
  application: ApplicationRow,
) => Promise<{ stage: StageRow; status: ApplicationStatus; reason: string } | null>

/**
 * The conflict a writer gets when the application is no longer where it saw it: who moved it last, to where,
 * and when (to the minute, as the rating conflict says it).
 */
export async function movedMeanwhile(repo: ApplicationRepository, id: number): Promise<AppError> {
  const last = await repo.lastEvent(id)
  const now = { stage: last?.stage_name ?? '—', time: minuteOf(last?.at ?? null) }
  const issues = [{ path: 'fromStageId', message: `the application is now in ${now.stage}` }]
  return last?.person_name
    ? AppError.of('application_moved_meanwhile_by', { name: last.person_name, ...now }, issues)
    : AppError.of('application_moved_meanwhile_at', now, issues)
}

/**
 * A move or status change in the caller's transaction: the application, its stage event and the candidate's
 * history entry. Returns the event's id, or null when `decide` found nothing to change.
 */
export async function changeIn(
  trx: Kysely<Database>,
  actor: number | null,
  at: string,
  id: number,
  decide: Decide,
): Promise<number | null> {
  const repo = new ApplicationRepository(trx)
  const application = await repo.findApplication(id)
  if (!application || application.merged_into_id !== null) {
    throw AppError.of('application_not_found', { id: id })
  }
  const [view] = await repo.views([id])
  if (view?.posting_status === 'closed') {
    throw AppError.of('posting_closed_for_changes', { title: view.posting_title })
  }
  const next = await decide(repo, application)
  if (!next || !view) return null
  const moved = next.stage.id !== application.stage_id
  const reopened = application.status !== 'active' && next.status === 'active'
  const written = await repo.updateApplication(id, application, {
    stageId: next.stage.id,
    status: next.status,
    reason: next.status === 'active' ? '' : next.reason,
    at,
    stageEnteredAt: moved || reopened ? at : application.stage_entered_at,
    closedAt: next.status === 'active' ? null : at,
  })
  if (!written) throw await movedMeanwhile(repo, id)
  const eventId = await repo.insertEvent({
    applicationId: id,
    fromStageId: application.stage_id,
    toStageId: next.stage.id,
    fromStatus: application.status,
    toStatus: next.status,
    reason: next.reason,
    personId: actor,
    at,
  })
  await recordActivity(trx, {
    personId: actor,
    entityType: 'candidate',
    entityId: application.candidate_id,
    at,
    action:
      next.status === application.status
        ? 'application_moved'
        : next.status === 'active'
          ? 'application_reopened'
          : `application_${next.status}`,
    detail: {
      applicationId: id,
      postingId: application.posting_id,
      postingTitle: view.posting_title,
      from: view.stage_name,
      to: next.stage.name,
      ...(next.reason ? { reason: next.reason } : {}),
    },
  })
  return eventId
}
