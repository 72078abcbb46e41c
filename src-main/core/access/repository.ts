import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'

/**
 * The row rules' questions: which of these ids a restricted caller may see. Each answers with the subset of the
 * ids asked for, so a missing id and one that is not the caller's look the same to the rule.
 */
export class AccessRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async interviewsOf(interviewerId: number, ids: readonly number[]): Promise<number[]> {
    const rows = await this.db
      .selectFrom('interviews')
      .select('id')
      .where('id', 'in', ids)
      .where('interviewer_id', '=', interviewerId)
      .execute()
    return rows.map((row) => row.id)
  }

  async applicationsInterviewedBy(interviewerId: number, ids: readonly number[]): Promise<number[]> {
    const rows = await this.db
      .selectFrom('interviews')
      .select('application_id as id')
      .distinct()
      .where('application_id', 'in', ids)
      .where('interviewer_id', '=', interviewerId)
      .execute()
    return rows.map((row) => row.id)
  }

  async candidatesInterviewedBy(interviewerId: number, ids: readonly number[]): Promise<number[]> {
    const rows = await this.db
      .selectFrom('interviews')
      .innerJoin('applications', 'applications.id', 'interviews.application_id')
      .select('applications.candidate_id as id')
      .distinct()
      .where('applications.candidate_id', 'in', ids)
      .where('interviews.interviewer_id', '=', interviewerId)
      .execute()
    return rows.map((row) => row.id)
  }

  async postingsInterviewedFor(interviewerId: number, ids: readonly number[]): Promise<number[]> {
    const rows = await this.db
      .selectFrom('interviews')
      .innerJoin('applications', 'applications.id', 'interviews.application_id')
      .select('applications.posting_id as id')
      .distinct()
      .where('applications.posting_id', 'in', ids)
      .where('interviews.interviewer_id', '=', interviewerId)
      .execute()
    return rows.map((row) => row.id)
  }

  async postingsManagedBy(managerId: number, ids: readonly number[]): Promise<number[]> {
    const rows = await this.db
      .selectFrom('interview_plans')
      .select('posting_id as id')
      .where('posting_id', 'in', ids)
      .where('hiring_manager_id', '=', managerId)
      .execute()
    return rows.map((row) => row.id)
  }

  async managedPostingIds(managerId: number): Promise<number[]> {
    const rows = await this.db
      .selectFrom('interview_plans')
      .select('posting_id as id')
      .where('hiring_manager_id', '=', managerId)
      .orderBy('posting_id')
      .execute()
    return rows.map((row) => row.id)
  }

  async applicationsManagedBy(managerId: number, ids: readonly number[]): Promise<number[]> {
    const rows = await this.db
      .selectFrom('applications')
      .innerJoin('interview_plans', 'interview_plans.posting_id', 'applications.posting_id')
      .select('applications.id')
      .where('applications.id', 'in', ids)
      .where('interview_plans.hiring_manager_id', '=', managerId)
      .execute()
    return rows.map((row) => row.id)
  }

  async candidatesManagedBy(managerId: number, ids: readonly number[]): Promise<number[]> {
    const rows = await this.db
      .selectFrom('applications')
      .innerJoin('interview_plans', 'interview_plans.posting_id', 'applications.posting_id')
      .select('applications.candidate_id as id')
      .distinct()
      .where('applications.candidate_id', 'in', ids)
      .where('interview_plans.hiring_manager_id', '=', managerId)
      .execute()
    return rows.map((row) => row.id)
  }

  async interviewsManagedBy(managerId: number, ids: readonly number[]): Promise<number[]> {
    const rows = await this.db
      .selectFrom('interviews')
      .innerJoin('applications', 'applications.id', 'interviews.application_id')
      .innerJoin('interview_plans', 'interview_plans.posting_id', 'applications.posting_id')
      .select('interviews.id')
      .where('interviews.id', 'in', ids)
      .where('interview_plans.hiring_manager_id', '=', managerId)
      .execute()
    return rows.map((row) => row.id)
  }

  /** The candidate of each document or note asked for (absent ids are left out). */
  async candidatesOf(table: 'documents' | 'candidate_notes', ids: readonly number[]): Promise<Map<number, number>> {
    const rows = await this.db.selectFrom(table).select(['id', 'candidate_id']).where('id', 'in', ids).execute()
    return new Map(rows.map((row) => [row.id, row.candidate_id]))
  }

  /** The posting of each stage, requirement or interview step asked for (absent ids are left out). */
  async postingsOf(
    table: 'stages' | 'requirements' | 'interview_steps' | 'saved_views',
    ids: readonly number[],
  ): Promise<Map<number, number>> {
    const rows = await this.db.selectFrom(table).select(['id', 'posting_id']).where('id', 'in', ids).execute()
    return new Map(rows.map((row) => [row.id, row.posting_id]))
  }

  async viewsOf(personId: number, ids: readonly number[]): Promise<number[]> {
    const rows = await this.db
      .selectFrom('saved_views')
      .select('id')
      .where('id', 'in', ids)
      .where('person_id', '=', personId)
      .execute()
    return rows.map((row) => row.id)
  }
}
