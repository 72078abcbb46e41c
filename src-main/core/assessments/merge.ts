import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/schema'
import { refreshFit } from './fit'

/**
 * When a candidate merge combines two applications to one posting, the ratings made only on the one merged
 * away move to the one kept: each fills an item the kept application has never rated, with its evidence,
 * author and time, and a history entry. Items rated on both keep the kept application's rating; the other
 * stays, with its history, on the merged application. Runs in the merge's transaction.
 */
export async function carryOverAssessments(trx: Kysely<Database>, fromId: number, intoId: number): Promise<number> {
  const carried = await sql<{ requirement_id: number }>`
    UPDATE assessments AS kept
    SET rating = merged.rating, evidence = merged.evidence, source = merged.source,
        author_id = merged.author_id, updated_at = merged.updated_at, version = kept.version + 1
    FROM assessments AS merged
    WHERE kept.application_id = ${intoId} AND merged.application_id = ${fromId}
      AND merged.requirement_id = kept.requirement_id AND kept.version = 0 AND merged.version > 0
    RETURNING requirement_id`.execute(trx)
  const requirementIds = carried.rows.map((row) => row.requirement_id)
  if (requirementIds.length === 0) return 0
  await sql`
    INSERT INTO assessment_history (application_id, requirement_id, at, person_id, from_rating, to_rating,
      evidence_before, evidence_after, source_before, source_after, suggestion_key)
    SELECT ${intoId}, x.requirement_id, coalesce(x.updated_at, ${new Date().toISOString()}), x.author_id, 0, x.rating,
      '', x.evidence, NULL, x.source, NULL
    FROM assessments x
    WHERE x.application_id = ${intoId} AND x.requirement_id IN (${sql.join(requirementIds)})`.execute(trx)
  await refreshFit(trx, { applicationId: intoId })
  return requirementIds.length
}
