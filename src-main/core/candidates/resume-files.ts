import { resumeExtensions } from '@contract/closed-lists'
import { AppError } from '../errors'

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
    throw AppError.of('file_name_separators', undefined, [
      { path: 'fileName', message: 'A file name cannot contain path separators', key: 'v_file_name_separators' },
    ])
  }
  const extension = /\.([^.]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? ''
  // Anything else is refused before it is read.
  if (!(resumeExtensions as readonly string[]).includes(extension)) {
    throw AppError.of('not_a_resume_file', { fileName })
  }
}
