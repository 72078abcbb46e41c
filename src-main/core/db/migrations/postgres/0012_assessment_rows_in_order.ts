import type { Kysely } from 'kysely'
import { runStatements } from './run-statements'

const ASSESSED = `('responsibility', 'requirement', 'nice_to_have')`

/**
 * As on SQLite: the trigger functions insert a new application's or item's ratings in a stated order (sections
 * compared byte by byte, as SQLite does, whatever the database's locale).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    `CREATE OR REPLACE FUNCTION applications_assessment_rows() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       INSERT INTO application_fit (application_id, posting_id, live)
         VALUES (NEW.id, NEW.posting_id, (NEW.merged_into_id IS NULL)::integer);
       INSERT INTO assessments (application_id, requirement_id)
         SELECT NEW.id, r.id FROM requirements r
         WHERE r.posting_id = NEW.posting_id AND r.archived_at IS NULL AND r.section IN ${ASSESSED}
         ORDER BY r.section COLLATE "C", r.position, r.id;
       RETURN NULL;
     END $$`,
    `CREATE OR REPLACE FUNCTION requirements_assessment_rows() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       INSERT INTO assessments (application_id, requirement_id)
         SELECT a.id, NEW.id FROM applications a WHERE a.posting_id = NEW.posting_id ORDER BY a.id
         ON CONFLICT DO NOTHING;
       RETURN NULL;
     END $$`,
  ])
}
