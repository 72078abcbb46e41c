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
    if (!source.text.trim()) throw new AppError('invalid_input', 'The text is empty: paste the posting first.')
    return { text: source.text, fileName: null, source: 'pasted', warnings: [] }
  }
  const { fileName, bytes } = source
  if (!(postingFileExtensions as readonly string[]).includes(extensionOf(fileName))) {
    throw new AppError(
      'unsupported_file',
      `"${fileName}" cannot be read as a posting: use a .txt, .md, .html, .pdf or .docx file.`,
    )
  }
  if (bytes.length === 0) throw new AppError('invalid_input', `"${fileName}" is empty.`)
  const extracted = await extractText(bytes, fileName, { maxBytes: POSTING_FILE_MAX_BYTES })
  if (!extracted.text.trim()) {
    throw extracted.kind === 'pdf'
      ? new AppError(
          'unreadable_file',
          `"${fileName}" has no text layer (it is probably a scanned image). Copy the posting's text from where it was published and paste it instead.`,
        )
      : new AppError('invalid_input', `"${fileName}" contains no text.`)
  }
  return { text: extracted.text, fileName, source: extracted.kind, warnings: extracted.warnings }
}
