import type BetterSqlite3 from 'better-sqlite3'
import type { ApplicationStatus } from '../db/schema'
import type { HistoricApplication, HistoryStep } from './application-history'
import { stageEnteredAt } from './application-row-writer'

export type { HistoricApplication, HistoryStep }

/**
 * Writes applications with their whole past, for the demo and `demo generate`: the services stamp every
 * change with the current time, these rows carry the times given. Same contract as the candidates' bulk
 * writer: run inside a Kysely transaction on the same connection.
 */
export class ApplicationBulkWriter {
  private readonly statements

  constructor(sqlite: BetterSqlite3.Database) {
    this.statements = {
      application: sqlite.prepare<
        [
          number,
          number,
          ApplicationStatus,
          string,
          string,
          string,
          number | null,
          string,
          string,
          string | null,
          number,
        ]
      >(
        `INSERT INTO applications (candidate_id, name_key, posting_id, stage_id, status, reason, source, created_at,
           created_by, updated_at, stage_entered_at, closed_at)
         SELECT c.id, c.name_key, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM candidates AS c WHERE c.id = ?`,
      ),
      event: sqlite.prepare<
        [number, number | null, number, ApplicationStatus | null, ApplicationStatus, string, number | null, string]
      >(
        `INSERT INTO stage_events (application_id, from_stage_id, to_stage_id, from_status, to_status, reason, person_id, at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      activity: sqlite.prepare<[string, number | null, number, string]>(
        `INSERT INTO activity (at, person_id, entity_type, entity_id, action, detail)
         VALUES (?, ?, 'candidate', ?, 'application_added', ?)`,
      ),
    }
  }

  insert(application: HistoricApplication): number {
    const { steps } = application
    const first = steps[0]
    const last = steps.at(-1)
    if (!first || !last) throw new Error('An application needs at least its first step.')
    const enteredAt = stageEnteredAt(steps)
    const s = this.statements
    const id = Number(
      s.application.run(
        application.postingId,
        last.stageId,
        last.status,
        last.status === 'active' ? '' : last.reason,
        application.source,
        first.at,
        first.personId,
        last.at,
        enteredAt,
        last.status === 'active' ? null : last.at,
        application.candidateId,
      ).lastInsertRowid,
    )
    let previous: HistoryStep | null = null
    for (const step of steps) {
      s.event.run(
        id,
        previous?.stageId ?? null,
        step.stageId,
        previous?.status ?? null,
        step.status,
        step.reason,
        step.personId,
        step.at,
      )
      previous = step
    }
    s.activity.run(
      first.at,
      first.personId,
      application.candidateId,
      JSON.stringify({ applicationId: id, postingId: application.postingId, postingTitle: application.postingTitle }),
    )
    return id
  }
}
