import { createWriteStream } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { ReportChartColor } from '@contract'
import PDFDocument from 'pdfkit'
import { provenanceRows, wellFormed, type ColumnType, type Provenance } from '../table'

export type Pdf = PDFKit.PDFDocument

export const PAGE_MARGIN = 48
export const COLORS = ['#3b6fd8', '#e08a2c', '#3aa17e', '#c4455b', '#8a63c9', '#7d8691']
/** The charts' semantic colour names (as on screen) in print. */
export const NAMED_COLORS: Record<ReportChartColor, string> = {
  blue: '#3b6fd8',
  orange: '#e08a2c',
  teal: '#3aa17e',
  red: '#d9534f',
  violet: '#8a63c9',
  gray: '#b8bec6',
  green: '#4caf50',
  yellow: '#f0b54a',
}
const MUTED = '#5f6b7a'
const RULE = '#d4d9e0'

interface Glyphs {
  hasGlyphForCodePoint(codePoint: number): boolean
}

const isGlyphs = (value: unknown): value is Glyphs =>
  typeof value === 'object' &&
  value !== null &&
  'hasGlyphForCodePoint' in value &&
  typeof value.hasGlyphForCodePoint === 'function'

/** pdfkit keeps the current fontkit font private; it is only read here, to know which characters it can draw. */
function currentGlyphs(doc: Pdf): Glyphs | null {
  const font: unknown = Reflect.get(doc, '_font')
  const inner: unknown = typeof font === 'object' && font !== null ? Reflect.get(font, 'font') : null
  return isGlyphs(inner) ? inner : null
}

/**
 * Text the embedded font can draw: control and format characters it has no glyph for (bidi marks, joiners,
 * variation selectors) are dropped, other missing characters (most emoji) become a visible □. Right-to-left
 * runs are ordered by pdfkit itself.
 */
export function drawable(doc: Pdf, value: string): string {
  const glyphs = currentGlyphs(doc)
  let out = ''
  for (const char of wellFormed(value)) {
    const codePoint = char.codePointAt(0) ?? 0
    if (char === '\n') out += char
    else if (/[\p{Cc}]/u.test(char)) out += ' '
    else if (!glyphs || glyphs.hasGlyphForCodePoint(codePoint)) out += char
    else if (!/[\p{Cf}\p{M}\u{1F3FB}-\u{1F3FF}]/u.test(char)) out += '□'
  }
  return out
}

/** The embedded fonts' bytes: read once in the main thread, handed to the PDF worker with its data. */
export interface PdfFonts {
  regular: Uint8Array
  bold: Uint8Array
}

const fontsByDir = new Map<string, Promise<PdfFonts>>()

/** DejaVu Sans from the app's resources (inside the packaged archive, which a worker thread cannot read). */
export function loadPdfFonts(resourcesDir: string): Promise<PdfFonts> {
  let fonts = fontsByDir.get(resourcesDir)
  if (!fonts) {
    const folder = join(resourcesDir, 'fonts')
    fonts = Promise.all([readFile(join(folder, 'DejaVuSans.ttf')), readFile(join(folder, 'DejaVuSans-Bold.ttf'))]).then(
      ([regular, bold]) => ({ regular, bold }),
    )
    fontsByDir.set(resourcesDir, fonts)
  }
  return fonts
}

/** A PDF on A4 with DejaVu Sans embedded (accents, Greek, Cyrillic, Hebrew, Arabic) and numbered pages. */
export function createPdf(fonts: PdfFonts, provenance: Provenance, landscape = false): Pdf {
  const doc = new PDFDocument({
    size: 'A4',
    layout: landscape ? 'landscape' : 'portrait',
    margins: { top: PAGE_MARGIN, bottom: PAGE_MARGIN, left: PAGE_MARGIN, right: PAGE_MARGIN },
    bufferPages: true,
    info: {
      Title: wellFormed(provenance.title),
      Author: wellFormed(provenance.workspace),
      Subject: wellFormed(provenance.filters),
      Creator: `Yardstick ${provenance.appVersion}`,
      CreationDate: new Date(provenance.generatedAt),
    },
  })
  doc.registerFont('body', Buffer.from(fonts.regular))
  doc.registerFont('bold', Buffer.from(fonts.bold))
  doc.font('body').fontSize(10).fillColor('black')
  return doc
}

/** Writes the finished document to `path`; resolves once the file is complete on disk. */
export async function savePdf(doc: Pdf, path: string, footer: string): Promise<void> {
  const range = doc.bufferedPageRange()
  for (let index = range.start; index < range.start + range.count; index++) {
    doc.switchToPage(index)
    const bottom = doc.page.height - PAGE_MARGIN + 16
    doc.page.margins.bottom = 0
    doc
      .font('body')
      .fontSize(7.5)
      .fillColor(MUTED)
      .text(drawable(doc, footer), PAGE_MARGIN, bottom, {
        width: contentWidth(doc) - 60,
        lineBreak: false,
        ellipsis: true,
        height: 10,
      })
      .text(`${index + 1} / ${range.count}`, doc.page.width - PAGE_MARGIN - 60, bottom, {
        width: 60,
        align: 'right',
        lineBreak: false,
      })
  }
  const stream = createWriteStream(path)
  const done = new Promise<void>((resolve, reject) => {
    stream.once('finish', () => resolve())
    stream.once('error', reject)
  })
  doc.pipe(stream)
  doc.end()
  await done
}

export const contentWidth = (doc: Pdf): number => doc.page.width - 2 * PAGE_MARGIN
const pageBottom = (doc: Pdf): number => doc.page.height - PAGE_MARGIN

/** Starts a new page when less than `height` points are left on this one. */
export function ensureSpace(doc: Pdf, height: number): void {
  if (doc.y + height > pageBottom(doc)) doc.addPage()
}

export function title(doc: Pdf, text: string): void {
  doc.font('bold').fontSize(18).fillColor('black')
  doc.text(drawable(doc, text), PAGE_MARGIN, doc.y, { width: contentWidth(doc) })
  doc.moveDown(0.3)
}

export function heading(doc: Pdf, text: string): void {
  ensureSpace(doc, 60)
  doc.font('bold').fontSize(12.5).fillColor('black')
  doc.text(drawable(doc, text), PAGE_MARGIN, doc.y, { width: contentWidth(doc) })
  doc.moveDown(0.3)
}

/** Flowing text; very long text is cut (with a note) so one field cannot fill dozens of pages. */
export function paragraph(doc: Pdf, text: string, options: { maxChars?: number; muted?: boolean } = {}): void {
  const max = options.maxChars ?? 4_000
  const shown = text.length > max ? `${text.slice(0, max)}… (${text.length - max} more characters)` : text
  doc
    .font('body')
    .fontSize(9.5)
    .fillColor(options.muted ? MUTED : 'black')
  doc.text(drawable(doc, shown), PAGE_MARGIN, doc.y, { width: contentWidth(doc) })
  doc.fillColor('black')
  doc.moveDown(0.4)
}

/** The provenance as a small key/value block under the title. */
export function provenanceBlock(doc: Pdf, provenance: Provenance): void {
  doc.font('body').fontSize(8.5)
  for (const [name, value] of provenanceRows(provenance).slice(1)) {
    const y = doc.y
    doc.fillColor(MUTED).text(name, PAGE_MARGIN, y, { width: 80, lineBreak: false })
    doc.fillColor('black').text(drawable(doc, value), PAGE_MARGIN + 84, y, { width: contentWidth(doc) - 84 })
  }
  doc.moveDown(0.8)
}

/** The longest prefix of `text` (with an ellipsis) that fits `width` on one line in the current font. */
export function fitLine(doc: Pdf, text: string, width: number): string {
  const single = drawable(doc, text.slice(0, 400)).replace(/\s+/g, ' ').trim()
  if (doc.widthOfString(single) <= width) return single
  let low = 0
  let high = single.length
  while (low < high) {
    const middle = Math.ceil((low + high) / 2)
    if (doc.widthOfString(`${single.slice(0, middle)}…`) <= width) low = middle
    else high = middle - 1
  }
  return `${single.slice(0, low)}…`
}

export interface PdfColumn {
  label: string
  type: ColumnType
  /** Relative width; text columns get more room than numbers by default. */
  weight?: number
}

export type PdfCell = string | number | null

export function formatCell(value: PdfCell, type: ColumnType): string {
  if (value === null) return '—'
  if (typeof value === 'string') return type === 'date' ? value.slice(0, 10) : value
  if (!Number.isFinite(value)) return '—'
  switch (type) {
    case 'percent':
      return `${(value * 100).toFixed(1)} %`
    case 'integer':
      return Math.round(value).toLocaleString('en-US')
    case 'days':
      return value.toFixed(1)
    default:
      return String(Math.round(value * 100) / 100)
  }
}

const isNumeric = (type: ColumnType) => type !== 'text' && type !== 'date'

const CELL_PADDING = 3
/** A text cell wraps to this many lines, the last one ending in "…" when there is more. */
const TEXT_LINES = 3
const HEADER_LINES = 2
/** A text column never gets narrower than this, so a label keeps a few words per line. */
const MIN_TEXT_WIDTH = 60
/** The table's font shrinks down to this before number columns could no longer fit side by side. */
const FONT_SIZES = [8.5, 7.5, 6.5] as const

/** One line per number: the widest formatted value (or header word) of each number column, measured. */
function numberWidths(doc: Pdf, columns: readonly PdfColumn[], cells: readonly (readonly string[])[]): number[] {
  return columns.map((column, index) => {
    if (!isNumeric(column.type)) return 0
    doc.font('body')
    const widest = Math.max(0, ...cells.map((row) => doc.widthOfString(row[index] ?? '')))
    doc.font('bold')
    // The header may wrap, but not inside a word.
    const word = Math.max(0, ...column.label.split(/\s+/).map((part) => doc.widthOfString(part)))
    return Math.ceil(Math.max(widest, Math.min(word, 80))) + 2 * CELL_PADDING + 1
  })
}

/**
 * Column widths: number and date columns exactly as wide as their widest value, so a figure is never cut; text
 * columns share the rest in proportion to their longest text (header included), unless given a weight.
 */
function columnWidths(
  doc: Pdf,
  columns: readonly PdfColumn[],
  cells: readonly (readonly string[])[],
  width: number,
): { widths: number[]; fontSize: number } {
  const textColumns = columns.filter((column) => !isNumeric(column.type)).length
  let fontSize: number = FONT_SIZES[0]
  let fixed: number[] = []
  for (const size of FONT_SIZES) {
    fontSize = size
    doc.fontSize(size)
    fixed = numberWidths(doc, columns, cells)
    const total = fixed.reduce((sum, value) => sum + value, 0)
    if (total + textColumns * MIN_TEXT_WIDTH <= width) break
  }
  const rest = Math.max(0, width - fixed.reduce((sum, value) => sum + value, 0))
  const weights = columns.map((column, index) => {
    if (isNumeric(column.type)) return 0
    if (column.weight !== undefined) return column.weight
    const longest = Math.max(column.label.length, ...cells.map((row) => (row[index] ?? '').length))
    return Math.min(40, Math.max(8, longest))
  })
  const sum = weights.reduce((total, weight) => total + weight, 0)
  const widths = columns.map((column, index) =>
    isNumeric(column.type) ? (fixed[index] ?? 0) : sum > 0 ? ((weights[index] ?? 0) / sum) * rest : 0,
  )
  // With no text column, the numbers spread over the whole width.
  if (textColumns === 0) {
    const extra = rest / Math.max(1, columns.length)
    return { widths: widths.map((value) => value + extra), fontSize }
  }
  return { widths, fontSize }
}

/** A text cell's content on at most `lines` lines: whitespace collapsed, only what the font can draw. */
const cellText = (doc: Pdf, text: string) => drawable(doc, text.slice(0, 2_000)).replace(/\s+/g, ' ').trim()

/**
 * A table that breaks across pages, repeating its header. Text cells wrap to three lines and end in "…" when
 * longer, inside their column; number cells are one line, in columns sized to their widest value.
 */
export function table(doc: Pdf, columns: readonly PdfColumn[], rows: readonly (readonly PdfCell[])[]): void {
  const width = contentWidth(doc)
  const cells = rows.map((row) => columns.map((column, index) => formatCell(row[index] ?? null, column.type)))
  const { widths, fontSize } = columnWidths(doc, columns, cells.slice(0, 1_000), width)
  doc.fontSize(fontSize)
  const lineHeight = doc.currentLineHeight(true)
  const drawRow = (texts: readonly string[], bold: boolean) => {
    doc.font(bold ? 'bold' : 'body').fontSize(fontSize)
    const maxLines = bold ? HEADER_LINES : TEXT_LINES
    const shown = texts.map((text, index) => {
      const column = columns[index]
      return column && isNumeric(column.type) && !bold ? text : cellText(doc, text)
    })
    const lines = shown.map((text, index) => {
      const column = columns[index]
      if (!column || (isNumeric(column.type) && !bold)) return 1
      const inner = (widths[index] ?? 0) - 2 * CELL_PADDING
      return Math.min(maxLines, Math.max(1, Math.ceil(doc.heightOfString(text, { width: inner }) / lineHeight - 0.01)))
    })
    const rowHeight = Math.max(...lines, 1) * lineHeight + 7
    if (doc.y + rowHeight > pageBottom(doc)) {
      doc.addPage()
      if (!bold) drawRow(header, true)
      doc.font(bold ? 'bold' : 'body').fontSize(fontSize)
    }
    const y = doc.y
    let x = PAGE_MARGIN
    columns.forEach((column, index) => {
      const inner = (widths[index] ?? 0) - 2 * CELL_PADDING
      const align = isNumeric(column.type) ? 'right' : 'left'
      const text = shown[index] ?? ''
      if (isNumeric(column.type) && !bold) {
        doc.fillColor('black').text(text, x + CELL_PADDING, y + 3.5, { width: inner, align, lineBreak: false })
      } else {
        // pdfkit stops at the box's height and ends the last line with an ellipsis.
        doc.fillColor('black').text(text, x + CELL_PADDING, y + 3.5, {
          width: inner,
          height: (lines[index] ?? 1) * lineHeight,
          align,
          ellipsis: true,
        })
      }
      x += widths[index] ?? 0
    })
    doc
      .moveTo(PAGE_MARGIN, y + rowHeight)
      .lineTo(PAGE_MARGIN + width, y + rowHeight)
      .lineWidth(bold ? 0.8 : 0.4)
      .strokeColor(RULE)
      .stroke()
    doc.x = PAGE_MARGIN
    doc.y = y + rowHeight
  }
  const header = columns.map((column) => column.label)
  ensureSpace(doc, lineHeight * 6)
  drawRow(header, true)
  for (const row of cells) drawRow(row, false)
  doc.font('body').fontSize(10)
  doc.moveDown(1)
}
