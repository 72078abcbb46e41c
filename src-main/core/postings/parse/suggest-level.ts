import type { LevelRef, ParsedPosting } from '@contract/posting-parse'
import { AppError } from '../../errors'
import { parsePosting } from './parse-posting'
import { foldWords } from './text'

const romanNumerals: Readonly<Record<string, string>> = {
  i: '1',
  ii: '2',
  iii: '3',
  iv: '4',
  v: '5',
  vi: '6',
  vii: '7',
  viii: '8',
  ix: '9',
  x: '10',
}

/** Folded words with roman numerals as digits, so "Engineer II" and "engineer 2" compare equal. */
function levelWords(text: string): string[] {
  return foldWords(text).map((word) => romanNumerals[word] ?? word)
}

function containsRun(haystack: readonly string[], needle: readonly string[]): boolean {
  if (needle.length === 0 || needle.length > haystack.length) return false
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer
    return true
  }
  return false
}

/**
 * Suggests the posting's target level: the level whose title appears in the posting's title (strongest),
 * then in its first heading or summary, then anywhere in its text. Within the same place the longest title
 * wins ("Senior Backend Engineer II" over "Backend Engineer II"). Case, accents and roman numerals are ignored.
 */
export function suggestLevel(posting: ParsedPosting | string, levels: readonly LevelRef[]): LevelRef | null {
  if (levels.length === 0) return null
  let parsed: ParsedPosting
  try {
    parsed = typeof posting === 'string' ? parsePosting(posting) : posting
  } catch (error) {
    if (error instanceof AppError) return null
    throw error
  }
  const body =
    typeof posting === 'string'
      ? posting
      : parsed.sections
          .flatMap((section) => [section.heading ?? '', ...section.items.map((item) => item.text)])
          .join('\n')
  const places = [
    levelWords(parsed.title ?? ''),
    levelWords(`${parsed.sections[0]?.heading ?? ''}\n${parsed.summary}`),
    levelWords(body),
  ]
  let best: { level: LevelRef; place: number; length: number } | null = null
  for (const level of levels) {
    const words = levelWords(level.title)
    const place = places.findIndex((haystack) => containsRun(haystack, words))
    if (place < 0) continue
    if (!best || place < best.place || (place === best.place && words.length > best.length))
      best = { level, place, length: words.length }
  }
  return best ? { id: best.level.id, title: best.level.title } : null
}
