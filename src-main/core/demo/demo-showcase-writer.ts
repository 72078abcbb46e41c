import type { Kysely } from 'kysely'
import { assessedSections } from '../assessments/ratings'
import type { Database, EvidenceSourceValue, RatingValue } from '../db/schema'

/** The demo showcase's reads and writes: the demo posting's items, applicants and their first ratings. */
export class ShowcaseWriter {
  constructor(private readonly db: Kysely<Database>) {}

  async ladderOf(postingId: number): Promise<number> {
    const posting = await this.db
      .selectFrom('postings')
      .innerJoin('levels', 'levels.id', 'postings.level_id')
      .select(['levels.ladder_id'])
      .where('postings.id', '=', postingId)
      .executeTakeFirstOrThrow()
    return posting.ladder_id
  }

  competencies(ladderId: number) {
    return this.db.selectFrom('competencies').select(['id', 'name']).where('ladder_id', '=', ladderId).execute()
  }

  assessedRequirements(postingId: number) {
    return this.db
      .selectFrom('requirements')
      .select(['id', 'text', 'section', 'must_have'])
      .where('posting_id', '=', postingId)
      .where('archived_at', 'is', null)
      .where('section', 'in', assessedSections)
      .orderBy('position')
      .execute()
  }

  applications(postingId: number) {
    return this.db
      .selectFrom('applications')
      .innerJoin('candidates', 'candidates.id', 'applications.candidate_id')
      .innerJoin('stages', 'stages.id', 'applications.stage_id')
      .select([
        'applications.id',
        'applications.created_at',
        'applications.status',
        'candidates.name',
        'stages.position',
      ])
      .where('applications.posting_id', '=', postingId)
      .orderBy('applications.id')
      .execute()
  }

  async linkRequirement(requirementId: number, competencyId: number | null, mustHave: boolean): Promise<void> {
    await this.db
      .updateTable('requirements')
      .set({ competency_id: competencyId, must_have: mustHave ? 1 : 0 })
      .where('id', '=', requirementId)
      .execute()
  }

  /** A first rating, as if its author had given it at `at`, with its history row. */
  async rate(rating: {
    applicationId: number
    requirementId: number
    value: RatingValue
    evidence: string
    source: EvidenceSourceValue
    authorId: number | null
    at: string
  }): Promise<void> {
    await this.db
      .updateTable('assessments')
      .set({
        rating: rating.value,
        evidence: rating.evidence,
        source: rating.source,
        author_id: rating.authorId,
        updated_at: rating.at,
        version: 1,
      })
      .where('application_id', '=', rating.applicationId)
      .where('requirement_id', '=', rating.requirementId)
      .execute()
    await this.db
      .insertInto('assessment_history')
      .values({
        application_id: rating.applicationId,
        requirement_id: rating.requirementId,
        at: rating.at,
        person_id: rating.authorId,
        from_rating: 0,
        to_rating: rating.value,
        evidence_before: '',
        evidence_after: rating.evidence,
        source_before: null,
        source_after: rating.source,
      })
      .execute()
  }

  async deleteInterviews(applicationId: number, stepId: number): Promise<void> {
    await this.db
      .deleteFrom('interviews')
      .where('application_id', '=', applicationId)
      .where('step_id', '=', stepId)
      .execute()
  }
}
