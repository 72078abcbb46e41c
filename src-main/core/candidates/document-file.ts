import type { FileDownloadDto } from '@contract'
import type { CoreContext } from '../context'
import { AppError } from '../errors'
import { requireRows } from '../access/row-rules'
import { CandidateRepository } from './repository'

// HTML résumés are handed back as text: a saved copy must never run as a page of the app's origin.
const MIME_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  text: 'text/plain; charset=utf-8',
  markdown: 'text/markdown; charset=utf-8',
  html: 'text/plain; charset=utf-8',
}

/** The original file of a candidate's document, as it was received, to open or save. */
export class DocumentFileService {
  constructor(private readonly ctx: CoreContext) {}

  async original(id: number): Promise<FileDownloadDto> {
    await requireRows(this.ctx.db, 'document', id)
    const row = await new CandidateRepository(this.ctx.db).findDocument(id)
    if (!row) throw AppError.of('document_not_found', { id: id })
    const bytes = await this.ctx.files.read(row.sha256).catch(() => null)
    if (!bytes) throw AppError.of('document_file_missing', { id })
    return {
      fileName: row.file_name,
      mimeType: MIME_TYPES[row.kind ?? ''] ?? 'application/octet-stream',
      contentBase64: bytes.toString('base64'),
    }
  }
}
