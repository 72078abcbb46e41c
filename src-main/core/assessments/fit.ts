import type { FitDto } from '@contract/assessments'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import { AssessmentRepository } from './repository'

/**
 * Recomputes the stored fit of one application or of every application of a posting, over the posting's live
 * items of the assessed sections:
 * - score = 100 × Σ(weight × points) / Σ(weight × 2), points: not met 0, unknown 0, partial 1, met 2, exceeds 3,
 *   so 100 means every weighted item met and more means some exceeded; items weighing 0 do not count;
 * - mustMet = must-haves rated met or exceeds; knockedOut = a must-have rated not met;
 * - assessed = items rated anything but unknown.
 * Runs in the caller's transaction: the rating or requirement change and its fit commit together.
 */
export async function refreshFit(
  db: Kysely<Database>,
  scope: { applicationId: number } | { postingId: number },
): Promise<void> {
  await new AssessmentRepository(db).refreshFit(scope)
}

export interface FitColumns {
  score: number
  must_met: number
  knocked_out: number
  assessed: number
}

export const toFitDto = (row: FitColumns | undefined, totals: { total: number; mustHaves: number }): FitDto => ({
  mustHavesMet: row?.must_met ?? 0,
  mustHavesTotal: totals.mustHaves,
  score: row?.score ?? 0,
  knockedOut: row?.knocked_out === 1,
  assessed: row?.assessed ?? 0,
  total: totals.total,
})

/** The fit columns of a joined row, or undefined when the application has no stored fit yet. */
export const fitColumns = (
  row:
    { score: number | null; must_met: number | null; knocked_out: number | null; assessed: number | null } | undefined,
): FitColumns | undefined =>
  row && row.score !== null
    ? { score: row.score, must_met: row.must_met ?? 0, knocked_out: row.knocked_out ?? 0, assessed: row.assessed ?? 0 }
    : undefined
