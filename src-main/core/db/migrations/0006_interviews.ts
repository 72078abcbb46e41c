import type { Kysely } from 'kysely'
import { sql } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    // One row per posting that has plan settings; a posting without a row has no hiring manager set.
    `CREATE TABLE interview_plans (
      posting_id INTEGER PRIMARY KEY REFERENCES postings(id) ON DELETE CASCADE,
      hiring_manager_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
      updated_at TEXT NOT NULL
    )`,
    `CREATE TABLE interview_steps (
      id INTEGER PRIMARY KEY,
      posting_id INTEGER NOT NULL REFERENCES postings(id) ON DELETE CASCADE,
      position INTEGER NOT NULL CHECK (position >= 0),
      name TEXT NOT NULL CHECK (length(trim(name)) > 0),
      duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 5 AND 480),
      questions TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(questions) AND json_type(questions) = 'array'),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`,
    `CREATE INDEX interview_steps_by_posting ON interview_steps (posting_id, position)`,
    // A focus item is a requirement or a competency; removing either removes it from the plan (ratings keep a copy of the label).
    `CREATE TABLE interview_focus_items (
      id INTEGER PRIMARY KEY,
      step_id INTEGER NOT NULL REFERENCES interview_steps(id) ON DELETE CASCADE,
      position INTEGER NOT NULL CHECK (position >= 0),
      requirement_id INTEGER REFERENCES requirements(id) ON DELETE CASCADE,
      competency_id INTEGER REFERENCES competencies(id) ON DELETE CASCADE,
      CHECK ((requirement_id IS NULL) <> (competency_id IS NULL)),
      UNIQUE (step_id, requirement_id),
      UNIQUE (step_id, competency_id)
    )`,
    `CREATE INDEX interview_focus_by_step ON interview_focus_items (step_id, position)`,
    `CREATE INDEX interview_focus_by_requirement ON interview_focus_items (requirement_id)`,
    `CREATE INDEX interview_focus_by_competency ON interview_focus_items (competency_id)`,
    // application × step × interviewer. RESTRICT: an application or step with interviews stays (applications are
    // closed, not deleted; a step with interviews cannot be removed from the plan).
    `CREATE TABLE interviews (
      id INTEGER PRIMARY KEY,
      application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE RESTRICT,
      step_id INTEGER NOT NULL REFERENCES interview_steps(id) ON DELETE RESTRICT,
      interviewer_id INTEGER NOT NULL REFERENCES people(id) ON DELETE RESTRICT,
      scheduled_at TEXT NOT NULL,
      duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 5 AND 480),
      -- 256 random bits, base64url, carried only by this interview's packet: scorecard files are signed with it.
      packet_key TEXT NOT NULL CHECK (length(packet_key) = 43),
      created_at TEXT NOT NULL,
      created_by INTEGER REFERENCES people(id) ON DELETE SET NULL,
      updated_at TEXT NOT NULL,
      UNIQUE (application_id, step_id, interviewer_id)
    )`,
    `CREATE INDEX interviews_by_application ON interviews (application_id, scheduled_at)`,
    `CREATE INDEX interviews_by_interviewer ON interviews (interviewer_id, scheduled_at)`,
    `CREATE INDEX interviews_by_step ON interviews (step_id)`,
    `CREATE TRIGGER interviews_step_of_posting BEFORE INSERT ON interviews
     WHEN (SELECT posting_id FROM interview_steps WHERE id = NEW.step_id)
       IS NOT (SELECT posting_id FROM applications WHERE id = NEW.application_id)
     BEGIN SELECT RAISE(ABORT, 'the step belongs to another posting'); END`,
    `CREATE TRIGGER interviews_step_of_posting_update BEFORE UPDATE OF step_id, application_id ON interviews
     WHEN (SELECT posting_id FROM interview_steps WHERE id = NEW.step_id)
       IS NOT (SELECT posting_id FROM applications WHERE id = NEW.application_id)
     BEGIN SELECT RAISE(ABORT, 'the step belongs to another posting'); END`,
    // Every version of an interview's scorecard. At most one draft (the latest); a submitted version never
    // changes: an amendment is a new version and the old one is kept.
    `CREATE TABLE scorecards (
      id INTEGER PRIMARY KEY,
      interview_id INTEGER NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
      version INTEGER NOT NULL CHECK (version >= 1),
      status TEXT NOT NULL CHECK (status IN ('draft', 'submitted')),
      author_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
      key_takeaways TEXT NOT NULL DEFAULT '',
      recommendation TEXT CHECK (recommendation IN ('strong_no', 'no', 'yes', 'strong_yes')),
      source TEXT NOT NULL CHECK (source IN ('local', 'imported')),
      -- For an imported file: its content hash (the same file imported twice counts once) and its revision.
      file_sha256 TEXT CHECK (file_sha256 IS NULL OR length(file_sha256) = 64),
      external_revision INTEGER,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      submitted_at TEXT,
      UNIQUE (interview_id, version),
      CHECK ((status = 'submitted') = (submitted_at IS NOT NULL)),
      CHECK (status = 'draft' OR recommendation IS NOT NULL),
      CHECK ((source = 'imported') = (file_sha256 IS NOT NULL))
    )`,
    `CREATE UNIQUE INDEX scorecards_one_draft ON scorecards (interview_id) WHERE status = 'draft'`,
    `CREATE UNIQUE INDEX scorecards_by_file ON scorecards (interview_id, file_sha256) WHERE file_sha256 IS NOT NULL`,
    `CREATE TRIGGER scorecards_submitted_locked BEFORE UPDATE ON scorecards WHEN OLD.status = 'submitted'
     BEGIN SELECT RAISE(ABORT, 'a submitted scorecard is locked; amend it instead'); END`,
    // The focus item's label as it read when scored: the debrief can name items removed from the plan since.
    `CREATE TABLE scorecard_ratings (
      scorecard_id INTEGER NOT NULL REFERENCES scorecards(id) ON DELETE CASCADE,
      position INTEGER NOT NULL CHECK (position >= 0),
      focus_key TEXT NOT NULL,
      label TEXT NOT NULL,
      rating INTEGER CHECK (rating BETWEEN 1 AND 4),
      note TEXT NOT NULL DEFAULT '',
      PRIMARY KEY (scorecard_id, focus_key)
    ) WITHOUT ROWID`,
    `CREATE TRIGGER scorecard_ratings_locked_insert BEFORE INSERT ON scorecard_ratings
     WHEN (SELECT status FROM scorecards WHERE id = NEW.scorecard_id) = 'submitted'
     BEGIN SELECT RAISE(ABORT, 'a submitted scorecard is locked; amend it instead'); END`,
    `CREATE TRIGGER scorecard_ratings_locked_update BEFORE UPDATE ON scorecard_ratings
     WHEN (SELECT status FROM scorecards WHERE id = OLD.scorecard_id) = 'submitted'
     BEGIN SELECT RAISE(ABORT, 'a submitted scorecard is locked; amend it instead'); END`,
    // A packet from another workspace, opened here so its interviewer can fill and export a scorecard.
    `CREATE TABLE external_interviews (
      id INTEGER PRIMARY KEY,
      source_workspace_uid TEXT NOT NULL,
      source_interview_id INTEGER NOT NULL,
      packet_sha256 TEXT NOT NULL CHECK (length(packet_sha256) = 64),
      -- The validated packet as JSON, interview key included: the key signs the exported scorecard.
      packet TEXT NOT NULL CHECK (json_valid(packet)),
      -- The scorecard being filled: {ratings, keyTakeaways, recommendation}.
      content TEXT NOT NULL CHECK (json_valid(content)),
      -- Bumped when an export carries changed content; an unchanged re-export is the same file, byte for byte.
      revision INTEGER NOT NULL DEFAULT 0 CHECK (revision >= 0),
      exported_content_sha256 TEXT,
      exported_at TEXT,
      opened_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      UNIQUE (source_workspace_uid, source_interview_id)
    )`,
  ]
  for (const statement of statements) await sql.raw(statement).execute(db)
}
