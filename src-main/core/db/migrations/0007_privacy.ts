import type { Kysely } from 'kysely'
import { sql } from 'kysely'

/**
 * Consent and legal basis per candidate, erasure with its audit trail, and the one controlled exception to
 * the append-only rules: while an erasure holds a row in `redaction_gate` (inside its own transaction, so no
 * other connection ever sees it open), the text of the erased candidate's history may be blanked.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    `ALTER TABLE candidates ADD COLUMN origin TEXT NOT NULL DEFAULT 'applied'
      CHECK (origin IN ('applied', 'sourced', 'referred', 'imported'))`,
    `ALTER TABLE candidates ADD COLUMN legal_basis TEXT NOT NULL DEFAULT 'legitimate_interest'
      CHECK (legal_basis IN ('consent', 'legitimate_interest'))`,
    `ALTER TABLE candidates ADD COLUMN consent_given_on TEXT`,
    `ALTER TABLE candidates ADD COLUMN consent_expires_on TEXT`,
    `ALTER TABLE candidates ADD COLUMN privacy_note TEXT NOT NULL DEFAULT ''`,
    // An extension of the retention period chosen by a person (YYYY-MM-DD); the policy's date applies otherwise.
    `ALTER TABLE candidates ADD COLUMN retain_until TEXT`,
    `ALTER TABLE candidates ADD COLUMN erased_at TEXT`,
    `CREATE INDEX candidates_erased ON candidates (erased_at)`,
    // Who did what to whose data, and what kind of data: never the data itself.
    `CREATE TABLE privacy_audit (
      id INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      person_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
      action TEXT NOT NULL CHECK (action IN ('consent_changed', 'exported', 'anonymised', 'erased',
        'retention_extended', 'policy_changed', 'backups_kept', 'backups_purged', 'history_redacted')),
      candidate_id INTEGER,
      data_kinds TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(data_kinds)),
      detail TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail))
    )`,
    `CREATE INDEX privacy_audit_by_candidate ON privacy_audit (candidate_id, id)`,
    `CREATE TRIGGER privacy_audit_no_delete BEFORE DELETE ON privacy_audit
     BEGIN SELECT RAISE(ABORT, 'the privacy audit is append-only'); END`,
    `CREATE TRIGGER privacy_audit_no_update BEFORE UPDATE ON privacy_audit
     BEGIN SELECT RAISE(ABORT, 'the privacy audit is append-only'); END`,
    // Stored files an erasure committed to removing; a restart finishes what a crash interrupted.
    `CREATE TABLE erasure_files (
      sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
      queued_at TEXT NOT NULL
    ) WITHOUT ROWID`,
    `CREATE TABLE redaction_gate (
      candidate_id INTEGER PRIMARY KEY
    )`,
    // The append-only triggers again, each with the gate as its one exception.
    `DROP TRIGGER activity_no_rewrite`,
    `CREATE TRIGGER activity_no_rewrite BEFORE UPDATE OF at, person_id, action, detail ON activity
     WHEN NOT EXISTS (SELECT 1 FROM redaction_gate)
     BEGIN SELECT RAISE(ABORT, 'activity log is append-only'); END`,
    `DROP TRIGGER assessment_history_no_update`,
    `CREATE TRIGGER assessment_history_no_update BEFORE UPDATE ON assessment_history
     WHEN NOT EXISTS (SELECT 1 FROM redaction_gate)
     BEGIN SELECT RAISE(ABORT, 'assessment history is append-only'); END`,
    `DROP TRIGGER scorecards_submitted_locked`,
    `CREATE TRIGGER scorecards_submitted_locked BEFORE UPDATE ON scorecards
     WHEN OLD.status = 'submitted' AND NOT EXISTS (SELECT 1 FROM redaction_gate)
     BEGIN SELECT RAISE(ABORT, 'a submitted scorecard is locked; amend it instead'); END`,
    `DROP TRIGGER scorecard_ratings_locked_update`,
    `CREATE TRIGGER scorecard_ratings_locked_update BEFORE UPDATE ON scorecard_ratings
     WHEN (SELECT status FROM scorecards WHERE id = OLD.scorecard_id) = 'submitted'
       AND NOT EXISTS (SELECT 1 FROM redaction_gate)
     BEGIN SELECT RAISE(ABORT, 'a submitted scorecard is locked; amend it instead'); END`,
  ]
  for (const statement of statements) await sql.raw(statement).execute(db)
}
