import type {
  ActivityDto,
  ApplicationDto,
  CandidateDetailDto,
  CandidatePageDto,
  DocumentDto,
  DocumentKind,
  DuplicateDto,
  NoteDto,
} from '@contract'
import { documentKinds } from '@contract/documents-extract'
import type { ApplicationRow, DocumentRow, NoteRow, PostingRow, StageRow } from '../db/schema'
import { toConsentDto } from '../privacy/consent'
import type { CandidateRepository } from './repository'

type ProfileRow = NonNullable<Awaited<ReturnType<CandidateRepository['profile']>>>
type ListRow = Awaited<ReturnType<CandidateRepository['rowsFor']>>[number]

type ProfileApplication = Pick<
  ApplicationRow,
  | 'id'
  | 'posting_id'
  | 'stage_id'
  | 'status'
  | 'reason'
  | 'source'
  | 'created_at'
  | 'updated_at'
  | 'stage_entered_at'
  | 'closed_at'
> & {
  posting_title: PostingRow['title']
  posting_status: PostingRow['status']
  stage_name: StageRow['name']
  stage_kind: StageRow['kind']
}

export interface DocumentColumns {
  id: number
  sha256: string
  file_name: string
  size: number
  kind: string | null
  status: DocumentRow['status']
  error_code: string | null
  error_message: string | null
  pages: number | null
  warnings: string
  created_at: string
  text_length: number
}

const isDocumentKind = (value: string | null): value is DocumentKind =>
  value !== null && (documentKinds as readonly string[]).includes(value)

/** A JSON array column, or one already parsed by the driver; anything else reads as empty. */
export function parseJsonArray<T>(value: unknown): T[] {
  if (Array.isArray(value)) return value as T[]
  if (typeof value !== 'string') return []
  const parsed: unknown = JSON.parse(value)
  return Array.isArray(parsed) ? (parsed as T[]) : []
}

/** JSON text on SQLite; inside a JSON array built by PostgreSQL, a jsonb value arrives already as an object. */
function parseDetail(value: unknown): Record<string, unknown> {
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
    ? (parsed as Record<string, unknown>)
    : {}
}

export const toDocumentDto = (candidateId: number, row: DocumentColumns): DocumentDto => ({
  id: row.id,
  candidateId,
  fileName: row.file_name,
  sha256: row.sha256,
  size: row.size,
  kind: isDocumentKind(row.kind) ? row.kind : null,
  status: row.status,
  error: row.error_code ? { code: row.error_code, message: row.error_message ?? '' } : null,
  pages: row.pages,
  warnings: parseJsonArray<string>(row.warnings),
  textLength: row.text_length,
  createdAt: row.created_at,
})

export const toNoteDto = (row: NoteRow, author: string | null): NoteDto => ({
  id: row.id,
  body: row.body,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  author,
})

/** A page of the list, in the order of `ids` (rows are fetched apart from the ordered ids). */
export function toPageDto(ids: number[], rows: ListRow[], total: number, offset: number): CandidatePageDto {
  const byId = new Map(rows.map((row) => [row.id, row]))
  return {
    total,
    offset,
    rows: ids.flatMap((id) => {
      const row = byId.get(id)
      return row
        ? [
            {
              id: row.id,
              name: row.name,
              email: row.email,
              phone: row.phone,
              location: row.location,
              source: row.source,
              tags: row.tags ? row.tags.split('\u001f').sort() : [],
              documents: Number(row.documents ?? 0),
              createdAt: row.created_at,
              updatedAt: row.updated_at,
            },
          ]
        : []
    }),
  }
}

/** The profile: one row whose related lists come as JSON arrays. */
export function toDetailDto(
  row: ProfileRow,
  contacts: { emails: string[]; phones: string[] },
  duplicates: DuplicateDto[],
): CandidateDetailDto {
  return {
    id: row.id,
    name: row.name,
    location: row.location,
    source: row.source,
    emails: contacts.emails,
    phones: contacts.phones,
    links: parseJsonArray<{ url: string }>(row.links).map((entry) => entry.url),
    tags: parseJsonArray<{ tag: string }>(row.tags).map((entry) => entry.tag),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    documents: parseJsonArray<DocumentColumns>(row.documents).map((doc) => toDocumentDto(row.id, doc)),
    notes: parseJsonArray<NoteRow & { author: string | null }>(row.notes).map((note) => toNoteDto(note, note.author)),
    activity: parseJsonArray<{ id: number; at: string; action: string; detail: unknown; person: string | null }>(
      row.activity,
    ).map((entry): ActivityDto => ({
      id: entry.id,
      at: entry.at,
      person: entry.person,
      action: entry.action,
      detail: parseDetail(entry.detail),
    })),
    duplicates,
    applications: parseJsonArray<ProfileApplication>(row.applications).map((entry): ApplicationDto => ({
      id: entry.id,
      candidateId: row.id,
      candidateName: row.name,
      postingId: entry.posting_id,
      postingTitle: entry.posting_title,
      postingStatus: entry.posting_status,
      stageId: entry.stage_id,
      stageName: entry.stage_name,
      stageKind: entry.stage_kind,
      status: entry.status,
      reason: entry.reason,
      source: entry.source,
      createdAt: entry.created_at,
      updatedAt: entry.updated_at,
      stageEnteredAt: entry.stage_entered_at,
      closedAt: entry.closed_at,
    })),
    privacy: toConsentDto(row),
  }
}
