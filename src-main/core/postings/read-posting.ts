import type { DocumentKind } from '@contract/documents-extract'
import { POSTING_FILE_MAX_BYTES, postingFileExtensions } from '@contract/postings'
import { extractText } from '../documents/extract-text'
import { AppError } from '../errors'

export type PostingSource = { text: string } | { fileName: string; bytes: Uint8Array }

export interface PostingText {
  text: string
  fileName: string | null
  source: 'pasted' | DocumentKind
  warnings: string[]
}

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.')
  return dot > 0 ? fileName.slice(dot + 1).toLowerCase() : ''
}

/**
 * The text of pasted input or of a posting file. Files go through the document extraction worker (size, time
 * and memory limits); HTML comes back raw, for the parser to read. Empty input and PDFs without a text layer
 * are refused with a message that says what to do.
 */
export async function readPostingText(source: PostingSource): Promise<PostingText> {
  if ('text' in source) {
    if (!source.text.trim()) throw AppError.of('posting_text_empty')
    return { text: source.text, fileName: null, source: 'pasted', warnings: [] }
  }
  const { fileName, bytes } = source
  if (!(postingFileExtensions as readonly string[]).includes(extensionOf(fileName))) {
    throw AppError.of('posting_file_unsupported', { file: fileName })
  }
  if (bytes.length === 0) throw AppError.of('posting_file_empty', { file: fileName })
  const extracted = await extractText(bytes, fileName, { maxBytes: POSTING_FILE_MAX_BYTES })
  if (!extracted.text.trim()) {
    throw extracted.kind === 'pdf'
      ? AppError.of('posting_scanned', { file: fileName })
      : AppError.of('file_no_text', { file: fileName })
  }
  return { text: extracted.text, fileName, source: extracted.kind, warnings: extracted.warnings }
}
