import type { Kysely } from 'kysely'
import { assessedSections } from '../assessments/ratings'
import type { Database } from '../db/schema'

export interface ViewScope {
  table: string
  postingId: number
  personId: number | null
}

/** Saved views and the posting's parts they may name; the only code here that knows SQL. */
export class ViewRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private mine(scope: ViewScope) {
    return this.db
      .selectFrom('saved_views')
      .selectAll()
      .where('table_id', '=', scope.table)
      .where('posting_id', '=', scope.postingId)
      .where((eb) => (scope.personId === null ? eb('person_id', 'is', null) : eb('person_id', '=', scope.personId)))
  }

  list(scope: ViewScope) {
    return this.mine(scope).orderBy('name').orderBy('id').execute()
  }

  count(scope: ViewScope): Promise<number> {
    return this.mine(scope)
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
      .then((row) => Number(row.n))
  }

  find(id: number) {
    return this.db.selectFrom('saved_views').selectAll().where('id', '=', id).executeTakeFirst()
  }

  /** Another of my views of the same table with this name (ignoring case). */
  findNamed(scope: ViewScope, name: string, exceptId?: number) {
    let query = this.mine(scope).where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    if (exceptId !== undefined) query = query.where('id', '!=', exceptId)
    return query.executeTakeFirst()
  }

  insert(scope: ViewScope, name: string, state: string, at: string) {
    return this.db
      .insertInto('saved_views')
      .values({
        table_id: scope.table,
        posting_id: scope.postingId,
        person_id: scope.personId,
        name,
        state,
        created_at: at,
        updated_at: at,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
  }

  update(id: number, values: { name?: string; state?: string }, at: string) {
    return this.db
      .updateTable('saved_views')
      .set({ ...values, updated_at: at })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow()
  }

  async remove(id: number): Promise<void> {
    await this.db.deleteFrom('saved_views').where('id', '=', id).execute()
  }

  async postingExists(postingId: number): Promise<boolean> {
    const row = await this.db.selectFrom('postings').select('id').where('id', '=', postingId).executeTakeFirst()
    return row !== undefined
  }

  /** The posting's stages and the requirements its applicants table has a column for. */
  async postingParts(postingId: number): Promise<{ stageIds: Set<number>; requirementIds: Set<number> }> {
    const [stages, requirements] = await Promise.all([
      this.db.selectFrom('stages').select('id').where('posting_id', '=', postingId).execute(),
      this.db
        .selectFrom('requirements')
        .select('id')
        .where('posting_id', '=', postingId)
        .where('archived_at', 'is', null)
        .where('section', 'in', assessedSections)
        .execute(),
    ])
    return {
      stageIds: new Set(stages.map((row) => row.id)),
      requirementIds: new Set(requirements.map((row) => row.id)),
    }
  }
}
