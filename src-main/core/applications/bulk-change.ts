import {
  BULK_MAX,
  type BulkAction,
  type BulkResultDto,
  type BulkSkipDto,
  type UndoResultDto,
  type UndoTokenDto,
} from '@contract/applications'
import type { Kysely } from 'kysely'
import { recordActivity } from '../activity/activity-log'
import type { Database } from '../db/schema'
import { AppError } from '../errors'
import { matchingIds, type BulkFilter } from './applicant-list'
import { applyToPosting, checkOpenStage, requireOpenPosting } from './apply-to-posting'
import { ApplicationRepository } from './repository'
import { changeIn, movedMeanwhile, type ApplicationView } from './stage-change'

export interface BulkInput {
  postingId: number
  ids?: number[] | undefined
  filter?: BulkFilter | undefined
  action: BulkAction
}

const SKIPPED_SHOWN = 50

/**
 * One change to many applications of a posting, in one transaction: the ones listed, or all matching the
 * filter. Applications the change does not apply to (already rejected, already there) are skipped and said
 * why; an error on any other one undoes the whole change.
 */
export async function bulkChange(
  db: Kysely<Database>,
  actor: number | null,
  at: string,
  input: BulkInput,
): Promise<BulkResultDto> {
  const ids =
    input.ids ?? (await matchingIds(db, input.postingId, input.filter ?? { source: '', text: '', atLeast: [] }))
  if (ids.length > BULK_MAX) {
    throw AppError.of('bulk_too_many', { count: ids.length, max: BULK_MAX }, [
      { path: 'ids', message: `at most ${BULK_MAX}`, key: 'v_too_many', params: { maximum: BULK_MAX } },
    ])
  }
  const action = input.action
  return db.transaction().execute(async (trx) => {
    const repo = new ApplicationRepository(trx)
    const views = await repo.views(ids)
    const found = new Map(views.map((view) => [view.id, view]))
    const missing = ids.filter(
      (applicationId) => !found.get(applicationId) || found.get(applicationId)?.merged_into_id !== null,
    )
    const foreign = views.filter((view) => view.posting_id !== input.postingId)
    if (missing.length > 0 || foreign.length > 0) {
      throw AppError.of('bulk_not_of_posting', {
        ids: [...missing, ...foreign.map((view) => view.id)].slice(0, 5).join(', '),
      })
    }
    const skipped: BulkSkipDto[] = []
    const skip = (view: ApplicationView, why: string) =>
      skipped.push({ applicationId: view.id, name: view.candidate_name, why })
    let changed = 0
    if (action.kind === 'tag') {
      const added = await repo.addTag(
        views.map((view) => view.candidate_id),
        action.tag,
      )
      const addedSet = new Set(added)
      for (const view of views) if (!addedSet.has(view.candidate_id)) skip(view, `already tagged "${action.tag}"`)
      await recordActivity(trx, {
        personId: actor,
        entityType: 'posting',
        entityId: input.postingId,
        action: 'applications_tagged',
        at,
        detail: { candidateIds: added.slice(0, 1000), count: added.length },
      })
      changed = added.length
      return {
        matched: views.length,
        changed,
        skipped: skipped.slice(0, SKIPPED_SHOWN),
        skippedCount: skipped.length,
        undo:
          added.length > 0
            ? { kind: 'tags', entries: added.map((candidateId) => ({ candidateId, tag: action.tag })) }
            : null,
      }
    }
    if (action.kind === 'addToPosting') {
      if (action.postingId === input.postingId) {
        throw AppError.of('choose_other_posting', {}, [{ path: 'action.postingId', message: 'the same posting' }])
      }
      await requireOpenPosting(trx, action.postingId)
      for (const view of views) {
        const result = await applyToPosting(
          trx,
          { candidateId: view.candidate_id, postingId: action.postingId, source: '' },
          actor,
          at,
        )
        if (result.added) changed++
        else skip(view, 'already applied to that posting')
      }
      return {
        matched: views.length,
        changed,
        skipped: skipped.slice(0, SKIPPED_SHOWN),
        skippedCount: skipped.length,
        undo: null,
      }
    }
    const entries: { applicationId: number; eventId: number }[] = []
    for (const view of views) {
      if (view.status !== 'active') {
        skip(view, `already ${view.status}`)
        continue
      }
      const eventId = await changeIn(trx, actor, at, view.id, async (inner, application) => {
        if (action.kind === 'move') {
          const stage = checkOpenStage(await inner.findStage(action.stageId), application.posting_id, action.stageId)
          if (stage.id === application.stage_id) return null
          return { stage, status: stage.kind === 'hired' ? 'hired' : 'active', reason: '' }
        }
        const stage = (await inner.liveStages(application.posting_id)).find(
          (entry) => entry.id === application.stage_id,
        )
        if (!stage) throw AppError.of('posting_missing_stage')
        return { stage, status: action.kind === 'reject' ? 'rejected' : 'withdrawn', reason: action.reason.trim() }
      })
      if (eventId === null) skip(view, 'already in that stage')
      else {
        changed++
        entries.push({ applicationId: view.id, eventId })
      }
    }
    return {
      matched: views.length,
      changed,
      skipped: skipped.slice(0, SKIPPED_SHOWN),
      skippedCount: skipped.length,
      undo: entries.length > 0 ? { kind: 'stage', entries } : null,
    }
  })
}

/**
 * Puts applications back as they were before the change the token names, in one transaction. Refused whole
 * when any of them changed since (a newer stage event, by anyone), so nobody's later change is lost.
 */
export async function undoChange(
  db: Kysely<Database>,
  actor: number | null,
  at: string,
  token: UndoTokenDto,
): Promise<UndoResultDto> {
  return db.transaction().execute(async (trx) => {
    const repo = new ApplicationRepository(trx)
    if (token.kind === 'tags') {
      let undone = 0
      for (const entry of token.entries) undone += await repo.removeTag(entry.candidateId, entry.tag)
      return { undone }
    }
    const ids = token.entries.map((entry) => entry.applicationId)
    const latest = await repo.latestEventIds(ids)
    const views = new Map((await repo.views(ids)).map((view) => [view.id, view]))
    const changedSince = token.entries.filter((entry) => latest.get(entry.applicationId) !== entry.eventId)
    if (changedSince.length > 0) {
      throw AppError.of('undo_changed_since', {
        count: changedSince.length,
        ids: changedSince
          .slice(0, 3)
          .map((entry) => entry.applicationId)
          .join(', '),
      })
    }
    for (const entry of token.entries) {
      const events = await repo.ownEventsNewestFirst(entry.applicationId)
      const [undone, ...before] = events
      const view = views.get(entry.applicationId)
      if (!undone || !view || undone.from_status !== 'active' || undone.from_stage_id === null) {
        throw AppError.of('undo_not_possible', { id: entry.applicationId })
      }
      if (view.posting_status === 'closed') {
        throw AppError.of('undo_posting_closed', { title: view.posting_title })
      }
      // Back in the stage it entered with the event that put it there, so its days in stage run on.
      const entered = before.find(
        (event) =>
          event.to_stage_id === undone.from_stage_id &&
          (event.from_stage_id !== event.to_stage_id || event.from_status !== 'active'),
      )
      const written = await repo.updateApplication(entry.applicationId, view, {
        stageId: undone.from_stage_id,
        status: 'active',
        reason: '',
        at,
        stageEnteredAt: entered?.at ?? view.stage_entered_at,
        closedAt: null,
      })
      if (!written) throw await movedMeanwhile(repo, entry.applicationId)
      await repo.insertEvent({
        applicationId: entry.applicationId,
        fromStageId: view.stage_id,
        toStageId: undone.from_stage_id,
        fromStatus: view.status,
        toStatus: 'active',
        reason: '',
        personId: actor,
        at,
      })
      await recordActivity(trx, {
        personId: actor,
        entityType: 'candidate',
        entityId: view.candidate_id,
        action: 'application_undone',
        at,
        detail: { applicationId: view.id, postingId: view.posting_id, undoneEventId: undone.id },
      })
    }
    return { undone: token.entries.length }
  })
}
