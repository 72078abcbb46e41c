import { sql, type Kysely } from 'kysely'
import { dialectSql } from '../db/dialect'
import type { AccountRole, Database, PersonRole } from '../db/schema'

export class AccountRepository {
  constructor(private readonly db: Kysely<Database>) {}

  findAccountByEmail(email: string) {
    // citext on PostgreSQL, COLLATE NOCASE on SQLite: the column compares without case on both.
    return this.db.selectFrom('accounts').selectAll().where('email', '=', email).executeTakeFirst()
  }

  findAccount(personId: number) {
    return this.db.selectFrom('accounts').selectAll().where('person_id', '=', personId).executeTakeFirst()
  }

  async rolesOf(personId: number): Promise<AccountRole[]> {
    const rows = await this.db
      .selectFrom('person_roles')
      .select('role')
      .where('person_id', '=', personId)
      .orderBy('role')
      .execute()
    return rows.map((row) => row.role)
  }

  insertPerson(values: { name: string; email: string; role: PersonRole; at: string }) {
    return this.db
      .insertInto('people')
      .values({ name: values.name, email: values.email, role: values.role, created_at: values.at })
      .returning('id')
      .executeTakeFirstOrThrow()
  }

  async insertAccount(values: {
    personId: number
    email: string
    hash: string
    salt: string
    params: string
    at: string
  }): Promise<void> {
    await this.db
      .insertInto('accounts')
      .values({
        person_id: values.personId,
        email: values.email,
        password_hash: values.hash,
        password_salt: values.salt,
        password_params: values.params,
        password_changed_at: values.at,
        created_at: values.at,
      })
      .execute()
  }

  async setPassword(personId: number, values: { hash: string; salt: string; params: string; at: string }) {
    await this.db
      .updateTable('accounts')
      .set({
        password_hash: values.hash,
        password_salt: values.salt,
        password_params: values.params,
        password_changed_at: values.at,
        failed_sign_ins: 0,
        last_failed_at: null,
      })
      .where('person_id', '=', personId)
      .execute()
  }

  async setDisabled(personId: number, disabledAt: string | null): Promise<void> {
    await this.db.updateTable('accounts').set({ disabled_at: disabledAt }).where('person_id', '=', personId).execute()
  }

  async recordFailure(personId: number, at: string): Promise<void> {
    await this.db
      .updateTable('accounts')
      .set((eb) => ({ failed_sign_ins: eb('failed_sign_ins', '+', 1), last_failed_at: at }))
      .where('person_id', '=', personId)
      .execute()
  }

  async clearFailures(personId: number): Promise<void> {
    await this.db
      .updateTable('accounts')
      .set({ failed_sign_ins: 0, last_failed_at: null })
      .where('person_id', '=', personId)
      .where('failed_sign_ins', '>', 0)
      .execute()
  }

  async setRoles(personId: number, roles: readonly AccountRole[]): Promise<void> {
    await this.db.deleteFrom('person_roles').where('person_id', '=', personId).execute()
    if (roles.length > 0)
      await this.db
        .insertInto('person_roles')
        .values(roles.map((role) => ({ person_id: personId, role })))
        .execute()
  }

  /** People with an enabled account holding this role, other than `exceptPersonId`. */
  async countEnabledWithRole(role: AccountRole, exceptPersonId: number): Promise<number> {
    const row = await this.db
      .selectFrom('person_roles')
      .innerJoin('accounts', 'accounts.person_id', 'person_roles.person_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('person_roles.role', '=', role)
      .where('accounts.disabled_at', 'is', null)
      .where('person_roles.person_id', '!=', exceptPersonId)
      .executeTakeFirstOrThrow()
    return Number(row.n)
  }

  /** Every person with their account (if any), by name then id. */
  listTeam() {
    return this.db
      .selectFrom('people')
      .leftJoin('accounts', 'accounts.person_id', 'people.id')
      .select([
        'people.id as person_id',
        'people.name',
        'people.email as person_email',
        'people.role as person_role',
        'people.archived_at',
        'accounts.email as account_email',
        'accounts.disabled_at',
        'accounts.person_id as account_person_id',
      ])
      .orderBy('people.name')
      .orderBy('people.id')
      .execute()
  }

  listAllRoles() {
    return this.db
      .selectFrom('person_roles')
      .select(['person_id', 'role'])
      .orderBy('person_id')
      .orderBy('role')
      .execute()
  }

  async insertSession(values: {
    tokenHash: string
    personId: number
    at: string
    idleExpiresAt: string
    expiresAt: string
  }): Promise<void> {
    await this.db
      .insertInto('sessions')
      .values({
        token_hash: values.tokenHash,
        person_id: values.personId,
        created_at: values.at,
        last_seen_at: values.at,
        idle_expires_at: values.idleExpiresAt,
        expires_at: values.expiresAt,
      })
      .execute()
  }

  /** The session with its account's state and roles, in one statement: every call on a team server reads it. */
  async findSession(tokenHash: string) {
    const row = await this.db
      .selectFrom('sessions')
      .innerJoin('accounts', 'accounts.person_id', 'sessions.person_id')
      .select((eb) => [
        'sessions.token_hash',
        'sessions.person_id',
        'sessions.last_seen_at',
        'sessions.idle_expires_at',
        'sessions.expires_at',
        'accounts.disabled_at',
        eb
          .selectFrom('person_roles')
          .select(dialectSql(this.db).joined(sql.ref('role'), ',').as('joined'))
          .whereRef('person_roles.person_id', '=', 'sessions.person_id')
          .as('roles'),
      ])
      .where('sessions.token_hash', '=', tokenHash)
      .executeTakeFirst()
    if (!row) return undefined
    const { roles, ...session } = row
    return { ...session, roles: (roles ? (roles.split(',') as AccountRole[]) : []).sort() }
  }

  async touchSession(tokenHash: string, lastSeenAt: string, idleExpiresAt: string): Promise<void> {
    await this.db
      .updateTable('sessions')
      .set({ last_seen_at: lastSeenAt, idle_expires_at: idleExpiresAt })
      .where('token_hash', '=', tokenHash)
      .execute()
  }

  async deleteSession(tokenHash: string): Promise<number> {
    const result = await this.db.deleteFrom('sessions').where('token_hash', '=', tokenHash).executeTakeFirst()
    return Number(result.numDeletedRows)
  }

  async deleteSessionsOf(personId: number): Promise<number> {
    const result = await this.db.deleteFrom('sessions').where('person_id', '=', personId).executeTakeFirst()
    return Number(result.numDeletedRows)
  }

  /** Sessions past either expiry: removed now and then so the table does not grow with abandoned ones. */
  async deleteExpiredSessions(now: string): Promise<number> {
    const result = await this.db
      .deleteFrom('sessions')
      .where((eb) => eb.or([eb('idle_expires_at', '<=', now), eb('expires_at', '<=', now)]))
      .executeTakeFirst()
    return Number(result.numDeletedRows)
  }
}
