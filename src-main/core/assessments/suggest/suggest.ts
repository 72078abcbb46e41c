import type { DegreeLevel, Rating, SuggestionDto, TextRangeDto } from '@contract/assessments'
import type { RequirementSection, SkillDto } from '@contract/postings'
import { detectLanguage, findSkillMentions, type SkillMentionSpan } from '../../postings/parse'
import { degreeRank, findDegrees, requiredDegree, type DegreeMention } from './degrees'
import { findRoles, findStatedYears, yearsOf, type Role, type StatedYears } from './experience'
import { foldAligned, foldPhrase } from './fold'
import {
  englishLevel,
  findLanguageNames,
  findLevels,
  requiredLanguages,
  type LanguageMention,
  type LevelMention,
} from './languages'
import { matchNeed, needsOf, type NeedMatch, type SkillIndex } from './skills'
import { lineAt, readLines, snippetAround, type Line } from './structure'

export interface SuggestRequirement {
  id: number
  section: RequirementSection
  text: string
  minYears: number | null
  skills: readonly SkillDto[]
}

export interface SuggestDocument {
  id: number
  text: string
}

export interface SuggestOptions {
  /** What "present" means in a date range; injected so results do not drift with the clock. */
  today: Date
}

/** Everything read once from a document and shared by all requirements. */
interface DocumentAnalysis extends SkillIndex {
  id: number
  lines: Line[]
  roles: Role[]
  stated: StatedYears[]
  degrees: DegreeMention[]
  languages: LanguageMention[]
  /** Sorted by start. */
  levels: LevelMention[]
  writtenIn: string | null
  today: Date
}

/**
 * Résumés are a few pages; a longer text is read up to here (offsets stay valid: it is a prefix). Keeps
 * every scan bounded whatever a document holds.
 */
const MAX_ANALYSED_CHARS = 200_000

/** First index in a list sorted by `start` whose start is at least `offset`. */
function firstAtOrAfter(list: readonly { start: number }[], offset: number): number {
  let low = 0
  let high = list.length
  while (low < high) {
    const middle = (low + high) >> 1
    if ((list[middle]?.start ?? 0) < offset) low = middle + 1
    else high = middle
  }
  return low
}

/** Whether any of the sorted, non-overlapping spans holds the offset. */
function within(spans: readonly { start: number; end: number }[], offset: number): boolean {
  const index = firstAtOrAfter(spans, offset + 1) - 1
  const span = spans[index]
  return span !== undefined && offset <= span.end
}

function mergeSpans(spans: { start: number; end: number }[]): { start: number; end: number }[] {
  const merged: { start: number; end: number }[] = []
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    const last = merged.at(-1)
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end)
    else merged.push({ ...span })
  }
  return merged
}

type Draft = Omit<SuggestionDto, 'requirementId' | 'documentId' | 'confidence'> & { confidence: number }

const round2 = (value: number) => Math.round(Math.min(1, Math.max(0, value)) * 100) / 100

const englishFunctionWords = new Set(['the', 'and', 'with', 'of', 'to', 'in', 'for', 'on', 'a'])

/** The language a document is written in, when the text says so clearly (short texts say nothing). */
function writtenLanguage(folded: string, text: string): string | null {
  const words = folded.match(/\p{L}+/gu) ?? []
  if (words.length < 40) return null
  const language = detectLanguage(text)
  if (language !== 'en') return language
  const english = words.filter((word) => englishFunctionWords.has(word)).length
  return english >= 15 && english >= words.length * 0.05 ? 'en' : null
}

function analyse(document: SuggestDocument, today: Date): DocumentAnalysis {
  const text = document.text.length > MAX_ANALYSED_CHARS ? document.text.slice(0, MAX_ANALYSED_CHARS) : document.text
  const folded = foldAligned(text)
  const lines = readLines(text)
  const roles = findRoles(folded, lines, today)
  const allMentions = findSkillMentions(text)
  const mentions = new Map<string, SkillMentionSpan[]>()
  for (const mention of allMentions) {
    const known = mentions.get(mention.name)
    if (known) known.push(mention)
    else mentions.set(mention.name, [mention])
  }
  const roleSpans = mergeSpans(roles.map((role) => ({ start: role.blockStart, end: role.blockEnd })))
  const inExperience = (offset: number) => lineAt(lines, offset)?.section === 'experience' || within(roleSpans, offset)
  return {
    id: document.id,
    text,
    folded,
    lines,
    roles,
    mentions,
    allMentions,
    inExperience,
    stated: findStatedYears(folded),
    degrees: findDegrees(folded),
    languages: findLanguageNames(folded),
    levels: findLevels(folded),
    writtenIn: writtenLanguage(folded, text),
    today,
  }
}

/** Quoted lines around the given ranges (each line once) and the ranges that fall inside them. */
function quote(doc: DocumentAnalysis, anchors: readonly TextRangeDto[], extra: readonly TextRangeDto[] = []) {
  const snippets: { text: string; start: number }[] = []
  for (const anchor of anchors) {
    const line = lineAt(doc.lines, anchor.start)
    if (!line) continue
    const snippet = snippetAround(doc.text, line, anchor.start, anchor.end)
    if (!snippets.some((known) => known.start === snippet.start)) snippets.push(snippet)
  }
  snippets.sort((a, b) => a.start - b.start)
  const inside = (range: TextRangeDto) =>
    snippets.some((snippet) => range.start >= snippet.start && range.end <= snippet.start + snippet.text.length)
  const ranges = [...anchors, ...extra]
    .filter(inside)
    .sort((a, b) => a.start - b.start)
    .filter((range, index, all) => index === 0 || range.start >= (all[index - 1]?.end ?? 0))
  return { snippet: snippets.map((snippet) => snippet.text).join('\n'), ranges }
}

const viaWords = {
  name: '',
  synonym: 'a synonym',
  alternative: 'an alternative the item allows',
  comparable: 'comparable',
} as const

const viaConfidence = { name: 0.8, synonym: 0.75, alternative: 0.7, comparable: 0.4 } as const

function skillSuggestion(doc: DocumentAnalysis, requirement: SuggestRequirement): Draft | null {
  const needs = needsOf(requirement)
  if (needs.length === 0) return null
  const matches = needs.map((need) => matchNeed(doc, need))
  const found = matches.filter((match): match is NeedMatch & { best: NonNullable<NeedMatch['best']> } =>
    Boolean(match.best),
  )
  if (found.length === 0) return null
  const missing = matches.filter((match) => !match.best).map((match) => match.need.name)
  const complete = missing.length === 0 && found.every((match) => match.best.via !== 'comparable')
  const confidences = found.map(
    (match) =>
      viaConfidence[match.best.via] +
      (doc.inExperience(match.best.start) ? 0.1 : 0) +
      (match.occurrences.length > 1 ? 0.05 : 0),
  )
  const confidence = (confidences.reduce((sum, value) => sum + value, 0) / confidences.length) * (complete ? 1 : 0.85)
  const details = found.map((match) => ({
    skill: match.need.name,
    found: doc.text.slice(match.best.start, match.best.end),
    via: match.best.via,
  }))
  const { snippet, ranges } = quote(
    doc,
    found.map((match) => ({ start: match.best.start, end: match.best.end })),
    found.flatMap((match) => match.occurrences.map(({ start, end }) => ({ start, end }))),
  )
  const described = details.map((detail) =>
    detail.via === 'name' ? detail.skill : `${detail.skill} (as "${detail.found}", ${viaWords[detail.via]})`,
  )
  return {
    key: 'skills',
    kind: 'skill',
    rating: complete ? 'met' : 'partial',
    confidence,
    snippet,
    ranges,
    reason: `Names ${described.join('; ')}${missing.length > 0 ? `; not found: ${missing.join(', ')}` : ''}.`,
    detail: { kind: 'skill', matches: details, missing },
  }
}

function ratingForYears(years: number, required: number): Rating {
  if (years >= required) return 'met'
  return years >= required * 0.75 ? 'partial' : 'not_met'
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`

const monthLabel = (date: Date) => `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`

function yearsSuggestion(doc: DocumentAnalysis, requirement: SuggestRequirement): Draft | null {
  const required = requirement.minYears
  if (required === null || required <= 0) return null
  const needs = needsOf(requirement)
  let roles = doc.roles
  let stated = doc.stated
  let skill: string | null = null
  if (needs.length > 0) {
    // A years requirement that names skills counts only roles and statements naming them.
    const occurrences = needs
      .flatMap((need) =>
        matchNeed(doc, need).occurrences.map((occurrence) => ({ start: occurrence.start, name: need.name })),
      )
      .sort((a, b) => a.start - b.start)
    const named = (from: number, to: number) => {
      const first = occurrences[firstAtOrAfter(occurrences, from)]
      return first && first.start <= to ? first.name : undefined
    }
    roles = doc.roles.filter((role) => named(role.blockStart, role.blockEnd) !== undefined)
    stated = doc.stated.filter((entry) => named(entry.end, entry.tailEnd) !== undefined)
    const first = roles[0]
    const firstStated = stated[0]
    skill =
      (first ? named(first.blockStart, first.blockEnd) : undefined) ??
      (firstStated ? named(firstStated.end, firstStated.tailEnd) : undefined) ??
      null
  }
  const fromRoles = yearsOf(roles)
  const bestStated = stated.reduce<StatedYears | null>(
    (best, entry) => (best && best.years >= entry.years ? best : entry),
    null,
  )
  if (fromRoles <= 0 && !bestStated) return null
  const useRoles = fromRoles > 0 && fromRoles >= (bestStated?.years ?? 0)
  const skillNote = skill ? ` naming ${skill}` : ''
  if (useRoles) {
    const rating = ratingForYears(fromRoles, required)
    const { snippet, ranges } = quote(
      doc,
      roles.slice(0, 8).map((role) => ({ start: role.range.start, end: role.range.end })),
    )
    const open = roles.some((role) => role.range.open)
    return {
      key: 'years',
      kind: 'years',
      rating,
      confidence: (skill ? 0.75 : 0.8) * (rating === 'not_met' ? 0.8 : 1),
      snippet,
      ranges,
      reason: `About ${plural(fromRoles, 'year')} across ${plural(roles.length, 'dated role')}${skillNote} (overlaps counted once${open ? `, "present" = ${monthLabel(doc.today)}` : ''}); ${required} asked.`,
      detail: { kind: 'years', years: fromRoles, required, basis: 'roles', roles: roles.length, skill },
    }
  }
  if (!bestStated) return null
  const rating = ratingForYears(bestStated.years, required)
  const { snippet, ranges } = quote(doc, [{ start: bestStated.start, end: bestStated.end }])
  return {
    key: 'years',
    kind: 'years',
    rating,
    confidence: 0.65 * (rating === 'not_met' ? 0.8 : 1),
    snippet,
    ranges,
    reason: `States ${plural(bestStated.years, 'year')} of experience${skillNote}; ${required} asked.`,
    detail: { kind: 'years', years: bestStated.years, required, basis: 'stated', roles: 0, skill },
  }
}

const degreeNames: Record<DegreeLevel, string> = {
  unspecified: 'a degree',
  associate: 'an associate degree',
  bachelor: "a bachelor's degree",
  master: "a master's degree",
  doctorate: 'a doctorate',
}

function degreeSuggestion(doc: DocumentAnalysis, requirement: SuggestRequirement): Draft | null {
  const required = requiredDegree(foldPhrase(requirement.text))
  if (required === null) return null
  const candidates = doc.degrees.filter(
    (degree) => degree.level !== 'unspecified' || lineAt(doc.lines, degree.start)?.section === 'education',
  )
  const best = candidates.reduce<DegreeMention | null>(
    (top, degree) => (top && degreeRank(top.level) >= degreeRank(degree.level) ? top : degree),
    null,
  )
  if (!best) return null
  const enough = best.level !== 'unspecified' && degreeRank(best.level) >= degreeRank(required)
  const { snippet, ranges } = quote(doc, [{ start: best.start, end: best.end }])
  const found = doc.text.slice(best.start, best.end)
  return {
    key: 'degree',
    kind: 'degree',
    rating: enough ? 'met' : 'partial',
    confidence: enough ? 0.85 : best.level === 'unspecified' ? 0.4 : 0.6,
    snippet,
    ranges,
    reason: `Names ${degreeNames[best.level]} ("${found}"); ${degreeNames[required]} asked.`,
    detail: { kind: 'degree', found: best.level, required, text: found },
  }
}

/** The level written next to a language name on its line (within a few words), if any. */
function levelNear(doc: DocumentAnalysis, start: number, end: number): LevelMention | null {
  const line = lineAt(doc.lines, start)
  if (!line) return null
  const from = Math.max(line.start, start - 40)
  const near: LevelMention[] = []
  for (let i = firstAtOrAfter(doc.levels, from); i < doc.levels.length; i++) {
    const level = doc.levels[i]
    if (!level || level.start > Math.min(line.end, end + 30)) break
    if (
      level.end <= line.end &&
      ((level.start >= end && level.start - end <= 30) || (level.end <= start && start - level.end <= 20))
    )
      near.push(level)
  }
  return near.sort((a, b) => Math.abs(a.start - end) - Math.abs(b.start - end))[0] ?? null
}

function languageSuggestions(doc: DocumentAnalysis, requirement: SuggestRequirement): Draft[] {
  const drafts: Draft[] = []
  for (const wanted of requiredLanguages(foldPhrase(requirement.text))) {
    const key = `language:${wanted.code}`
    const asked = englishLevel(wanted.level)
    const mentions = doc.languages
      .filter((mention) => mention.code === wanted.code)
      .map((mention) => ({ mention, level: levelNear(doc, mention.start, mention.end) }))
      .filter(({ mention, level }) => level !== null || lineAt(doc.lines, mention.start)?.section === 'languages')
    const best = mentions.sort((a, b) => (b.level?.value ?? 0) - (a.level?.value ?? 0))[0]
    if (best) {
      const { mention, level } = best
      const rating: Rating =
        level === null || level.value >= wanted.level ? 'met' : level.value >= wanted.level - 1 ? 'partial' : 'not_met'
      const written = level ? doc.text.slice(level.start, level.end) : null
      const { snippet, ranges } = quote(
        doc,
        [{ start: mention.start, end: mention.end }],
        level ? [{ start: level.start, end: level.end }] : [],
      )
      const language = doc.text.slice(mention.start, mention.end)
      drafts.push({
        key,
        kind: 'language',
        rating,
        confidence: level ? 0.85 : 0.5,
        snippet,
        ranges,
        reason: level
          ? `${language}: "${written}" (${englishLevel(level.value)}); ${asked} asked.`
          : `${language} is listed among the languages, without a level; ${asked} asked.`,
        detail: { kind: 'language', language: wanted.code, level: written, basis: level ? 'level' : 'listed' },
      })
    } else if (doc.writtenIn === wanted.code) {
      const first = doc.lines.find((line) => line.end - line.start > 20 && !line.heading)
      const anchor = first ? [{ start: first.start, end: first.start }] : []
      const { snippet } = quote(doc, anchor)
      drafts.push({
        key,
        kind: 'language',
        rating: 'met',
        confidence: 0.5,
        snippet,
        ranges: [],
        reason: `The résumé is written in this language (${wanted.code}); ${asked} asked.`,
        detail: { kind: 'language', language: wanted.code, level: null, basis: 'resume_language' },
      })
    }
  }
  return drafts
}

const assessed = new Set<RequirementSection>(['responsibility', 'requirement', 'nice_to_have'])

/** Suggestions from one document for each requirement of an assessed section. */
function suggestFromDocument(doc: DocumentAnalysis, requirements: readonly SuggestRequirement[]): SuggestionDto[] {
  const suggestions: SuggestionDto[] = []
  for (const requirement of requirements) {
    if (!assessed.has(requirement.section)) continue
    const drafts = [
      skillSuggestion(doc, requirement),
      yearsSuggestion(doc, requirement),
      degreeSuggestion(doc, requirement),
      ...languageSuggestions(doc, requirement),
    ]
    for (const draft of drafts) {
      if (draft) {
        suggestions.push({
          ...draft,
          requirementId: requirement.id,
          documentId: doc.id,
          confidence: round2(draft.confidence),
        })
      }
    }
  }
  return suggestions
}

/**
 * Candidate evidence for each requirement, found in the documents' text: skills (with synonyms and the
 * alternatives the item allows), years of experience (dated roles, overlaps once; or as stated), degrees and
 * spoken languages. Where several documents suggest the same thing, the most confident one is kept.
 * Pure: the same texts, requirements and day give the same suggestions.
 */
export function suggestEvidence(
  documents: readonly SuggestDocument[],
  requirements: readonly SuggestRequirement[],
  options: SuggestOptions,
): SuggestionDto[] {
  const best = new Map<string, SuggestionDto>()
  for (const document of documents) {
    if (document.text.trim().length === 0) continue
    for (const suggestion of suggestFromDocument(analyse(document, options.today), requirements)) {
      const id = `${suggestion.requirementId}:${suggestion.key}`
      const known = best.get(id)
      if (!known || suggestion.confidence > known.confidence) best.set(id, suggestion)
    }
  }
  const order = new Map(requirements.map((requirement, index) => [requirement.id, index]))
  return [...best.values()].sort(
    (a, b) => (order.get(a.requirementId) ?? 0) - (order.get(b.requirementId) ?? 0) || a.key.localeCompare(b.key),
  )
}
