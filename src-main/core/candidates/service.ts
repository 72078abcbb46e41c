import type {
  ActivityDto,
  ConsentInput,
  ApplicationDto,
  AttachResultDto,
  CandidateDetailDto,
  CandidateFacetsDto,
  CandidatePageDto,
  CandidateSortColumn,
  ContactSuggestionsDto,
  DocumentDto,
  DocumentKind,
  DocumentTextDto,
  DuplicateDto,
  DuplicateReason,
  ExtractedResume,
  IssueDto,
  NoteDto,
  ResumeImportResultDto,
  SearchField,
  SearchHitDto,
  SortDirection,
} from '@contract'
import { documentKinds } from '@contract/documents-extract'
import type { Kysely } from 'kysely'
import { recordActivity } from '../activity/activity-log'
import { applyToPosting, mergeApplications, requireOpenPosting } from '../applications/service'
import type { CoreContext } from '../context'
import type { ApplicationRow, Database, DocumentRow, NoteRow, PostingRow, StageRow } from '../db/schema'
import { extractResume } from '../documents/extract-resume'
import type { ExtractOptions } from '../documents/extract-text'
import { toConsentDto, writeConsent } from '../privacy/service'
import { linkKey } from '../documents/contacts'
import { AppError } from '../errors'
import { checkPhone, type PhoneRegion } from '../phones/phone-numbers'
import { storeFile } from '../files/file-store'
import type { WorkspaceService } from '../workspace/service'
import {
  nameKey,
  nameMatchKey,
  normaliseEmail,
  normaliseLink,
  normalisePhone,
  normaliseTag,
  phoneKey,
  uniqueBy,
} from './normalise'
import { CandidateRepository, type CandidateValues } from './repository'
import { hasHighlight, toHighlighted, toMatchExpression } from './search-text'

export interface CandidateInput {
  name: string
  emails: string[]
  phones: string[]
  links: string[]
  location: string
  source: string
  tags: string[]
}

export interface NormalisedCandidate {
  values: CandidateValues
  emails: string[]
  phones: { phone: string; key: string }[]
  links: string[]
  tags: string[]
}

export interface ListInput {
  offset: number
  limit: number
  sort: CandidateSortColumn
  direction: SortDirection
  text: string
  tag: string
  source: string
}

/** Extensions accepted as résumés; anything else is refused before it is read. */
export const RESUME_EXTENSIONS = ['pdf', 'docx', 'txt', 'text', 'md', 'markdown'] as const

const now = () => new Date().toISOString()
const isDocumentKind = (value: string | null): value is DocumentKind =>
  value !== null && (documentKinds as readonly string[]).includes(value)

/** Validates and normalises what a user or a file says about a candidate; issues name the offending field. */
export function normaliseCandidate(input: CandidateInput, region: PhoneRegion): NormalisedCandidate {
  const issues: IssueDto[] = []
  const name = input.name.trim().replace(/\s+/g, ' ')
  if (!name) issues.push({ path: 'name', message: 'Required' })
  const emails = input.emails.map((raw, index) => {
    const email = normaliseEmail(raw)
    if (!email) issues.push({ path: `emails.${index}`, message: `"${raw}" is not an e-mail address` })
    return email ?? ''
  })
  const phones = input.phones.map((raw, index) => {
    const checked = checkPhone(raw, region)
    if (!checked.ok) issues.push({ path: `phones.${index}`, message: `"${raw}" ${checked.reason}` })
    return checked.ok ? checked.e164 : ''
  })
  const links = input.links.map((raw, index) => {
    const link = normaliseLink(raw)
    if (!link) issues.push({ path: `links.${index}`, message: `"${raw}" is not a web address` })
    return link ?? ''
  })
  if (issues.length > 0) {
    const first = issues[0]
    throw new AppError('invalid_input', first ? `${first.path}: ${first.message}` : 'Invalid input.', issues)
  }
  const folded = nameKey(name)
  return {
    values: {
      name,
      nameKey: folded,
      nameMatch: nameMatchKey(name, folded),
      location: input.location.trim(),
      source: input.source.trim(),
    },
    emails: uniqueBy(emails, (email) => email),
    phones: uniqueBy(phones, (phone) => phone).map((phone) => ({ phone, key: phoneKey(phone, region) })),
    links: uniqueBy(links, linkKey),
    tags: uniqueBy(input.tags.map(normaliseTag).filter(Boolean), (tag) => tag.toLowerCase()),
  }
}

function parseJsonArray<T>(value: unknown): T[] {
  if (Array.isArray(value)) return value as T[]
  if (typeof value !== 'string') return []
  const parsed: unknown = JSON.parse(value)
  return Array.isArray(parsed) ? (parsed as T[]) : []
}

function parseDetail(value: string): Record<string, unknown> {
  const parsed: unknown = JSON.parse(value)
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
    ? (parsed as Record<string, unknown>)
    : {}
}

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

interface DocumentColumns {
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

const toDocumentDto = (candidateId: number, row: DocumentColumns): DocumentDto => ({
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

const toNoteDto = (row: NoteRow, author: string | null): NoteDto => ({
  id: row.id,
  body: row.body,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  author,
})

/** "jane_doe-CV (2).pdf" → "jane doe CV": a name to start from when a résumé does not show one. */
export function nameFromFileName(fileName: string): string {
  const stem = fileName.replace(/\.[^.]+$/, '')
  const words = stem
    .replace(/[_.\-()[\]]+/g, ' ')
    .replace(/\b\d+\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  return words.slice(0, 200) || 'Unnamed candidate'
}

export function checkResumeFileName(fileName: string): void {
  if (/[/\\\0]/.test(fileName)) {
    throw new AppError('invalid_input', 'A file name cannot contain path separators.', [
      { path: 'fileName', message: 'A file name cannot contain path separators' },
    ])
  }
  const extension = /\.([^.]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? ''
  if (!(RESUME_EXTENSIONS as readonly string[]).includes(extension)) {
    throw AppError.of('not_a_resume_file', { fileName })
  }
}

/** An erased candidate stays anonymous: nothing identifying may be added back. */
function refuseErased(erasedAt: string | null, id: number): void {
  if (erasedAt) throw AppError.of('candidate_erased', { id })
}

export class CandidateService {
  constructor(
    private readonly ctx: CoreContext,
    private readonly workspace: WorkspaceService,
  ) {}

  private get db(): Kysely<Database> {
    return this.ctx.db
  }

  async list(input: ListInput): Promise<CandidatePageDto> {
    const repo = new CandidateRepository(this.db)
    const match = input.text ? toMatchExpression(input.text, ['name', 'contact']) : null
    if (input.text && match === null) return { rows: [], total: 0, offset: input.offset }
    const query = { ...input, match }
    const [ids, total] = await Promise.all([repo.pageIds(query), repo.count(query)])
    const rows = await repo.rowsFor(ids)
    const byId = new Map(rows.map((row) => [row.id, row]))
    return {
      total,
      offset: input.offset,
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

  facets(): Promise<CandidateFacetsDto> {
    return new CandidateRepository(this.db).facets()
  }

  async get(id: number): Promise<CandidateDetailDto> {
    const repo = new CandidateRepository(this.db)
    const row = await repo.profile(id)
    if (!row) throw AppError.of('candidate_not_found', { id: id })
    const emails = parseJsonArray<{ email: string }>(row.emails).map((entry) => entry.email)
    const phones = parseJsonArray<{ phone: string }>(row.phones).map((entry) => entry.phone)
    const region = await this.workspace.phoneRegion()
    const duplicates = await this.matches(repo, {
      emails,
      phoneKeys: phones.map((phone) => phoneKey(phone, region)),
      nameMatch: row.name_match,
      excludeId: id,
    })
    return {
      id: row.id,
      name: row.name,
      location: row.location,
      source: row.source,
      emails,
      phones,
      links: parseJsonArray<{ url: string }>(row.links).map((entry) => entry.url),
      tags: parseJsonArray<{ tag: string }>(row.tags).map((entry) => entry.tag),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      documents: parseJsonArray<DocumentColumns>(row.documents).map((doc) => toDocumentDto(id, doc)),
      notes: parseJsonArray<NoteRow & { author: string | null }>(row.notes).map((note) => toNoteDto(note, note.author)),
      activity: parseJsonArray<{ id: number; at: string; action: string; detail: string; person: string | null }>(
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

  /**
   * A data fix run at start: phones stored before numbers were kept in E.164 (as typed digits, keyed by their
   * last nine digits) are rewritten in E.164, read with the workspace's region, so that duplicate detection
   * compares like with like. One that cannot be read keeps its text and a key that matches no other number.
   */
  async normaliseStoredPhones(): Promise<number> {
    const rows = await new CandidateRepository(this.db).legacyPhones()
    if (rows.length === 0) return 0
    const region = await this.workspace.phoneRegion()
    await this.db.transaction().execute(async (trx) => {
      const tx = new CandidateRepository(trx)
      const touched = new Set<number>()
      for (const row of rows) {
        const e164 = normalisePhone(row.phone, region)
        await tx.replacePhone(row.candidate_id, row.phone, e164 ?? row.phone, e164 ?? phoneKey(row.phone, region))
        touched.add(row.candidate_id)
      }
      for (const id of touched) await tx.refreshSearch(id)
    })
    return rows.length
  }

  /** Likely duplicates of what is being typed: same e-mail, same phone number, or the same name words. */
  async findDuplicates(input: {
    name: string
    emails: string[]
    phones: string[]
    excludeId?: number | undefined
  }): Promise<DuplicateDto[]> {
    const emails = input.emails.flatMap((raw) => normaliseEmail(raw) ?? [])
    const region = await this.workspace.phoneRegion()
    const phoneKeys = input.phones.flatMap((raw) => normalisePhone(raw, region) ?? [])
    return this.matches(new CandidateRepository(this.db), {
      emails,
      phoneKeys,
      nameMatch: nameMatchKey(input.name),
      excludeId: input.excludeId ?? null,
    })
  }

  async create(
    input: CandidateInput & { ifDuplicate: 'refuse' | 'create'; consent?: ConsentInput | undefined },
    via: Record<string, unknown> = { via: 'form' },
  ): Promise<CandidateDetailDto> {
    const candidate = normaliseCandidate(input, await this.workspace.phoneRegion())
    const repo = new CandidateRepository(this.db)
    if (input.ifDuplicate === 'refuse') {
      const exact = (
        await this.matches(repo, {
          emails: candidate.emails,
          phoneKeys: candidate.phones.map((entry) => entry.key),
          nameMatch: '',
          excludeId: null,
        })
      ).filter((match) => match.reasons.includes('email') || match.reasons.includes('phone'))
      const first = exact[0]
      if (first) {
        throw AppError.of(
          'candidate_duplicate_contact',
          { name: first.name, id: first.id },
          exact.map((match) => ({
            path: `candidate.${match.id}`,
            message: `${match.name}: same ${match.reasons.join(', ')}`,
          })),
        )
      }
    }
    const actor = await this.workspace.currentPersonId()
    const id = await this.db.transaction().execute(async (trx) => {
      const tx = new CandidateRepository(trx)
      const created = await tx.insertCandidate(candidate.values, now(), actor)
      await tx.replaceContacts(created, candidate)
      await tx.refreshSearch(created)
      if (input.consent) await writeConsent(trx, created, input.consent, actor)
      await recordActivity(trx, {
        personId: actor,
        entityType: 'candidate',
        entityId: created,
        action: 'created',
        detail: { ...via },
      })
      return created
    })
    return this.get(id)
  }

  async update(input: CandidateInput & { id: number }): Promise<CandidateDetailDto> {
    const candidate = normaliseCandidate(input, await this.workspace.phoneRegion())
    const before = await this.get(input.id)
    refuseErased(before.privacy.erasedAt, input.id)
    const changed = (
      [
        ['name', before.name !== candidate.values.name],
        ['location', before.location !== candidate.values.location],
        ['source', before.source !== candidate.values.source],
        ['emails', before.emails.join('\n') !== candidate.emails.join('\n')],
        ['phones', before.phones.join('\n') !== candidate.phones.map((entry) => entry.phone).join('\n')],
        ['links', before.links.join('\n') !== candidate.links.join('\n')],
        ['tags', [...before.tags].sort().join('\n') !== [...candidate.tags].sort().join('\n')],
      ] as const
    )
      .filter(([, differs]) => differs)
      .map(([field]) => field)
    if (changed.length === 0) return before
    const actor = await this.workspace.currentPersonId()
    await this.db.transaction().execute(async (trx) => {
      const tx = new CandidateRepository(trx)
      await tx.updateCandidate(input.id, candidate.values, now())
      await tx.replaceContacts(input.id, candidate)
      await tx.refreshSearch(input.id)
      await recordActivity(trx, {
        personId: actor,
        entityType: 'candidate',
        entityId: input.id,
        action: 'updated',
        detail: { fields: changed },
      })
    })
    return this.get(input.id)
  }

  /**
   * Moves every document, note, contact, application and log entry of `mergeId` onto `keepId`, then removes
   * `mergeId`. Where both applied to the same posting, see `mergeApplications` for which application is kept.
   */
  async merge(keepId: number, mergeId: number): Promise<CandidateDetailDto> {
    if (keepId === mergeId) throw new AppError('invalid_input', 'A candidate cannot be merged into itself.')
    const actor = await this.workspace.currentPersonId()
    await this.db.transaction().execute(async (trx) => {
      const tx = new CandidateRepository(trx)
      const keep = await tx.findCandidate(keepId)
      const merged = await tx.findCandidate(mergeId)
      if (!keep) throw AppError.of('candidate_not_found', { id: keepId })
      if (!merged) throw AppError.of('candidate_not_found', { id: mergeId })
      refuseErased(keep.erased_at, keepId)
      refuseErased(merged.erased_at, mergeId)
      const applications = await mergeApplications(trx, mergeId, keepId)
      const { duplicateFiles } = await tx.mergeInto(mergeId, keepId)
      if (!keep.location && merged.location)
        await tx.updateCandidate(keepId, { ...this.valuesOf(keep), location: merged.location }, now())
      if (!keep.source && merged.source) {
        const current = (await tx.findCandidate(keepId)) ?? keep
        await tx.updateCandidate(keepId, { ...this.valuesOf(current), source: merged.source }, now())
      }
      await tx.touch(keepId, now())
      await tx.refreshSearch(keepId)
      await recordActivity(trx, {
        personId: actor,
        entityType: 'candidate',
        entityId: keepId,
        action: 'merged',
        detail: {
          mergedId: mergeId,
          sameFiles: duplicateFiles.length,
          applicationsMoved: applications.moved,
          applicationsCombined: applications.combined,
        },
      })
    })
    return this.get(keepId)
  }

  async addNote(candidateId: number, body: string): Promise<NoteDto> {
    const actor = await this.workspace.currentPersonId()
    return this.db.transaction().execute(async (trx) => {
      const tx = new CandidateRepository(trx)
      const candidate = await tx.findCandidate(candidateId)
      if (!candidate) throw AppError.of('candidate_not_found', { id: candidateId })
      refuseErased(candidate.erased_at, candidateId)
      const note = await tx.insertNote(candidateId, body.trim(), now(), actor)
      await tx.touch(candidateId, now())
      await tx.refreshSearch(candidateId)
      await recordActivity(trx, {
        personId: actor,
        entityType: 'candidate',
        entityId: candidateId,
        action: 'note_added',
        detail: { noteId: note.id },
      })
      return toNoteDto(note, (await tx.personName(actor))?.name ?? null)
    })
  }

  async updateNote(id: number, body: string): Promise<NoteDto> {
    const actor = await this.workspace.currentPersonId()
    return this.db.transaction().execute(async (trx) => {
      const tx = new CandidateRepository(trx)
      const before = await tx.findNote(id)
      if (!before) throw AppError.of('note_not_found', { id: id })
      const note = await tx.updateNote(id, body.trim(), now())
      await tx.refreshSearch(note.candidate_id)
      await recordActivity(trx, {
        personId: actor,
        entityType: 'candidate',
        entityId: note.candidate_id,
        action: 'note_edited',
        detail: { noteId: id },
      })
      return toNoteDto(note, (await tx.personName(note.created_by))?.name ?? null)
    })
  }

  async documentText(id: number): Promise<DocumentTextDto> {
    const row = await new CandidateRepository(this.db).findDocument(id)
    if (!row) throw AppError.of('document_not_found', { id: id })
    return { id: row.id, fileName: row.file_name, text: row.text }
  }

  /**
   * Stores the file, extracts its text off the main thread and attaches it. A file that cannot be read is
   * attached all the same, with the reason; the candidate is never touched beyond that.
   */
  async attachDocument(
    input: { candidateId: number; fileName: string; bytes: Uint8Array },
    options: ExtractOptions = {},
  ): Promise<AttachResultDto> {
    checkResumeFileName(input.fileName)
    const repo = new CandidateRepository(this.db)
    const before = await this.get(input.candidateId)
    refuseErased(before.privacy.erasedAt, input.candidateId)
    const stored = await storeFile(this.ctx.dataDir, input.bytes)
    const existing = await repo.findDocumentByHash(input.candidateId, stored.sha256)
    if (existing) {
      throw AppError.of('file_already_attached', { name: before.name, fileName: existing.file_name })
    }
    const region = await this.workspace.phoneRegion()
    const extracted = await this.extract(input.bytes, input.fileName, options, region)
    const { document } = await this.attachExtracted(input.candidateId, input.fileName, stored, extracted)
    const resume = 'resume' in extracted ? extracted.resume : null
    return { document, suggestions: this.suggestions(before, resume, region) }
  }

  /**
   * One résumé file → one candidate. When the file's e-mail or phone belongs to someone already known, the
   * file is attached to that candidate instead of creating a duplicate. With `postingId`, the candidate also
   * applies to that posting, in the same transaction; the posting is checked before the file is read, and a
   * file imported before then only adds its candidate to the posting.
   */
  async importResume(
    input: {
      fileName: string
      bytes: Uint8Array
      source?: string
      postingId?: number | undefined
      consent?: ConsentInput | undefined
    },
    options: ExtractOptions = {},
  ): Promise<ResumeImportResultDto> {
    checkResumeFileName(input.fileName)
    const apply = input.postingId === undefined ? null : { postingId: input.postingId, source: input.source ?? '' }
    if (apply) await requireOpenPosting(this.db, apply.postingId)
    const repo = new CandidateRepository(this.db)
    const stored = await storeFile(this.ctx.dataDir, input.bytes)
    const already = await repo.findAnyDocumentByHash(stored.sha256)
    const known = already && apply ? await repo.findDocument(already.id) : undefined
    if (already && apply && known) {
      return {
        outcome: 'known',
        candidateId: already.candidate_id,
        candidateName: already.name,
        document: toDocumentDto(already.candidate_id, { ...known, text_length: known.text.length }),
        application: await this.applyInTransaction(already.candidate_id, apply),
      }
    }
    if (already) {
      throw AppError.of('resume_already_imported', {
        fileName: input.fileName,
        existing: already.file_name,
        name: already.name,
        id: already.candidate_id,
      })
    }
    const region = await this.workspace.phoneRegion()
    const extracted = await this.extract(input.bytes, input.fileName, options, region)
    const resume = 'resume' in extracted ? extracted.resume : null
    const emails = resume?.emails.flatMap((email) => normaliseEmail(email) ?? []) ?? []
    const phones = resume?.phones.flatMap((phone) => normalisePhone(phone, region) ?? []) ?? []
    const links = resume?.links.flatMap((link) => normaliseLink(link) ?? []) ?? []
    const match = (await this.matches(repo, { emails, phoneKeys: phones, nameMatch: '', excludeId: null }))[0]
    if (match) {
      const { document, application } = await this.attachExtracted(match.id, input.fileName, stored, extracted, apply)
      return { outcome: 'attached', candidateId: match.id, candidateName: match.name, document, application }
    }
    const name = resume?.name ?? nameFromFileName(input.fileName)
    const candidate = normaliseCandidate(
      { name, emails, phones, links, location: '', source: input.source ?? '', tags: [] },
      region,
    )
    const actor = await this.workspace.currentPersonId()
    return this.db.transaction().execute(async (trx) => {
      const tx = new CandidateRepository(trx)
      const id = await tx.insertCandidate(candidate.values, now(), actor)
      await tx.replaceContacts(id, candidate)
      const row = await this.insertDocument(tx, id, input.fileName, stored, extracted, actor)
      await tx.refreshSearch(id)
      if (input.consent) await writeConsent(trx, id, input.consent, actor)
      await recordActivity(trx, {
        personId: actor,
        entityType: 'candidate',
        entityId: id,
        action: 'created',
        detail: { via: 'resume', documentId: row.id },
      })
      return {
        outcome: 'created' as const,
        candidateId: id,
        candidateName: candidate.values.name,
        document: toDocumentDto(id, { ...row, text_length: row.text.length }),
        application: apply ? await applyToPosting(trx, { candidateId: id, ...apply }, actor) : null,
      }
    })
  }

  private async applyInTransaction(
    candidateId: number,
    apply: { postingId: number; source: string },
  ): Promise<{ id: number; added: boolean }> {
    const actor = await this.workspace.currentPersonId()
    return this.db.transaction().execute((trx) => applyToPosting(trx, { candidateId, ...apply }, actor))
  }

  async search(query: string, limit: number): Promise<SearchHitDto[]> {
    const match = toMatchExpression(query)
    if (match === null) return []
    const rows = await new CandidateRepository(this.db).search(match, limit)
    const order: SearchField[] = ['documents', 'notes', 'contact']
    return rows.map((row) => {
      const field = order.find((column) => hasHighlight(row[column])) ?? 'name'
      return {
        id: row.id,
        name: toHighlighted(row.name),
        email: row.email,
        field,
        snippet: toHighlighted(field === 'name' ? row.name : row[field]),
      }
    })
  }

  private async attachExtracted(
    candidateId: number,
    fileName: string,
    stored: { sha256: string; size: number },
    extracted: { resume: ExtractedResume } | { error: AppError },
    apply: { postingId: number; source: string } | null = null,
  ): Promise<{ document: DocumentDto; application: { id: number; added: boolean } | null }> {
    const actor = await this.workspace.currentPersonId()
    return this.db.transaction().execute(async (trx) => {
      const tx = new CandidateRepository(trx)
      const row = await this.insertDocument(tx, candidateId, fileName, stored, extracted, actor)
      await tx.touch(candidateId, now())
      await tx.refreshSearch(candidateId)
      await recordActivity(trx, {
        personId: actor,
        entityType: 'candidate',
        entityId: candidateId,
        action: 'document_attached',
        detail: { documentId: row.id, status: row.status },
      })
      return {
        document: toDocumentDto(candidateId, { ...row, text_length: row.text.length }),
        application: apply ? await applyToPosting(trx, { candidateId, ...apply }, actor) : null,
      }
    })
  }

  private valuesOf(row: { name: string; name_key: string; name_match: string; location: string; source: string }) {
    return {
      name: row.name,
      nameKey: row.name_key,
      nameMatch: row.name_match,
      location: row.location,
      source: row.source,
    }
  }

  private async matches(
    repo: CandidateRepository,
    criteria: { emails: string[]; phoneKeys: string[]; nameMatch: string; excludeId: number | null },
  ): Promise<DuplicateDto[]> {
    if (criteria.emails.length === 0 && criteria.phoneKeys.length === 0 && criteria.nameMatch === '') return []
    const rows = await repo.findMatches(criteria)
    return rows
      .map((row) => {
        const emails = parseJsonArray<{ email: string }>(row.emails).map((entry) => entry.email)
        const reasons: DuplicateReason[] = []
        if (row.by_email) reasons.push('email')
        if (row.by_phone) reasons.push('phone')
        if (criteria.nameMatch !== '' && nameMatchKey(row.name) === criteria.nameMatch) reasons.push('name')
        return { id: row.id, name: row.name, emails, reasons }
      })
      .filter((match) => match.reasons.length > 0)
      .sort(
        (a, b) =>
          Number(b.reasons.includes('email') || b.reasons.includes('phone')) -
          Number(a.reasons.includes('email') || a.reasons.includes('phone')),
      )
  }

  private async extract(
    bytes: Uint8Array,
    fileName: string,
    options: ExtractOptions,
    region: PhoneRegion,
  ): Promise<{ resume: ExtractedResume } | { error: AppError }> {
    try {
      return { resume: await extractResume(bytes, fileName, options, region) }
    } catch (error) {
      if (error instanceof AppError && error.code !== 'cancelled' && error.code !== 'invalid_input') return { error }
      throw error
    }
  }

  private insertDocument(
    tx: CandidateRepository,
    candidateId: number,
    fileName: string,
    stored: { sha256: string; size: number },
    extracted: { resume: ExtractedResume } | { error: AppError },
    actor: number | null,
  ) {
    const resume = 'resume' in extracted ? extracted.resume : null
    const error = 'error' in extracted ? extracted.error : null
    return tx.insertDocument({
      candidateId,
      sha256: stored.sha256,
      fileName,
      size: stored.size,
      kind: resume?.kind ?? null,
      status: resume ? 'extracted' : 'failed',
      errorCode: error?.code ?? null,
      errorMessage: error?.message ?? null,
      text: resume?.text ?? '',
      pages: resume?.pages ?? null,
      warnings: resume?.warnings ?? [],
      createdAt: now(),
      createdBy: actor,
    })
  }

  /** Contact fields of the document that the profile lacks, for the user to confirm. */
  private suggestions(
    before: CandidateDetailDto,
    resume: ExtractedResume | null,
    region: PhoneRegion,
  ): ContactSuggestionsDto {
    if (!resume) return { name: null, emails: [], phones: [], links: [] }
    const phoneKeys = new Set(before.phones.map((phone) => phoneKey(phone, region)))
    const linkKeys = new Set(before.links.map(linkKey))
    return {
      name: resume.name && nameMatchKey(resume.name) !== nameMatchKey(before.name) ? resume.name : null,
      emails: resume.emails.filter((email) => !before.emails.includes(email)),
      phones: resume.phones.filter((phone) => !phoneKeys.has(phoneKey(phone, region))),
      links: resume.links.filter((link) => !linkKeys.has(linkKey(link))),
    }
  }
}
