import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'

export interface StepValues {
  name: string
  duration_minutes: number
  questions: string
}

export interface FocusValues {
  requirement_id: number | null
  competency_id: number | null
}

export class InterviewRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** A posting with its target level and ladder. */
  findPosting(id: number) {
    return this.db
      .selectFrom('postings')
      .innerJoin('levels', 'levels.id', 'postings.level_id')
      .innerJoin('ladders', 'ladders.id', 'levels.ladder_id')
      .select([
        'postings.id',
        'postings.title',
        'postings.team',
        'postings.level_id',
        'levels.title as level_title',
        'levels.ladder_id',
        'ladders.name as ladder_name',
      ])
      .where('postings.id', '=', id)
      .executeTakeFirst()
  }

  async ladder(ladderId: number) {
    const [levels, competencies, expectations] = await Promise.all([
      this.db
        .selectFrom('levels')
        .select(['id', 'title', 'position'])
        .where('ladder_id', '=', ladderId)
        .orderBy('position')
        .execute(),
      this.db
        .selectFrom('competencies')
        .select(['id', 'name', 'description'])
        .where('ladder_id', '=', ladderId)
        .orderBy('position')
        .execute(),
      this.db
        .selectFrom('expectations')
        .innerJoin('levels', 'levels.id', 'expectations.level_id')
        .select(['expectations.level_id as levelId', 'expectations.competency_id as competencyId', 'expectations.text'])
        .where('levels.ladder_id', '=', ladderId)
        .execute(),
    ])
    return { levels, competencies, expectations }
  }

  /** Live requirements of a posting in section and position order. */
  requirements(postingId: number) {
    return this.db
      .selectFrom('requirements')
      .select(['id', 'text', 'section', 'competency_id', 'position'])
      .where('posting_id', '=', postingId)
      .where('archived_at', 'is', null)
      .orderBy('position')
      .orderBy('id')
      .execute()
  }

  findPerson(id: number) {
    return this.db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst()
  }

  findPlan(postingId: number) {
    return this.db
      .selectFrom('interview_plans')
      .leftJoin('people', 'people.id', 'interview_plans.hiring_manager_id')
      .select(['interview_plans.hiring_manager_id', 'people.name as hiring_manager_name'])
      .where('interview_plans.posting_id', '=', postingId)
      .executeTakeFirst()
  }

  async setHiringManager(postingId: number, personId: number | null, now: string): Promise<void> {
    await this.db
      .insertInto('interview_plans')
      .values({ posting_id: postingId, hiring_manager_id: personId, updated_at: now })
      .onConflict((oc) => oc.column('posting_id').doUpdateSet({ hiring_manager_id: personId, updated_at: now }))
      .execute()
  }

  listSteps(postingId: number) {
    return this.db
      .selectFrom('interview_steps')
      .selectAll()
      .where('posting_id', '=', postingId)
      .orderBy('position')
      .orderBy('id')
      .execute()
  }

  findStep(id: number) {
    return this.db.selectFrom('interview_steps').selectAll().where('id', '=', id).executeTakeFirst()
  }

  focusOfSteps(stepIds: number[]) {
    return this.db
      .selectFrom('interview_focus_items')
      .select(['step_id', 'requirement_id', 'competency_id'])
      .where('step_id', 'in', stepIds.length > 0 ? stepIds : [-1])
      .orderBy('step_id')
      .orderBy('position')
      .execute()
  }

  insertStep(postingId: number, position: number, values: StepValues, now: string) {
    return this.db
      .insertInto('interview_steps')
      .values({ posting_id: postingId, position, ...values, created_at: now, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow()
  }

  async updateStep(id: number, values: StepValues, now: string): Promise<void> {
    await this.db
      .updateTable('interview_steps')
      .set({ ...values, updated_at: now })
      .where('id', '=', id)
      .execute()
  }

  async deleteStep(id: number): Promise<void> {
    await this.db.deleteFrom('interview_steps').where('id', '=', id).execute()
  }

  async setStepPositions(orderedIds: number[]): Promise<void> {
    for (const [position, id] of orderedIds.entries()) {
      await this.db.updateTable('interview_steps').set({ position }).where('id', '=', id).execute()
    }
  }

  async replaceFocus(stepId: number, focus: FocusValues[]): Promise<void> {
    await this.db.deleteFrom('interview_focus_items').where('step_id', '=', stepId).execute()
    for (const [position, item] of focus.entries()) {
      await this.db
        .insertInto('interview_focus_items')
        .values({ step_id: stepId, position, ...item })
        .execute()
    }
  }
}
