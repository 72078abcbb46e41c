import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import { AssessmentRepository } from './repository'

/**
 * When a candidate merge combines two applications to one posting, the ratings made only on the one merged
 * away move to the one kept: each fills an item the kept application has never rated, with its evidence,
 * author and time, and a history entry. Items rated on both keep the kept application's rating; the other
 * stays, with its history, on the merged application. Runs in the merge's transaction.
 */
export async function carryOverAssessments(
  trx: Kysely<Database>,
  fromId: number,
  intoId: number,
  at: string,
): Promise<number> {
  const repo = new AssessmentRepository(trx)
  const requirementIds = await repo.carryOverRatings(fromId, intoId)
  if (requirementIds.length === 0) return 0
  await repo.insertCarriedHistory(intoId, requirementIds, at)
  await repo.refreshFit({ applicationId: intoId })
  return requirementIds.length
}
