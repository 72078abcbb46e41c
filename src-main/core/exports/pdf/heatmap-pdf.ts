import type { Provenance } from '../table'
import {
  contentWidth,
  createPdf,
  drawable,
  fitLine,
  heading,
  PAGE_MARGIN,
  paragraph,
  provenanceBlock,
  savePdf,
  title,
  type Pdf,
  type PdfFonts,
} from './pdf-document'
import { ratings, type Rating, type ReportLanguage } from '@contract/closed-lists'
import { labelsFor, type Labels } from '../../reports/labels'
import { RATING_COLORS, ratingTextColor } from './rating-colors'

/** Applicants (rows) against requirements (columns), each cell a rating. */
export interface ComparisonHeatmap {
  /** The language of the PDF's own words (legend, headings). */
  language: ReportLanguage
  provenance: Provenance
  requirements: { text: string; mustHave: boolean }[]
  applicants: { name: string; detail: string; ratings: Rating[] }[]
}

const SHORT: Record<Rating, string> = { unknown: '?', not_met: '✗', partial: '½', met: '✓', exceeds: '✓✓' }
const NAME_WIDTH = 170
const ROW_HEIGHT = 18
const MAX_COLUMNS = 24

function legend(doc: Pdf, label: Labels): void {
  let x = PAGE_MARGIN
  const y = doc.y
  doc.font('body').fontSize(8)
  for (const rating of ratings) {
    const name = label(`ratings.${rating}`)
    doc.rect(x, y, 12, 12).fill(RATING_COLORS[rating])
    doc
      .fillColor(ratingTextColor(rating))
      .text(SHORT[rating], x, y + 2.5, { width: 12, align: 'center', lineBreak: false })
    doc.fillColor('black').text(name, x + 16, y + 2, { lineBreak: false })
    x += 16 + doc.widthOfString(name) + 16
  }
  doc.x = PAGE_MARGIN
  doc.y = y + 20
}

function grid(doc: Pdf, heatmap: ComparisonHeatmap, first: number, count: number, label: Labels): void {
  const cellWidth = Math.min(40, (contentWidth(doc) - NAME_WIDTH) / count)
  const header = () => {
    const y = doc.y
    doc.font('bold').fontSize(7.5).fillColor('black')
    for (let column = 0; column < count; column++) {
      const requirement = heatmap.requirements[first + column]
      doc.text(
        `${label('heatmap.column', { number: first + column + 1 })}${requirement?.mustHave ? '★' : ''}`,
        PAGE_MARGIN + NAME_WIDTH + column * cellWidth,
        y + 4,
        { width: cellWidth, align: 'center', lineBreak: false },
      )
    }
    doc.y = y + ROW_HEIGHT
  }
  header()
  for (const applicant of heatmap.applicants) {
    if (doc.y + ROW_HEIGHT > doc.page.height - PAGE_MARGIN) {
      doc.addPage()
      header()
    }
    const y = doc.y
    doc.font('body').fontSize(8.5).fillColor('black')
    doc.text(fitLine(doc, applicant.name, NAME_WIDTH - 6), PAGE_MARGIN, y + 1, { lineBreak: false })
    doc.fontSize(6.5).fillColor('#5f6b7a')
    doc.text(fitLine(doc, applicant.detail, NAME_WIDTH - 6), PAGE_MARGIN, y + 10, { lineBreak: false })
    for (let column = 0; column < count; column++) {
      const rating = applicant.ratings[first + column] ?? 'unknown'
      const x = PAGE_MARGIN + NAME_WIDTH + column * cellWidth
      doc.rect(x + 1, y + 1, cellWidth - 2, ROW_HEIGHT - 2).fill(RATING_COLORS[rating])
      doc
        .font('body')
        .fontSize(8)
        .fillColor(ratingTextColor(rating))
        .text(SHORT[rating], x, y + 5, { width: cellWidth, align: 'center', lineBreak: false })
    }
    doc.x = PAGE_MARGIN
    doc.y = y + ROW_HEIGHT
  }
  doc.moveDown(1)
}

/** The comparison heatmap, in landscape: requirements as numbered columns (listed below), applicants as rows. */
export async function writeHeatmapPdf(path: string, fonts: PdfFonts, heatmap: ComparisonHeatmap): Promise<void> {
  const label = labelsFor(heatmap.language)
  const doc = createPdf(fonts, heatmap.provenance, true)
  title(doc, heatmap.provenance.title)
  provenanceBlock(doc, heatmap.provenance)
  legend(doc, label)
  if (heatmap.applicants.length === 0 || heatmap.requirements.length === 0)
    paragraph(doc, label('heatmap.nothing'), { muted: true })
  for (let first = 0; first < heatmap.requirements.length; first += MAX_COLUMNS) {
    if (first > 0) doc.addPage()
    grid(doc, heatmap, first, Math.min(MAX_COLUMNS, heatmap.requirements.length - first), label)
  }
  heading(doc, label('heatmap.requirements'))
  doc.font('body').fontSize(9)
  heatmap.requirements.forEach((requirement, index) => {
    doc
      .fillColor('black')
      .text(
        drawable(
          doc,
          `${label('heatmap.column', { number: index + 1 })}${requirement.mustHave ? '★' : ''}  ${requirement.text}`,
        ),
        PAGE_MARGIN,
        doc.y,
        {
          width: contentWidth(doc),
        },
      )
  })
  await savePdf(
    doc,
    path,
    `${heatmap.provenance.title} · ${heatmap.provenance.workspace} · ${heatmap.provenance.generatedAt} · Yardstick ${heatmap.provenance.appVersion}`,
  )
}
