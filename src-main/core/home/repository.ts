import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import { assessedSections } from '@contract/closed-lists'

/**
 * The start page's queries: each one bounded and answered by the database, never by scanning in JavaScript; every
 * order ends on an id, so two postings of one title or two interviews at one time list the same on both databases.
 */
export class HomeRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Open postings whose hiring manager is the person. */
  async managedOpenPostings(personId: number): Promise<number[]> {
    const rows = await this.db
      .selectFrom('interview_plans as ip')
      .innerJoin('postings as p', 'p.id', 'ip.posting_id')
      .select('p.id')
      .where('ip.hiring_manager_id', '=', personId)
      .where('p.status', '=', 'open')
      .execute()
    return rows.map((row) => row.id)
  }

  async openPostings(): Promise<number[]> {
    const rows = await this.db.selectFrom('postings').select('id').where('status', '=', 'open').execute()
    return rows.map((row) => row.id)
  }

  /** My interviews up to `until` on active applications without a submitted scorecard, oldest first. */
  dueScorecards(interviewerId: number, until: string, limit: number) {
    return this.db
      .selectFrom('interviews as i')
      .innerJoin('applications as a', 'a.id', 'i.application_id')
      .innerJoin('candidates as c', 'c.id', 'a.candidate_id')
      .innerJoin('postings as p', 'p.id', 'a.posting_id')
      .innerJoin('interview_steps as s', 's.id', 'i.step_id')
      .select((eb) => [
        'i.id as interview_id',
        'a.id as application_id',
        'c.name as candidate_name',
        'p.id as posting_id',
        'p.title as posting_title',
        's.name as step_name',
        'i.scheduled_at',
        eb
          .exists(eb.selectFrom('scorecards as d').select('d.id').whereRef('d.interview_id', '=', 'i.id'))
          .as('started'),
      ])
      .where('i.interviewer_id', '=', interviewerId)
      .where('i.scheduled_at', '<', until)
      .where('a.status', '=', 'active')
      .where('a.merged_into_id', 'is', null)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('scorecards as sc')
              .select('sc.id')
              .whereRef('sc.interview_id', '=', 'i.id')
              .where('sc.status', '=', 'submitted'),
          ),
        ),
      )
      .orderBy('i.scheduled_at')
      .orderBy('i.id')
      .limit(limit)
      .execute()
  }

  /** Per open stage of the postings: active applicants in it and the oldest entry time. */
  waiting(postingIds: number[]) {
    return this.db
      .selectFrom('applications as a')
      .innerJoin('stages as st', 'st.id', 'a.stage_id')
      .innerJoin('postings as p', 'p.id', 'a.posting_id')
      .select((eb) => [
        'p.id as posting_id',
        'p.title as posting_title',
        'st.id as stage_id',
        'st.name as stage_name',
        'st.position',
        eb.fn.countAll<number>().as('count'),
        eb.fn.min('a.stage_entered_at').as('oldest_since'),
      ])
      .where('a.posting_id', 'in', postingIds.length > 0 ? postingIds : [-1])
      .where('a.status', '=', 'active')
      .where('a.merged_into_id', 'is', null)
      .where('st.kind', '=', 'open')
      .groupBy(['p.id', 'p.title', 'st.id', 'st.name', 'st.position'])
      .orderBy('p.title')
      .orderBy('p.id')
      .orderBy('st.position')
      .orderBy('st.id')
      .execute()
  }

  /** Live assessed items of the postings that no application has rated yet (version 0 = never rated). */
  unassessed(postingIds: number[], limit: number) {
    return this.db
      .selectFrom('requirements as r')
      .innerJoin('postings as p', 'p.id', 'r.posting_id')
      .select(['p.id as posting_id', 'p.title as posting_title', 'r.id as requirement_id', 'r.text', 'r.must_have'])
      .where('r.posting_id', 'in', postingIds.length > 0 ? postingIds : [-1])
      .where('r.archived_at', 'is', null)
      .where('r.section', 'in', assessedSections)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('assessments as s')
              .innerJoin('applications as a', 'a.id', 's.application_id')
              .select('s.id')
              .whereRef('s.requirement_id', '=', 'r.id')
              .where('s.version', '>', 0)
              .where('a.merged_into_id', 'is', null),
          ),
        ),
      )
      .orderBy('p.title')
      .orderBy('p.id')
      .orderBy('r.must_have', 'desc')
      .orderBy('r.position')
      .orderBy('r.id')
      .limit(limit)
      .execute()
  }

  async countUnassessed(postingIds: number[]): Promise<number> {
    const row = await this.db
      .selectFrom('requirements as r')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('r.posting_id', 'in', postingIds.length > 0 ? postingIds : [-1])
      .where('r.archived_at', 'is', null)
      .where('r.section', 'in', assessedSections)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('assessments as s')
              .select('s.id')
              .whereRef('s.requirement_id', '=', 'r.id')
              .where('s.version', '>', 0),
          ),
        ),
      )
      .executeTakeFirst()
    return Number(row?.count ?? 0)
  }
}
