import type { Kysely } from 'kysely'
import type { Database, PersonRole } from '../db/schema'

export class WorkspaceRepository {
  constructor(private readonly db: Kysely<Database>) {}

  findWorkspace() {
    return this.db.selectFrom('workspace').selectAll().where('id', '=', 1).executeTakeFirst()
  }

  async createWorkspace(uid: string, name: string, createdAt: string): Promise<void> {
    await this.db.insertInto('workspace').values({ id: 1, uid, name, created_at: createdAt }).execute()
  }

  async renameWorkspace(name: string): Promise<void> {
    await this.db.updateTable('workspace').set({ name }).where('id', '=', 1).execute()
  }

  async getSetting(key: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst()
    return row?.value
  }

  async putSetting(key: string, value: string): Promise<void> {
    await this.db
      .insertInto('settings')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute()
  }

  /** Nothing in it yet: no team, no ladder, no posting, no candidate. */
  /** No ladder, posting or candidate, and no person unless `countPeople` is false (a team's accounts are people). */
  async isEmpty(countPeople = true): Promise<boolean> {
    const any = async (table: 'people' | 'ladders' | 'postings' | 'candidates') =>
      (await this.db.selectFrom(table).select('id').limit(1).executeTakeFirst()) !== undefined
    const tables = ['ladders', 'postings', 'candidates', ...(countPeople ? (['people'] as const) : [])] as const
    for (const table of tables) if (await any(table)) return false
    return true
  }

  listPeople(includeArchived: boolean) {
    let query = this.db.selectFrom('people').selectAll().orderBy('name').orderBy('id')
    if (!includeArchived) query = query.where('archived_at', 'is', null)
    return query.execute()
  }

  findPerson(id: number) {
    return this.db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst()
  }

  insertPerson(values: { name: string; email: string | null; role: PersonRole; createdAt: string }) {
    return this.db
      .insertInto('people')
      .values({ name: values.name, email: values.email, role: values.role, created_at: values.createdAt })
      .returningAll()
      .executeTakeFirstOrThrow()
  }

  updatePerson(
    id: number,
    values: { name: string; email: string | null; role: PersonRole; archivedAt: string | null },
  ) {
    return this.db
      .updateTable('people')
      .set({ name: values.name, email: values.email, role: values.role, archived_at: values.archivedAt })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst()
  }
}
