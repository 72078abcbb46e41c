import type { SkillMention } from '@contract/posting-parse'
import { skillVocabulary } from './skill-vocabulary'
import { foldText } from './text'

interface AliasForm {
  form: string
  lower: string
  name: string
  exact: boolean
}

function isAlnum(char: string | undefined): boolean {
  if (char === undefined) return false
  const code = char.charCodeAt(0)
  if ((code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122)) return true
  return code > 127 && /[\p{L}\p{N}]/u.test(char)
}

function leadingRun(text: string, from: number): string {
  let end = from
  while (end < text.length && isAlnum(text[end])) end++
  return text.slice(from, end).toLowerCase()
}

/** Index key of a form: its first letter-or-digit run, prefixed with "." for ".NET"-style names. */
function keyOf(lower: string): string {
  const dot = lower.startsWith('.')
  return (dot ? '.' : '') + leadingRun(lower, dot ? 1 : 0)
}

function buildIndex(): { index: ReadonlyMap<string, readonly AliasForm[]>; table: ReadonlyMap<string, string> } {
  const index = new Map<string, AliasForm[]>()
  const table = new Map<string, string>()
  const add = (form: string, name: string, exact: boolean): void => {
    const lower = form.toLowerCase()
    table.set(lower, name)
    const key = keyOf(lower)
    const forms = index.get(key) ?? []
    if (!forms.some((existing) => existing.form === form && existing.exact === exact))
      forms.push({ form, lower, name, exact })
    index.set(key, forms)
  }
  for (const skill of skillVocabulary) {
    const exact = skill.exact ?? []
    if (!exact.includes(skill.name)) add(skill.name, skill.name, false)
    for (const alias of skill.aliases ?? []) {
      add(alias, skill.name, false)
      if (alias.includes(' ')) add(alias.replace(/ /g, '-'), skill.name, false)
    }
    for (const form of exact) add(form, skill.name, true)
  }
  for (const forms of index.values()) forms.sort((a, b) => b.form.length - a.form.length)
  return { index, table }
}

const { index: aliasIndex, table } = buildIndex()

/** Every known spelling (lower case) → canonical skill name: "postgres" → "PostgreSQL", "k8s" → "Kubernetes". */
export const skillAliasTable: ReadonlyMap<string, string> = table

/** Canonical name for a spelling, or null when the vocabulary does not know it. */
export function canonicalSkillName(spelling: string): string | null {
  return table.get(spelling.trim().toLowerCase()) ?? null
}

export interface SkillMentionSpan {
  /** Canonical name. */
  name: string
  start: number
  end: number
}

type Mention = SkillMentionSpan

const singleCharBefore = new Set([' ', '(', ',', '/', '\n'])
const singleCharAfter = new Set([' ', ',', ';', ')', '/', '\n'])

function boundaryAfterOk(text: string, form: string, start: number): boolean {
  const end = start + form.length
  const next = text[end]
  if (next === undefined) return true
  if (isAlnum(next)) return false
  if (isAlnum(form.at(-1))) {
    if (next === '+' || next === '#') return false
    if (next === '.' && isAlnum(text[end + 1])) return false
    if (next === '-' && form.length <= 2) return false
  }
  if (form.length === 1) {
    const previous = text[start - 1]
    const afterDot = next === '.' && (text[end + 1] === undefined || text[end + 1] === ' ')
    const ampersand = text
      .slice(end, end + 3)
      .trimStart()
      .startsWith('&')
    return (
      (previous === undefined || singleCharBefore.has(previous)) &&
      (singleCharAfter.has(next) || afterDot) &&
      !ampersand
    )
  }
  return true
}

function matchAt(text: string, lower: string, at: number, key: string): AliasForm | null {
  for (const candidate of aliasIndex.get(key) ?? []) {
    const source = candidate.exact ? text : lower
    const form = candidate.exact ? candidate.form : candidate.lower
    if (source.startsWith(form, at) && boundaryAfterOk(text, form, at)) return candidate
  }
  return null
}

/** Per-character lower case, so offsets stay aligned with the original text. */
function lowerAligned(text: string): string {
  const lower = text.toLowerCase()
  if (lower.length === text.length) return lower
  return Array.from(text, (char) => {
    const lowered = char.toLowerCase()
    return lowered.length === char.length ? lowered : char
  }).join('')
}

function findMentions(text: string): Mention[] {
  const lower = lowerAligned(text)
  const mentions: Mention[] = []
  let i = 0
  while (i < text.length) {
    if (!isAlnum(text[i]) || isAlnum(text[i - 1])) {
      i++
      continue
    }
    const run = leadingRun(lower, i)
    let found: AliasForm | null = null
    let start = i
    if (text[i - 1] === '.' && !isAlnum(text[i - 2])) {
      found = matchAt(text, lower, i - 1, `.${run}`)
      if (found) start = i - 1
    }
    found ??= matchAt(text, lower, i, run)
    if (found) {
      const end = start + found.form.length
      const previous = mentions.at(-1)
      // "AWS (Amazon Web Services)", "Kubernetes (k8s)": one mention spelled twice.
      if (previous?.name === found.name && /^[\s()/,-]*$/.test(text.slice(previous.end, start))) previous.end = end
      else mentions.push({ name: found.name, start, end })
      i = end
    } else {
      i += Math.max(1, run.length)
    }
  }
  return mentions
}

/** Every vocabulary skill named in a text, with its offsets (résumé matching highlights them). */
export function findSkillMentions(text: string): SkillMentionSpan[] {
  return findMentions(text)
}

type Link = 'or' | 'and' | 'comma' | 'slash' | 'break'

const cueInGap =
  /\b(?:preferred|preferably|ideally|nice to have|a plus|de preference|bevorzugt|preferiblemente|preferencialmente|bij voorkeur)\b/g
const orGap = /^(?:,\s*)?(?:or|ou|oder|o|u|either|or even|and\/or|y\/o|e\/ou|und\/oder|et\/ou|en\/of)$/
const andGap = /^(?:,\s*)?(?:and|et|und|y|e|en|&|as well as|plus|sowie|ainsi que)$/

function classifyGap(gap: string, language: string): Link {
  const withoutCues = foldText(gap)
    .replace(cueInGap, ' ')
    .replace(/\(\s*\)/g, ' ')
  // A parenthesis between two skills closes or opens an example list: "version control (Git) and CI/CD".
  if (/[()]/.test(withoutCues)) return 'break'
  const normalized = withoutCues.replace(/\s+/g, ' ').trim()
  if (normalized === '' || normalized === ',') return 'comma'
  if (normalized === '/' || normalized === '|') return 'slash'
  if (orGap.test(normalized) || (language === 'nl' && /^(?:,\s*)?of$/.test(normalized))) return 'or'
  if (andGap.test(normalized)) return 'and'
  return 'break'
}

const exampleMarker =
  /(?:\(\s*)?(?:e\.\s?g\.?|eg\.|for example|for instance|such as|like|including|incl\.|z\.\s?b\.|zum beispiel|beispielsweise|wie|etwa|par exemple|p\.\s?ex\.|ex\.|comme|tels que|telles que|tel que|notamment|por ejemplo|p\.\s?ej\.|como|tales como|por exemplo|zoals|als|bijv\.|bijvoorbeeld|bv\.)\s*[:,]?\s*$|\(\s*$/i
const oneOfMarker =
  /(?:at least one|one of|any of|either|au moins un|mindestens eine?|al menos una?|pelo menos um|minstens een)\b[^,;.]*$/i
/** Words after which the object of "experience with …" starts. Romance "de" stays out: it sits inside noun phrases ("bancos de dados"). */
// prettier-ignore
const prepositions = new Set([
  'with', 'in', 'of', 'on', 'for', 'using', 'from', 'avec', 'en', 'sur', 'dans', 'mit', 'von', 'im', 'bei', 'fur',
  'con', 'com', 'em', 'met', 'op', 'voor', 'utilisant', 'usando', 'utilizando',
])
const conjunctions = new Set(['and', 'et', 'und', 'y', 'e', 'en'])
// prettier-ignore
const leadingFiller = new Set([
  'and', 'or', 'et', 'ou', 'und', 'oder', 'y', 'o', 'e', 'en', 'the', 'a', 'an', 'any', 'some', 'at', 'least', 'one',
  'of', 'le', 'la', 'les', 'un', 'une', 'der', 'die', 'das', 'den', 'ein', 'eine', 'einen', 'el', 'los', 'las', 'uno',
  'una', 'os', 'as', 'um', 'uma', 'het', 'een', 'mindestens', 'au', 'moins', 'including', 'incluindo', 'incluyendo',
  'inclusive', 'einschliesslich', 'inclusief', 'especially', 'especialmente', 'notably', 'notamment', 'particularly',
  'insbesondere', 'vooral', 'de', 'des', 'du', 'do', 'da', 'del', 'van',
])

// prettier-ignore
const determiners = new Set([
  'our', 'your', 'their', 'the', 'this', 'that', 'these', 'its', 'unser', 'unsere', 'unserem', 'unseren', 'unserer',
  'der', 'die', 'das', 'dem', 'den', 'notre', 'nos', 'votre', 'vos', 'l', 'le', 'la', 'les', 'nuestro', 'nuestra',
  'nuestros', 'el', 'los', 'las', 'nosso', 'nossa', 'nossos', 'o', 'os', 'onze', 'ons', 'het',
])

/**
 * The noun phrase an example list illustrates: "…, background jobs (e.g., Sidekiq)" → "background jobs".
 * With a bare parenthesis, a phrase naming one specific thing ("our Kubernetes clusters (k8s)", "l'API (Python)")
 * is not a category and yields null.
 */
function categoryBefore(text: string, bareParenthesis: boolean): string | null {
  const cut = Math.max(
    text.lastIndexOf(','),
    text.lastIndexOf(';'),
    text.lastIndexOf(':'),
    text.lastIndexOf('('),
    text.lastIndexOf('['),
  )
  let words = text
    .slice(cut + 1)
    .trim()
    .split(/\s+/)
    .filter((word) => word !== '')
  const firstPreposition = words.findIndex((word) => prepositions.has(foldText(word)))
  if (firstPreposition >= 0 && firstPreposition < words.length - 1) words = words.slice(firstPreposition + 1)
  else if (cut < 0) words = words.slice(-3)
  // "English and computer skills (MS Word)": the example belongs to the last conjunct.
  const lastAnd = words.findLastIndex((word, index) => index > 0 && conjunctions.has(foldText(word)))
  if (lastAnd >= 0 && lastAnd < words.length - 1) words = words.slice(lastAnd + 1)
  const firstWord = foldText(words[0] ?? '').split("'")[0] ?? ''
  if (bareParenthesis && determiners.has(firstWord)) return null
  while (words.length > 0 && leadingFiller.has(foldText(words[0] ?? ''))) words = words.slice(1)
  if (words.length === 0 || words.length > 6) return null
  const phrase = words.join(' ').replace(/[\s,:;-]+$/, '')
  return phrase.length >= 2 && !table.has(phrase.toLowerCase()) ? phrase : null
}

const freeAlternative =
  /^\s*(?:\(\s*(?:preferred|preferably|ideally)\s*\)\s*)?,?\s*(?:or|ou|oder|o|u)\s+([^,;.()[\]\n]{2,80})/i
const articles = /^(?:a|an|the|any|un|une|ein|eine|einen|einem|una|uma|um|een|het)\s+/i

/** Free text offered instead of the skills just named: "Rails (preferred) or comparable backend frameworks". */
function alternativeAfter(text: string, from: number, mentions: readonly Mention[]): string | null {
  const match = freeAlternative.exec(text.slice(from, from + 120))
  const raw = match?.[1]
  if (raw === undefined) return null
  const startsAt = from + (match?.index ?? 0) + (match?.[0].length ?? 0) - raw.length
  if (mentions.some((mention) => mention.start >= startsAt && mention.start < startsAt + 3)) return null
  const phrase =
    raw
      .split(/\s+(?:and|with|to|for|et|und|y|e|en)\s+/i)[0]
      ?.replace(articles, '')
      .trim() ?? ''
  const words = phrase.split(/\s+/)
  if (phrase.length < 2 || words.length > 6) return null
  return phrase
}

function addUnique(target: string[], values: readonly string[], exclude: string): void {
  for (const value of values) {
    if (value !== exclude && !target.some((existing) => existing.toLowerCase() === value.toLowerCase()))
      target.push(value)
  }
}

const maxAlternatives = 8

/**
 * Skills named by an item, in order of first mention. Each named skill is its own entry; its alternatives are
 * the other members of its "X, Y or Z" / "X/Y" group, a free-text stand-in after "or", and the category that an
 * example list illustrates ("caching layers (e.g., Redis)" → Redis, alternatives ["caching layers"]).
 * Items are expected to be short (the parser caps them); the scan is linear in the text length.
 */
export function findSkills(text: string, language = 'en'): SkillMention[] {
  const mentions = findMentions(text)
  if (mentions.length === 0) return []
  const chains: { members: Mention[]; links: Link[] }[] = []
  for (const mention of mentions) {
    const chain = chains.at(-1)
    const previous = chain?.members.at(-1)
    const link = previous ? classifyGap(text.slice(previous.end, mention.start), language) : 'break'
    if (chain && link !== 'break') {
      chain.members.push(mention)
      chain.links.push(link)
    } else {
      chains.push({ members: [mention], links: [] })
    }
  }

  const byName = new Map<string, string[]>()
  for (const { members, links } of chains) {
    const first = members[0]
    const last = members.at(-1)
    if (!first || !last) continue
    const before = text.slice(Math.max(0, first.start - 160), first.start)
    const example = exampleMarker.exec(before)
    const rawCategory = example ? categoryBefore(before.slice(0, example.index), /^\(\s*$/.test(example[0])) : null
    // "Kubernetes clusters (k8s)": a restatement of a skill already named is not a category.
    const category =
      rawCategory !== null &&
      findMentions(rawCategory).some((mention) => members.some((member) => member.name === mention.name))
        ? null
        : rawCategory
    const anyOf = links.includes('or') || oneOfMarker.test(before)
    const free = alternativeAfter(text, last.end, mentions)
    // Slash groups ("HTML/XML") are alternatives among themselves; a word "or" makes the whole chain one choice.
    const units: Mention[][] = [[first]]
    links.forEach((link, i) => {
      const member = members[i + 1]
      if (!member) return
      if (link === 'slash') units.at(-1)?.push(member)
      else units.push([member])
    })
    units.forEach((unit, unitIndex) => {
      const isLast = unitIndex === units.length - 1
      for (const member of unit) {
        const alternatives = byName.get(member.name) ?? []
        const group = anyOf ? members : unit
        addUnique(
          alternatives,
          group.map((other) => other.name),
          member.name,
        )
        if (free && (anyOf || isLast)) addUnique(alternatives, [free], member.name)
        if (category) addUnique(alternatives, [category], member.name)
        byName.set(member.name, alternatives)
      }
    })
  }
  return [...byName].map(([name, alternatives]) => ({ name, alternatives: alternatives.slice(0, maxAlternatives) }))
}
