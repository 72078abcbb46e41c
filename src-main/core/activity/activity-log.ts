import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'

export interface ActivityEntry {
  personId: number | null
  entityType: string
  entityId: number | null
  action: string
  detail?: Record<string, unknown>
}

/** Appends to the activity log; call it inside the transaction of the change it records. */
export async function recordActivity(db: Kysely<Database>, entry: ActivityEntry): Promise<void> {
  await db
    .insertInto('activity')
    .values({
      at: new Date().toISOString(),
      person_id: entry.personId,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      action: entry.action,
      detail: JSON.stringify(entry.detail ?? {}),
    })
    .execute()
}
