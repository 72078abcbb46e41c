import type { FitDto } from '@contract/assessments'
import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/schema'
import { assessedSections } from '@contract/closed-lists'

const sections = sql.join(assessedSections.map((section) => sql.lit(section)))

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
  const where =
    'applicationId' in scope ? sql`application_id = ${scope.applicationId}` : sql`posting_id = ${scope.postingId}`
  await sql`
    UPDATE application_fit SET (score, must_met, knocked_out, assessed) = (
      SELECT
        coalesce(round(100.0 * sum(r.weight * (CASE x.rating WHEN 2 THEN 1 WHEN 3 THEN 2 WHEN 4 THEN 3 ELSE 0 END))
          / nullif(2.0 * sum(r.weight), 0), 1), 0),
        coalesce(sum(r.must_have = 1 AND x.rating >= 3), 0),
        coalesce(max(r.must_have = 1 AND x.rating = 1), 0),
        coalesce(sum(x.rating > 0), 0)
      FROM assessments x JOIN requirements r ON r.id = x.requirement_id
      WHERE x.application_id = application_fit.application_id
        AND r.archived_at IS NULL AND r.section IN (${sections})
    )
    WHERE ${where}`.execute(db)
}

/** Live assessed requirements of a posting, and how many of them are must-haves. */
export async function postingTotals(
  db: Kysely<Database>,
  postingId: number,
): Promise<{ total: number; mustHaves: number }> {
  const row = await db
    .selectFrom('requirements')
    .select((eb) => [
      eb.fn.countAll<number>().as('total'),
      eb.fn.coalesce(eb.fn.sum<number>('must_have'), eb.lit(0)).as('must_haves'),
    ])
    .where('posting_id', '=', postingId)
    .where('archived_at', 'is', null)
    .where('section', 'in', assessedSections)
    .executeTakeFirst()
  return { total: Number(row?.total ?? 0), mustHaves: Number(row?.must_haves ?? 0) }
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
