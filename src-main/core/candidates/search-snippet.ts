import type { HighlightedTextDto } from '@contract'

/**
 * What a search hit shows: the words that matched, marked, in the name and in a short cut of the column where they
 * were found. Built here from the stored text rather than by FTS5's `snippet()` or PostgreSQL's `ts_headline`, which
 * cut differently, so the same data shows the same hits on both databases.
 */

/** A word as the search indexes see it: a run of letters (with their accents) and digits. */
const WORD = /[\p{L}\p{M}\p{N}]+/gu
/** Words kept before the first match in a cut, so the match reads in its context. */
const CONTEXT_BEFORE = 3

/** Lower case without accents, as both indexes fold words. */
const fold = (word: string): string =>
  word
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()

interface Word {
  start: number
  end: number
  matched: boolean
}

function* wordsOf(text: string, terms: readonly string[]): Generator<Word> {
  const prefixes = terms.map(fold)
  for (const found of text.matchAll(WORD)) {
    const folded = fold(found[0])
    yield {
      start: found.index,
      end: found.index + found[0].length,
      matched: prefixes.some((prefix) => folded.startsWith(prefix)),
    }
  }
}

/** The whole text with every word that starts with one of the terms marked. */
export function markMatches(text: string, terms: readonly string[]): HighlightedTextDto {
  const highlights: [number, number][] = []
  for (const word of wordsOf(text, terms)) if (word.matched) highlights.push([word.start, word.end])
  return { text, highlights }
}

/**
 * About `size` words around the first match in `text`, with "…" where words were left out and the matches
 * marked; null when nothing in the text matches. Reading stops at the end of the cut.
 */
export function snippetOf(text: string, terms: readonly string[], size: number): HighlightedTextDto | null {
  const before: Word[] = []
  let droppedBefore = false
  let cut: Word[] | null = null
  let more = false
  for (const word of wordsOf(text, terms)) {
    if (cut) {
      if (cut.length >= size) {
        more = true
        break
      }
      cut.push(word)
    } else if (word.matched) {
      cut = [...before, word]
    } else {
      before.push(word)
      if (before.length > CONTEXT_BEFORE) {
        before.shift()
        droppedBefore = true
      }
    }
  }
  if (!cut) return null
  const first = cut[0] as Word
  const last = cut[cut.length - 1] as Word
  const lead = droppedBefore ? '…' : ''
  const highlights = cut
    .filter((word) => word.matched)
    .map((word): [number, number] => [lead.length + word.start - first.start, lead.length + word.end - first.start])
  return { text: `${lead}${text.slice(first.start, last.end)}${more ? '…' : ''}`, highlights }
}
