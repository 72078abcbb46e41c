import type {
  AttachResultDto,
  CandidateDetailDto,
  ConsentInput,
  DocumentDto,
  ExtractedResume,
  ResumeImportResultDto,
} from '@contract'
import { applyToPosting, requireOpenPosting } from '../applications/apply-to-posting'
import type { CoreContext } from '../context'
import { extractResume } from '../documents/extract-resume'
import type { ExtractOptions } from '../documents/extract-text'
import { entityWriter, type EntityWriter } from '../entity-write'
import { AppError } from '../errors'
import { requireBeyondInterviews, requireRows } from '../access/row-rules'
import type { PhoneRegion } from '../phones/phone-numbers'
import { writeConsent } from '../privacy/consent'
import type { WorkspaceService } from '../workspace/service'
import { candidateEntity } from './candidate-entity'
import { normaliseCandidate, refuseErased } from './candidate-input'
import { toDocumentDto } from './candidate-mapping'
import { contactSuggestions, findMatches } from './duplicates'
import { normaliseEmail, normaliseLink, normalisePhone } from './normalise'
import { CandidateRepository } from './repository'
import { checkResumeFileName, nameFromFileName } from './resume-files'

type Extracted = { resume: ExtractedResume } | { error: AppError }
type Stored = { sha256: string; size: number }
type Apply = { postingId: number; source: string }

/**
 * Résumé files in: stored by content, their text extracted off the main thread, then attached to a
 * candidate — an existing one, or one created from what the file says.
 */
export class ResumeImporter {
  private readonly write: EntityWriter<CandidateRepository>

  constructor(
    private readonly ctx: CoreContext,
    private readonly workspace: WorkspaceService,
    private readonly profile: (id: number) => Promise<CandidateDetailDto>,
  ) {
    this.write = entityWriter(ctx, workspace, candidateEntity)
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
    const repo = new CandidateRepository(this.ctx.db)
    await requireRows(this.ctx.db, 'candidate', input.candidateId, 'write')
    const before = await this.profile(input.candidateId)
    refuseErased(before.privacy.erasedAt, input.candidateId)
    const stored = await this.ctx.files.store(input.bytes)
    const existing = await repo.findDocumentByHash(input.candidateId, stored.sha256)
    if (existing) {
      throw AppError.of('file_already_attached', { name: before.name, fileName: existing.file_name })
    }
    const region = await this.workspace.phoneRegion()
    const extracted = await this.extract(input.bytes, input.fileName, options, region)
    const { document } = await this.attachExtracted(input.candidateId, input.fileName, stored, extracted)
    const resume = 'resume' in extracted ? extracted.resume : null
    return { document, suggestions: contactSuggestions(before, resume, region) }
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
    requireBeyondInterviews('candidate')
    await requireRows(this.ctx.db, 'posting', input.postingId, 'write')
    if (apply) await requireOpenPosting(this.ctx.db, apply.postingId)
    const repo = new CandidateRepository(this.ctx.db)
    const stored = await this.ctx.files.store(input.bytes)
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
    const match = (await findMatches(repo, { emails, phoneKeys: phones, nameMatch: '', excludeId: null }))[0]
    if (match) {
      const { document, application } = await this.attachExtracted(match.id, input.fileName, stored, extracted, apply)
      return { outcome: 'attached', candidateId: match.id, candidateName: match.name, document, application }
    }
    const name = resume?.name ?? nameFromFileName(input.fileName)
    const candidate = normaliseCandidate(
      { name, emails, phones, links, location: '', source: input.source ?? '', tags: [] },
      region,
    )
    return this.write(async ({ repo: tx, trx, actor, at }) => {
      const id = await tx.insertCandidate(candidate.values, at, actor)
      await tx.replaceContacts(id, candidate)
      const row = await this.insertDocument(tx, id, input.fileName, stored, extracted, actor, at)
      if (input.consent) await writeConsent(trx, id, input.consent, actor, at)
      return {
        entityId: id,
        action: 'created',
        detail: { via: 'resume', documentId: row.id },
        touch: false,
        afterwards: async () => ({
          outcome: 'created' as const,
          candidateId: id,
          candidateName: candidate.values.name,
          document: toDocumentDto(id, { ...row, text_length: row.text.length }),
          application: apply ? await applyToPosting(trx, { candidateId: id, ...apply }, actor, at) : null,
        }),
      }
    })
  }

  private async applyInTransaction(candidateId: number, apply: Apply): Promise<{ id: number; added: boolean }> {
    const actor = await this.workspace.currentPersonId()
    return this.ctx.db
      .transaction()
      .execute((trx) => applyToPosting(trx, { candidateId, ...apply }, actor, this.ctx.clock.timestamp()))
  }

  private attachExtracted(
    candidateId: number,
    fileName: string,
    stored: Stored,
    extracted: Extracted,
    apply: Apply | null = null,
  ): Promise<{ document: DocumentDto; application: { id: number; added: boolean } | null }> {
    return this.write(async ({ repo, trx, actor, at }) => {
      const row = await this.insertDocument(repo, candidateId, fileName, stored, extracted, actor, at)
      return {
        entityId: candidateId,
        action: 'document_attached',
        detail: { documentId: row.id, status: row.status },
        afterwards: async () => ({
          document: toDocumentDto(candidateId, { ...row, text_length: row.text.length }),
          application: apply ? await applyToPosting(trx, { candidateId, ...apply }, actor, at) : null,
        }),
      }
    })
  }

  /** A file that cannot be read is kept with its reason; a cancelled or refused one stops the import. */
  private async extract(
    bytes: Uint8Array,
    fileName: string,
    options: ExtractOptions,
    region: PhoneRegion,
  ): Promise<Extracted> {
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
    stored: Stored,
    extracted: Extracted,
    actor: number | null,
    at: string,
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
      createdAt: at,
      createdBy: actor,
    })
  }
}
