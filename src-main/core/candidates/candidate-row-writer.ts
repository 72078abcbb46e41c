import { sql, type Kysely } from 'kysely'
import { dialectSql } from '../db/dialect'
import type { Database } from '../db/schema'
import type { BulkCandidate } from './bulk-writer'
import { CandidateRepository } from './repository'
import { indexableText as indexable } from './search-text'

/**
 * Writes one candidate with everything `CandidateBulkWriter` writes, through Kysely on either database: for the
 * small writes (the demo's applicants) that do not need the SQLite writer's prepared statements. Run it inside
 * the caller's transaction.
 */
export async function insertCandidateRows(
  db: Kysely<Database>,
  candidate: BulkCandidate,
  actor: number | null,
  at: string,
  detail: Record<string, unknown>,
): Promise<number> {
  const id = await new CandidateRepository(db).insertCandidate(candidate.values, at, actor, candidate.consent ?? null)
  if (candidate.emails.length > 0)
    await db
      .insertInto('candidate_emails')
      .values(candidate.emails.map((email, position) => ({ candidate_id: id, position, email })))
      .onConflict((conflict) => conflict.doNothing())
      .execute()
  if (candidate.phones.length > 0)
    await db
      .insertInto('candidate_phones')
      .values(
        candidate.phones.map(({ phone, key }, position) => ({ candidate_id: id, position, phone, phone_key: key })),
      )
      .onConflict((conflict) => conflict.doNothing())
      .execute()
  if (candidate.links.length > 0)
    await db
      .insertInto('candidate_links')
      .values(candidate.links.map((url, position) => ({ candidate_id: id, position, url })))
      .onConflict((conflict) => conflict.doNothing())
      .execute()
  if (candidate.tags.length > 0)
    await db
      .insertInto('candidate_tags')
      .values(candidate.tags.map((tag) => ({ candidate_id: id, tag })))
      .onConflict((conflict) => conflict.doNothing())
      .execute()
  if (candidate.notes.length > 0)
    await db
      .insertInto('candidate_notes')
      .values(
        candidate.notes.map((body) => ({ candidate_id: id, body, created_at: at, updated_at: at, created_by: actor })),
      )
      .execute()
  const documents = candidate.documents ?? []
  if (documents.length > 0)
    await db
      .insertInto('documents')
      .values(
        documents.map((doc) => ({
          candidate_id: id,
          sha256: doc.sha256,
          file_name: doc.fileName,
          size: doc.size,
          kind: doc.kind,
          status: 'extracted' as const,
          text: doc.text,
          warnings: '[]',
          created_at: at,
          created_by: actor,
        })),
      )
      .onConflict((conflict) => conflict.doNothing())
      .execute()
  await sql`INSERT INTO candidate_search (${dialectSql(db).searchKey}, name, contact, documents, notes)
    VALUES (${id}, ${indexable(candidate.values.name)},
      ${indexable([...candidate.emails, ...candidate.phones.map((entry) => entry.phone)].join(' '))},
      ${indexable(documents.map((doc) => doc.text).join('\n'))}, ${indexable(candidate.notes.join('\n'))})`.execute(db)
  await db
    .insertInto('activity')
    .values({
      at,
      person_id: actor,
      entity_type: 'candidate',
      entity_id: id,
      action: 'created',
      detail: JSON.stringify(detail),
    })
    .execute()
  return id
}
