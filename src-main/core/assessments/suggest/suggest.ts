import type { DegreeLevel, Rating, SuggestionDto, TextRangeDto } from '@contract/assessments'
import type { RequirementSection, SkillDto } from '@contract/postings'
import { detectLanguage, findSkillMentions, type SkillMentionSpan } from '../../postings/parse'
import { blankSpans, instructionSpans } from './context'
import {
  acceptsEquivalentExperience,
  degreeField,
  degreeRank,
  findDegrees,
  requiredDegree,
  requiredFields,
  type DegreeMention,
} from './degrees'
import {
  findRoles,
  findStatedYears,
  relevance,
  yearsDomain,
  yearsOf,
  type Role,
  type RoleKind,
  type StatedYears,
} from './experience'
import { foldAligned, foldPhrase } from './fold'
import {
  englishLevel,
  findLanguageNames,
  findLevels,
  requiredLanguages,
  type LanguageMention,
  type LevelMention,
} from './languages'
import { matchNeed, needsOf, type Occurrence, type SkillIndex } from './skills'
import { lineAt, readLines, snippetAround, type Line } from './structure'
import { categoriesAsked, categoryOfTerms, findMembers, type Category } from './taxonomy'

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
  /** True where an offset lies in a skills list rather than in a description of work. */
  inList(offset: number): boolean
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
  // A template's instructions are blanked (offsets kept): what they name is no evidence. Quotes come from the text.
  const visible = blankSpans(text, instructionSpans(text))
  const folded = foldAligned(visible)
  const lines = readLines(visible)
  const roles = findRoles(folded, lines, today)
  const allMentions = findSkillMentions(visible)
  const mentions = new Map<string, SkillMentionSpan[]>()
  for (const mention of allMentions) {
    const known = mentions.get(mention.name)
    if (known) known.push(mention)
    else mentions.set(mention.name, [mention])
  }
  const roleSpans = mergeSpans(roles.map((role) => ({ start: role.blockStart, end: role.blockEnd })))
  const inExperience = (offset: number) => lineAt(lines, offset)?.section === 'experience' || within(roleSpans, offset)
  const inList = (offset: number) => {
    const line = lineAt(lines, offset)
    if (!line) return false
    if (line.section === 'skills') return true
    // An unheaded line of short comma-separated names ("Python, PyTorch, Docker, Redis") is a list too.
    const content = folded.slice(line.start, line.end).trim()
    const parts = content.split(/[,;|·]/)
    return !/^[-•*–]/.test(content) && parts.length >= 4 && parts.every((part) => part.trim().split(/\s+/).length <= 3)
  }
  return {
    inList,
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
    // The language of the whole document, a template's words included: they are written in it too.
    writtenIn: writtenLanguage(visible === text ? folded : foldAligned(text), text),
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
  category: 'a member of the kind',
} as const

const viaConfidence = { name: 0.8, synonym: 0.75, alternative: 0.7, comparable: 0.4, category: 0.65 } as const

/** One thing an item asks for: a skill it names (with its alternatives) or a kind of practice its wording asks. */
interface Part {
  name: string
  category: Category | undefined
  occurrences: Occurrence[]
  best: Occurrence | null
  /** The best evidence describes work (not a list) and has what the part asks of it. */
  deep: boolean
}

/** Wording that asks only for acquaintance: a skills list is enough evidence. */
const acquaintance =
  /(?<![\p{L}])(?:familiar\p{L}*|knowledge of|exposure|awareness|notions?|connaissances?|kenntnisse|conocimientos?)(?![\p{L}])/u

/** The sentence around an offset: from the previous full stop, semicolon or line start to the next one. */
function sentenceAround(doc: DocumentAnalysis, start: number, end: number): string {
  const line = lineAt(doc.lines, start)
  const from = Math.max(line?.start ?? 0, start - 160)
  const to = Math.min(line?.end ?? doc.folded.length, end + 160)
  const before = doc.folded.slice(from, start)
  const cut = Math.max(before.lastIndexOf('. '), before.lastIndexOf('; '))
  const after = doc.folded.slice(end, to)
  const stop = after.search(/[.;](?:\s|$)/)
  return doc.folded.slice(cut >= 0 ? from + cut + 2 : from, stop >= 0 ? end + stop : to)
}

function partsOf(doc: DocumentAnalysis, requirement: SuggestRequirement): Part[] {
  const folded = foldPhrase(requirement.text)
  const skillsOnly = acquaintance.test(folded)
  // Skills that stand for the same category ("NoSQL or vector databases", "Qdrant, Pinecone") are one part.
  const groups: { need: SkillDto; category: Category | undefined }[] = []
  for (const need of needsOf(requirement)) {
    const category = categoryOfTerms([need.name, ...need.alternatives].map(foldPhrase))
    const same = category ? groups.find((group) => group.category?.id === category.id) : undefined
    if (same) same.need = { ...same.need, alternatives: [...same.need.alternatives, need.name, ...need.alternatives] }
    else groups.push({ need, category })
  }
  const covered = new Set(groups.flatMap((group) => (group.category ? [group.category.id] : [])))
  // A category the item names through one of its skills ("a public cloud (AWS or GCP)") is that skill's part.
  const namesMember = (category: Category) =>
    groups.some(({ need }) =>
      [need.name, ...need.alternatives].some((term) => {
        const phrase = foldPhrase(term)
        return findMembers(phrase, category).some((range) => range.start === 0 && range.end === phrase.length)
      }),
    )
  const asked = categoriesAsked(folded).filter((category) => !covered.has(category.id) && !namesMember(category))
  const deepEnough = (occurrence: Occurrence, category: Category | undefined) => {
    if (!skillsOnly && doc.inList(occurrence.start)) return false
    if (category?.deepWith && !category.deepWith.test(sentenceAround(doc, occurrence.start, occurrence.end)))
      return false
    return true
  }
  const part = (name: string, category: Category | undefined, occurrences: Occurrence[]): Part => {
    const rank = (occurrence: Occurrence) =>
      (deepEnough(occurrence, category) ? 0 : 2) + (doc.inExperience(occurrence.start) ? 0 : 1)
    const viaOrder = { name: 0, synonym: 0, alternative: 1, category: 1, comparable: 2 }
    const best =
      [...occurrences].sort((a, b) => viaOrder[a.via] - viaOrder[b.via] || rank(a) - rank(b) || a.start - b.start)[0] ??
      null
    let deep = best !== null && deepEnough(best, category)
    if (best?.via === 'comparable') {
      // A comparable framework counts in full only where the résumé describes work with it more than once.
      const described = occurrences.filter(
        (occurrence) => doc.inExperience(occurrence.start) && !doc.inList(occurrence.start),
      )
      deep = described.length >= 2
    }
    return { name, category, occurrences, best, deep }
  }
  const members = (category: Category): Occurrence[] =>
    findMembers(doc.folded, category).map((range) => ({
      ...range,
      via: 'category' as const,
      term: doc.text.slice(range.start, range.end),
    }))
  return [
    ...groups.map(({ need, category }) => {
      const match = matchNeed(doc, need)
      const occurrences = match.occurrences.length > 0 || !category ? match.occurrences : members(category)
      return part(need.name, category, occurrences)
    }),
    ...asked.map((category) => part(category.label, category, members(category))),
  ]
}

function skillSuggestion(doc: DocumentAnalysis, requirement: SuggestRequirement): Draft | null {
  const parts = partsOf(doc, requirement)
  if (parts.length === 0) return null
  const found = parts.filter((part): part is Part & { best: Occurrence } => part.best !== null)
  if (found.length === 0) return null
  const missing = parts.filter((part) => !part.best).map((part) => part.name)
  const shallow = found.filter((part) => !part.deep).map((part) => part.name)
  // An item that lists four or more things is met by a résumé that shows all but one of them in its work.
  const allowed = parts.length >= 4 ? 1 : 0
  const capped = parts.some((part) => part.category?.cap === 'partial')
  const complete = !capped && missing.length + shallow.length <= allowed
  const confidences = found.map(
    (part) =>
      (viaConfidence[part.best.via] +
        (doc.inExperience(part.best.start) ? 0.1 : 0) +
        (part.occurrences.length > 1 ? 0.05 : 0)) *
      (part.deep ? 1 : 0.75),
  )
  const mean = confidences.reduce((sum, value) => sum + value, 0) / confidences.length
  const confidence = capped
    ? Math.min(0.35, mean)
    : mean * (complete ? 1 : 0.85) * (found.length / parts.length) ** 0.25
  const details = found.map((part) => ({
    skill: part.name,
    found: doc.text.slice(part.best.start, part.best.end),
    via: part.best.via,
  }))
  const { snippet, ranges } = quote(
    doc,
    found.map((part) => ({ start: part.best.start, end: part.best.end })),
    found.flatMap((part) =>
      part.best.via === 'category' ? [] : part.occurrences.map(({ start, end }) => ({ start, end })),
    ),
  )
  const described = details.map((detail) =>
    detail.via === 'name'
      ? detail.skill
      : detail.via === 'category'
        ? `${detail.skill} ("${detail.found}")`
        : `${detail.skill} (as "${detail.found}", ${viaWords[detail.via]})`,
  )
  const notes = [
    missing.length > 0 ? `not found: ${missing.join(', ')}` : '',
    shallow.length > 0 ? `only in a list or in passing: ${shallow.join(', ')}` : '',
    capped ? 'a résumé can only hint at this' : '',
  ].filter((note) => note !== '')
  return {
    key: 'skills',
    kind: 'skill',
    rating: complete ? 'met' : 'partial',
    confidence,
    snippet,
    ranges,
    reason: `Names ${described.join('; ')}${notes.length > 0 ? `; ${notes.join('; ')}` : ''}.`,
    detail: { kind: 'skill', matches: details, missing, ...(shallow.length > 0 ? { shallow } : {}) },
  }
}

function ratingForYears(years: number, required: number): Rating {
  if (years >= required) return 'met'
  return years >= required * 0.75 ? 'partial' : 'not_met'
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`

const monthLabel = (date: Date) => `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`

/** Whether a statement of years and the dated roles tell different stories (14 claimed, 3 dated). */
const disagree = (claimed: number, dated: number) => Math.abs(claimed - dated) > Math.max(1.5, claimed * 0.25)

function yearsSuggestion(doc: DocumentAnalysis, requirement: SuggestRequirement): Draft | null {
  const required = requirement.minYears
  if (required === null || required <= 0) return null
  const needs = needsOf(requirement)
  // Roles count by what they are: a frontend career is no evidence for years "as a Backend Engineer".
  const domain = yearsDomain(foldPhrase(requirement.text))
  let roles = doc.roles.filter((role) => relevance(role, domain) !== 'none')
  let stated = doc.stated.filter((entry) => relevance({ kind: entry.kind, lead: true }, domain) !== 'none')
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
    roles = roles.filter((role) => named(role.blockStart, role.blockEnd) !== undefined)
    stated = stated.filter((entry) => named(entry.end, entry.tailEnd) !== undefined)
    const first = roles[0]
    const firstStated = stated[0]
    skill =
      (first ? named(first.blockStart, first.blockEnd) : undefined) ??
      (firstStated ? named(firstStated.end, firstStated.tailEnd) : undefined) ??
      null
  }
  const direct = roles.filter((role) => relevance(role, domain) === 'direct')
  const related = roles.filter((role) => relevance(role, domain) === 'related')
  const fromRoles = yearsOf(direct)
  const withRelated = yearsOf(roles)
  const relatedYears = Math.round((withRelated - fromRoles) * 10) / 10
  const bestStated = stated.reduce<StatedYears | null>(
    (best, entry) => (best && best.years >= entry.years ? best : entry),
    null,
  )
  if (withRelated <= 0 && !bestStated) return null
  const skillNote = skill ? ` naming ${skill}` : ''
  if (withRelated > 0) {
    // Dated roles are what a reader checks; a sentence in the summary is a claim beside them.
    let rating = ratingForYears(fromRoles, required)
    if (rating !== 'met' && relatedYears > 0 && withRelated >= required * 0.75) rating = 'partial'
    const claimed = bestStated && disagree(bestStated.years, withRelated) ? bestStated.years : null
    const quoted = [...direct, ...related].sort((a, b) => a.range.start - b.range.start).slice(0, 8)
    const { snippet, ranges } = quote(doc, [
      ...quoted.map((role) => ({ start: role.range.start, end: role.range.end })),
      ...(bestStated && claimed !== null ? [{ start: bestStated.start, end: bestStated.end }] : []),
    ])
    const open = roles.some((role) => role.range.open)
    const parts = [
      `About ${plural(fromRoles, 'year')} across ${plural(direct.length, 'dated role')}${skillNote}`,
      relatedYears > 0 ? `, ${plural(relatedYears, 'more year')} in ${plural(related.length, 'related role')}` : '',
      ` (overlaps counted once${open ? `, "present" = ${monthLabel(doc.today)}` : ''}); ${required} asked`,
      claimed !== null ? `; the résumé states ${plural(claimed, 'year')}, which its dated roles do not show` : '',
    ]
    return {
      key: 'years',
      kind: 'years',
      rating,
      confidence:
        (skill ? 0.75 : 0.8) *
        (rating === 'not_met' ? 0.8 : 1) *
        (relatedYears > 0 && rating !== 'met' ? 0.8 : 1) *
        (claimed !== null ? 0.8 : 1),
      snippet,
      ranges,
      reason: `${parts.join('')}.`,
      detail: {
        kind: 'years',
        years: fromRoles,
        required,
        basis: 'roles',
        roles: direct.length,
        skill,
        ...(claimed !== null ? { claimed } : {}),
        ...(relatedYears > 0 ? { related: relatedYears } : {}),
      },
    }
  }
  if (!bestStated) return null
  const rating = ratingForYears(bestStated.years, required)
  const { snippet, ranges } = quote(doc, [{ start: bestStated.start, end: bestStated.end }])
  return {
    key: 'years',
    kind: 'years',
    rating,
    confidence: 0.6 * (rating === 'not_met' ? 0.8 : 1),
    snippet,
    ranges,
    reason: `States ${plural(bestStated.years, 'year')} of experience${skillNote}, with no dated role to show them; ${required} asked.`,
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

/** Kinds of role whose years count as practice in a field, where an item accepts equivalent experience. */
const practiceIn: Readonly<Record<string, readonly RoleKind[]>> = {
  'computer science': ['backend', 'frontend', 'adjacent', 'unknown'],
  engineering: ['backend', 'frontend', 'adjacent', 'unknown'],
  business: ['support', 'unknown'],
}
/** Years in the field that stand in for a degree: a bachelor's is about four years of study. */
const EQUIVALENT_YEARS = 6

function degreeSuggestion(doc: DocumentAnalysis, requirement: SuggestRequirement): Draft | null {
  const foldedRequirement = foldPhrase(requirement.text)
  const required = requiredDegree(foldedRequirement)
  if (required === null) return null
  const fields = requiredFields(foldedRequirement)
  const candidates = doc.degrees.filter(
    (degree) => degree.level !== 'unspecified' || lineAt(doc.lines, degree.start)?.section === 'education',
  )
  const fieldOf = (degree: DegreeMention) => {
    const line = lineAt(doc.lines, degree.start)
    const found = degreeField(doc.folded.slice(degree.start, line?.end ?? degree.end + 100))
    return found ? { ...found, start: found.start + degree.start, end: found.end + degree.start } : null
  }
  const judged = candidates.map((degree) => {
    const field = fieldOf(degree)
    const levelOk = degree.level !== 'unspecified' && degreeRank(degree.level) >= degreeRank(required)
    const fieldOk = fields.length === 0 ? null : field !== null && fields.includes(field.field)
    return {
      degree,
      field,
      levelOk,
      fieldOk,
      score: degreeRank(degree.level) + (levelOk && fieldOk !== false ? 10 : 0),
    }
  })
  const best = judged.sort((a, b) => b.score - a.score || a.degree.start - b.degree.start)[0] ?? null
  const enough = best !== null && best.levelOk && best.fieldOk !== false
  // "or equivalent practical experience": years of dated roles in the field stand in for the degree.
  let equivalentYears: number | null = null
  if (!enough && acceptsEquivalentExperience(foldedRequirement)) {
    const kinds = practiceIn[fields[0] ?? 'computer science'] ?? []
    const years = yearsOf(doc.roles.filter((role) => kinds.includes(role.kind)))
    if (years >= EQUIVALENT_YEARS) equivalentYears = years
  }
  if (!best && equivalentYears === null) return null
  const fieldWords = fields.length > 0 ? ` in ${fields.join(' or ')}` : ''
  const asked = `${degreeNames[required]}${fieldWords}${acceptsEquivalentExperience(foldedRequirement) ? ' or equivalent experience' : ''} asked`
  if (!best) {
    const years = equivalentYears ?? 0
    const practice = doc.roles.filter((role) => (practiceIn[fields[0] ?? 'computer science'] ?? []).includes(role.kind))
    const { snippet, ranges } = quote(
      doc,
      practice.slice(0, 6).map((role) => ({ start: role.range.start, end: role.range.end })),
    )
    return {
      key: 'degree',
      kind: 'degree',
      rating: 'met',
      confidence: 0.55,
      snippet,
      ranges,
      reason: `No degree named, but about ${plural(years, 'year')} of dated roles in the field; ${asked}.`,
      detail: {
        kind: 'degree',
        found: 'unspecified',
        required,
        text: '',
        field: null,
        fieldMatches: null,
        equivalentYears,
      },
    }
  }
  const { degree, field } = best
  const { snippet, ranges } = quote(
    doc,
    [{ start: degree.start, end: degree.end }],
    field ? [{ start: field.start, end: field.end }] : [],
  )
  const found = doc.text.slice(degree.start, degree.end)
  const fieldText = field ? doc.text.slice(field.start, field.end) : null
  const met = enough || equivalentYears !== null
  const fieldNote =
    best.fieldOk === false
      ? fieldText
        ? ` in ${fieldText}, not a field the item names`
        : ', in a field the résumé does not name'
      : ''
  return {
    key: 'degree',
    kind: 'degree',
    rating: met ? 'met' : 'partial',
    confidence: enough
      ? fields.length > 0
        ? 0.85
        : 0.8
      : equivalentYears !== null
        ? 0.6
        : degree.level === 'unspecified'
          ? 0.4
          : 0.55,
    snippet,
    ranges,
    reason: `Names ${degreeNames[degree.level]} ("${found}")${fieldNote}${
      equivalentYears !== null ? `, and about ${plural(equivalentYears, 'year')} of dated roles in the field` : ''
    }; ${asked}.`,
    detail: {
      kind: 'degree',
      found: degree.level,
      required,
      text: found,
      field: fieldText,
      fieldMatches: best.fieldOk,
      equivalentYears,
    },
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
      // A language listed without a level meets an ordinary requirement (B2) but only hints at a higher one.
      const rating: Rating =
        level === null
          ? wanted.level <= 4
            ? 'met'
            : 'partial'
          : level.value >= wanted.level
            ? 'met'
            : level.value >= wanted.level - 1 || (level.value >= 3 && level.value >= wanted.level - 2)
              ? 'partial'
              : 'not_met'
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
        confidence: level ? 0.85 : wanted.level <= 4 ? 0.5 : 0.4,
        snippet,
        ranges,
        reason: level
          ? `${language}: "${written}" (${englishLevel(level.value)}); ${asked} asked.`
          : `${language} is listed among the languages, without a level; ${asked} asked${wanted.level > 4 ? ', which a listing alone does not show' : ''}.`,
        detail: { kind: 'language', language: wanted.code, level: written, basis: level ? 'level' : 'listed' },
      })
    } else if (doc.writtenIn === wanted.code) {
      const first = doc.lines.find((line) => line.end - line.start > 20 && !line.heading)
      const anchor = first ? [{ start: first.start, end: first.start }] : []
      const { snippet } = quote(doc, anchor)
      drafts.push({
        key,
        kind: 'language',
        // Writing a résumé in a language says nothing of the level: a reader asks, so it is never "met".
        rating: 'partial',
        confidence: 0.35,
        snippet,
        ranges: [],
        reason: `The résumé is written in this language (${wanted.code}) but states no level; ${asked} asked.`,
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
