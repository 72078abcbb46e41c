import { normalizeChars } from './normalize-text'

/** One positioned run of text on a PDF page, in PDF user space (y grows upwards). */
export interface PdfTextItem {
  str: string
  x: number
  y: number
  width: number
  fontSize: number
}

interface Piece {
  text: string
  x: number
  right: number
  y: number
  size: number
  spaceBefore: boolean
  spaceAfter: boolean
}

interface Line {
  y: number
  size: number
  pieces: Piece[]
}

/** A gap this wide (in font sizes) between two pieces is a column or tab stop, not a word space. */
const TAB_GAP = 2
/** Gaps narrower than this (in font sizes) are kerning or glyph-by-glyph output, not word spaces. */
const SPACE_GAP = 0.17
/** Gaps that separate the segments a column gutter may run through. */
const SEGMENT_GAP = 1.2
const MAX_GUTTER_CANDIDATES = 300
/** Baselines closer than this (in font sizes) count as "the same row". */
const SAME_BASELINE = 0.2

/**
 * Letter-spaced text inside one item: pdf.js spells it with a space after every glyph ("T O M A S"), and
 * people type it with single spaces between letters and wider runs between words ("J O H N   S M I T H").
 */
const SPACED_LETTERS = /^[^\s](?: [^\s]){2,}(?: {2,}[^\s](?: [^\s])*)*$/u

function unspace(text: string): string {
  const trimmed = text.replace(/\t/g, '  ').trim()
  if (!SPACED_LETTERS.test(trimmed)) return trimmed.replace(/ +/g, ' ')
  return trimmed
    .split(/ {2,}/)
    .map((word) => word.replace(/ /g, ''))
    .join(' ')
}

function toPieces(items: readonly PdfTextItem[]): Piece[] {
  const pieces: Piece[] = []
  let pendingSpace = false
  for (const item of items) {
    const raw = normalizeChars(item.str).replace(/\n/g, ' ')
    const text = unspace(raw)
    if (!Number.isFinite(item.x) || !Number.isFinite(item.y)) continue
    if (!text) {
      // A lone space item between two words: its neighbours may touch, so the space must survive its removal.
      const last = pieces[pieces.length - 1]
      if (raw && last) last.spaceAfter = true
      pendingSpace ||= raw.length > 0
      continue
    }
    const size = item.fontSize > 0 && Number.isFinite(item.fontSize) ? item.fontSize : 10
    const width = item.width > 0 && Number.isFinite(item.width) ? item.width : text.length * size * 0.5
    pieces.push({
      text,
      x: item.x,
      right: item.x + width,
      y: item.y,
      size,
      spaceBefore: pendingSpace || /^[ \t]/.test(raw),
      spaceAfter: /[ \t]$/.test(raw),
    })
    pendingSpace = false
  }
  return dropFakeBold(pieces)
}

/** Some generators fake bold by drawing the same text twice, a fraction of a point apart. */
function dropFakeBold(pieces: Piece[]): Piece[] {
  const seen = new Map<string, Piece[]>()
  return pieces.filter((p) => {
    const twins = seen.get(p.text)
    if (twins?.some((q) => Math.abs(q.x - p.x) < p.size * 0.2 && Math.abs(q.y - p.y) < p.size * 0.2)) return false
    if (twins) twins.push(p)
    else seen.set(p.text, [p])
    return true
  })
}

function groupLines(pieces: Piece[]): Line[] {
  const sorted = [...pieces].sort((a, b) => b.y - a.y || a.x - b.x)
  const lines: Line[] = []
  let current: Line | undefined
  for (const p of sorted) {
    if (current && Math.abs(current.y - p.y) <= 0.45 * Math.min(current.size, p.size)) {
      current.pieces.push(p)
      current.size = Math.max(current.size, p.size)
    } else {
      current = { y: p.y, size: p.size, pieces: [p] }
      lines.push(current)
    }
  }
  for (const line of lines) line.pieces.sort((a, b) => a.x - b.x)
  return lines
}

interface Segment {
  x0: number
  x1: number
}

function segmentsOf(line: Line): Segment[] {
  const segments: Segment[] = []
  for (const p of line.pieces) {
    const last = segments[segments.length - 1]
    if (last && p.x - last.x1 <= SEGMENT_GAP * p.size) last.x1 = Math.max(last.x1, p.right)
    else segments.push({ x0: p.x, x1: p.right })
  }
  return segments
}

interface Gutter {
  x: number
  start: number
  end: number
  both: number
}

/**
 * Finds a vertical strip that no text crosses for a run of lines with text on both sides: a two-column
 * layout. Rows whose two sides share a baseline, with nothing on one side that the other lacks, are a table
 * (label/value, company/dates) and stay rows, unless the run is long and full on both sides.
 */
function findGutter(lines: readonly Line[]): Gutter | null {
  const segments = lines.map(segmentsOf)
  const candidates = new Set<number>()
  for (const segs of segments) {
    for (let i = 1; i < segs.length; i++) {
      const a = segs[i - 1]
      const b = segs[i]
      if (a && b) candidates.add(Math.round((a.x1 + b.x0) / 2 / 4) * 4)
    }
  }
  // Real pages have a handful of distinct gaps; thousands mean a crafted page not worth the quadratic search.
  if (candidates.size > MAX_GUTTER_CANDIDATES) return null
  let best: Gutter | null = null
  for (const x of candidates) {
    let start = 0
    while (start < lines.length) {
      let end = start
      let left = 0
      let right = 0
      let both = 0
      let aligned = 0
      let leftOnly = 0
      let rightOnly = 0
      while (end < lines.length) {
        const segs = segments[end] ?? []
        const line = lines[end]
        if (!line || segs.some((s) => s.x0 < x && s.x1 > x)) break
        const l = line.pieces.filter((p) => p.right <= x)
        const r = line.pieces.filter((p) => p.x >= x)
        if (l.length) left++
        if (r.length) right++
        if (l.length && !r.length) leftOnly++
        if (r.length && !l.length) rightOnly++
        const lp = l[l.length - 1]
        const rp = r[0]
        if (lp && rp) {
          both++
          if (Math.abs(lp.y - rp.y) < SAME_BASELINE * Math.min(lp.size, rp.size)) aligned++
        }
        end++
      }
      const len = end - start
      // Independent flows: each side has lines of its own, and either shared rows rarely share a baseline
      // (different sizes or leading) or many lines have one side only (same leading, columns of unequal length).
      const ownLines = leftOnly >= 2 && rightOnly >= 2 && left >= 0.3 * len && right >= 0.3 * len
      const flows = ownLines && (aligned < 0.8 * both || leftOnly + rightOnly >= 0.3 * len)
      // Same leading on both sides: only a long run that is full on both sides is taken for columns.
      const lockstep = both >= 12 && both >= 0.8 * len
      if (len >= 6 && both >= 3 && (flows || lockstep) && (!best || both > best.both)) best = { x, start, end, both }
      start = end + 1
    }
  }
  return best
}

function part(line: Line, keep: (p: Piece) => boolean): Line | null {
  const pieces = line.pieces.filter(keep)
  if (!pieces.length) return null
  return { y: Math.max(...pieces.map((p) => p.y)), size: Math.max(...pieces.map((p) => p.size)), pieces }
}

function readingOrder(lines: Line[], depth = 0): Line[] {
  if (depth > 3 || lines.length < 6) return lines
  const gutter = findGutter(lines)
  if (!gutter) return lines
  const run = lines.slice(gutter.start, gutter.end)
  const left = run.map((l) => part(l, (p) => p.right <= gutter.x)).filter((l): l is Line => l !== null)
  const right = run.map((l) => part(l, (p) => p.x >= gutter.x)).filter((l): l is Line => l !== null)
  return [
    ...readingOrder(lines.slice(0, gutter.start), depth + 1),
    ...readingOrder(left, depth + 1),
    ...readingOrder(right, depth + 1),
    ...readingOrder(lines.slice(gutter.end), depth + 1),
  ]
}

/**
 * Letter-spaced headings ("J O H N   S M I T H") come out as one glyph per piece with wide, even gaps;
 * word breaks are the gaps clearly wider than the letter gap.
 */
function letterGap(pieces: readonly Piece[]): number | null {
  if (pieces.length < 4) return null
  const singles = pieces.filter((p) => [...p.text].length === 1).length
  if (singles < 0.7 * pieces.length) return null
  const gaps: number[] = []
  for (let i = 1; i < pieces.length; i++) {
    const a = pieces[i - 1]
    const b = pieces[i]
    if (a && b) gaps.push(b.x - a.right)
  }
  gaps.sort((a, b) => a - b)
  const median = gaps[Math.floor(gaps.length / 2)] ?? 0
  const size = pieces[0]?.size ?? 10
  return median > SPACE_GAP * size * 0.5 ? median : null
}

function joinLine(line: Line): string {
  const spacing = letterGap(line.pieces)
  let out = ''
  let prev: Piece | undefined
  for (const p of line.pieces) {
    if (prev) {
      const gap = p.x - prev.right
      const size = Math.min(prev.size, p.size)
      if (gap > TAB_GAP * size) out += '\t'
      else if (spacing !== null) out += gap > spacing + 0.15 * size ? ' ' : ''
      else if (prev.spaceAfter || p.spaceBefore || gap > SPACE_GAP * size) out += ' '
      else if (gap < -size && !out.endsWith(' ')) out += ' '
    }
    out += p.text
    prev = p
  }
  return out
}

function median(values: number[]): number {
  if (!values.length) return 0
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? 0
}

/** Turns one page's positioned text into lines: baselines become lines, wide gaps tabs, tall gaps blank lines. */
export function layoutPage(items: readonly PdfTextItem[]): string {
  const lines = readingOrder(groupLines(toPieces(items)))
  const steps: number[] = []
  for (let i = 1; i < lines.length; i++) {
    const step = (lines[i - 1]?.y ?? 0) - (lines[i]?.y ?? 0)
    if (step > 0) steps.push(step / (lines[i]?.size ?? 10))
  }
  // Capped so that a page with few lines (whose median step is a paragraph gap) still gets its blank lines.
  const usual = Math.min(median(steps) || 1.2, 1.8)
  let out = ''
  let prev: Line | undefined
  for (const line of lines) {
    if (prev) {
      const step = (prev.y - line.y) / line.size
      out += step <= 0 || step > Math.max(usual * 1.5, 1.9) ? '\n\n' : '\n'
    }
    out += joinLine(line)
    prev = line
  }
  return out
}
