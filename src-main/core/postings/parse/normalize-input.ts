import { AppError } from '../../errors'

/** Far above any real posting; bounds memory and time for pasted or dropped files. */
export const maxPostingChars = 10_000_000

const binarySampleChars = 64 * 1024

function isStrippedControl(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f
}

/** Binary files read as text show NUL bytes, other control characters or replacement characters in bulk. */
function looksBinary(text: string): boolean {
  const sample = text.length > binarySampleChars ? text.slice(0, binarySampleChars) : text
  if (
    sample.startsWith('%PDF-') ||
    sample.startsWith('PK\u0003\u0004') ||
    sample.startsWith('\u00D0\u00CF\u0011\u00E0')
  )
    return true
  let nul = 0
  let suspicious = 0
  for (let i = 0; i < sample.length; i++) {
    const code = sample.charCodeAt(i)
    if (code === 0) nul++
    if (isStrippedControl(code) || code === 0xfffd) suspicious++
  }
  // A stray NUL or two in a pasted posting is noise to strip; bulk means a binary file.
  return nul > Math.max(1, sample.length * 0.01) || suspicious > Math.max(4, sample.length * 0.1)
}

function stripControls(text: string): string {
  let out = ''
  let from = 0
  for (let i = 0; i < text.length; i++) {
    if (isStrippedControl(text.charCodeAt(i))) {
      out += text.slice(from, i)
      from = i + 1
    }
  }
  return from === 0 ? text : out + text.slice(from)
}

/**
 * Checks the input and normalises line endings, exotic spaces and invisible characters.
 * Throws `invalid_input` for a non-string, `too_large` above the cap and `unsupported_file` for binary data.
 */
export function prepareText(input: unknown): string {
  if (typeof input !== 'string') throw AppError.of('posting_text_not_string')
  if (input.length > maxPostingChars) {
    throw AppError.of('posting_text_too_long', { length: input.length, max: maxPostingChars })
  }
  if (looksBinary(input)) {
    throw AppError.of('posting_text_binary')
  }
  return stripControls(input)
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n')
    .replace(/\t/g, '    ')
    .replace(/[\u00A0\u2000-\u200A\u202F\u205F\u3000]/g, ' ')
    .replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, '')
}
