import type { CandidateSortColumn, SortDirection } from '@contract'
import { sql, type Kysely, type RawBuilder } from 'kysely'
import { dialectOf, dialectSql } from '../db/dialect'
import { runPrepared, slot } from '../db/prepared'
import type { CandidateOrigin, Database, DocumentStatus, LegalBasis } from '../db/schema'
import { hasNameOrContactMatch, searchQuery, type SearchRow } from './search-repository'
import { HIGHLIGHT_CLOSE, HIGHLIGHT_OPEN, WORD_BREAK } from './search-text'

export { HIGHLIGHT_CLOSE, HIGHLIGHT_OPEN } from './search-text'
export { searchMatch } from './search-repository'

export interface CandidateValues {
  name: string
  nameKey: string
  nameMatch: string
  location: string
  source: string
}

/** The consent columns a candidate can be created with (the CSV import and the demo write them at once). */
export interface CandidateConsentValues {
  origin: CandidateOrigin
  legalBasis: LegalBasis
  consentGivenOn: string | null
  consentExpiresOn: string | null
}

export interface ListQuery {
  offset: number
  limit: number
  sort: CandidateSortColumn
  direction: SortDirection
  /** What `searchMatch` gives for the typed text over name and contact, or null. */
  match: string | null
  tag: string
  source: string
}

export interface NewDocument {
  candidateId: number
  sha256: string
  fileName: string
  size: number
  kind: string | null
  status: DocumentStatus
  errorCode: string | null
  errorMessage: string | null
  text: string
  pages: number | null
  warnings: string[]
  createdAt: string
  createdBy: number | null
}

const NONE = ['']
/** Stands for "no name to match": no folded name holds it, and PostgreSQL text can hold it (NUL it cannot). */
const NO_NAME_MATCH = '\u0001'

/**
 * The list query's shape (which filters, which order) and its arguments; the values in `slots` stand for
 * the arguments while the shape is compiled once.
 */
function listShape(query: ListQuery): { key: string; args: unknown[]; slots: ListQuery } {
  const args: unknown[] = []
  const next = <T>(value: T): T => {
    args.push(value)
    return slot<T>(args.length - 1)
  }
  const slots: ListQuery = {
    sort: query.sort,
    direction: query.direction,
    match: query.match === null ? null : next(query.match),
    tag: query.tag ? next(query.tag) : '',
    source: query.source ? next(query.source) : '',
    limit: next(query.limit),
    offset: next(query.offset),
  }
  const key = [query.sort, query.direction, query.match !== null, Boolean(query.tag), Boolean(query.source)].join(':')
  return { key, args, slots }
}

export interface MatchCriteria {
  emails: string[]
  phoneKeys: string[]
  nameMatch: string
  excludeId: number | null
}

const sortColumn = {
  name: 'c.name_key',
  created: 'c.created_at',
  updated: 'c.updated_at',
  source: 'c.source',
  location: 'c.location',
} as const satisfies Record<CandidateSortColumn, string>

/** Text stored in the search index, with the marker characters taken out (as `indexableText` does). */
const indexable = (expression: RawBuilder<unknown>) =>
  sql<string>`replace(replace(replace(coalesce(${expression}, ''), ${HIGHLIGHT_OPEN}, ' '), ${HIGHLIGHT_CLOSE}, ' '), ${WORD_BREAK}, ' ')`

export class CandidateRepository {
  constructor(private readonly db: Kysely<Database>) {}

  findCandidate(id: number) {
    return this.db.selectFrom('candidates').selectAll().where('id', '=', id).executeTakeFirst()
  }

  async insertCandidate(
    values: CandidateValues,
    now: string,
    actor: number | null,
    consent: CandidateConsentValues | null = null,
  ): Promise<number> {
    const row = await this.db
      .insertInto('candidates')
      .values({
        name: values.name,
        name_key: values.nameKey,
        name_match: values.nameMatch,
        location: values.location,
        source: values.source,
        created_at: now,
        updated_at: now,
        created_by: actor,
        ...(consent
          ? {
              origin: consent.origin,
              legal_basis: consent.legalBasis,
              consent_given_on: consent.consentGivenOn,
              consent_expires_on: consent.consentExpiresOn,
            }
          : {}),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return row.id
  }

  async updateCandidate(id: number, values: CandidateValues, now: string): Promise<void> {
    await this.db
      .updateTable('candidates')
      .set({
        name: values.name,
        name_key: values.nameKey,
        name_match: values.nameMatch,
        location: values.location,
        source: values.source,
        updated_at: now,
      })
      .where('id', '=', id)
      .execute()
  }

  async touch(id: number, now: string): Promise<void> {
    await this.db.updateTable('candidates').set({ updated_at: now }).where('id', '=', id).execute()
  }

  async replaceContacts(
    id: number,
    contacts: { emails: string[]; phones: { phone: string; key: string }[]; links: string[]; tags: string[] },
  ): Promise<void> {
    await this.db.deleteFrom('candidate_emails').where('candidate_id', '=', id).execute()
    await this.db.deleteFrom('candidate_phones').where('candidate_id', '=', id).execute()
    await this.db.deleteFrom('candidate_links').where('candidate_id', '=', id).execute()
    await this.db.deleteFrom('candidate_tags').where('candidate_id', '=', id).execute()
    if (contacts.emails.length > 0) {
      await this.db
        .insertInto('candidate_emails')
        .values(contacts.emails.map((email, position) => ({ candidate_id: id, position, email })))
        .execute()
    }
    if (contacts.phones.length > 0) {
      await this.db
        .insertInto('candidate_phones')
        .values(
          contacts.phones.map(({ phone, key }, position) => ({ candidate_id: id, position, phone, phone_key: key })),
        )
        .execute()
    }
    if (contacts.links.length > 0) {
      await this.db
        .insertInto('candidate_links')
        .values(contacts.links.map((url, position) => ({ candidate_id: id, position, url })))
        .execute()
    }
    if (contacts.tags.length > 0) {
      await this.db
        .insertInto('candidate_tags')
        .values(contacts.tags.map((tag) => ({ candidate_id: id, tag })))
        .execute()
    }
  }

  /**
   * The whole profile in one statement (JSON sub-arrays): one round trip keeps the profile load close to
   * the cost of the SQL itself.
   */
  async profile(id: number) {
    const rows = await runPrepared(this.db, 'candidates.profile', () => this.profileQuery(slot<number>(0)), [id])
    return rows[0]
  }

  profileQuery(id: number) {
    const { jsonArrayFrom } = dialectSql(this.db)
    return this.db
      .selectFrom('candidates as c')
      .selectAll('c')
      .select((eb) => [
        jsonArrayFrom(
          eb.selectFrom('candidate_emails').select('email').whereRef('candidate_id', '=', 'c.id').orderBy('position'),
        ).as('emails'),
        jsonArrayFrom(
          eb.selectFrom('candidate_phones').select('phone').whereRef('candidate_id', '=', 'c.id').orderBy('position'),
        ).as('phones'),
        jsonArrayFrom(
          eb.selectFrom('candidate_links').select('url').whereRef('candidate_id', '=', 'c.id').orderBy('position'),
        ).as('links'),
        jsonArrayFrom(
          eb.selectFrom('candidate_tags').select('tag').whereRef('candidate_id', '=', 'c.id').orderBy('tag'),
        ).as('tags'),
        jsonArrayFrom(
          eb
            .selectFrom('documents as d')
            .select([
              'd.id',
              'd.sha256',
              'd.file_name',
              'd.size',
              'd.kind',
              'd.status',
              'd.error_code',
              'd.error_message',
              'd.pages',
              'd.warnings',
              'd.created_at',
              sql<number>`length(d.text)`.as('text_length'),
            ])
            .whereRef('d.candidate_id', '=', 'c.id')
            .orderBy('d.id'),
        ).as('documents'),
        jsonArrayFrom(
          eb
            .selectFrom('candidate_notes as n')
            .leftJoin('people as p', 'p.id', 'n.created_by')
            .select(['n.id', 'n.body', 'n.created_at', 'n.updated_at', 'p.name as author'])
            .whereRef('n.candidate_id', '=', 'c.id')
            .orderBy('n.id'),
        ).as('notes'),
        jsonArrayFrom(
          eb
            .selectFrom('applications as ap')
            .innerJoin('postings as p', 'p.id', 'ap.posting_id')
            .innerJoin('stages as s', 's.id', 'ap.stage_id')
            .select([
              'ap.id',
              'ap.posting_id',
              'p.title as posting_title',
              'p.status as posting_status',
              'ap.stage_id',
              's.name as stage_name',
              's.kind as stage_kind',
              'ap.status',
              'ap.reason',
              'ap.source',
              'ap.created_at',
              'ap.updated_at',
              'ap.stage_entered_at',
              'ap.closed_at',
            ])
            .whereRef('ap.candidate_id', '=', 'c.id')
            .where('ap.merged_into_id', 'is', null)
            .orderBy('ap.id', 'desc'),
        ).as('applications'),
        jsonArrayFrom(
          eb
            .selectFrom('activity as a')
            .leftJoin('people as p', 'p.id', 'a.person_id')
            .select(['a.id', 'a.at', 'a.action', 'a.detail', 'p.name as person'])
            .where('a.entity_type', '=', 'candidate')
            .whereRef('a.entity_id', '=', 'c.id')
            .orderBy('a.id', 'desc')
            .limit(200),
        ).as('activity'),
      ])
      .where('c.id', '=', id)
  }

  /** Candidates sharing an e-mail, a phone number or the name words with the given values. */
  findMatches(criteria: MatchCriteria) {
    const emails = criteria.emails.length ? criteria.emails : NONE
    const phoneKeys = criteria.phoneKeys.length ? criteria.phoneKeys : NONE
    const args = [...emails, ...phoneKeys, criteria.nameMatch || NO_NAME_MATCH, criteria.excludeId ?? 0]
    return runPrepared(
      this.db,
      `candidates.matches:${emails.length}:${phoneKeys.length}`,
      () =>
        this.findMatchesQuery({
          emails: emails.map((_, index) => slot<string>(index)),
          phoneKeys: phoneKeys.map((_, index) => slot<string>(emails.length + index)),
          nameMatch: slot<string>(emails.length + phoneKeys.length),
          excludeId: slot<number>(emails.length + phoneKeys.length + 1),
        }),
      args,
    )
  }

  /** Lists must not be empty (`IN ()` is not SQL): `findMatches` passes NONE for an empty one. */
  findMatchesQuery(criteria: { emails: string[]; phoneKeys: string[]; nameMatch: string; excludeId: number }) {
    const { jsonArrayFrom } = dialectSql(this.db)
    const postgres = dialectOf(this.db) === 'postgres'
    return this.db
      .selectFrom('candidates as c')
      .select((eb) => [
        'c.id',
        'c.name',
        eb
          .exists(
            eb
              .selectFrom('candidate_emails as e')
              .select('e.candidate_id')
              .whereRef('e.candidate_id', '=', 'c.id')
              .where('e.email', 'in', criteria.emails),
          )
          .as('by_email'),
        eb
          .exists(
            eb
              .selectFrom('candidate_phones as ph')
              .select('ph.candidate_id')
              .whereRef('ph.candidate_id', '=', 'c.id')
              .where('ph.phone_key', 'in', criteria.phoneKeys),
          )
          .as('by_phone'),
        jsonArrayFrom(
          eb.selectFrom('candidate_emails').select('email').whereRef('candidate_id', '=', 'c.id').orderBy('position'),
        ).as('emails'),
      ])
      .where((eb) => {
        const byEmail = eb.selectFrom('candidate_emails').select('candidate_id').where('email', 'in', criteria.emails)
        const byPhone = eb
          .selectFrom('candidate_phones')
          .select('candidate_id')
          .where('phone_key', 'in', criteria.phoneKeys)
        // PostgreSQL turns the OR of the three into a scan of every candidate (25 ms at 100,000); one list of
        // ids read from the three indexes is the same set. SQLite already reads each index once.
        return postgres
          ? eb(
              'c.id',
              'in',
              byEmail
                .unionAll(byPhone)
                .unionAll(
                  eb.selectFrom('candidates').select('id as candidate_id').where('name_match', '=', criteria.nameMatch),
                ),
            )
          : eb.or([eb('c.id', 'in', byEmail), eb('c.id', 'in', byPhone), eb('c.name_match', '=', criteria.nameMatch)])
      })
      .where('c.id', '!=', criteria.excludeId)
      .orderBy('c.id')
      .limit(20)
  }

  /** Ids of one page, in order; the columns are read by `rowsFor`, so skipped rows cost only an index step. */
  async pageIds(query: ListQuery): Promise<number[]> {
    const { key, args, slots } = listShape(query)
    const rows = await runPrepared(this.db, `candidates.page:${key}`, () => this.pageIdsQuery(slots), args)
    return rows.map((row) => row.id)
  }

  pageIdsQuery(query: ListQuery) {
    return this.filtered(query)
      .select('c.id')
      .orderBy(sql.ref(sortColumn[query.sort]), query.direction)
      .orderBy('c.id', query.direction)
      .limit(query.limit)
      .offset(query.offset)
  }

  async count(query: ListQuery): Promise<number> {
    const { key, args, slots } = listShape(query)
    const rows = await runPrepared(this.db, `candidates.count:${key}`, () => this.countQuery(slots), args)
    return Number(rows[0]?.total ?? 0)
  }

  countQuery(query: ListQuery) {
    return this.filtered(query).select((eb) => eb.fn.countAll<number>().as('total'))
  }

  rowsFor(ids: number[]) {
    const list = ids.length ? ids : [0]
    return runPrepared(
      this.db,
      `candidates.rows:${list.length}`,
      () => this.rowsForQuery(list.map((_, index) => slot<number>(index))),
      list,
    )
  }

  rowsForQuery(ids: number[]) {
    const { joined } = dialectSql(this.db)
    return this.db
      .selectFrom('candidates as c')
      .select((eb) => [
        'c.id',
        'c.name',
        'c.location',
        'c.source',
        'c.created_at',
        'c.updated_at',
        eb
          .selectFrom('candidate_emails')
          .select('email')
          .whereRef('candidate_id', '=', 'c.id')
          .orderBy('position')
          .limit(1)
          .as('email'),
        eb
          .selectFrom('candidate_phones')
          .select('phone')
          .whereRef('candidate_id', '=', 'c.id')
          .orderBy('position')
          .limit(1)
          .as('phone'),
        eb
          .selectFrom('candidate_tags')
          .select(joined(sql.ref('tag'), '\u001f').as('tags'))
          .whereRef('candidate_id', '=', 'c.id')
          .as('tags'),
        eb
          .selectFrom('documents')
          .select((inner) => inner.fn.countAll<number>().as('n'))
          .whereRef('candidate_id', '=', 'c.id')
          .as('documents'),
      ])
      .where('c.id', 'in', ids)
  }

  private filtered(query: ListQuery) {
    let builder = this.db.selectFrom('candidates as c')
    const match = query.match
    if (match !== null) {
      builder = builder.where(hasNameOrContactMatch(this.db, 'c.id', match))
    }
    if (query.tag) {
      const tag = query.tag
      builder = builder.where('c.id', 'in', (eb) =>
        eb.selectFrom('candidate_tags').select('candidate_id').where('tag', '=', tag),
      )
    }
    if (query.source) builder = builder.where('c.source', '=', query.source)
    return builder
  }

  async facets(): Promise<{ tags: string[]; sources: string[] }> {
    const tags = await this.db.selectFrom('candidate_tags').select('tag').distinct().orderBy('tag').limit(500).execute()
    const sources = await this.db
      .selectFrom('candidates')
      .select('source')
      .distinct()
      .where('source', '!=', '')
      .orderBy('source')
      .limit(500)
      .execute()
    return { tags: tags.map((row) => row.tag), sources: sources.map((row) => row.source) }
  }

  /**
   * Candidates matching every word typed (as a prefix, in any column), best first, with what matched marked
   * (see `searchQuery` in `search-repository.ts` for the order).
   */
  async search(text: string, limit: number): Promise<SearchRow[]> {
    const query = this.searchQuery(text, limit)
    return query ? (await query.execute(this.db)).rows : []
  }

  /** The statement of `search`; null when no word is left to search for. */
  searchQuery(text: string, limit: number): RawBuilder<SearchRow> | null {
    return searchQuery(this.db, text, limit)
  }

  /** Phones stored before numbers were kept in E.164: their key is still a run of digits. */
  legacyPhones() {
    return this.db
      .selectFrom('candidate_phones')
      .select(['candidate_id', 'phone'])
      .where('phone_key', 'not like', '+%')
      .where('phone_key', 'not like', '?%')
      .execute()
  }

  async replacePhone(candidateId: number, from: string, to: string, key: string): Promise<void> {
    const clash =
      to !== from &&
      (await this.db
        .selectFrom('candidate_phones')
        .select('phone')
        .where('candidate_id', '=', candidateId)
        .where('phone', '=', to)
        .executeTakeFirst())
    // The candidate already holds the same number in E.164: the old form is redundant.
    if (clash) {
      await this.db
        .deleteFrom('candidate_phones')
        .where('candidate_id', '=', candidateId)
        .where('phone', '=', from)
        .execute()
      return
    }
    await this.db
      .updateTable('candidate_phones')
      .set({ phone: to, phone_key: key })
      .where('candidate_id', '=', candidateId)
      .where('phone', '=', from)
      .execute()
  }

  /** Rewrites the candidate's search row from its current data; call it in the transaction of the change. */
  async refreshSearch(id: number): Promise<void> {
    const { searchKey, postgres } = dialectSql(this.db)
    // In a stated order (both databases accept ORDER BY inside the aggregate), so that both store the same text
    // and cut the same snippets from it.
    const joined = (column: string, separator: string, table: string, order: string) => {
      const aggregate = postgres ? sql.raw('string_agg') : sql.raw('group_concat')
      return sql`coalesce((SELECT ${aggregate}(${sql.ref(column)}, ${separator} ORDER BY ${sql.ref(order)})
        FROM ${sql.table(table)} WHERE candidate_id = c.id), '')`
    }
    await this.deleteSearch(id)
    await sql`INSERT INTO candidate_search (${searchKey}, name, contact, documents, notes)
      SELECT c.id,
        ${indexable(sql`c.name`)},
        ${indexable(
          sql`${joined('email', ' ', 'candidate_emails', 'position')} || ' ' || ${joined('phone', ' ', 'candidate_phones', 'position')}`,
        )},
        ${indexable(joined('text', '\n', 'documents', 'id'))},
        ${indexable(joined('body', '\n', 'candidate_notes', 'id'))}
      FROM candidates AS c WHERE c.id = ${id}`.execute(this.db)
  }

  async deleteSearch(id: number): Promise<void> {
    await sql`DELETE FROM candidate_search WHERE ${dialectSql(this.db).searchKey} = ${id}`.execute(this.db)
  }

  findDocument(id: number) {
    return this.db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst()
  }

  findDocumentByHash(candidateId: number, sha256: string) {
    return this.db
      .selectFrom('documents')
      .select(['id', 'file_name'])
      .where('candidate_id', '=', candidateId)
      .where('sha256', '=', sha256)
      .executeTakeFirst()
  }

  /** The candidate, if any, that already has this exact file. */
  findAnyDocumentByHash(sha256: string) {
    return this.db
      .selectFrom('documents as d')
      .innerJoin('candidates as c', 'c.id', 'd.candidate_id')
      .select(['d.id', 'd.candidate_id', 'c.name', 'd.file_name'])
      .where('d.sha256', '=', sha256)
      .orderBy('d.id')
      .executeTakeFirst()
  }

  insertDocument(document: NewDocument) {
    return this.db
      .insertInto('documents')
      .values({
        candidate_id: document.candidateId,
        sha256: document.sha256,
        file_name: document.fileName,
        size: document.size,
        kind: document.kind,
        status: document.status,
        error_code: document.errorCode,
        error_message: document.errorMessage,
        text: document.text,
        pages: document.pages,
        warnings: JSON.stringify(document.warnings),
        created_at: document.createdAt,
        created_by: document.createdBy,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
  }

  findNote(id: number) {
    return this.db.selectFrom('candidate_notes').selectAll().where('id', '=', id).executeTakeFirst()
  }

  insertNote(candidateId: number, body: string, now: string, actor: number | null) {
    return this.db
      .insertInto('candidate_notes')
      .values({ candidate_id: candidateId, body, created_at: now, updated_at: now, created_by: actor })
      .returningAll()
      .executeTakeFirstOrThrow()
  }

  updateNote(id: number, body: string, now: string) {
    return this.db
      .updateTable('candidate_notes')
      .set({ body, updated_at: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow()
  }

  personName(id: number | null) {
    return id === null
      ? Promise.resolve(undefined)
      : this.db.selectFrom('people').select('name').where('id', '=', id).executeTakeFirst()
  }

  /**
   * Moves everything of `fromId` onto `intoId`, then deletes `fromId`. Values both already have are kept
   * once; the same file attached to both stays as the survivor's document. The activity log is re-pointed,
   * never rewritten. Applications are re-pointed beforehand by `mergeApplications`, which decides what
   * happens when both applied to the same posting; anything else added later that refers to candidates
   * must be moved here too (the foreign keys restrict, so forgetting it fails the merge instead of losing data).
   */
  async mergeInto(fromId: number, intoId: number): Promise<{ duplicateFiles: string[] }> {
    const offset = await this.db
      .selectFrom('candidate_emails')
      .select((eb) => eb.fn.max('position').as('max'))
      .where('candidate_id', '=', intoId)
      .executeTakeFirst()
    const base = (offset?.max ?? -1) + 1
    // What the survivor already has is kept once (the primary keys say what "already" means). The cast types
    // the parameter for PostgreSQL, which cannot infer it from a select list.
    const survivor = sql<number>`cast(${intoId} as integer)`
    await this.db
      .insertInto('candidate_emails')
      .columns(['candidate_id', 'position', 'email'])
      .expression((eb) =>
        eb
          .selectFrom('candidate_emails')
          .select([survivor.as('candidate_id'), sql<number>`position + ${base}`.as('position'), 'email'])
          .where('candidate_id', '=', fromId),
      )
      .onConflict((conflict) => conflict.doNothing())
      .execute()
    await this.db
      .insertInto('candidate_phones')
      .columns(['candidate_id', 'position', 'phone', 'phone_key'])
      .expression((eb) =>
        eb
          .selectFrom('candidate_phones')
          .select([survivor.as('candidate_id'), sql<number>`position + ${base}`.as('position'), 'phone', 'phone_key'])
          .where('candidate_id', '=', fromId),
      )
      .onConflict((conflict) => conflict.doNothing())
      .execute()
    await this.db
      .insertInto('candidate_links')
      .columns(['candidate_id', 'position', 'url'])
      .expression((eb) =>
        eb
          .selectFrom('candidate_links')
          .select([survivor.as('candidate_id'), sql<number>`position + ${base}`.as('position'), 'url'])
          .where('candidate_id', '=', fromId),
      )
      .onConflict((conflict) => conflict.doNothing())
      .execute()
    await this.db
      .insertInto('candidate_tags')
      .columns(['candidate_id', 'tag'])
      .expression((eb) =>
        eb
          .selectFrom('candidate_tags')
          .select([survivor.as('candidate_id'), 'tag'])
          .where('candidate_id', '=', fromId),
      )
      .onConflict((conflict) => conflict.doNothing())
      .execute()
    const sameFiles = await this.db
      .selectFrom('documents as d')
      .select('d.file_name')
      .where('d.candidate_id', '=', fromId)
      .where('d.sha256', 'in', (eb) => eb.selectFrom('documents').select('sha256').where('candidate_id', '=', intoId))
      .execute()
    await this.db
      .updateTable('documents')
      .set({ candidate_id: intoId })
      .where('candidate_id', '=', fromId)
      .where('sha256', 'not in', (eb) => eb.selectFrom('documents').select('sha256').where('candidate_id', '=', intoId))
      .execute()
    await this.db
      .updateTable('candidate_notes')
      .set({ candidate_id: intoId })
      .where('candidate_id', '=', fromId)
      .execute()
    await this.db
      .updateTable('activity')
      .set({ entity_id: intoId })
      .where('entity_type', '=', 'candidate')
      .where('entity_id', '=', fromId)
      .execute()
    await this.db.deleteFrom('candidates').where('id', '=', fromId).execute()
    await this.deleteSearch(fromId)
    return { duplicateFiles: sameFiles.map((row) => row.file_name) }
  }
}
