import { sql, type Kysely } from 'kysely'
import { dialectOf } from '../db/dialect'
import type { Database } from '../db/schema'

export interface ActivityRow {
  at: string
  personId: number | null
  entityType: string
  entityId: number | null
  action: string
  /** JSON text. */
  detail: string
}

export class ActivityRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async append(row: ActivityRow): Promise<void> {
    await this.db
      .insertInto('activity')
      .values({
        at: row.at,
        person_id: row.personId,
        entity_type: row.entityType,
        entity_id: row.entityId,
        action: row.action,
        detail: row.detail,
      })
      .execute()
  }

  /** The details (JSON text) of every `action` entry whose detail names this interview. */
  async detailsForInterview(action: string, interviewId: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('activity')
      .select('detail')
      .where('action', '=', action)
      .where(
        dialectOf(this.db) === 'postgres'
          ? sql<number>`(detail->>'interviewId')::bigint`
          : sql<number>`json_extract(detail, '$.interviewId')`,
        '=',
        interviewId,
      )
      .execute()
    return rows.map((row) => row.detail)
  }
}
