import type { Kysely } from 'kysely'
import { sql } from 'kysely'

const ASSESSED = `('responsibility', 'requirement', 'nice_to_have')`

/**
 * The triggers that give a new application (or a new item) its unknown ratings number those rows in a stated
 * order: by section, position and id of the items, by id of the applications. The same data then gets the same
 * assessment ids on SQLite and on PostgreSQL, whose plans would otherwise pick different orders.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    `DROP TRIGGER applications_assessment_rows`,
    `CREATE TRIGGER applications_assessment_rows AFTER INSERT ON applications
     BEGIN
       INSERT INTO application_fit (application_id, posting_id, live)
         VALUES (NEW.id, NEW.posting_id, NEW.merged_into_id IS NULL);
       INSERT INTO assessments (application_id, requirement_id)
         SELECT NEW.id, r.id FROM requirements r
         WHERE r.posting_id = NEW.posting_id AND r.archived_at IS NULL AND r.section IN ${ASSESSED}
         ORDER BY r.section, r.position, r.id;
     END`,
    `DROP TRIGGER requirements_assessment_rows`,
    `CREATE TRIGGER requirements_assessment_rows AFTER INSERT ON requirements
     WHEN NEW.archived_at IS NULL AND NEW.section IN ${ASSESSED}
     BEGIN
       INSERT INTO assessments (application_id, requirement_id)
         SELECT a.id, NEW.id FROM applications a WHERE a.posting_id = NEW.posting_id ORDER BY a.id;
     END`,
    `DROP TRIGGER requirements_assessment_rows_revived`,
    `CREATE TRIGGER requirements_assessment_rows_revived AFTER UPDATE OF section, archived_at ON requirements
     WHEN NEW.archived_at IS NULL AND NEW.section IN ${ASSESSED}
       AND (OLD.archived_at IS NOT NULL OR OLD.section NOT IN ${ASSESSED})
     BEGIN
       INSERT OR IGNORE INTO assessments (application_id, requirement_id)
         SELECT a.id, NEW.id FROM applications a WHERE a.posting_id = NEW.posting_id ORDER BY a.id;
     END`,
  ]
  for (const statement of statements) await sql.raw(statement).execute(db)
}
