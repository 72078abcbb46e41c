import { DEFAULT_STAGES } from '@contract/applications'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import { StageRepository } from './repository'

/** The default pipeline: every name an open stage, the last one the hired stage. */
export const defaultStages = () =>
  DEFAULT_STAGES.map((name, index) => ({
    name,
    kind: index === DEFAULT_STAGES.length - 1 ? ('hired' as const) : ('open' as const),
  }))

/** Gives a new posting its pipeline, in the posting's transaction: the default one, or a copy of another's. */
export async function insertPipeline(
  trx: Kysely<Database>,
  postingId: number,
  now: string,
  copyFrom?: number,
): Promise<void> {
  const repo = new StageRepository(trx)
  const stages = copyFrom === undefined ? defaultStages() : await repo.listStages(copyFrom)
  await repo.insertStages(
    postingId,
    stages.map(({ name, kind }) => ({ name, kind })),
    now,
  )
}
