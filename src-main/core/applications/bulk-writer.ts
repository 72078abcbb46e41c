import type BetterSqlite3 from 'better-sqlite3'
import type { Kysely } from 'kysely'
import { ACTIVITY_ROWS } from '../candidates/bulk-writer'
import type { ApplicationStatus, Database } from '../db/schema'
import { nextIdOf, TableRows, type TableSpec } from '../db/table-rows-writer'
import type { HistoricApplication, HistoryStep } from './application-history'
import { stageEnteredAt } from './application-row-writer'

export type { HistoricApplication, HistoryStep }

/** Applications written together inside the caller's transaction, on either database (see `CandidateBatch`). */
export interface ApplicationBatch {
  /** `nameKey`: the candidate's, which the application keeps for sorting. Returns the new application's id. */
  insert(application: HistoricApplication, nameKey: string): number
  write(): Promise<void>
}

export interface ApplicationBatchWriter {
  /** `rows`: shared with the batch of candidates the applications belong to, on PostgreSQL. */
  batch(db: Kysely<Database>, rows?: TableRows): Promise<ApplicationBatch>
}

export function applicationBatchWriter(sqlite: BetterSqlite3.Database | undefined): ApplicationBatchWriter {
  return sqlite ? new ApplicationBulkWriter(sqlite) : new PostgresApplicationWriter()
}

/**
 * Writes applications with their whole past, for the demo and `demo generate`: the services stamp every
 * change with the current time, these rows carry the times given. Same contract as the candidates' bulk
 * writer: run inside a Kysely transaction on the same connection.
 */
export class ApplicationBulkWriter implements ApplicationBatchWriter {
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

  batch(): Promise<ApplicationBatch> {
    return Promise.resolve({ insert: (application) => this.insert(application), write: () => Promise.resolve() })
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

const APPLICATIONS: TableSpec = {
  table: 'applications',
  explicitIds: true,
  columns: [
    ['id', 'int'],
    ['candidate_id', 'int'],
    ['name_key', 'text'],
    ['posting_id', 'int'],
    ['stage_id', 'int'],
    ['status', 'text'],
    ['reason', 'text'],
    ['source', 'text'],
    ['created_at', 'text'],
    ['created_by', 'int'],
    ['updated_at', 'text'],
    ['stage_entered_at', 'text'],
    ['closed_at', 'text'],
  ],
}
const STAGE_EVENTS: TableSpec = {
  table: 'stage_events',
  columns: [
    ['application_id', 'int'],
    ['from_stage_id', 'int'],
    ['to_stage_id', 'int'],
    ['from_status', 'text'],
    ['to_status', 'text'],
    ['reason', 'text'],
    ['person_id', 'int'],
    ['at', 'text'],
  ],
}

/** The PostgreSQL side: rows collected in memory, ids given as SQLite gives them, one INSERT per table. */
export class PostgresApplicationWriter implements ApplicationBatchWriter {
  async batch(db: Kysely<Database>, rows = new TableRows()): Promise<ApplicationBatch> {
    let nextId = await nextIdOf(db, 'applications')
    return {
      insert: (application, nameKey) => {
        const { steps } = application
        const first = steps[0]
        const last = steps.at(-1)
        if (!first || !last) throw new Error('An application needs at least its first step.')
        const id = nextId++
        rows.add(APPLICATIONS, [
          id,
          application.candidateId,
          nameKey,
          application.postingId,
          last.stageId,
          last.status,
          last.status === 'active' ? '' : last.reason,
          application.source,
          first.at,
          first.personId,
          last.at,
          stageEnteredAt(steps),
          last.status === 'active' ? null : last.at,
        ])
        steps.forEach((step, index) => {
          const previous = steps[index - 1]
          rows.add(STAGE_EVENTS, [
            id,
            previous?.stageId ?? null,
            step.stageId,
            previous?.status ?? null,
            step.status,
            step.reason,
            step.personId,
            step.at,
          ])
        })
        rows.add(ACTIVITY_ROWS, [
          first.at,
          first.personId,
          'candidate',
          application.candidateId,
          'application_added',
          JSON.stringify({
            applicationId: id,
            postingId: application.postingId,
            postingTitle: application.postingTitle,
          }),
        ])
        return id
      },
      write: () => rows.write(db),
    }
  }
}
