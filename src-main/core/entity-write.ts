import type { Kysely } from 'kysely'
import { recordActivity } from './activity/activity-log'
import type { CoreContext } from './context'
import type { Database } from './db/schema'

/** How one kind of entity is kept up to date after a write. */
export interface EntityKind<Repo> {
  entityType: string
  repository(db: Kysely<Database>): Repo
  /** Moves the entity's update time to the write's time. */
  touch(repo: Repo, id: number, at: string, db: Kysely<Database>): Promise<void>
  /** Rebuilds what is derived from the entity and read elsewhere (its search text, the fit of its applicants). */
  refresh(repo: Repo, id: number, db: Kysely<Database>): Promise<void>
}

/** What a write works with: the repository and the transaction, who acts, and the one time the write stamps. */
export interface WriteScope<Repo> {
  repo: Repo
  trx: Kysely<Database>
  actor: number | null
  at: string
}

type Result<T> = { result: T } | { afterwards: () => Promise<T> }

/**
 * What a write did. `touch` and `refresh` default to true; a write that set the update time itself or removed
 * the entity turns them off. `afterwards` runs after the activity entry, in the same transaction, for a write that
 * sets off another domain's change (an application) whose own entries belong after this one.
 */
export type WriteOutcome<T> =
  | (Result<T> & {
      entityId: number
      action: string
      detail?: Record<string, unknown>
      touch?: boolean
      refresh?: boolean
    })
  | (Result<T> & { unchanged: true })

export interface EntityWriter<Repo> {
  <T>(work: (scope: WriteScope<Repo>) => Promise<WriteOutcome<T>>): Promise<T>
}

/**
 * One path for "write, touch, refresh, record activity": the write and everything that follows from it run in
 * one transaction, so a failure anywhere leaves nothing half done.
 */
export function entityWriter<Repo>(
  ctx: CoreContext,
  whoActs: { currentPersonId(): Promise<number | null> },
  kind: EntityKind<Repo>,
): EntityWriter<Repo> {
  return async (work) => {
    const actor = await whoActs.currentPersonId()
    return ctx.db.transaction().execute(async (trx) => {
      const repo = kind.repository(trx)
      const at = ctx.clock.timestamp()
      const outcome = await work({ repo, trx, actor, at })
      if (!('unchanged' in outcome)) {
        if (outcome.touch !== false) await kind.touch(repo, outcome.entityId, at, trx)
        if (outcome.refresh !== false) await kind.refresh(repo, outcome.entityId, trx)
        await recordActivity(trx, {
          personId: actor,
          entityType: kind.entityType,
          entityId: outcome.entityId,
          action: outcome.action,
          at,
          detail: outcome.detail ?? {},
        })
      }
      return 'result' in outcome ? outcome.result : outcome.afterwards()
    })
  }
}
