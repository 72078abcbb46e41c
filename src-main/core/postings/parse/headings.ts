import { headingRuleGroups, mustHeadingPhrases, weakNicePhrases, type HeadingKind } from './heading-rules'
import { compilePhrase, foldWords, hasAnyPhrase, type Phrase } from './text'

interface CompiledPhrase {
  kind: HeadingKind
  priority: number
  phrase: Phrase
}

/** Phrases indexed by their first word; phrases starting with a stem ("responsib*") are checked against every word. */
const byFirstWord = new Map<string, CompiledPhrase[]>()
const stemFirst: CompiledPhrase[] = []
headingRuleGroups.forEach((group, priority) => {
  for (const text of group.phrases) {
    const phrase = compilePhrase(text)
    const first = phrase[0]
    if (first === undefined) continue
    const compiled = { kind: group.kind, priority, phrase }
    if (first.endsWith('*')) stemFirst.push(compiled)
    else byFirstWord.set(first, [...(byFirstWord.get(first) ?? []), compiled])
  }
})
const mustPhrases = mustHeadingPhrases.map(compilePhrase)
const weakNice = weakNicePhrases.map(compilePhrase)

function matchesAt(words: readonly string[], at: number, phrase: Phrase): boolean {
  if (at + phrase.length > words.length) return false
  return phrase.every((pattern, j) => {
    const word = words[at + j] ?? ''
    return pattern.endsWith('*') ? word.startsWith(pattern.slice(0, -1)) : word === pattern
  })
}

export interface HeadingClass {
  /** null when no rule matches: the caller decides from the content or the surrounding sections. */
  kind: HeadingKind | null
  /** The heading itself says its items are required. */
  must: boolean
  /** A "desired …" heading: nice to have, unless the posting has no other requirements. */
  weakNice: boolean
  /** Words covered by the winning phrase, and words in the heading: "Flexible hours" covers 1 of 2. */
  matched: number
  words: number
}

function classifyWords(words: readonly string[]): HeadingClass {
  let best: { kind: HeadingKind; length: number; priority: number } | null = null
  for (const [at, word] of words.entries()) {
    for (const candidate of [...(byFirstWord.get(word) ?? []), ...stemFirst]) {
      const { phrase, priority } = candidate
      if (best && (phrase.length < best.length || (phrase.length === best.length && priority >= best.priority)))
        continue
      if (matchesAt(words, at, phrase)) best = { kind: candidate.kind, length: phrase.length, priority }
    }
  }
  const kind = best?.kind ?? null
  return {
    kind,
    must: kind === 'requirement' && hasAnyPhrase(words, mustPhrases),
    weakNice: kind === 'nice_to_have' && hasAnyPhrase(words, weakNice),
    matched: best?.length ?? 0,
    words: words.length,
  }
}

const cache = new Map<string, HeadingClass>()
const maxCached = 10_000

/** Classifies a heading (or a lead-in line) by keyword rules; see `heading-rules.ts`. */
export function classifyHeading(text: string): HeadingClass {
  const cached = cache.get(text)
  if (cached) return cached
  const result = classifyWords(foldWords(text))
  // Repeated lines are cheap to classify again; the bound keeps memory flat on huge inputs.
  if (cache.size >= maxCached) cache.clear()
  cache.set(text, result)
  return result
}
