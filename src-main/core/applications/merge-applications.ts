import type { ApplicationStatus } from '@contract'
import type { Kysely } from 'kysely'
import { carryOverAssessments } from '../assessments/merge'
import type { ApplicationRow, Database } from '../db/schema'
import { ApplicationRepository } from './repository'

const statusRank: Record<ApplicationStatus, number> = { hired: 3, active: 2, rejected: 1, withdrawn: 1 }

/**
 * Which of two applications to the same posting survives a candidate merge: a hired one, else an active one,
 * else the one further along the pipeline, else the one that came first.
 */
function survivor<T extends Pick<ApplicationRow, 'id' | 'status' | 'created_at'> & { stage_position: number }>(
  a: T,
  b: T,
): [kept: T, merged: T] {
  const order =
    statusRank[b.status] - statusRank[a.status] ||
    b.stage_position - a.stage_position ||
    a.created_at.localeCompare(b.created_at) ||
    a.id - b.id
  return order <= 0 ? [a, b] : [b, a]
}

export interface MergedApplications {
  moved: number
  /** Postings both candidates had applied to: which application was kept, which one merged into it. */
  combined: { postingId: number; postingTitle: string; keptId: number; mergedId: number; keptStatus: string }[]
}

/**
 * Re-points a candidate's applications to the candidate it is merged into, in the merge's transaction.
 * Where both applied to the same posting, one application is kept (see `survivor`); the other stays, with
 * its stage history, marked as merged into the kept one, and is left out of lists and counts.
 */
export async function mergeApplications(
  trx: Kysely<Database>,
  fromCandidateId: number,
  intoCandidateId: number,
  at: string,
): Promise<MergedApplications> {
  const repo = new ApplicationRepository(trx)
  const live = (rows: Awaited<ReturnType<ApplicationRepository['ofCandidate']>>) =>
    rows.filter((row) => row.merged_into_id === null)
  const from = live(await repo.ofCandidate(fromCandidateId))
  const into = new Map(live(await repo.ofCandidate(intoCandidateId)).map((row) => [row.posting_id, row]))
  const combined: MergedApplications['combined'] = []
  for (const application of from) {
    const other = into.get(application.posting_id)
    if (!other) continue
    const [kept, merged] = survivor(other, application)
    await repo.markMerged(merged.id, kept.id)
    await repo.repointMerged(merged.id, kept.id)
    await carryOverAssessments(trx, merged.id, kept.id, at)
    combined.push({
      postingId: kept.posting_id,
      postingTitle: kept.posting_title,
      keptId: kept.id,
      mergedId: merged.id,
      keptStatus: kept.status,
    })
  }
  await repo.moveToCandidate(fromCandidateId, intoCandidateId)
  return { moved: from.length - combined.length, combined }
}
