import type { Kysely } from 'kysely'
import { sql } from 'kysely'

const ASSESSED = `('responsibility', 'requirement', 'nice_to_have')`

export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    // One row per application × live assessed requirement, made by the triggers below as soon as both exist
    // (rating 0 = unknown, version 0 = never rated). With every pair present, sorting and filtering the
    // applicants by one requirement's rating walks `assessments_by_requirement` instead of probing each row.
    // Ratings: 0 unknown, 1 not met, 2 partial, 3 met, 4 exceeds, so "≥ partial" is `rating >= 2`.
    // A requirement with rating history is archived, never deleted; one without can go, with its empty rows.
    `CREATE TABLE assessments (
      id INTEGER PRIMARY KEY,
      application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE RESTRICT,
      requirement_id INTEGER NOT NULL REFERENCES requirements(id) ON DELETE CASCADE,
      rating INTEGER NOT NULL DEFAULT 0 CHECK (rating BETWEEN 0 AND 4),
      evidence TEXT NOT NULL DEFAULT '' CHECK (length(evidence) <= 20000),
      source TEXT CHECK (source IN ('resume', 'screen', 'interview', 'reference', 'other')),
      author_id INTEGER REFERENCES people(id),
      updated_at TEXT,
      version INTEGER NOT NULL DEFAULT 0 CHECK (version >= 0),
      UNIQUE (application_id, requirement_id)
    )`,
    `CREATE INDEX assessments_by_requirement ON assessments (requirement_id, rating, application_id)`,
    // Every change of a rating, its evidence or its source: who, when, from, to. Never changed or removed.
    `CREATE TABLE assessment_history (
      id INTEGER PRIMARY KEY,
      application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE RESTRICT,
      requirement_id INTEGER NOT NULL REFERENCES requirements(id) ON DELETE RESTRICT,
      at TEXT NOT NULL,
      person_id INTEGER REFERENCES people(id),
      from_rating INTEGER NOT NULL CHECK (from_rating BETWEEN 0 AND 4),
      to_rating INTEGER NOT NULL CHECK (to_rating BETWEEN 0 AND 4),
      evidence_before TEXT NOT NULL,
      evidence_after TEXT NOT NULL,
      source_before TEXT,
      source_after TEXT,
      suggestion_key TEXT
    )`,
    `CREATE INDEX assessment_history_by_item ON assessment_history (application_id, requirement_id, id)`,
    `CREATE INDEX assessment_history_by_requirement ON assessment_history (requirement_id, at)`,
    `CREATE TRIGGER assessment_history_no_update BEFORE UPDATE ON assessment_history
     BEGIN SELECT RAISE(ABORT, 'assessment history is append-only'); END`,
    `CREATE TRIGGER assessment_history_no_delete BEFORE DELETE ON assessment_history
     BEGIN SELECT RAISE(ABORT, 'assessment history is append-only'); END`,
    // A dismissed suggestion stays dismissed while the résumé and the requirement read the same (fingerprint).
    `CREATE TABLE suggestion_dismissals (
      application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE RESTRICT,
      requirement_id INTEGER NOT NULL REFERENCES requirements(id) ON DELETE CASCADE,
      suggestion_key TEXT NOT NULL,
      fingerprint TEXT NOT NULL,
      person_id INTEGER REFERENCES people(id),
      at TEXT NOT NULL,
      PRIMARY KEY (application_id, requirement_id, suggestion_key)
    ) WITHOUT ROWID`,
    // Fit per application, kept current in the transaction of each rating and of each requirement change,
    // so the applicants table sorts and filters on it with an index. See assessments/fit.ts for the formula.
    // `live` mirrors "not merged into another application": counts filtered on fit or ratings read this
    // narrow table instead of the applications.
    `CREATE TABLE application_fit (
      application_id INTEGER PRIMARY KEY REFERENCES applications(id) ON DELETE RESTRICT,
      posting_id INTEGER NOT NULL REFERENCES postings(id) ON DELETE RESTRICT,
      live INTEGER NOT NULL DEFAULT 1 CHECK (live IN (0, 1)),
      score REAL NOT NULL DEFAULT 0,
      must_met INTEGER NOT NULL DEFAULT 0,
      knocked_out INTEGER NOT NULL DEFAULT 0 CHECK (knocked_out IN (0, 1)),
      assessed INTEGER NOT NULL DEFAULT 0
    )`,
    // Ranking by fit: applicants not knocked out first, then by score (read backwards for "best first").
    `CREATE INDEX application_fit_by_rank ON application_fit (posting_id, live, knocked_out DESC, score, application_id)`,
    `CREATE INDEX application_fit_by_must ON application_fit (posting_id, live, must_met)`,
    `CREATE TRIGGER applications_fit_live AFTER UPDATE OF merged_into_id ON applications
     BEGIN UPDATE application_fit SET live = (NEW.merged_into_id IS NULL) WHERE application_id = NEW.id; END`,
    `CREATE TRIGGER applications_assessment_rows AFTER INSERT ON applications
     BEGIN
       INSERT INTO application_fit (application_id, posting_id, live)
         VALUES (NEW.id, NEW.posting_id, NEW.merged_into_id IS NULL);
       INSERT INTO assessments (application_id, requirement_id)
         SELECT NEW.id, r.id FROM requirements r
         WHERE r.posting_id = NEW.posting_id AND r.archived_at IS NULL AND r.section IN ${ASSESSED};
     END`,
    `CREATE TRIGGER requirements_assessment_rows AFTER INSERT ON requirements
     WHEN NEW.archived_at IS NULL AND NEW.section IN ${ASSESSED}
     BEGIN
       INSERT INTO assessments (application_id, requirement_id)
         SELECT a.id, NEW.id FROM applications a WHERE a.posting_id = NEW.posting_id;
     END`,
    // Moved into an assessed section, or back from the archive.
    `CREATE TRIGGER requirements_assessment_rows_revived AFTER UPDATE OF section, archived_at ON requirements
     WHEN NEW.archived_at IS NULL AND NEW.section IN ${ASSESSED}
       AND (OLD.archived_at IS NOT NULL OR OLD.section NOT IN ${ASSESSED})
     BEGIN
       INSERT OR IGNORE INTO assessments (application_id, requirement_id)
         SELECT a.id, NEW.id FROM applications a WHERE a.posting_id = NEW.posting_id;
     END`,
    // Applications saved before this version.
    `INSERT INTO application_fit (application_id, posting_id, live)
     SELECT id, posting_id, merged_into_id IS NULL FROM applications`,
    `INSERT INTO assessments (application_id, requirement_id)
     SELECT a.id, r.id FROM applications a
     JOIN requirements r ON r.posting_id = a.posting_id AND r.archived_at IS NULL AND r.section IN ${ASSESSED}`,
  ]
  for (const statement of statements) await sql.raw(statement).execute(db)
}
