/** Text helpers shared by the posting parser. Every regex here is linear: no nested or adjacent overlapping quantifiers. */

const combiningMarks = /\p{M}+/gu
const apostrophes = /[’‘`´ʼ]/g
const nonWord = /[^\p{L}\p{N}']+/gu

/** Lower case without accents, so rules match "Compétences", "COMPETENCES" and "competences" alike. */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(combiningMarks, '').toLowerCase().replace(apostrophes, "'").replace(/ß/g, 'ss')
}

const contractions: readonly (readonly [RegExp, string])[] = [
  [/\bwon't\b/g, 'will not'],
  [/n't\b/g, ' not'],
  [/'ll\b/g, ' will'],
  [/'re\b/g, ' are'],
  [/'ve\b/g, ' have'],
  [/'d\b/g, ' would'],
  [/\b(what|who|that|it|here|there)'s\b/g, '$1 is'],
  [/\bi'm\b/g, 'i am'],
]

/**
 * Folded words: accents, case, punctuation and English contractions removed ("What you’ll do!" → ["what", "you", "will", "do"]).
 * Elisions become separate words ("l'entreprise" → ["l", "entreprise"]).
 */
export function foldWords(text: string): string[] {
  let folded = foldText(text)
  if (folded.includes("'")) {
    for (const [pattern, replacement] of contractions) folded = folded.replace(pattern, replacement)
    folded = folded.replace(/'/g, ' ')
  }
  return folded
    .replace(nonWord, ' ')
    .trim()
    .split(' ')
    .filter((word) => word.length > 0)
}

/** A phrase as folded words; a word ending in "*" matches any word it starts ("responsib*"). */
export type Phrase = readonly string[]

export function compilePhrase(phrase: string): Phrase {
  const stem = phrase.endsWith('*')
  const words = foldWords(stem ? phrase.slice(0, -1) : phrase)
  if (stem && words.length > 0) words[words.length - 1] += '*'
  return words
}

function wordMatches(word: string, pattern: string): boolean {
  return pattern.endsWith('*') ? word.startsWith(pattern.slice(0, -1)) : word === pattern
}

/** Index of the first occurrence of `phrase` in `words`, or -1. */
export function findPhrase(words: readonly string[], phrase: Phrase): number {
  const first = phrase[0]
  if (first === undefined) return -1
  outer: for (let i = 0; i + phrase.length <= words.length; i++) {
    for (let j = 0; j < phrase.length; j++) {
      const word = words[i + j]
      const pattern = phrase[j]
      if (word === undefined || pattern === undefined || !wordMatches(word, pattern)) continue outer
    }
    return i
  }
  return -1
}

export function hasAnyPhrase(words: readonly string[], phrases: readonly Phrase[]): boolean {
  return phrases.some((phrase) => findPhrase(words, phrase) >= 0)
}

export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

/** Cuts at a word boundary and marks the cut, so a capped item still reads as text. */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text
  const cut = text.slice(0, max - 1)
  const lastSpace = cut.lastIndexOf(' ')
  return `${(lastSpace > max * 0.6 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`
}

// Brackets and parentheses are excluded inside each part, so a scan never runs past the next opener: linear time.
const images = /!\[[^\][\n]*\]\([^()\n]*\)/g
const links = /\[([^\][\n]*)\]\(([^()\s]*)(?:\s+"[^"()\n]*")?\)/g
const referenceLinks = /\[([^\][\n]+)\]\[[^\][\n]*\]/g
const inlineCode = /`([^`\n]*)`/g
const strongMarkers = /\*\*+|~~/g
const underscoreRuns = /_{2,}/g
const wordChar = /[\p{L}\p{N}]/u
/** Inputs longer than this are cut before cleaning: callers only clean items, headings and summaries. */
const maxCleanChars = 8000
const emphasisOpen = /(^|[\s([{"'“‘])[*_]+(?=[^\s*_])/gu
const emphasisClose = /([^\s*_])[*_]+(?=$|[\s)\]}"'”’.,;:!?])/gu
const escapes = /\\([\\`*_{}[\]()#+\-.!|~<>])/g

/** Removes inline markdown (links, emphasis, code ticks, escapes) and collapses whitespace, keeping the words as written. */
export function cleanInline(text: string): string {
  return collapseWhitespace(
    text
      .slice(0, maxCleanChars)
      .replace(images, '')
      .replace(links, '$1')
      .replace(referenceLinks, '$1')
      .replace(inlineCode, '$1')
      .replace(strongMarkers, '')
      // "__bold__" markers go, "snake__case" inside a word stays.
      .replace(underscoreRuns, (run: string, offset: number, whole: string) =>
        wordChar.test(whole[offset - 1] ?? ' ') && wordChar.test(whole[offset + run.length] ?? ' ') ? run : '',
      )
      .replace(emphasisOpen, '$1')
      .replace(emphasisClose, '$1')
      .replace(escapes, '$1'),
  )
}

const leadingSymbols = /^[^\p{L}\p{N}"'“‘(]+/u
const trailingSeparators = new Set([' ', ':', '：', '.', '-', '–', '—', '|'])

/** Heading text for display: inline markdown, leading emoji or ornaments and trailing colons removed. */
export function cleanHeading(text: string): string {
  const cleaned = cleanInline(text).replace(leadingSymbols, '')
  let end = cleaned.length
  while (end > 0 && trailingSeparators.has(cleaned[end - 1] ?? '')) end--
  return cleaned.slice(0, end).trim()
}

export function isUpperCaseLabel(text: string): boolean {
  let letters = 0
  for (const char of text) {
    if (char.toLowerCase() !== char.toUpperCase()) {
      if (char !== char.toUpperCase()) return false
      letters++
    }
  }
  return letters >= 3
}

export function startsWithLowerCase(text: string): boolean {
  const first = text.match(/\p{L}/u)?.[0]
  return first !== undefined && text.trimStart().startsWith(first) && first !== first.toUpperCase()
}

export function wordCount(text: string): number {
  const trimmed = text.trim()
  return trimmed === '' ? 0 : trimmed.split(/\s+/).length
}
