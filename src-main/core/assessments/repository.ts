import { sql, type Kysely, type Updateable } from 'kysely'
import { runPrepared, slot } from '../db/prepared'
import type { AssessmentsTable, Database, EvidenceSourceValue, RatingValue } from '../db/schema'
import { assessedSections } from '@contract/closed-lists'

const sections = sql.join(assessedSections.map((section) => sql.lit(section)))

export interface NewHistoryEntry {
  applicationId: number
  requirementId: number
  at: string
  personId: number | null
  fromRating: RatingValue
  toRating: RatingValue
  evidenceBefore: string
  evidenceAfter: string
  sourceBefore: EvidenceSourceValue | null
  sourceAfter: EvidenceSourceValue | null
  suggestionKey: string | null
}

export class AssessmentRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** The application with what the assessment view names: candidate, posting, stage. */
  findApplication(id: number) {
    return this.db
      .selectFrom('applications as a')
      .innerJoin('candidates as c', 'c.id', 'a.candidate_id')
      .innerJoin('postings as p', 'p.id', 'a.posting_id')
      .innerJoin('stages as s', 's.id', 'a.stage_id')
      .select([
        'a.id',
        'a.posting_id',
        'a.candidate_id',
        'a.status',
        'a.merged_into_id',
        'c.name as candidate_name',
        'a.name_key',
        'p.title as posting_title',
        's.name as stage_name',
      ])
      .where('a.id', '=', id)
      .executeTakeFirst()
  }

  /** A requirement whether live or archived. */
  findRequirement(id: number) {
    return this.db.selectFrom('requirements').selectAll().where('id', '=', id).executeTakeFirst()
  }

  /** Live requirements of the assessed sections. */
  liveRequirements(postingId: number) {
    return this.db
      .selectFrom('requirements')
      .selectAll()
      .where('posting_id', '=', postingId)
      .where('archived_at', 'is', null)
      .where('section', 'in', assessedSections)
      .execute()
  }

  /** Ids and must-have flags of the live assessed requirements (the applicants table reads them on every page). */
  liveRequirementFlags(postingId: number) {
    return runPrepared(this.db, 'assessments.liveFlags', () => this.liveRequirementFlagsQuery(slot<number>(0)), [
      postingId,
    ])
  }

  liveRequirementFlagsQuery(postingId: number) {
    return this.db
      .selectFrom('requirements')
      .select(['id', 'must_have'])
      .where('posting_id', '=', postingId)
      .where('archived_at', 'is', null)
      .where('section', 'in', assessedSections)
  }

  /** The ratings other than unknown of the given applications. */
  ratingsOf(applicationIds: number[]) {
    const list = applicationIds.length > 0 ? applicationIds : [0]
    return runPrepared(
      this.db,
      `assessments.ratingsOf:${list.length}`,
      () => this.ratingsOfQuery(list.map((_, index) => slot<number>(index))),
      list,
    )
  }

  ratingsOfQuery(applicationIds: number[]) {
    return this.db
      .selectFrom('assessments')
      .select(['application_id', 'requirement_id', 'rating'])
      .where('application_id', 'in', applicationIds)
      .where('rating', '>', 0)
  }

  /** Archived requirements of the posting on which this application was ever rated. */
  archivedRated(postingId: number, applicationId: number) {
    return this.db
      .selectFrom('requirements as r')
      .selectAll('r')
      .where('r.posting_id', '=', postingId)
      .where('r.archived_at', 'is not', null)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('assessment_history as h')
            .select('h.id')
            .whereRef('h.requirement_id', '=', 'r.id')
            .where('h.application_id', '=', applicationId),
        ),
      )
      .execute()
  }

  private assessments() {
    return this.db
      .selectFrom('assessments as x')
      .leftJoin('people as p', 'p.id', 'x.author_id')
      .select([
        'x.id',
        'x.application_id',
        'x.requirement_id',
        'x.rating',
        'x.evidence',
        'x.source',
        'x.author_id',
        'x.updated_at',
        'x.version',
        'p.name as author_name',
      ])
  }

  assessmentsOf(applicationIds: number[]) {
    return this.assessments()
      .where('x.application_id', 'in', applicationIds.length > 0 ? applicationIds : [-1])
      .execute()
  }

  assessmentOf(applicationId: number, requirementId: number) {
    return this.assessments()
      .where('x.application_id', '=', applicationId)
      .where('x.requirement_id', '=', requirementId)
      .executeTakeFirst()
  }

  /** A pair whose row the triggers did not make (the requirement was archived when the application came). */
  async ensureAssessment(applicationId: number, requirementId: number): Promise<void> {
    await this.db
      .insertInto('assessments')
      .values({ application_id: applicationId, requirement_id: requirementId })
      .onConflict((oc) => oc.columns(['application_id', 'requirement_id']).doNothing())
      .execute()
  }

  /** Writes only if nobody changed the row since `version`; returns whether it did. */
  async updateAssessment(id: number, version: number, values: Updateable<AssessmentsTable>): Promise<boolean> {
    const result = await this.db
      .updateTable('assessments')
      .set({ ...values, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst()
    return Number(result.numUpdatedRows) === 1
  }

  async insertHistory(entry: NewHistoryEntry): Promise<void> {
    await this.db
      .insertInto('assessment_history')
      .values({
        application_id: entry.applicationId,
        requirement_id: entry.requirementId,
        at: entry.at,
        person_id: entry.personId,
        from_rating: entry.fromRating,
        to_rating: entry.toRating,
        evidence_before: entry.evidenceBefore,
        evidence_after: entry.evidenceAfter,
        source_before: entry.sourceBefore,
        source_after: entry.sourceAfter,
        suggestion_key: entry.suggestionKey,
      })
      .execute()
  }

  /** Newest first. */
  historyOf(applicationId: number, requirementId?: number) {
    let query = this.db
      .selectFrom('assessment_history as h')
      .leftJoin('people as p', 'p.id', 'h.person_id')
      .selectAll('h')
      .select('p.name as person_name')
      .where('h.application_id', '=', applicationId)
    if (requirementId !== undefined) query = query.where('h.requirement_id', '=', requirementId)
    return query.orderBy('h.id', 'desc').execute()
  }

  dismissalsOf(applicationId: number) {
    return this.db.selectFrom('suggestion_dismissals').selectAll().where('application_id', '=', applicationId).execute()
  }

  async dismiss(values: {
    applicationId: number
    requirementId: number
    key: string
    fingerprint: string
    personId: number | null
    at: string
  }): Promise<void> {
    await this.db
      .insertInto('suggestion_dismissals')
      .values({
        application_id: values.applicationId,
        requirement_id: values.requirementId,
        suggestion_key: values.key,
        fingerprint: values.fingerprint,
        person_id: values.personId,
        at: values.at,
      })
      .onConflict((oc) =>
        oc
          .columns(['application_id', 'requirement_id', 'suggestion_key'])
          .doUpdateSet({ fingerprint: values.fingerprint, person_id: values.personId, at: values.at }),
      )
      .execute()
  }

  /** The candidate's documents with readable text, newest first. */
  documentsOf(candidateId: number) {
    return this.db
      .selectFrom('documents')
      .select(['id', 'file_name', 'text', 'sha256'])
      .where('candidate_id', '=', candidateId)
      .where('status', '=', 'extracted')
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute()
  }

  fitsOf(applicationIds: number[]) {
    return this.db
      .selectFrom('application_fit')
      .selectAll()
      .where('application_id', 'in', applicationIds.length > 0 ? applicationIds : [-1])
      .execute()
  }

  /** The posting's live applicants just before and after this one, ordered by name. */
  async neighbours(
    postingId: number,
    nameKey: string,
    id: number,
  ): Promise<{ previous: number | null; next: number | null }> {
    const base = () =>
      this.db
        .selectFrom('applications as a')
        .select('a.id')
        .where('a.posting_id', '=', postingId)
        .where('a.merged_into_id', 'is', null)
        .limit(1)
    const [previous, next] = await Promise.all([
      base()
        .where(sql<boolean>`(a.name_key, a.id) < (${nameKey}, ${id})`)
        .orderBy('a.name_key', 'desc')
        .orderBy('a.id', 'desc')
        .executeTakeFirst(),
      base()
        .where(sql<boolean>`(a.name_key, a.id) > (${nameKey}, ${id})`)
        .orderBy('a.name_key')
        .orderBy('a.id')
        .executeTakeFirst(),
    ])
    return { previous: previous?.id ?? null, next: next?.id ?? null }
  }

  /** Live applications of a posting with candidate, stage and fit, by name, `limit` after the key given. */
  applicantsByName(postingId: number, after: { nameKey: string; id: number } | null, limit: number) {
    let query = this.db
      .selectFrom('applications as a')
      .innerJoin('candidates as c', 'c.id', 'a.candidate_id')
      .innerJoin('stages as s', 's.id', 'a.stage_id')
      .leftJoin('application_fit as f', 'f.application_id', 'a.id')
      .select([
        'a.id',
        'a.candidate_id',
        'a.status',
        'c.name as candidate_name',
        'a.name_key',
        's.name as stage_name',
        'f.score',
        'f.must_met',
        'f.knocked_out',
        'f.assessed',
      ])
      .where('a.posting_id', '=', postingId)
      .where('a.merged_into_id', 'is', null)
    if (after) {
      const { nameKey, id } = after
      query = query.where(sql<boolean>`(a.name_key, a.id) > (${nameKey}, ${id})`)
    }
    return query.orderBy('a.name_key').orderBy('a.id').limit(limit).execute()
  }

  /** The given applications with candidate, stage and fit. */
  applicantsById(ids: number[]) {
    return this.db
      .selectFrom('applications as a')
      .innerJoin('candidates as c', 'c.id', 'a.candidate_id')
      .innerJoin('stages as s', 's.id', 'a.stage_id')
      .leftJoin('application_fit as f', 'f.application_id', 'a.id')
      .select([
        'a.id',
        'a.posting_id',
        'a.merged_into_id',
        'c.name as candidate_name',
        's.name as stage_name',
        'f.score',
        'f.must_met',
        'f.knocked_out',
        'f.assessed',
      ])
      .where('a.id', 'in', ids.length > 0 ? ids : [-1])
      .execute()
  }
  /** The posting's id and title, when it exists. */
  findPosting(id: number) {
    return this.db.selectFrom('postings').select(['id', 'title']).where('id', '=', id).executeTakeFirst()
  }

  /** Live assessed requirements of a posting, and how many of them are must-haves. */
  async postingTotals(postingId: number): Promise<{ total: number; mustHaves: number }> {
    const row = await this.db
      .selectFrom('requirements')
      .select((eb) => [
        eb.fn.countAll<number>().as('total'),
        eb.fn.coalesce(eb.fn.sum<number>('must_have'), eb.lit(0)).as('must_haves'),
      ])
      .where('posting_id', '=', postingId)
      .where('archived_at', 'is', null)
      .where('section', 'in', assessedSections)
      .executeTakeFirst()
    return { total: Number(row?.total ?? 0), mustHaves: Number(row?.must_haves ?? 0) }
  }

  /** Recomputes the stored fit of one application or of every application of a posting (formula: fit.ts). */
  async refreshFit(scope: { applicationId: number } | { postingId: number }): Promise<void> {
    const where =
      'applicationId' in scope ? sql`application_id = ${scope.applicationId}` : sql`posting_id = ${scope.postingId}`
    await sql`
    UPDATE application_fit SET (score, must_met, knocked_out, assessed) = (
      SELECT
        coalesce(round(100.0 * sum(r.weight * (CASE x.rating WHEN 2 THEN 1 WHEN 3 THEN 2 WHEN 4 THEN 3 ELSE 0 END))
          / nullif(2.0 * sum(r.weight), 0), 1), 0),
        coalesce(sum(CASE WHEN r.must_have = 1 AND x.rating >= 3 THEN 1 ELSE 0 END), 0),
        coalesce(max(CASE WHEN r.must_have = 1 AND x.rating = 1 THEN 1 ELSE 0 END), 0),
        coalesce(sum(CASE WHEN x.rating > 0 THEN 1 ELSE 0 END), 0)
      FROM assessments x JOIN requirements r ON r.id = x.requirement_id
      WHERE x.application_id = application_fit.application_id
        AND r.archived_at IS NULL AND r.section IN (${sections})
    )
    WHERE ${where}`.execute(this.db)
  }

  /**
   * Copies onto the kept application the ratings it has never made (version 0) from the merged one;
   * returns the requirements so filled.
   */
  async carryOverRatings(fromId: number, intoId: number): Promise<number[]> {
    // No UPDATE … FROM: RETURNING then names a column both tables have, which PostgreSQL finds ambiguous and
    // SQLite refuses to qualify.
    const carried = await sql<{ requirement_id: number }>`
    UPDATE assessments
    SET (rating, evidence, source, author_id, updated_at) = (
          SELECT merged.rating, merged.evidence, merged.source, merged.author_id, merged.updated_at
          FROM assessments AS merged
          WHERE merged.application_id = ${fromId} AND merged.requirement_id = assessments.requirement_id),
        version = version + 1
    WHERE application_id = ${intoId} AND version = 0
      AND requirement_id IN (
        SELECT requirement_id FROM assessments WHERE application_id = ${fromId} AND version > 0)
    RETURNING requirement_id`.execute(this.db)
    return carried.rows.map((row) => row.requirement_id)
  }

  /** A history entry "unknown → rating" for each carried-over item, at its own time (else `at`). */
  async insertCarriedHistory(applicationId: number, requirementIds: number[], at: string): Promise<void> {
    await sql`
    INSERT INTO assessment_history (application_id, requirement_id, at, person_id, from_rating, to_rating,
      evidence_before, evidence_after, source_before, source_after, suggestion_key)
    SELECT ${applicationId}, x.requirement_id, coalesce(x.updated_at, ${at}), x.author_id, 0, x.rating,
      '', x.evidence, NULL, x.source, NULL
    FROM assessments x
    WHERE x.application_id = ${applicationId} AND x.requirement_id IN (${sql.join(requirementIds)})`.execute(this.db)
  }
}
