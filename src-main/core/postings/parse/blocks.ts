import { metaKeyPhrases, metaKeysExact, titleKeys } from './heading-rules'
import { classifyHeading } from './headings'
import {
  cleanHeading,
  cleanInline,
  compilePhrase,
  foldWords,
  hasAnyPhrase,
  isUpperCaseLabel,
  startsWithLowerCase,
  wordCount,
} from './text'

/**
 * Line-level structure of a posting: headings, metadata lines, list items and logical text lines.
 * Works on plain text and markdown (HTML is converted to markdown-like lines first).
 */
export type HeadingStyle = 'atx' | 'setext' | 'bold' | 'label' | 'caps' | 'plain'

export type Block =
  /** `colon`: the heading ended with a colon, like a lead-in ("Acme is hiring:"). */
  | { type: 'heading'; text: string; style: HeadingStyle; colon: boolean }
  | { type: 'meta'; key: string; value: string; text: string; isTitle: boolean }
  | { type: 'text'; text: string }
  | { type: 'item'; text: string }
  | { type: 'rule' }

/** Joined lines stop growing here; items are capped shorter later. Keeps pathological input linear and bounded. */
const maxLogicalChars = 4000
/** A longer line is cut: nothing a posting says needs more, and it keeps per-line work bounded. */
const maxLineChars = 20_000
const maxHeadingChars = 120
/** No posting has this many blocks; the rest of such a text is ignored, which bounds all later work. */
const maxBlocks = 20_000

interface Line {
  text: string
  indent: number
  blank: boolean
  hardBreak: boolean
}

function toLine(source: string): Line {
  // Blockquote markers carry no meaning for a posting; the quoted lines are ordinary lines.
  const raw = source.slice(0, maxLineChars).replace(/^\s{0,3}(?:>\s?)+/, '')
  const indent = raw.length - raw.trimStart().length
  const hardBreak = raw.endsWith('  ') || raw.endsWith('\\')
  let text = raw.trim()
  if (hardBreak && text.endsWith('\\')) text = text.slice(0, -1).trimEnd()
  return { text, indent, blank: text === '', hardBreak }
}

const bulletPattern =
  /^([-*+•·◦▪▫■□●○►▶➢➤✓✔✗➔→‣⁃–—]|\d{1,3}[.)]|\(\d{1,3}\)|[a-zA-Z]\)|\([a-zA-Z]\)|[ivx]{1,4}\)|\p{Extended_Pictographic}\uFE0F?)\s+(\S.*)$/u
const letterBulletPattern = /^o\s+(\S.*)$/
/** Markers that usually mark a sub-level when the parent used another marker (Word-style "•" then "o"). */
const secondaryMarkers = new Set(['o', '◦', '○', '▫', '–'])

interface Bullet {
  marker: string
  content: string
}

function parseBullet(line: Line, neighbourIsBullet: boolean): Bullet | null {
  if (!line.text.startsWith('**')) {
    const match = bulletPattern.exec(line.text)
    if (match?.[1] !== undefined && match[2] !== undefined) {
      const marker = /^\(?\d/.test(match[1]) ? '1.' : /^\(?[a-z]\)$/i.test(match[1]) ? 'a)' : match[1]
      return { marker, content: match[2] }
    }
  }
  // A lone "o " is a bullet only where lists are already going on: "o" is also a word (pt, es).
  const letter = letterBulletPattern.exec(line.text)
  if (letter?.[1] !== undefined && (neighbourIsBullet || line.indent > 0)) return { marker: 'o', content: letter[1] }
  return null
}

function isRule(text: string): boolean {
  if (text.length < 3 || text.length > 200) return false
  const compact = text.replace(/\s/g, '')
  const first = compact[0]
  return (
    compact.length >= 3 &&
    (first === '-' || first === '*' || first === '_') &&
    [...compact].every((char) => char === first)
  )
}

function setextLevel(text: string): number | null {
  if (text.length < 2 || text.length > 200) return null
  if (/^=+$/.test(text)) return 1
  if (/^-+$/.test(text)) return 2
  return null
}

function atxHeading(text: string): { level: number; text: string } | null {
  let level = 0
  while (level < 7 && text[level] === '#') level++
  if (level === 0 || level > 6 || text.length > maxHeadingChars + level + 1) return null
  const next = text[level]
  if (next !== undefined && next !== ' ') return null
  let end = text.length
  while (end > level && text[end - 1] === '#') end--
  const content = text.slice(level, end).trim()
  return content === '' ? null : { level, text: content }
}

/** `**Heading**`, `__Heading__`, `**Heading:**` or `**Heading**:` alone on a line. */
function boldHeading(text: string): string | null {
  if (text.length > maxHeadingChars + 8) return null
  let body = text.replace(/\s*[:：]$/, '')
  const marker = body.startsWith('**') ? '**' : body.startsWith('__') ? '__' : null
  if (!marker || !body.endsWith(marker) || body.length <= marker.length * 2) return null
  body = body.slice(marker.length, -marker.length)
  if (body.includes('**') || body.includes('__')) return null
  const inner = cleanHeading(body)
  if (inner === '' || inner.length > 100 || wordCount(inner) > 16) return null
  if (/[.;,]$/.test(body.trim()) && !/\.\.$|…$/.test(body.trim())) return null
  return inner
}

/** `*Heading*` or `_Heading_`: only when the words are a known heading, since italics also mark notes. */
function italicHeading(text: string): string | null {
  const match = /^([*_])([^*_]{2,80})\1\s*:?$/.exec(text)
  if (!match?.[2]) return null
  const inner = cleanHeading(match[2])
  return classifyHeading(inner).kind !== null && wordCount(inner) <= 8 ? inner : null
}

const titleKeySet = new Set(titleKeys)
const metaExactSet = new Set(metaKeysExact)
const metaPhrases = metaKeyPhrases.map(compilePhrase)

interface Label {
  key: string
  value: string
}

function parseLabel(text: string): Label | null {
  const colon = text.slice(0, 90).search(/[:：]/)
  if (colon <= 0) return null
  if (text[colon + 1] === '/' || text[colon + 1] === '\\') return null
  const rawKey = text.slice(0, colon)
  const key = cleanHeading(rawKey)
  if (key === '' || key.length > 60 || wordCount(key) > 8 || !/\p{L}/u.test(key)) return null
  if (/[?!]|\.\s/.test(key) || startsWithLowerCase(key)) return null
  const value = cleanInline(text.slice(colon + 1, colon + 1 + maxLogicalChars).replace(/^\s*(\*\*|__)/, ''))
  return { key, value }
}

type LabelKind = 'title' | 'meta' | null

function labelKind(key: string): LabelKind {
  const words = foldWords(key)
  const joined = words.join(' ')
  if (titleKeySet.has(joined)) return 'title'
  if (metaExactSet.has(joined)) return 'meta'
  if (words.length <= 4 && hasAnyPhrase(words, metaPhrases)) return 'meta'
  return null
}

// prettier-ignore
const danglingWords = new Set([
  'and', 'or', 'of', 'the', 'a', 'an', 'to', 'in', 'with', 'for', 'on', 'at', 'by', 'from', 'as', 'that', 'which',
  'including', 'such', 'is', 'are', 'be', '&', 'de', 'la', 'le', 'les', 'des', 'du', 'et', 'ou', 'à', 'au', 'aux',
  'en', 'pour', 'avec', 'und', 'oder', 'der', 'die', 'das', 'mit', 'von', 'zu', 'für', 'im', 'y', 'o', 'el', 'los',
  'las', 'con', 'para', 'por', 'e', 'do', 'da', 'com', 'em', 'no', 'na', 'het', 'een', 'van', 'met', 'voor', 'op',
])

function endsWithDanglingWord(text: string): boolean {
  const last = text.slice(text.lastIndexOf(' ') + 1).toLowerCase()
  return last !== '' && danglingWords.has(last)
}

const closingChars = new Set(['.', '!', '?', ':', ';', ')', '"', '”'])
const hyphens = new Set(['-', '‐'])

/** Hard-wrapped text (lines cut near a fixed width, continuations in lower case): returns the width, or null. */
function detectWrapWidth(allLines: readonly Line[]): number | null {
  const lines = allLines.slice(0, 5000)
  const lengths = lines.filter((line) => !line.blank).map((line) => line.text.length)
  if (lengths.length < 6) return null
  const sorted = [...lengths].sort((a, b) => a - b)
  const width = sorted[Math.floor(0.9 * (sorted.length - 1))] ?? 0
  if (width < 40 || width > 100) return null
  const full = lengths.filter((length) => length >= width - 12).length
  if (full < 4 || full < lengths.length * 0.3) return null
  let lowerContinuations = 0
  for (let i = 0; i + 1 < lines.length; i++) {
    const line = lines[i]
    const next = lines[i + 1]
    if (!line || !next || line.blank || next.blank) continue
    if (startsWithLowerCase(next.text) && !/[.!?:;]$/.test(line.text)) lowerContinuations++
  }
  return lowerContinuations >= 3 ? width : null
}

interface Pending {
  text: string
  lastLength: number
  hardBreak: boolean
}

interface OpenItem {
  text: string
  indent: number
  contentIndent: number
  marker: string
  children: string[]
  lastLength: number
  hardBreak: boolean
  gapSinceLastLine: boolean
}

function append(base: string, addition: string): string {
  if (base.length >= maxLogicalChars) return base
  const joined = hyphens.has(base.at(-1) ?? '') && /^\p{Ll}/u.test(addition) ? base + addition : `${base} ${addition}`
  return joined.length > maxLogicalChars ? joined.slice(0, maxLogicalChars) : joined
}

function mergeChildren(item: OpenItem): string {
  if (item.children.length === 0) return item.text
  const children = item.children.map((child) => child.replace(/[;.,]\s*$/, ''))
  const parent = item.text.trimEnd().replace(/[.;,]$/, '')
  const joined = `${parent}${parent.endsWith(':') ? '' : ':'} ${children.join('; ')}`
  return joined.length > maxLogicalChars ? joined.slice(0, maxLogicalChars) : joined
}

/** "• one • two • three" flattened onto one line by a copy from a web page: one line per bullet again. */
function splitInlineBullets(line: string): string[] {
  if (line.length > maxLogicalChars || line.split(' • ').length < 3) return [line]
  return line.split(' • ').map((part, index) => (index === 0 ? part : `• ${part}`))
}

// prettier-ignore
const headingFillers = new Set([
  'key', 'main', 'job', 'your', 'our', 'the', 'core', 'primary', 'general', 'additional', 'minimum', 'basic',
  'technical', 'role', 'position', 'vos', 'votre', 'nos', 'deine', 'ihre', 'unsere', 'tus', 'sus', 'suas', 'jouw',
  'onze', 'principales', 'principais',
])

/** A short line that is nothing but a known heading ("Responsibilities", "Key Requirements", "Vos missions"). */
function isBareHeading(text: string): boolean {
  if (!/\p{L}{3}/u.test(text)) return false
  const words = foldWords(text)
  if (words.length === 0 || words.length > 5) return false
  const withoutFillers = words.filter((word) => !headingFillers.has(word))
  const core = withoutFillers.length > 0 ? withoutFillers : words
  const headingClass = classifyHeading(core.join(' '))
  return headingClass.kind !== null && headingClass.matched === core.length
}

/** Lines of the source, runs of blank lines reduced to one and flattened bullet runs split again. */
function toLines(source: string): Line[] {
  const lines: Line[] = []
  let blankRun = 0
  for (const raw of source.split('\n')) {
    if (raw.trim() === '') {
      blankRun++
      if (blankRun > 1) continue
    } else {
      blankRun = 0
    }
    for (const part of splitInlineBullets(raw)) lines.push(toLine(part))
  }
  return lines
}

function isBareHeadingLine(text: string): boolean {
  return text.length <= maxHeadingChars && !/[.;,!]$/.test(text) && !startsWithLowerCase(text) && isBareHeading(text)
}

/** Splits posting text into blocks. Sub-bullets are merged into their parent item ("Parent: child; child"). */
export function toBlocks(source: string): Block[] {
  const lines = toLines(source)
  const wrapWidth = detectWrapWidth(lines)
  const blocks: Block[] = []
  let pending: Pending | null = null
  let item: OpenItem | null = null
  let gap = true

  const flushPending = (): void => {
    if (pending) blocks.push({ type: 'text', text: pending.text })
    pending = null
  }
  const flushItem = (): void => {
    if (item) blocks.push({ type: 'item', text: mergeChildren(item) })
    item = null
  }
  const flushAll = (): void => {
    flushPending()
    flushItem()
  }
  const lastBlock = (): Block | undefined => blocks.at(-1)
  const afterBoundary = (): boolean => gap || (pending === null && item === null && lastBlock()?.type !== 'text')
  const joins = (previous: { text: string; lastLength: number; hardBreak: boolean }, next: string): boolean => {
    if (previous.hardBreak) return false
    const last = previous.text
    const lastChar = last.at(-1) ?? ''
    if (hyphens.has(lastChar) && /^\p{Ll}/u.test(next)) return true
    if (lastChar === ',' || endsWithDanglingWord(last)) return true
    const open = !closingChars.has(lastChar)
    const lower = startsWithLowerCase(next)
    // In hard-wrapped text a nearly full line continues on the next one, whatever its last character.
    if (wrapWidth !== null && previous.lastLength >= wrapWidth - 15) return true
    return lower && open && previous.lastLength >= 60
  }
  const addText = (text: string, line: Line): void => {
    if (pending && !gap && joins(pending, text)) {
      pending.text = append(pending.text, text)
      pending.lastLength = line.text.length
      pending.hardBreak = line.hardBreak
      return
    }
    flushPending()
    pending = { text, lastLength: line.text.length, hardBreak: line.hardBreak }
  }
  const nextNonBlank = (from: number): Line | undefined => {
    for (let j = from; j < lines.length; j++) {
      const candidate = lines[j]
      if (candidate && !candidate.blank) return candidate
    }
    return undefined
  }
  const isBulletLine = (line: Line | undefined): boolean =>
    line !== undefined && !line.blank && parseBullet(line, true) !== null
  const pushHeading = (text: string, style: HeadingStyle, source: string): void => {
    flushAll()
    blocks.push({ type: 'heading', text, style, colon: /[:：]\s*(?:\*\*|__)?\s*$/.test(source) })
  }

  for (let i = 0; i < lines.length && blocks.length < maxBlocks; i++) {
    const line = lines[i]
    if (!line) continue
    if (line.blank) {
      flushPending()
      if (item) item.gapSinceLastLine = true
      gap = true
      continue
    }
    const text = line.text
    const next = lines[i + 1]
    const shortLine = text.length <= maxHeadingChars

    const bulletHere = parseBullet(line, true)
    const plainBullet = bulletHere !== null && !/\p{Extended_Pictographic}/u.test(bulletHere.marker)
    if (
      shortLine &&
      next &&
      !next.blank &&
      setextLevel(next.text) !== null &&
      !plainBullet &&
      !/[:：]\s*\S/.test(text) &&
      !/[.;,]$/.test(text)
    ) {
      const heading = cleanHeading(text)
      if (heading !== '') {
        pushHeading(heading, 'setext', text)
        i++
        gap = true
        continue
      }
    }
    if (isRule(text)) {
      flushAll()
      blocks.push({ type: 'rule' })
      gap = true
      continue
    }
    const atx = atxHeading(text)
    if (atx) {
      pushHeading(cleanHeading(atx.text), 'atx', atx.text)
      gap = true
      continue
    }

    const previousLine = lines[i - 1]
    const bullet = parseBullet(line, isBulletLine(previousLine) || isBulletLine(next) || item !== null)
    if (bullet) {
      const content = bullet.content
      const emojiMarker = /\p{Extended_Pictographic}/u.test(bullet.marker)
      if (
        emojiMarker &&
        content.length <= maxHeadingChars &&
        (isUpperCaseLabel(content) ||
          (classifyHeading(content).kind !== null && wordCount(content) <= 6 && !/[.;]$/.test(content)))
      ) {
        pushHeading(cleanHeading(content), 'caps', content)
        gap = true
        continue
      }
      const open: OpenItem | null = item
      const isChild =
        open !== null &&
        (line.indent >= open.indent + 2 ||
          (bullet.marker !== open.marker &&
            secondaryMarkers.has(bullet.marker) &&
            !secondaryMarkers.has(open.marker)) ||
          (bullet.marker === 'a)' && open.marker === '1.'))
      if (open && isChild) {
        open.children.push(content)
        open.lastLength = text.length
        open.hardBreak = line.hardBreak
        open.gapSinceLastLine = false
      } else {
        flushAll()
        item = {
          text: content,
          indent: line.indent,
          contentIndent: line.indent + text.length - content.length,
          marker: bullet.marker,
          children: [],
          lastLength: text.length,
          hardBreak: line.hardBreak,
          gapSinceLastLine: false,
        }
      }
      gap = false
      continue
    }

    const bold =
      shortLine && (text.startsWith('*') || text.startsWith('_')) ? (boldHeading(text) ?? italicHeading(text)) : null
    const label = bold === null ? parseLabel(text) : null
    const caps =
      bold === null &&
      label === null &&
      shortLine &&
      text === text.toUpperCase() &&
      (text.match(/\p{L}/gu)?.length ?? 0) >= 4 &&
      isUpperCaseLabel(cleanHeading(text)) &&
      wordCount(text) <= 10 &&
      !/[.;,]$/.test(text)

    const open: OpenItem | null = item
    if (
      open &&
      bold === null &&
      !caps &&
      (label === null || (labelKind(label.key) === null && !isUpperCaseLabel(label.key))) &&
      !(line.indent === 0 && isBareHeadingLine(text))
    ) {
      const lastText = open.children.at(-1) ?? open.text
      const continues = open.gapSinceLastLine
        ? line.indent >= Math.max(2, open.contentIndent)
        : wrapWidth !== null ||
          line.indent >= Math.max(2, open.indent + 1) ||
          joins({ text: lastText, lastLength: open.lastLength, hardBreak: open.hardBreak }, text)
      // "Additional Characteristics:" after a finished item opens a sub-list rather than continuing the item.
      const labelStartsBlock =
        label !== null &&
        label.value === '' &&
        !startsWithLowerCase(text) &&
        wordCount(label.key) <= 5 &&
        (classifyHeading(label.key).kind !== null || /[.;!?]$/.test(lastText))
      if (continues && !labelStartsBlock) {
        const lastChild = open.children.length - 1
        if (lastChild >= 0) open.children[lastChild] = append(open.children[lastChild] ?? '', text)
        else open.text = append(open.text, text)
        open.lastLength = text.length
        open.hardBreak = line.hardBreak
        open.gapSinceLastLine = false
        gap = false
        continue
      }
    }

    if (bold !== null) {
      pushHeading(bold, 'bold', text)
      gap = true
      continue
    }

    if (label) {
      const kind = labelKind(label.key)
      if (kind !== null && label.value !== '') {
        flushAll()
        blocks.push({
          type: 'meta',
          key: label.key,
          value: label.value,
          text: `${label.key}: ${label.value}`,
          isTitle: kind === 'title',
        })
        gap = false
        continue
      }
      const keyClass = classifyHeading(label.key)
      const upper = isUpperCaseLabel(label.key)
      const startsBlock = afterBoundary()
      if (label.value === '' || upper || (keyClass.kind !== null && startsBlock && wordCount(label.key) <= 5)) {
        pushHeading(label.key, upper ? 'caps' : 'label', ':')
        gap = false
        if (label.value !== '') addText(label.value, line)
        continue
      }
    }

    if (caps) {
      const heading = cleanHeading(text)
      const known = classifyHeading(heading).kind !== null
      if (known || afterBoundary() || next === undefined || next.blank || isBulletLine(next)) {
        pushHeading(heading, 'caps', text)
        gap = true
        continue
      }
    }

    if (isBareHeadingLine(text)) {
      pushHeading(cleanHeading(text), 'plain', text)
      gap = true
      continue
    }
    if (shortLine && afterBoundary() && !/[.;,!]$/.test(text) && !startsWithLowerCase(text)) {
      const heading = cleanHeading(text)
      const words = wordCount(heading)
      const following = nextNonBlank(i + 1)
      const endsBlock = next === undefined || next.blank || isBulletLine(next)
      if (heading !== '' && words <= 8 && heading.length <= 70 && endsBlock && following !== undefined) {
        const headingClass = classifyHeading(heading)
        const known =
          headingClass.kind !== null && (headingClass.kind !== 'other' || headingClass.matched === headingClass.words)
        const subLabel = words <= 5 && isBulletLine(following)
        if (known || subLabel) {
          pushHeading(heading, 'plain', text)
          gap = true
          continue
        }
      }
    }

    if (item) flushItem()
    addText(text, line)
    gap = false
  }
  flushAll()
  return blocks
}
