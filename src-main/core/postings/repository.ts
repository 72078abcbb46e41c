import type { Kysely, Updateable } from 'kysely'
import type {
  Database,
  NewRequirement,
  PostingsTable,
  PostingStatus,
  RequirementSection,
  RequirementsTable,
} from '../db/schema'

export interface PostingFilter {
  status?: PostingStatus | undefined
  levelId?: number | undefined
  language?: string | undefined
}

export interface PostingValues {
  title: string
  level_id: number
  team: string
  language: string
  countries: string
  remote_policy: PostingsTable['remote_policy']
  summary: string
}

export class PostingRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Postings with their level and ladder names, newest change first. */
  listPostings(filter: PostingFilter = {}, ids?: number[]) {
    let query = this.db
      .selectFrom('postings')
      .innerJoin('levels', 'levels.id', 'postings.level_id')
      .innerJoin('ladders', 'ladders.id', 'levels.ladder_id')
      .selectAll('postings')
      .select(['levels.title as level_title', 'levels.ladder_id as ladder_id', 'ladders.name as ladder_name'])
      .orderBy('postings.updated_at', 'desc')
      .orderBy('postings.id', 'desc')
    if (filter.status) query = query.where('postings.status', '=', filter.status)
    if (filter.levelId !== undefined) query = query.where('postings.level_id', '=', filter.levelId)
    if (filter.language) query = query.where('postings.language', '=', filter.language)
    if (ids) query = query.where('postings.id', 'in', ids.length > 0 ? ids : [-1])
    return query.execute()
  }

  findPosting(id: number) {
    return this.db.selectFrom('postings').selectAll().where('id', '=', id).executeTakeFirst()
  }

  insertPosting(
    values: PostingValues & {
      status: PostingStatus
      original_text: string
      original_file_name: string | null
      now: string
    },
  ) {
    const { now, ...rest } = values
    return this.db
      .insertInto('postings')
      .values({ ...rest, created_at: now, updated_at: now, closed_at: values.status === 'closed' ? now : null })
      .returningAll()
      .executeTakeFirstOrThrow()
  }

  async updatePosting(id: number, values: Updateable<PostingsTable>): Promise<void> {
    await this.db.updateTable('postings').set(values).where('id', '=', id).execute()
  }

  async deletePosting(id: number): Promise<void> {
    await this.db.deleteFrom('postings').where('id', '=', id).execute()
  }

  /** Live (not archived) requirements of the given postings, grouped by section in position order. */
  listRequirements(postingIds: number[]) {
    return this.db
      .selectFrom('requirements')
      .selectAll()
      .where('posting_id', 'in', postingIds.length > 0 ? postingIds : [-1])
      .where('archived_at', 'is', null)
      .orderBy('posting_id')
      .orderBy('section')
      .orderBy('position')
      .orderBy('id')
      .execute()
  }

  countRequirements(postingIds: number[]) {
    return this.db
      .selectFrom('requirements')
      .select(['posting_id', 'section'])
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('posting_id', 'in', postingIds.length > 0 ? postingIds : [-1])
      .where('archived_at', 'is', null)
      .groupBy(['posting_id', 'section'])
      .execute()
  }

  findRequirement(id: number) {
    return this.db
      .selectFrom('requirements')
      .selectAll()
      .where('id', '=', id)
      .where('archived_at', 'is', null)
      .executeTakeFirst()
  }

  /** A requirement whether live or archived. */
  findRequirementAny(id: number) {
    return this.db.selectFrom('requirements').selectAll().where('id', '=', id).executeTakeFirst()
  }

  /** Ids of one section in order. */
  async sectionOrder(postingId: number, section: RequirementSection): Promise<number[]> {
    const rows = await this.db
      .selectFrom('requirements')
      .select('id')
      .where('posting_id', '=', postingId)
      .where('section', '=', section)
      .where('archived_at', 'is', null)
      .orderBy('position')
      .orderBy('id')
      .execute()
    return rows.map((row) => row.id)
  }

  insertRequirement(values: NewRequirement) {
    return this.db.insertInto('requirements').values(values).returningAll().executeTakeFirstOrThrow()
  }

  async updateRequirement(id: number, values: Updateable<RequirementsTable>): Promise<void> {
    await this.db.updateTable('requirements').set(values).where('id', '=', id).execute()
  }

  async deleteRequirement(id: number): Promise<void> {
    await this.db.deleteFrom('requirements').where('id', '=', id).execute()
  }

  /** Writes a section's order; ids may come from another section (a move), which they then join. */
  async setSectionOrder(section: RequirementSection, orderedIds: number[], now: string): Promise<void> {
    for (const [position, id] of orderedIds.entries()) {
      await this.db
        .updateTable('requirements')
        .set({ section, position, updated_at: now })
        .where('id', '=', id)
        .execute()
    }
  }

  /** Whether applicants were ever rated on the requirement: such a one is archived, never deleted. */
  async wasRated(requirementId: number): Promise<boolean> {
    const row = await this.db
      .selectFrom('assessment_history')
      .select('id')
      .where('requirement_id', '=', requirementId)
      .limit(1)
      .executeTakeFirst()
    return row !== undefined
  }

  /** Requirements whose competency is not of the given ladder. */
  async countForeignCompetencyLinks(postingId: number, ladderId: number): Promise<number> {
    const row = await this.db
      .selectFrom('requirements')
      .innerJoin('competencies', 'competencies.id', 'requirements.competency_id')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('requirements.posting_id', '=', postingId)
      .where('competencies.ladder_id', '!=', ladderId)
      .executeTakeFirstOrThrow()
    return Number(row.count)
  }

  async clearCompetencyLinks(postingId: number, now: string): Promise<void> {
    await this.db
      .updateTable('requirements')
      .set({ competency_id: null, updated_at: now })
      .where('posting_id', '=', postingId)
      .where('competency_id', 'is not', null)
      .execute()
  }

  /** Every level with its ladder, for the level suggestion. */
  listLevelRefs() {
    return this.db
      .selectFrom('levels')
      .innerJoin('ladders', 'ladders.id', 'levels.ladder_id')
      .select(['levels.id', 'levels.title', 'levels.ladder_id', 'ladders.name as ladder_name'])
      .orderBy('ladders.name')
      .orderBy('levels.position')
      .execute()
  }

  findLevel(id: number) {
    return this.db
      .selectFrom('levels')
      .innerJoin('ladders', 'ladders.id', 'levels.ladder_id')
      .selectAll('levels')
      .select('ladders.name as ladder_name')
      .where('levels.id', '=', id)
      .executeTakeFirst()
  }

  competenciesOf(ids: number[]) {
    return this.db
      .selectFrom('competencies')
      .select(['id', 'ladder_id', 'name'])
      .where('id', 'in', ids.length > 0 ? ids : [-1])
      .execute()
  }

  /** A level's expectations with their competencies, in the ladder's competency order. */
  expectationsOfLevel(levelId: number) {
    return this.db
      .selectFrom('expectations')
      .innerJoin('competencies', 'competencies.id', 'expectations.competency_id')
      .select([
        'expectations.text',
        'expectations.examples',
        'competencies.id as competency_id',
        'competencies.name as competency_name',
        'competencies.description as competency_description',
      ])
      .where('expectations.level_id', '=', levelId)
      .orderBy('competencies.position')
      .execute()
  }
}
