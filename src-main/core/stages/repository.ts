import type { Kysely } from 'kysely'
import type { ApplicationStatus, Database, StageKind } from '../db/schema'

export class StageRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** The posting's live stages in pipeline order. */
  listStages(postingId: number) {
    return this.db
      .selectFrom('stages')
      .selectAll()
      .where('posting_id', '=', postingId)
      .where('archived_at', 'is', null)
      .orderBy('position')
      .orderBy('id')
      .execute()
  }

  /** Live applications per stage and status (leftovers of candidate merges are not counted). */
  countApplications(postingId: number) {
    return this.db
      .selectFrom('applications')
      .select(['stage_id', 'status'])
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('posting_id', '=', postingId)
      .where('merged_into_id', 'is', null)
      .groupBy(['stage_id', 'status'])
      .execute()
  }

  findStage(id: number) {
    return this.db.selectFrom('stages').selectAll().where('id', '=', id).executeTakeFirst()
  }

  findPosting(id: number) {
    return this.db.selectFrom('postings').select(['id', 'title', 'status']).where('id', '=', id).executeTakeFirst()
  }

  async insertStages(
    postingId: number,
    stages: readonly { name: string; kind: StageKind }[],
    now: string,
  ): Promise<void> {
    if (stages.length === 0) return
    await this.db
      .insertInto('stages')
      .values(
        stages.map((stage, position) => ({
          posting_id: postingId,
          position,
          name: stage.name,
          kind: stage.kind,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute()
  }

  insertStage(postingId: number, name: string, position: number, now: string) {
    return this.db
      .insertInto('stages')
      .values({ posting_id: postingId, position, name, kind: 'open', created_at: now, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow()
  }

  async renameStage(id: number, name: string, now: string): Promise<void> {
    await this.db.updateTable('stages').set({ name, updated_at: now }).where('id', '=', id).execute()
  }

  /** Writes positions 0…n-1 in the given order. */
  async setOrder(orderedIds: number[], now: string): Promise<void> {
    for (const [position, id] of orderedIds.entries()) {
      await this.db.updateTable('stages').set({ position, updated_at: now }).where('id', '=', id).execute()
    }
  }

  async countIn(postingId: number, stageId: number): Promise<Record<ApplicationStatus, number>> {
    const rows = await this.db
      .selectFrom('applications')
      .select('status')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('posting_id', '=', postingId)
      .where('stage_id', '=', stageId)
      .where('merged_into_id', 'is', null)
      .groupBy('status')
      .execute()
    const counts: Record<ApplicationStatus, number> = { active: 0, hired: 0, rejected: 0, withdrawn: 0 }
    for (const row of rows) counts[row.status] = Number(row.count)
    return counts
  }

  /** Whether any history (a stage event, hence any application ever) refers to the stage. */
  async hasHistory(stageId: number): Promise<boolean> {
    const row = await this.db
      .selectFrom('stage_events')
      .select('id')
      .where('to_stage_id', '=', stageId)
      .limit(1)
      .executeTakeFirst()
    return row !== undefined
  }

  async archiveStage(id: number, now: string): Promise<void> {
    await this.db.updateTable('stages').set({ archived_at: now, updated_at: now }).where('id', '=', id).execute()
  }

  async deleteStage(id: number): Promise<void> {
    await this.db.deleteFrom('stages').where('id', '=', id).execute()
  }
}
