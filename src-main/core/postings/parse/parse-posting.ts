import type { ParsedPosting, PostingItem, PostingSection, SectionKind } from '@contract/posting-parse'
import { AppError } from '../../errors'
import { toBlocks, type Block, type HeadingStyle } from './blocks'
import { isApplyText, isEqualOpportunity, isProse, isWebsiteText, mentionsSalary } from './boilerplate'
import { contentKind } from './content-kind'
import { detectCues, extractMinYears } from './cues'
import { splitFrontMatter } from './front-matter'
import { classifyHeading, type HeadingClass } from './headings'
import { htmlToText, looksLikeHtml } from './html'
import { detectLanguage } from './language'
import { prepareText } from './normalize-input'
import { findSkills } from './skills'
import { compilePhrase, cleanInline, foldWords, hasAnyPhrase, truncateText } from './text'
import { cleanTitle, isTitleShaped, namesARole, stripTitlePrefix } from './title'

/*
 * Rules a hiring team sees in the result:
 * - mustHave marks a knock-out criterion. It is set by an explicit cue in the item ("must", "required", "mandatory",
 *   "essential", "indispensable", "zwingend", "imprescindible", "obrigatório", "vereist"…) or by a heading that itself
 *   says so ("Must have", "Required qualifications", "Compétences requises"). Items of a plain "Requirements" section
 *   are requirements but not knock-outs: flagging every line would reject good candidates, and the team can promote
 *   items in the editor. An explicit preference cue in the item wins over a must heading.
 * - preferred is set for every item of a nice-to-have section (unless the item itself says it is required) and for
 *   requirement items whose wording makes the whole item optional ("… is a plus", "ideally …", "is highly valued").
 *   Responsibilities, benefits and other text never carry either flag.
 * - Sub-bullets are merged into their parent item ("Parent: child; child"): they elaborate one requirement (a stack
 *   list, examples), and an assessable requirement should stay one unit.
 * - Skills: every named skill is its own entry; see `findSkills` for how alternatives are filled.
 * - Prose next to a list (lead-ins, closing notes), company text, how-to-apply text, equal-opportunity statements,
 *   salary lines and metadata ("Location: …") go to sections of kind "other" or "about", never to assessed ones.
 */

const maxItemChars = 1000
const maxSummaryChars = 2000
const maxHeadingChars = 200
const maxItems = 1000
const maxSummaryCandidates = 200

type TextUnit = { type: 'text' | 'item'; text: string }
type MetaUnit = { type: 'meta'; text: string; isTitle: boolean; value: string }
type Unit = TextUnit | MetaUnit

interface RawSection {
  heading: string | null
  style: HeadingStyle | null
  colon: boolean
  headingClass: HeadingClass | null
  units: Unit[]
}

interface Section {
  heading: string | null
  kind: SectionKind
  must: boolean
  weakNice: boolean
  roleDescription: boolean
  units: Unit[]
}

const assessedOrBenefit = new Set<SectionKind>(['responsibility', 'requirement', 'nice_to_have', 'benefit'])

function groupSections(blocks: readonly Block[]): RawSection[] {
  const sections: RawSection[] = [{ heading: null, style: null, colon: false, headingClass: null, units: [] }]
  for (const block of blocks) {
    const current = sections.at(-1)
    if (block.type === 'heading') {
      sections.push({
        heading: block.text,
        style: block.style,
        colon: block.colon,
        headingClass: classifyHeading(block.text),
        units: [],
      })
    } else if (block.type === 'rule') {
      if (current && current.units.length > 0) {
        sections.push({ heading: null, style: null, colon: false, headingClass: null, units: [] })
      }
    } else if (block.type === 'meta') {
      current?.units.push({ type: 'meta', text: block.text, isTitle: block.isTitle, value: block.value })
    } else {
      current?.units.push({ type: block.type, text: block.text })
    }
  }
  return sections
}

/** Turns a heading section back into plain text of the section before it. */
function dissolve(sections: RawSection[], index: number, keepHeadingAsText: boolean): void {
  const section = sections[index]
  const previous = sections[index - 1]
  if (!section || !previous) return
  if (keepHeadingAsText && section.heading !== null) previous.units.push({ type: 'text', text: section.heading })
  previous.units.push(...section.units)
  sections.splice(index, 1)
}

function sameText(a: string, b: string): boolean {
  const left = foldWords(a).join(' ')
  const right = foldWords(b).join(' ')
  return left === right || (left.length > 0 && right.length > 0 && (left.includes(right) || right.includes(left)))
}

/**
 * Title, most trusted first: front matter; a title-shaped heading before the first known section heading
 * (with "Job Description —", "Vaga de" prefixes removed); a "Job title:" line; a short first line naming a role.
 */
function takeTitle(frontTitle: string | null, sections: RawSection[]): string | null {
  let title = frontTitle === null ? null : cleanTitle(frontTitle)
  for (let i = 1; i < sections.length && i <= 6; i++) {
    const section = sections[i]
    if (!section?.heading) continue
    const stripped = stripTitlePrefix(section.heading)
    const headingClass =
      stripped === section.heading && section.headingClass ? section.headingClass : classifyHeading(stripped)
    // "Senior Software Engineer - Full Stack" names a role even though "stack" is a section keyword.
    const namesRole = namesARole(stripped) && headingClass.matched < headingClass.words
    if (headingClass.kind !== null && !namesRole) break
    if (section.style === 'label') break
    if (section.colon) {
      // "Acme is hiring:" introduces the title rather than being one.
      dissolve(sections, i, true)
      i--
      continue
    }
    if (!isTitleShaped(stripped)) break
    if (title === null || sameText(title, stripped)) {
      title ??= cleanTitle(section.heading)
      dissolve(sections, i, false)
    }
    break
  }
  if (title === null) {
    for (const section of sections.slice(0, 4)) {
      const meta = section.units.find((unit): unit is MetaUnit => unit.type === 'meta' && unit.isTitle)
      if (meta) {
        title = cleanTitle(meta.value)
        section.units = section.units.filter((unit) => unit !== meta)
        break
      }
    }
  }
  // "Acme Corp" then "Senior Backend Engineer": a short line naming a role among the first lines.
  const preamble = sections[0]
  if (title === null && preamble && preamble.units.length + sections.length > 2) {
    const candidate = preamble.units
      .slice(0, 3)
      .find((unit) => unit.type === 'text' && isTitleShaped(unit.text) && namesARole(unit.text))
    if (candidate) {
      title = cleanTitle(candidate.text)
      preamble.units = preamble.units.filter((unit) => unit !== candidate)
    }
  }
  return title
}

// prettier-ignore
const roleDescriptionWords = new Set([
  'description', 'descripcion', 'descricao', 'omschrijving', 'role', 'overview', 'summary', 'position', 'poste',
  'puesto', 'vaga', 'functie', 'mission', 'presentacion', 'apresentacao', 'tl', 'tldr', 'opportunity', 'job', 'stelle',
  'intro', 'introduction', 'offre', 'vacature', 'stellenbeschreibung', 'functieomschrijving',
])

function resolveKinds(raw: RawSection[]): Section[] {
  const sections: Section[] = []
  for (const section of raw) {
    const previous = sections.at(-1)
    if (section.heading === null || section.headingClass === null) {
      sections.push({
        heading: null,
        kind: 'other',
        must: false,
        weakNice: false,
        roleDescription: false,
        units: section.units,
      })
      continue
    }
    const items = section.units.filter((unit) => unit.type === 'item')
    const headingClass = section.headingClass
    let kind: SectionKind | null = headingClass.kind === 'apply' ? 'other' : headingClass.kind
    let must = headingClass.must
    const assessedPrevious =
      previous && previous.heading !== null && assessedOrBenefit.has(previous.kind) ? previous : null
    if (kind === null) {
      // A bold line in the middle of benefits ("**100% REMOTE**") is a perk, not a new section.
      if (items.length === 0 && assessedPrevious && (section.style === 'bold' || section.style === 'caps')) {
        assessedPrevious.units.push({ type: 'text', text: section.heading }, ...section.units)
        continue
      }
      // Short labels ("Additional Characteristics:", "Techshare") continue the section they sit in;
      // unknown headings over a list ("Management Accounting") are judged by what the list says.
      const subLabel = section.style === 'label' || section.style === 'plain'
      const guessed =
        items.length > 0 && !(subLabel && assessedPrevious) ? contentKind(items.map((unit) => unit.text)) : null
      if (guessed) {
        kind = guessed
        if (assessedPrevious?.kind === guessed) must = assessedPrevious.must
      } else if (assessedPrevious && (items.length > 0 || subLabel)) {
        kind = assessedPrevious.kind
        must = assessedPrevious.must
      } else {
        kind = 'other'
      }
    } else if ((section.style === 'label' || section.style === 'plain') && previous?.kind === kind) {
      must ||= previous.must
    }
    const roleDescription =
      kind === 'other' && foldWords(section.heading).some((word) => roleDescriptionWords.has(word))
    sections.push({
      heading: section.heading,
      kind,
      must,
      weakNice: headingClass.weakNice,
      roleDescription,
      units: section.units,
    })
  }
  // "Desired skills include:" as a posting's only list states its requirements.
  const hasRequirements = sections.some(
    (section) => section.kind === 'requirement' && section.units.some((unit) => unit.type !== 'meta'),
  )
  if (!hasRequirements) {
    for (const section of sections)
      if (section.kind === 'nice_to_have' && section.weakNice) section.kind = 'requirement'
  }
  return sections
}

// prettier-ignore
const roleCues = [
  'looking for', 'seeking', 'we are hiring', 'hiring', 'join', 'this role', 'the role', 'this position',
  'the position', 'you will', 'responsible for', 'opportunit*', 'vacancy', 'position', 'role', 'recherch*',
  'rejoindre', 'poste', 'suchen', 'verstarkung', 'buscamos', 'busca', 'procura*', 'procuramos', 'zoeken', 'zoekt',
  'gezocht', 'vacature', 'stelle', 'puesto', 'vaga', 'functie',
].map(compilePhrase)

function summaryScore(text: string, title: string | null): number {
  const words = foldWords(text)
  const sentence = words.length >= 8 || (words.length >= 4 && /[.!?]$/.test(text.trim()))
  if (!sentence || isApplyText(text) || isEqualOpportunity(text, true)) return Number.NEGATIVE_INFINITY
  let score = Math.min(text.length, 400) / 400
  if (hasAnyPhrase(words, roleCues)) score += 3
  if (title !== null && words.join(' ').includes(foldWords(title).join(' '))) score += 2
  if (isWebsiteText(text)) score -= 5
  return score
}

/**
 * The paragraph that best introduces the role: from the text before the first heading, else from a role-description
 * section ("The Role", "Job description"), else any paragraph that talks about the role. Earlier paragraphs win close calls.
 */
function takeSummary(sections: readonly Section[], title: string | null): string {
  const pick = (pool: readonly Section[], minimum: number): string | null => {
    let best: { section: Section; unit: Unit; score: number } | null = null
    let position = 0
    for (const section of pool) {
      for (const unit of section.units) {
        if (unit.type !== 'text' || position >= maxSummaryCandidates) continue
        const score = summaryScore(unit.text, title) - position * 0.2
        position++
        if (score >= minimum && (best === null || score > best.score)) best = { section, unit, score }
      }
    }
    if (!best) return null
    const chosen = best
    chosen.section.units = chosen.section.units.filter((unit) => unit !== chosen.unit)
    return chosen.unit.text
  }
  const preamble = sections[0]?.heading === null ? [sections[0]] : []
  const found =
    pick([...preamble, ...sections.filter((section) => section.roleDescription)], -1) ??
    pick(
      sections.filter((section) => !section.units.some((unit) => unit.type === 'item')),
      2.5,
    )
  return found === null ? '' : truncateText(cleanInline(found), maxSummaryChars)
}

function makeItem(text: string, kind: SectionKind, sectionMust: boolean, language: string): PostingItem | null {
  const clean = truncateText(cleanInline(text), maxItemChars)
  if (!/[\p{L}\p{N}]/u.test(clean)) return null
  let mustHave = false
  let preferred = false
  let minYears: number | null = null
  if (kind === 'requirement' || kind === 'nice_to_have') {
    const cues = detectCues(clean)
    if (kind === 'nice_to_have') {
      mustHave = cues.must && !cues.preferred
      preferred = !mustHave
    } else {
      mustHave = cues.must || (sectionMust && !cues.preferred)
      preferred = !mustHave && cues.preferred
    }
    minYears = extractMinYears(clean)
  }
  return { text: clean, mustHave, preferred, minYears, skills: kind === 'benefit' ? [] : findSkills(clean, language) }
}

/** How-to-apply, equal-opportunity and salary text never counts as something to assess. */
function screenKind(kind: SectionKind, text: string, prose: boolean): SectionKind {
  if (kind === 'other') return kind
  if (isApplyText(text, prose) || isEqualOpportunity(text, prose)) return 'other'
  if (kind !== 'benefit' && kind !== 'about' && mentionsSalary(text)) return 'other'
  return kind
}

function listKindFor(
  section: Section,
  leadIn: string | null,
  items: readonly string[],
): { kind: SectionKind; must: boolean } {
  const lead = leadIn === null ? null : classifyHeading(leadIn)
  const leadKind = lead?.kind === 'apply' ? 'other' : (lead?.kind ?? null)
  if (
    leadKind !== null &&
    leadKind !== 'other' &&
    (leadKind === 'nice_to_have' || !assessedOrBenefit.has(section.kind))
  ) {
    return { kind: leadKind, must: (lead?.must ?? false) || (leadKind === section.kind && section.must) }
  }
  if (!assessedOrBenefit.has(section.kind) && section.kind !== 'about') {
    const guessed = contentKind(items)
    if (guessed) return { kind: guessed, must: false }
  }
  return { kind: section.kind, must: section.must }
}

function emit(sections: readonly Section[], language: string): PostingSection[] {
  // A section states its kind formally when it has list items or mostly one-line items. Prose of the same kind
  // elsewhere ("Design the future of technology…" above the real duty list) is description, not items.
  const proseShare = (section: Section): number => {
    const texts = section.units.filter((unit) => unit.type === 'text')
    return texts.length === 0 ? 0 : texts.filter((unit) => isProse(unit.text)).length / texts.length
  }
  const formal = new Map<Section, boolean>()
  const formalCount = new Map<SectionKind, number>()
  for (const section of sections) {
    const isFormal =
      section.units.some((unit) => unit.type === 'item') ||
      (section.units.some((unit) => unit.type === 'text') && proseShare(section) < 0.5)
    formal.set(section, isFormal)
    if (isFormal) formalCount.set(section.kind, (formalCount.get(section.kind) ?? 0) + 1)
  }

  const output: PostingSection[] = []
  let itemCount = 0
  const add = (heading: string | null, kind: SectionKind, text: string, must: boolean): void => {
    const item = makeItem(text, kind, must, language)
    if (!item) return
    const cappedHeading = heading === null ? null : truncateText(heading, maxHeadingChars)
    const last = output.at(-1)
    if (last && last.heading === cappedHeading && last.kind === kind) last.items.push(item)
    else output.push({ heading: cappedHeading, kind, items: [item] })
    itemCount++
  }

  for (const section of sections) {
    if (itemCount >= maxItems) break
    const hasList = section.units.some((unit) => unit.type === 'item')
    const share = proseShare(section)
    const describedElsewhere = (formalCount.get(section.kind) ?? 0) - (formal.get(section) ? 1 : 0) > 0
    let list: { kind: SectionKind; must: boolean } | null = null
    let leadIn: string | null = null
    for (const [index, unit] of section.units.entries()) {
      if (itemCount >= maxItems) break
      if (unit.type === 'meta') {
        if (!unit.isTitle) add(section.heading, 'other', unit.text, false)
        leadIn = null
        list = null
        continue
      }
      if (unit.type === 'item') {
        if (list === null) {
          const run: string[] = []
          for (let next = index; next < section.units.length && run.length < 50; next++) {
            const candidate = section.units[next]
            if (candidate?.type !== 'item') break
            run.push(candidate.text)
          }
          list = listKindFor(section, leadIn, run)
        }
        add(section.heading, screenKind(list.kind, unit.text, false), unit.text, list.must)
        continue
      }
      list = null
      leadIn = unit.text
      const prose = isProse(unit.text)
      let kind = section.kind
      if (assessedOrBenefit.has(kind)) {
        const demoted = hasList || (describedElsewhere && share > 0.5) || (prose && (describedElsewhere || share < 0.5))
        if (demoted) kind = 'other'
      }
      add(section.heading, screenKind(kind, unit.text, prose), unit.text, section.must)
    }
  }
  return output
}

/**
 * Parses the text of a published job posting (plain text, markdown or HTML, optionally with YAML or TOML front
 * matter) into a title, a summary and sections of editable items. Pure: no I/O.
 * Throws AppError `invalid_input` when there is no text, `too_large` above the size cap and `unsupported_file`
 * for binary data.
 */
export function parsePosting(text: string): ParsedPosting {
  const prepared = prepareText(text)
  const { title: frontTitle, body } = splitFrontMatter(prepared)
  const markdown = looksLikeHtml(body) ? htmlToText(body) : body
  if (!/[\p{L}\p{N}]/u.test(markdown) && frontTitle === null) {
    throw AppError.of('posting_no_text')
  }
  const language = detectLanguage(markdown)
  const raw = groupSections(toBlocks(markdown))
  const title = takeTitle(frontTitle, raw)
  const sections = resolveKinds(raw)
  const summary = takeSummary(sections, title)
  return { title, language, summary, sections: emit(sections, language) }
}
