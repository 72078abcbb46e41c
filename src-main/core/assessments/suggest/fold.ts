const combiningMarks = /\p{M}+/gu
const apostrophes = new Set(['’', '‘', '`', '´', 'ʼ'])

/**
 * Lower case without accents, one code unit out for each code unit in, so an offset found in the folded text
 * is the same offset in the original (ranges highlight the résumé as written). Characters that fold to
 * something longer or shorter ("İ", a lone combining mark) are kept as they are.
 */
export function foldAligned(text: string): string {
  const out: string[] = []
  for (let i = 0; i < text.length; i++) {
    const char = text.charAt(i)
    const code = char.charCodeAt(0)
    if (code < 128) {
      out.push(code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : char)
    } else if (apostrophes.has(char)) {
      out.push("'")
    } else if (code >= 0xd800 && code <= 0xdfff) {
      out.push(char)
    } else {
      const folded = char.normalize('NFD').replace(combiningMarks, '').toLowerCase()
      out.push(folded.length === 1 ? folded : char)
    }
  }
  return out.join('')
}

/** Folds a short phrase for comparison with folded text (same rules, length need not be kept). */
export function foldPhrase(text: string): string {
  return foldAligned(text.normalize('NFC')).replace(/\s+/g, ' ').trim()
}

const letterOrDigit = /[\p{L}\p{N}]/u

export function isWordChar(char: string | undefined): boolean {
  return char !== undefined && letterOrDigit.test(char)
}

/** Every occurrence of `phrase` (folded) in `folded`, on word boundaries. */
export function findPhraseOffsets(folded: string, phrase: string): { start: number; end: number }[] {
  const found: { start: number; end: number }[] = []
  if (phrase.length === 0) return found
  let from = 0
  for (;;) {
    const at = folded.indexOf(phrase, from)
    if (at < 0) return found
    const end = at + phrase.length
    const boundaryBefore = !isWordChar(phrase[0]) || !isWordChar(folded[at - 1])
    const boundaryAfter = !isWordChar(phrase.at(-1)) || !isWordChar(folded[end])
    if (boundaryBefore && boundaryAfter) found.push({ start: at, end })
    from = at + 1
  }
}
