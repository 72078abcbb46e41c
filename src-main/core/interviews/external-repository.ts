import type { Kysely, Updateable } from 'kysely'
import type { Database, ExternalInterviewsTable } from '../db/schema'

export class ExternalInterviewRepository {
  constructor(private readonly db: Kysely<Database>) {}

  list() {
    return this.db
      .selectFrom('external_interviews')
      .selectAll()
      .orderBy('updated_at', 'desc')
      .orderBy('id', 'desc')
      .execute()
  }

  find(id: number) {
    return this.db.selectFrom('external_interviews').selectAll().where('id', '=', id).executeTakeFirst()
  }

  findBySource(workspaceUid: string, interviewId: number) {
    return this.db
      .selectFrom('external_interviews')
      .selectAll()
      .where('source_workspace_uid', '=', workspaceUid)
      .where('source_interview_id', '=', interviewId)
      .executeTakeFirst()
  }

  insert(values: {
    source_workspace_uid: string
    source_interview_id: number
    packet_sha256: string
    packet: string
    content: string
    now: string
  }) {
    const { now, ...rest } = values
    return this.db
      .insertInto('external_interviews')
      .values({ ...rest, revision: 0, opened_at: now, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow()
  }

  async update(id: number, values: Updateable<ExternalInterviewsTable>): Promise<void> {
    await this.db.updateTable('external_interviews').set(values).where('id', '=', id).execute()
  }

  async delete(id: number): Promise<void> {
    await this.db.deleteFrom('external_interviews').where('id', '=', id).execute()
  }
}
