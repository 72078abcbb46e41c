import type { SkillMatchDto } from '@contract/assessments'
import type { SkillDto } from '@contract/postings'
import {
  canonicalSkillName,
  findSkills,
  skillVocabulary,
  type SkillCategory,
  type SkillMentionSpan,
} from '../../postings/parse'
import { findPhraseOffsets, foldPhrase } from './fold'

export interface Occurrence {
  start: number
  end: number
  via: SkillMatchDto['via']
  /** The name or alternative of the requirement that this occurrence satisfies. */
  term: string
}

export interface NeedMatch {
  need: SkillDto
  best: Occurrence | null
  occurrences: Occurrence[]
}

const categoryOf = new Map<string, SkillCategory>(skillVocabulary.map((skill) => [skill.name, skill.category]))
/** Entries of a category that do not stand in for its other members (a protocol is not a framework). */
// A runtime is no framework: Node.js does not stand in for Rails.
const notInterchangeable = new Set([
  'Node.js',
  'REST',
  'OAuth',
  'gRPC',
  'GraphQL',
  'WebSockets',
  'JSON',
  'XML',
  'HTML',
  'CSS',
])
const comparableCategories = new Set<SkillCategory>([
  'language',
  'frontend',
  'backend',
  'mobile',
  'database',
  'messaging',
  'cloud',
])
/** An alternative worded like "comparable backend frameworks" accepts any skill of the same kind. */
const comparableWording =
  /\b(?:comparable|similar|equivalent|other|related|alike|similaire|similaires|equivalente?s?|autres?|vergleichbare?n?|ahnliche?n?|andere?n?|similares?|equivalentes?|otros?|otras?|semelhantes?|outros?|outras?|vergelijkbare?|soortgelijke?|andere)\b/

const viaRank: Record<SkillMatchDto['via'], number> = {
  name: 0,
  synonym: 0,
  alternative: 1,
  category: 1,
  comparable: 2,
}

const termKey = (term: string) => canonicalSkillName(term) ?? foldPhrase(term)

/**
 * What a requirement asks for: its structured skills, plus skills its text names that the list lacks. Skills
 * that stand in for each other ("Kafka or RabbitMQ", "background jobs (e.g., Sidekiq, Resque)") are one need.
 */
export function needsOf(requirement: { text: string; skills: readonly SkillDto[] }): SkillDto[] {
  const needs: { name: string; alternatives: string[]; keys: Set<string> }[] = []
  for (const skill of [...requirement.skills, ...findSkills(requirement.text)]) {
    const name = termKey(skill.name)
    const alternatives = new Set(skill.alternatives.map(termKey))
    const same = needs.find(
      (need) =>
        need.keys.has(name) ||
        alternatives.has(termKey(need.name)) ||
        need.alternatives.some((alternative) => alternatives.has(termKey(alternative))),
    )
    if (!same) {
      needs.push({ name: skill.name, alternatives: [...skill.alternatives], keys: new Set([name, ...alternatives]) })
      continue
    }
    for (const term of [skill.name, ...skill.alternatives]) {
      const key = termKey(term)
      if (!same.keys.has(key)) {
        same.alternatives.push(term)
        same.keys.add(key)
      }
    }
  }
  return needs.map(({ name, alternatives }) => ({ name, alternatives }))
}

export interface SkillIndex {
  text: string
  folded: string
  mentions: ReadonlyMap<string, readonly SkillMentionSpan[]>
  allMentions: readonly SkillMentionSpan[]
  /** True where an offset lies in professional experience (a dated role or an experience section). */
  inExperience(offset: number): boolean
}

function occurrencesOf(index: SkillIndex, term: string, via: 'name' | 'alternative'): Occurrence[] {
  const canonical = canonicalSkillName(term)
  if (canonical) {
    const canonicalFolded = foldPhrase(canonical)
    return (index.mentions.get(canonical) ?? []).map((mention) => ({
      start: mention.start,
      end: mention.end,
      term,
      via:
        via === 'name' && foldPhrase(index.text.slice(mention.start, mention.end)) !== canonicalFolded
          ? 'synonym'
          : via,
    }))
  }
  const phrase = foldPhrase(term)
  if (phrase.length < 2 || phrase.split(' ').length > 4) return []
  return findPhraseOffsets(index.folded, phrase).map((range) => ({ ...range, term, via }))
}

function comparableOccurrences(index: SkillIndex, need: SkillDto): Occurrence[] {
  if (!need.alternatives.some((alternative) => comparableWording.test(foldPhrase(alternative)))) return []
  const canonical = canonicalSkillName(need.name)
  const category = canonical ? categoryOf.get(canonical) : undefined
  if (!canonical || !category || !comparableCategories.has(category)) return []
  return index.allMentions
    .filter(
      (mention) =>
        mention.name !== canonical &&
        categoryOf.get(mention.name) === category &&
        !notInterchangeable.has(mention.name),
    )
    .map((mention) => ({ start: mention.start, end: mention.end, term: mention.name, via: 'comparable' as const }))
}

/** Where the résumé satisfies one need: its name or a synonym, else an alternative, else a comparable skill. */
export function matchNeed(index: SkillIndex, need: SkillDto): NeedMatch {
  const byStart = new Map<number, Occurrence>()
  for (const occurrence of [
    ...occurrencesOf(index, need.name, 'name'),
    ...need.alternatives.flatMap((alternative) => occurrencesOf(index, alternative, 'alternative')),
  ]) {
    if (!byStart.has(occurrence.start)) byStart.set(occurrence.start, occurrence)
  }
  const occurrences = byStart.size > 0 ? [...byStart.values()] : comparableOccurrences(index, need)
  const best =
    [...occurrences].sort(
      (a, b) =>
        viaRank[a.via] - viaRank[b.via] ||
        Number(index.inExperience(b.start)) - Number(index.inExperience(a.start)) ||
        a.start - b.start,
    )[0] ?? null
  return { need, best, occurrences }
}
