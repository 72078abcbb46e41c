import type { Kysely } from 'kysely'
import { recordActivity } from '../activity/activity-log'
import type { Database, StageRow } from '../db/schema'
import { AppError } from '../errors'
import { ApplicationRepository } from './repository'

/** The posting must exist and not be closed; checked before any work (reading a résumé) is done. */
export async function requireOpenPosting(db: Kysely<Database>, postingId: number) {
  const posting = await new ApplicationRepository(db).findPosting(postingId)
  if (!posting) throw AppError.of('posting_not_found', { id: postingId })
  if (posting.status === 'closed') {
    throw AppError.of('posting_closed_for_candidates', { title: posting.title })
  }
  return posting
}

/** A live stage of the posting that active applications may sit in. */
export function checkOpenStage(stage: StageRow | undefined, postingId: number, stageId: number): StageRow {
  if (!stage || stage.archived_at !== null || stage.posting_id !== postingId) {
    throw AppError.of('stage_not_in_posting', { id: stageId }, [
      { path: 'stageId', message: 'not a stage of this posting' },
    ])
  }
  return stage
}

/**
 * Applies a candidate to a posting, in the caller's transaction: the application enters the given stage (or
 * the first one), its first stage event and a history entry are written. A candidate who already applied is
 * left as is (`added: false`).
 */
export async function applyToPosting(
  trx: Kysely<Database>,
  input: { candidateId: number; postingId: number; stageId?: number | undefined; source: string },
  actor: number | null,
  at: string,
): Promise<{ id: number; added: boolean }> {
  const repo = new ApplicationRepository(trx)
  const posting = await requireOpenPosting(trx, input.postingId)
  const candidate = await repo.findCandidateErasure(input.candidateId)
  if (candidate?.erased_at) throw AppError.of('candidate_erased_cannot_apply', { id: input.candidateId })
  const existing = await repo.findLive(input.candidateId, input.postingId)
  if (existing) return { id: existing.id, added: false }
  const stages = await repo.liveStages(input.postingId)
  const stage =
    input.stageId === undefined
      ? stages.find((entry) => entry.kind === 'open')
      : checkOpenStage(await repo.findStage(input.stageId), input.postingId, input.stageId)
  if (!stage) throw AppError.of('posting_no_stage', { title: posting.title })
  if (stage.kind === 'hired') {
    throw AppError.of('application_start_hired', { stage: stage.name }, [
      { path: 'stageId', message: 'the hired stage' },
    ])
  }
  // An application made without its own source keeps where the candidate came from, so the Sources report
  // counts it there instead of under "(no source)".
  const source = input.source.trim() || ((await repo.findCandidates([input.candidateId]))[0]?.source ?? '')
  const id = await repo.insertApplication({ ...input, source, stageId: stage.id, actor, at })
  await repo.insertEvent({
    applicationId: id,
    fromStageId: null,
    toStageId: stage.id,
    fromStatus: null,
    toStatus: 'active',
    reason: '',
    personId: actor,
    at,
  })
  await recordActivity(trx, {
    personId: actor,
    entityType: 'candidate',
    entityId: input.candidateId,
    action: 'application_added',
    at,
    detail: { applicationId: id, postingId: posting.id, postingTitle: posting.title, stage: stage.name },
  })
  return { id, added: true }
}
