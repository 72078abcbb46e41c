import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'

/** What a message or an invitation is made of: the application, its candidate's first e-mail, the posting. */
export class MessageRepository {
  constructor(private readonly db: Kysely<Database>) {}

  application(id: number) {
    return this.db
      .selectFrom('applications as a')
      .innerJoin('candidates as c', 'c.id', 'a.candidate_id')
      .innerJoin('postings as p', 'p.id', 'a.posting_id')
      .select((eb) => [
        'a.id',
        'a.candidate_id',
        'c.name as candidate_name',
        'p.id as posting_id',
        'p.title as posting_title',
        'p.team',
        'p.language',
        eb
          .selectFrom('candidate_emails as e')
          .select('e.email')
          .whereRef('e.candidate_id', '=', 'c.id')
          .orderBy('e.position')
          .orderBy('e.email')
          .limit(1)
          .as('email'),
      ])
      .where('a.id', '=', id)
      .where('a.merged_into_id', 'is', null)
      .executeTakeFirst()
  }

  /** The application's interviews, the next one to come first, then the most recent. */
  interviews(applicationId: number) {
    return this.interviewRows()
      .where('i.application_id', '=', applicationId)
      .orderBy('i.scheduled_at')
      .orderBy('i.id')
      .execute()
  }

  interview(id: number) {
    return this.interviewRows().where('i.id', '=', id).executeTakeFirst()
  }

  private interviewRows() {
    return this.db
      .selectFrom('interviews as i')
      .innerJoin('interview_steps as s', 's.id', 'i.step_id')
      .innerJoin('people as p', 'p.id', 'i.interviewer_id')
      .select([
        'i.id',
        'i.application_id',
        'i.scheduled_at',
        'i.duration_minutes',
        's.name as step_name',
        'p.name as interviewer_name',
        'p.email as interviewer_email',
      ])
  }
}
