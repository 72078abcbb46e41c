import type { Provenance } from '../table'
import {
  contentWidth,
  createPdf,
  drawable,
  ensureSpace,
  heading,
  PAGE_MARGIN,
  paragraph,
  provenanceBlock,
  savePdf,
  table,
  title,
  type Pdf,
  type PdfFonts,
} from './pdf-document'
import type { Rating, ReportLanguage } from '@contract/closed-lists'
import { labelsFor, type Labels } from '../../reports/labels'
import { RATING_COLORS, ratingTextColor } from './rating-colors'

export interface PacketRequirement {
  section: string
  text: string
  mustHave: boolean
  rating: Rating
  evidence: string
  /** Where the evidence came from (résumé, interview …), with its author. */
  evidenceSource: string
}

export interface PacketScorecard {
  step: string
  interviewer: string
  recommendation: string
  submittedAt: string | null
  /** One line per rated focus item: the item and its score on the rubric scale. */
  ratings: { item: string; score: number | null }[]
  notes: string
}

/** What a hiring committee gets about one application. */
export interface CandidatePacket {
  /** The language of the PDF's own words; the data's words are printed as they were written. */
  language: ReportLanguage
  provenance: Provenance
  candidate: { name: string; details: [label: string, value: string][] }
  application: [label: string, value: string][]
  fit: string | null
  requirements: PacketRequirement[]
  scorecards: PacketScorecard[]
  /** Said under Scorecards: why some are missing (hidden for independence, or not submitted yet). */
  scorecardNote: string | null
}

function keyValues(doc: Pdf, rows: readonly [string, string][]): void {
  doc.font('body').fontSize(9.5)
  for (const [label, value] of rows) {
    ensureSpace(doc, 14)
    const y = doc.y
    doc.fillColor('#5f6b7a').text(drawable(doc, label), PAGE_MARGIN, y, { width: 110 })
    doc.fillColor('black').text(drawable(doc, value || '—'), PAGE_MARGIN + 116, y, { width: contentWidth(doc) - 116 })
    doc.moveDown(0.15)
  }
  doc.moveDown(0.6)
}

function ratingChip(doc: Pdf, rating: Rating, text: string, x: number, y: number): void {
  doc.roundedRect(x, y, 64, 14, 3).fill(RATING_COLORS[rating])
  doc
    .font('bold')
    .fontSize(8)
    .fillColor(ratingTextColor(rating))
    .text(text, x, y + 3.2, { width: 64, align: 'center', lineBreak: false })
}

/** The requirement matrix: each requirement with its rating chip, then the evidence for it. */
function requirementMatrix(doc: Pdf, requirements: readonly PacketRequirement[], label: Labels): void {
  for (const requirement of requirements) {
    ensureSpace(doc, 48)
    const y = doc.y
    ratingChip(doc, requirement.rating, label(`ratings.${requirement.rating}`), PAGE_MARGIN, y)
    doc
      .font('bold')
      .fontSize(9.5)
      .fillColor('black')
      .text(drawable(doc, `${requirement.mustHave ? '★ ' : ''}${requirement.text}`), PAGE_MARGIN + 72, y + 1, {
        width: contentWidth(doc) - 72,
      })
    doc
      .font('body')
      .fontSize(8)
      .fillColor('#5f6b7a')
      .text(drawable(doc, requirement.section), PAGE_MARGIN + 72, doc.y, { width: contentWidth(doc) - 72 })
    if (requirement.evidence.trim()) {
      doc.fontSize(9).fillColor('black')
      const shown =
        requirement.evidence.length > 1_500 ? `${requirement.evidence.slice(0, 1_500)}…` : requirement.evidence
      doc.text(drawable(doc, shown), PAGE_MARGIN + 72, doc.y + 2, { width: contentWidth(doc) - 72 })
      if (requirement.evidenceSource)
        doc
          .fontSize(8)
          .fillColor('#5f6b7a')
          .text(drawable(doc, requirement.evidenceSource), PAGE_MARGIN + 72, doc.y, {
            width: contentWidth(doc) - 72,
          })
    }
    doc.x = PAGE_MARGIN
    doc.moveDown(0.7)
  }
}

/** Profile, requirement matrix with evidence, and scorecard summary, for a hiring committee. */
export async function writeCandidatePacketPdf(path: string, fonts: PdfFonts, packet: CandidatePacket): Promise<void> {
  const label = labelsFor(packet.language)
  const doc = createPdf(fonts, packet.provenance)
  title(doc, packet.candidate.name)
  provenanceBlock(doc, packet.provenance)
  heading(doc, label('packet.profile'))
  keyValues(doc, packet.candidate.details)
  heading(doc, label('packet.application'))
  keyValues(doc, packet.application)
  heading(doc, label('packet.requirements'))
  if (packet.fit) paragraph(doc, packet.fit)
  if (packet.requirements.length === 0) paragraph(doc, label('packet.noRequirements'), { muted: true })
  requirementMatrix(doc, packet.requirements, label)
  heading(doc, label('packet.scorecards'))
  if (packet.scorecardNote) paragraph(doc, packet.scorecardNote, { muted: true })
  if (packet.scorecards.length === 0) {
    if (!packet.scorecardNote) paragraph(doc, label('packet.noScorecards'), { muted: true })
  } else {
    table(
      doc,
      [
        { label: label('packet.step'), type: 'text' },
        { label: label('packet.interviewer'), type: 'text' },
        { label: label('packet.recommendation'), type: 'text' },
        { label: label('packet.submitted'), type: 'date' },
      ],
      packet.scorecards.map((card) => [card.step, card.interviewer, card.recommendation, card.submittedAt]),
    )
    for (const card of packet.scorecards) {
      ensureSpace(doc, 40)
      doc
        .font('bold')
        .fontSize(10)
        .fillColor('black')
        .text(drawable(doc, `${card.step} — ${card.interviewer}`), PAGE_MARGIN, doc.y, { width: contentWidth(doc) })
      doc.moveDown(0.2)
      if (card.ratings.length > 0)
        table(
          doc,
          [
            { label: label('packet.focus'), type: 'text', weight: 4 },
            { label: label('packet.score'), type: 'number', weight: 1 },
          ],
          card.ratings.map((rating) => [rating.item, rating.score]),
        )
      if (card.notes.trim()) paragraph(doc, card.notes, { maxChars: 2_000 })
    }
  }
  await savePdf(
    doc,
    path,
    `${packet.candidate.name} · ${packet.provenance.workspace} · ${packet.provenance.generatedAt} · Yardstick ${packet.provenance.appVersion}`,
  )
}
