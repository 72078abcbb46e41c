import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'

export interface LevelValues {
  code: string
  title: string
  summary: string
}

export interface CompetencyValues {
  name: string
  description: string
}

export class LadderRepository {
  constructor(private readonly db: Kysely<Database>) {}

  listLadders() {
    return this.db.selectFrom('ladders').selectAll().orderBy('name').execute()
  }

  findLadder(id: number) {
    return this.db.selectFrom('ladders').selectAll().where('id', '=', id).executeTakeFirst()
  }

  findLadderByName(name: string) {
    return this.db.selectFrom('ladders').selectAll().where('name', '=', name).executeTakeFirst()
  }

  insertLadder(name: string, description: string, now: string) {
    return this.db
      .insertInto('ladders')
      .values({ name, description, created_at: now, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow()
  }

  updateLadder(id: number, values: { name?: string; description?: string; updated_at: string }) {
    return this.db.updateTable('ladders').set(values).where('id', '=', id).returningAll().executeTakeFirst()
  }

  async touchLadder(id: number, now: string): Promise<void> {
    await this.db.updateTable('ladders').set({ updated_at: now }).where('id', '=', id).execute()
  }

  async deleteLadder(id: number): Promise<boolean> {
    const result = await this.db.deleteFrom('ladders').where('id', '=', id).executeTakeFirst()
    return result.numDeletedRows > 0n
  }

  /** Levels of the given ladders (or all), in ladder order. */
  listLevels(ladderIds?: number[]) {
    let query = this.db.selectFrom('levels').selectAll().orderBy('ladder_id').orderBy('position')
    if (ladderIds) query = query.where('ladder_id', 'in', ladderIds.length > 0 ? ladderIds : [-1])
    return query.execute()
  }

  listCompetencies(ladderIds?: number[]) {
    let query = this.db.selectFrom('competencies').selectAll().orderBy('ladder_id').orderBy('position')
    if (ladderIds) query = query.where('ladder_id', 'in', ladderIds.length > 0 ? ladderIds : [-1])
    return query.execute()
  }

  listExpectations(ladderId: number) {
    return this.db
      .selectFrom('expectations')
      .innerJoin('levels', 'levels.id', 'expectations.level_id')
      .selectAll('expectations')
      .where('levels.ladder_id', '=', ladderId)
      .execute()
  }

  findLevel(id: number) {
    return this.db.selectFrom('levels').selectAll().where('id', '=', id).executeTakeFirst()
  }

  findCompetency(id: number) {
    return this.db.selectFrom('competencies').selectAll().where('id', '=', id).executeTakeFirst()
  }

  async nextPosition(table: 'levels' | 'competencies', ladderId: number): Promise<number> {
    const row = await this.db
      .selectFrom(table)
      .select((eb) => eb.fn.max('position').as('max'))
      .where('ladder_id', '=', ladderId)
      .executeTakeFirst()
    return (row?.max ?? -1) + 1
  }

  insertLevel(ladderId: number, position: number, values: LevelValues) {
    return this.db
      .insertInto('levels')
      .values({ ladder_id: ladderId, position, ...values })
      .returningAll()
      .executeTakeFirstOrThrow()
  }

  updateLevel(id: number, values: LevelValues) {
    return this.db.updateTable('levels').set(values).where('id', '=', id).returningAll().executeTakeFirst()
  }

  async deleteLevel(id: number): Promise<void> {
    await this.db.deleteFrom('levels').where('id', '=', id).execute()
  }

  insertCompetency(ladderId: number, position: number, values: CompetencyValues) {
    return this.db
      .insertInto('competencies')
      .values({ ladder_id: ladderId, position, ...values })
      .returningAll()
      .executeTakeFirstOrThrow()
  }

  updateCompetency(id: number, values: CompetencyValues) {
    return this.db.updateTable('competencies').set(values).where('id', '=', id).returningAll().executeTakeFirst()
  }

  async deleteCompetency(id: number): Promise<void> {
    await this.db.deleteFrom('competencies').where('id', '=', id).execute()
  }

  async setPositions(table: 'levels' | 'competencies', orderedIds: number[]): Promise<void> {
    for (const [position, id] of orderedIds.entries()) {
      await this.db.updateTable(table).set({ position }).where('id', '=', id).execute()
    }
  }

  upsertExpectation(values: {
    levelId: number
    competencyId: number
    text: string
    examples: string
    updatedAt: string
    updatedBy: number | null
  }) {
    const changes = {
      text: values.text,
      examples: values.examples,
      updated_at: values.updatedAt,
      updated_by: values.updatedBy,
    }
    return this.db
      .insertInto('expectations')
      .values({ level_id: values.levelId, competency_id: values.competencyId, ...changes })
      .onConflict((oc) => oc.columns(['level_id', 'competency_id']).doUpdateSet(changes))
      .returningAll()
      .executeTakeFirstOrThrow()
  }

  async deleteExpectation(levelId: number, competencyId: number): Promise<void> {
    await this.db
      .deleteFrom('expectations')
      .where('level_id', '=', levelId)
      .where('competency_id', '=', competencyId)
      .execute()
  }
}
