import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import { ActivityRepository } from './repository'

export interface ActivityEntry {
  personId: number | null
  entityType: string
  entityId: number | null
  action: string
  detail?: Record<string, unknown>
  /** The change's own time (`ctx.clock.timestamp()`), so the entry and the rows it describes agree. */
  at: string
}

/** Appends to the activity log; call it inside the transaction of the change it records. */
export async function recordActivity(db: Kysely<Database>, entry: ActivityEntry): Promise<void> {
  await new ActivityRepository(db).append({
    at: entry.at,
    personId: entry.personId,
    entityType: entry.entityType,
    entityId: entry.entityId,
    action: entry.action,
    detail: JSON.stringify(entry.detail ?? {}),
  })
}
