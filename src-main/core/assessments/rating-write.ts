import type { EvidenceSource, Rating } from '@contract/assessments'
import type { Kysely } from 'kysely'
import { recordActivity } from '../activity/activity-log'
import type { Database } from '../db/schema'
import { AppError } from '../errors'
import { ratingOf, valueOf } from './ratings'
import { AssessmentRepository } from './repository'

export interface RatingChange {
  applicationId: number
  requirementId: number
  rating: Rating
  evidence: string
  source: EvidenceSource | null
  expectedVersion: number
  actor: number | null
  suggestionKey: string | null
}

export const normaliseEvidence = (text: string) => text.replace(/\r\n?/g, '\n').trim()

/** A change's time as conflicts name it: to the minute, in UTC. */
export const minuteOf = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : 'just now')

/** The conflict of a write made against an older version: who changed the item, to what and when. */
function changedMeanwhile(current: {
  rating: number
  updated_at: string | null
  version: number
  author_name: string | null
}): AppError {
  const now = { rating: ratingOf(current.rating).replace('_', ' '), time: minuteOf(current.updated_at) }
  const issues = [{ path: 'expectedVersion', message: `the item is at version ${current.version}` }]
  return current.author_name
    ? AppError.of('rating_changed_meanwhile_by', { name: current.author_name, ...now }, issues)
    : AppError.of('rating_changed_meanwhile_at', now, issues)
}

/**
 * Writes one rating in the caller's transaction: the assessment (refused when it changed since the version the
 * caller saw), its history entry, the application's fit and the activity entry. An identical write changes
 * nothing and records nothing.
 */
export async function writeRating(trx: Kysely<Database>, change: RatingChange, at: string): Promise<void> {
  const repo = new AssessmentRepository(trx)
  await repo.ensureAssessment(change.applicationId, change.requirementId)
  const current = await repo.assessmentOf(change.applicationId, change.requirementId)
  if (!current) throw new Error('The assessment row could not be made.')
  if (current.version !== change.expectedVersion) throw changedMeanwhile(current)
  const rating = valueOf(change.rating)
  if (current.rating === rating && current.evidence === change.evidence && current.source === change.source) return
  const written = await repo.updateAssessment(current.id, current.version, {
    rating,
    evidence: change.evidence,
    source: change.source,
    author_id: change.actor,
    updated_at: at,
  })
  if (!written) {
    const now = await repo.assessmentOf(change.applicationId, change.requirementId)
    throw now ? changedMeanwhile(now) : AppError.of('rating_changed_meanwhile')
  }
  await repo.insertHistory({
    applicationId: change.applicationId,
    requirementId: change.requirementId,
    at,
    personId: change.actor,
    fromRating: current.rating,
    toRating: rating,
    evidenceBefore: current.evidence,
    evidenceAfter: change.evidence,
    sourceBefore: current.source,
    sourceAfter: change.source,
    suggestionKey: change.suggestionKey,
  })
  await repo.refreshFit({ applicationId: change.applicationId })
  await recordActivity(trx, {
    personId: change.actor,
    entityType: 'application',
    entityId: change.applicationId,
    action: 'assessment_rated',
    at,
    detail: {
      requirementId: change.requirementId,
      from: ratingOf(current.rating),
      to: change.rating,
      ...(current.evidence !== change.evidence ? { evidenceChanged: true } : {}),
      ...(change.suggestionKey ? { suggestion: change.suggestionKey } : {}),
    },
  })
}
