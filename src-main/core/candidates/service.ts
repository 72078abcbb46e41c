import type {
  AttachResultDto,
  CandidateDetailDto,
  CandidateFacetsDto,
  CandidatePageDto,
  CandidateSortColumn,
  ConsentInput,
  DocumentTextDto,
  DuplicateDto,
  NoteDto,
  ResumeImportResultDto,
  SearchHitDto,
  SortDirection,
} from '@contract'
import type { Kysely } from 'kysely'
import { mergeApplications } from '../applications/merge-applications'
import type { CoreContext } from '../context'
import type { Database } from '../db/schema'
import type { ExtractOptions } from '../documents/extract-text'
import { entityWriter, type EntityWriter } from '../entity-write'
import { AppError } from '../errors'
import { requireBeyondInterviews, requireRows, visibleRows } from '../access/row-rules'
import { writeConsent } from '../privacy/consent'
import type { WorkspaceService } from '../workspace/service'
import { candidateEntity } from './candidate-entity'
import { normaliseCandidate, refuseErased, valuesOf, type CandidateInput } from './candidate-input'
import { parseJsonArray, toDetailDto, toPageDto } from './candidate-mapping'
import { CandidateNotes } from './candidate-notes'
import { findMatches } from './duplicates'
import { nameMatchKey, normaliseEmail, normalisePhone, phoneKey } from './normalise'
import { CandidateRepository, searchMatch } from './repository'
import { ResumeImporter } from './resume-import'
import { markMatches, snippetOf } from './search-snippet'
import { searchTerms } from './search-text'

// Callers outside this domain's split (the CSV import, the bulk writer, the CLI) keep their import paths.
export { normaliseCandidate, type CandidateInput, type NormalisedCandidate } from './candidate-input'
export { checkResumeFileName, nameFromFileName } from './resume-files'

export interface ListInput {
  offset: number
  limit: number
  sort: CandidateSortColumn
  direction: SortDirection
  text: string
  tag: string
  source: string
}

/** Candidates: the list, the profile, edits and merges; notes and résumé files have their own modules. */
export class CandidateService {
  private readonly write: EntityWriter<CandidateRepository>
  private readonly resumes: ResumeImporter
  private readonly notes: CandidateNotes

  constructor(
    private readonly ctx: CoreContext,
    private readonly workspace: WorkspaceService,
  ) {
    this.write = entityWriter(ctx, workspace, candidateEntity)
    this.resumes = new ResumeImporter(ctx, workspace, (id) => this.get(id))
    this.notes = new CandidateNotes(ctx, workspace)
  }

  private get db(): Kysely<Database> {
    return this.ctx.db
  }

  async list(input: ListInput): Promise<CandidatePageDto> {
    requireBeyondInterviews('candidate')
    const repo = new CandidateRepository(this.db)
    const match = input.text ? searchMatch(this.db, input.text, ['name', 'contact']) : null
    if (input.text && match === null) return { rows: [], total: 0, offset: input.offset }
    const query = { ...input, match }
    const [ids, total] = await Promise.all([repo.pageIds(query), repo.count(query)])
    return toPageDto(ids, await repo.rowsFor(ids), total, input.offset)
  }

  facets(): Promise<CandidateFacetsDto> {
    requireBeyondInterviews('candidate')
    return new CandidateRepository(this.db).facets()
  }

  async get(id: number): Promise<CandidateDetailDto> {
    await requireRows(this.db, 'candidate', id)
    const repo = new CandidateRepository(this.db)
    const row = await repo.profile(id)
    if (!row) throw AppError.of('candidate_not_found', { id: id })
    const emails = parseJsonArray<{ email: string }>(row.emails).map((entry) => entry.email)
    const phones = parseJsonArray<{ phone: string }>(row.phones).map((entry) => entry.phone)
    const region = await this.workspace.phoneRegion()
    const duplicates = await findMatches(repo, {
      emails,
      phoneKeys: phones.map((phone) => phoneKey(phone, region)),
      nameMatch: row.name_match,
      excludeId: id,
    })
    // Likely duplicates name other candidates: a restricted team member sees only those they may open.
    const visible = await visibleRows(
      this.db,
      'candidate',
      duplicates.map((entry) => entry.id),
    )
    const detail = toDetailDto(
      row,
      { emails, phones },
      duplicates.filter((entry) => visible.has(entry.id)),
    )
    // So do the candidate's applications to other postings.
    const applications = await visibleRows(
      this.db,
      'application',
      detail.applications.map((entry) => entry.id),
    )
    return { ...detail, applications: detail.applications.filter((entry) => applications.has(entry.id)) }
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
    requireBeyondInterviews('candidate')
    await requireRows(this.db, 'candidate', input.excludeId)
    const emails = input.emails.flatMap((raw) => normaliseEmail(raw) ?? [])
    const region = await this.workspace.phoneRegion()
    const phoneKeys = input.phones.flatMap((raw) => normalisePhone(raw, region) ?? [])
    return findMatches(new CandidateRepository(this.db), {
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
    requireBeyondInterviews('candidate')
    const candidate = normaliseCandidate(input, await this.workspace.phoneRegion())
    if (input.ifDuplicate === 'refuse') {
      const exact = (
        await findMatches(new CandidateRepository(this.db), {
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
    const id = await this.write(async ({ repo, trx, actor, at }) => {
      const created = await repo.insertCandidate(candidate.values, at, actor)
      await repo.replaceContacts(created, candidate)
      if (input.consent) await writeConsent(trx, created, input.consent, actor, at)
      return { entityId: created, action: 'created', detail: { ...via }, touch: false, result: created }
    })
    return this.get(id)
  }

  async update(input: CandidateInput & { id: number }): Promise<CandidateDetailDto> {
    await requireRows(this.db, 'candidate', input.id, 'write')
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
    await this.write(async ({ repo, trx, at }) => {
      await requireRows(trx, 'candidate', input.id, 'write')
      await repo.updateCandidate(input.id, candidate.values, at)
      await repo.replaceContacts(input.id, candidate)
      return { entityId: input.id, action: 'updated', detail: { fields: changed }, touch: false, result: undefined }
    })
    return this.get(input.id)
  }

  /**
   * Moves every document, note, contact, application and log entry of `mergeId` onto `keepId`, then removes
   * `mergeId`. Where both applied to the same posting, see `mergeApplications` for which application is kept.
   */
  async merge(keepId: number, mergeId: number): Promise<CandidateDetailDto> {
    if (keepId === mergeId) throw AppError.of('merge_into_itself')
    await this.write(async ({ repo, trx, at }) => {
      await requireRows(trx, 'candidate', [keepId, mergeId], 'write')
      const keep = await repo.findCandidate(keepId)
      const merged = await repo.findCandidate(mergeId)
      if (!keep) throw AppError.of('candidate_not_found', { id: keepId })
      if (!merged) throw AppError.of('candidate_not_found', { id: mergeId })
      refuseErased(keep.erased_at, keepId)
      refuseErased(merged.erased_at, mergeId)
      const applications = await mergeApplications(trx, mergeId, keepId, at)
      const { duplicateFiles } = await repo.mergeInto(mergeId, keepId)
      if (!keep.location && merged.location)
        await repo.updateCandidate(keepId, { ...valuesOf(keep), location: merged.location }, at)
      if (!keep.source && merged.source) {
        const current = (await repo.findCandidate(keepId)) ?? keep
        await repo.updateCandidate(keepId, { ...valuesOf(current), source: merged.source }, at)
      }
      return {
        entityId: keepId,
        action: 'merged',
        detail: {
          mergedId: mergeId,
          sameFiles: duplicateFiles.length,
          applicationsMoved: applications.moved,
          applicationsCombined: applications.combined,
        },
        result: undefined,
      }
    })
    return this.get(keepId)
  }

  addNote(candidateId: number, body: string): Promise<NoteDto> {
    return this.notes.add(candidateId, body)
  }

  updateNote(id: number, body: string): Promise<NoteDto> {
    return this.notes.update(id, body)
  }

  async documentText(id: number): Promise<DocumentTextDto> {
    await requireRows(this.db, 'document', id)
    const row = await new CandidateRepository(this.db).findDocument(id)
    if (!row) throw AppError.of('document_not_found', { id: id })
    return { id: row.id, fileName: row.file_name, text: row.text }
  }

  attachDocument(
    input: Parameters<ResumeImporter['attachDocument']>[0],
    options: ExtractOptions = {},
  ): Promise<AttachResultDto> {
    return this.resumes.attachDocument(input, options)
  }

  importResume(
    input: Parameters<ResumeImporter['importResume']>[0],
    options: ExtractOptions = {},
  ): Promise<ResumeImportResultDto> {
    return this.resumes.importResume(input, options)
  }

  async search(query: string, limit: number): Promise<SearchHitDto[]> {
    requireBeyondInterviews('candidate')
    const rows = await new CandidateRepository(this.db).search(query, limit)
    const terms = searchTerms(query)
    return rows.map((row) => {
      const name = markMatches(row.name, terms)
      // The snippet comes from where the words were found beyond the name: the résumé first, then notes, contacts.
      for (const field of ['documents', 'notes', 'contact'] as const) {
        const snippet = snippetOf(row[field], terms, field === 'contact' ? 12 : 16)
        if (snippet) return { id: row.id, name, email: row.email, field, snippet }
      }
      return { id: row.id, name, email: row.email, field: 'name' as const, snippet: name }
    })
  }
}
