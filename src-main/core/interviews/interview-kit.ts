import { join } from 'node:path'
import type { FocusItemDto, InterviewBriefDto, LevelAnchorDto, ScorecardRating } from '@contract'
import { ratingValues, recommendations, type Recommendation } from '@contract/interviews'
import PDFDocument from 'pdfkit'

export type KitLanguage = 'en' | 'fr'

export interface KitOptions {
  /** Folder holding DejaVuSans.ttf and DejaVuSans-Bold.ttf (the standard PDF fonts cannot write "Ł"). */
  fontsDir: string
  language: KitLanguage
  /** The PDF's creation time: the clock's now, so that a fixed clock gives the same bytes for the same brief. */
  createdAt: Date
  timeZone?: string
}

const strings = {
  en: {
    title: 'Interview kit',
    candidate: 'Candidate',
    posting: 'Posting',
    level: 'Level',
    interviewer: 'Interviewer',
    when: 'When',
    minutes: (count: number) => `${count} minutes`,
    summary: 'Candidate summary',
    location: 'Location',
    tags: 'Tags',
    links: 'Links',
    resume: 'Résumé (excerpt)',
    noResume: 'No résumé text.',
    scale: 'Scale, anchored to this level',
    focus: 'Focus items',
    noFocus: 'This step has no focus items.',
    requirement: 'Requirement',
    competency: 'Competency',
    linked: (name: string) => `Linked competency: ${name}`,
    below: 'Level below',
    at: 'This level',
    above: 'Next level',
    noExpectation: 'No expectation written.',
    notes: 'Notes',
    questions: 'Questions',
    noQuestions: 'No questions planned.',
    takeaways: 'Key takeaways',
    recommendation: 'Overall recommendation',
    page: (page: number, total: number) => `Page ${page} of ${total}`,
    confidential: 'Confidential: for the interview panel only.',
    meanings: {
      1: 'Well below the level',
      2: 'The level below',
      3: 'Meets this level',
      4: 'The next level',
    } satisfies Record<ScorecardRating, string>,
    recommendations: {
      strong_no: 'Strong no',
      no: 'No',
      yes: 'Yes',
      strong_yes: 'Strong yes',
    } satisfies Record<Recommendation, string>,
  },
  fr: {
    title: 'Kit d’entretien',
    candidate: 'Candidat·e',
    posting: 'Offre',
    level: 'Niveau',
    interviewer: 'Intervieweur·euse',
    when: 'Date',
    minutes: (count: number) => `${count} minutes`,
    summary: 'Résumé du profil',
    location: 'Lieu',
    tags: 'Étiquettes',
    links: 'Liens',
    resume: 'CV (extrait)',
    noResume: 'Pas de texte de CV.',
    scale: 'Échelle, ancrée sur ce niveau',
    focus: 'Points évalués',
    noFocus: 'Cette étape n’a pas de point évalué.',
    requirement: 'Exigence',
    competency: 'Compétence',
    linked: (name: string) => `Compétence liée : ${name}`,
    below: 'Niveau inférieur',
    at: 'Ce niveau',
    above: 'Niveau supérieur',
    noExpectation: 'Aucune attente rédigée.',
    notes: 'Notes',
    questions: 'Questions',
    noQuestions: 'Aucune question prévue.',
    takeaways: 'Points clés',
    recommendation: 'Recommandation globale',
    page: (page: number, total: number) => `Page ${page} sur ${total}`,
    confidential: 'Confidentiel : réservé au jury d’entretien.',
    meanings: {
      1: 'Nettement en dessous du niveau',
      2: 'Le niveau inférieur',
      3: 'Atteint ce niveau',
      4: 'Le niveau supérieur',
    } satisfies Record<ScorecardRating, string>,
    recommendations: {
      strong_no: 'Non, clairement',
      no: 'Non',
      yes: 'Oui',
      strong_yes: 'Oui, clairement',
    } satisfies Record<Recommendation, string>,
  },
} as const

const RESUME_EXCERPT_CHARS = 3_000
const MARGIN = 50
const REGULAR = 'Kit'
const BOLD = 'Kit-Bold'
const GREY = '#555555'
const RULE = '#bbbbbb'

/** Control characters other than line breaks and tabs have no glyph and can confuse PDF readers. */
const printable = (text: string) =>
  [...text].filter((char) => char === '\n' || char === '\t' || (char >= ' ' && char !== '\u007f')).join('')

/**
 * A printable kit for one interview: who and when, the candidate, the scale with the level titles it reads
 * against, each focus item with the expectations of the levels below, at and above, an empty scale and room for
 * notes, the planned questions, key takeaways and an overall recommendation to tick. Small: built in-process.
 */
export function renderInterviewKit(brief: InterviewBriefDto, options: KitOptions): Promise<Uint8Array> {
  const text = strings[options.language]
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margin: MARGIN,
      bufferPages: true,
      font: join(options.fontsDir, 'DejaVuSans.ttf'),
      lang: options.language,
      displayTitle: true,
      info: {
        Title: `${text.title}: ${brief.candidate.name}, ${brief.step.name}`,
        Author: 'Yardstick',
        CreationDate: options.createdAt,
      },
    })
    const chunks: Buffer[] = []
    doc.on('data', (chunk: Buffer) => chunks.push(chunk))
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))))
    doc.on('error', reject)
    try {
      doc.registerFont(REGULAR, join(options.fontsDir, 'DejaVuSans.ttf'))
      doc.registerFont(BOLD, join(options.fontsDir, 'DejaVuSans-Bold.ttf'))
      new KitWriter(doc, brief, options).write()
      doc.end()
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)))
    }
  })
}

class KitWriter {
  private readonly text: (typeof strings)[KitLanguage]
  private readonly width: number

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly brief: InterviewBriefDto,
    private readonly options: KitOptions,
  ) {
    this.text = strings[options.language]
    this.width = doc.page.width - 2 * MARGIN
  }

  write(): void {
    this.header()
    this.candidate()
    this.scale()
    this.focusItems()
    this.questions()
    this.verdict()
    this.footers()
  }

  private header(): void {
    const { doc, brief, text } = this
    doc.font(BOLD).fontSize(18).fillColor('black').text(`${text.title}: ${brief.step.name}`)
    doc.moveDown(0.3)
    const when = new Intl.DateTimeFormat(this.options.language === 'fr' ? 'fr-FR' : 'en-GB', {
      dateStyle: 'full',
      timeStyle: 'short',
      ...(this.options.timeZone ? { timeZone: this.options.timeZone } : {}),
    }).format(new Date(brief.scheduledAt))
    const rows: [string, string][] = [
      [text.candidate, brief.candidate.name],
      [text.posting, brief.posting.team ? `${brief.posting.title} (${brief.posting.team})` : brief.posting.title],
      [text.level, `${brief.posting.levelTitle} · ${brief.posting.ladderName}`],
      [text.interviewer, brief.interviewer.name],
      [text.when, `${when} · ${text.minutes(brief.step.durationMinutes)}`],
    ]
    for (const [label, value] of rows) this.field(label, value)
    doc.moveDown(0.6)
  }

  private candidate(): void {
    const { doc, brief, text } = this
    this.heading(text.summary)
    if (brief.candidate.summary) doc.font(REGULAR).fontSize(10).text(printable(brief.candidate.summary))
    if (brief.candidate.location) this.field(text.location, brief.candidate.location)
    if (brief.candidate.tags.length > 0) this.field(text.tags, brief.candidate.tags.join(', '))
    if (brief.candidate.links.length > 0) this.field(text.links, brief.candidate.links.join('  '))
    doc.moveDown(0.4)
    doc.font(BOLD).fontSize(10).text(text.resume)
    const resume = printable(brief.resumeText).trim()
    const excerpt =
      resume.length > RESUME_EXCERPT_CHARS ? `${resume.slice(0, RESUME_EXCERPT_CHARS).trimEnd()} […]` : resume
    doc
      .font(REGULAR)
      .fontSize(8.5)
      .fillColor(GREY)
      .text(excerpt || text.noResume, { width: this.width })
      .fillColor('black')
    doc.moveDown(0.6)
  }

  private scale(): void {
    const { doc, brief, text } = this
    this.heading(text.scale)
    for (const rating of ratingValues) {
      const level = brief.scale.find((point) => point.rating === rating)?.levelTitle
      doc
        .font(BOLD)
        .fontSize(10)
        .text(`${rating}  `, { continued: true })
        .font(REGULAR)
        .text(level ? `${text.meanings[rating]} (${level})` : text.meanings[rating])
    }
    doc.moveDown(0.6)
  }

  private focusItems(): void {
    const { doc, brief, text } = this
    this.heading(text.focus)
    if (brief.focusItems.length === 0) doc.font(REGULAR).fontSize(10).text(text.noFocus)
    brief.focusItems.forEach((item, index) => this.focusItem(item, index + 1))
  }

  private focusItem(item: FocusItemDto, number: number): void {
    const { doc, text } = this
    this.ensureSpace(170)
    doc
      .font(BOLD)
      .fontSize(11)
      .fillColor('black')
      .text(`${number}. ${printable(item.label)}`, { width: this.width })
    const kind = item.kind === 'competency' ? text.competency : text.requirement
    const linked = item.kind === 'requirement' && item.competencyName ? ` · ${text.linked(item.competencyName)}` : ''
    doc.font(REGULAR).fontSize(8.5).fillColor(GREY).text(`${kind}${linked}`).fillColor('black')
    doc.moveDown(0.2)
    const anchors: [string, LevelAnchorDto | null][] = [
      [text.below, item.anchors.below],
      [text.at, item.anchors.at],
      [text.above, item.anchors.above],
    ]
    for (const [label, anchor] of anchors) {
      if (!anchor) continue
      doc
        .font(BOLD)
        .fontSize(9)
        .text(`${label} (${anchor.levelTitle}): `, { continued: true, width: this.width })
        .font(REGULAR)
        .text(anchor.text ? printable(anchor.text) : text.noExpectation)
    }
    doc.moveDown(0.3)
    this.checkboxes(ratingValues.map((rating) => `${rating} ${text.meanings[rating]}`))
    doc.font(REGULAR).fontSize(9).text(`${text.notes}:`)
    this.ruledLines(3)
    doc.moveDown(0.5)
  }

  private questions(): void {
    const { doc, brief, text } = this
    this.ensureSpace(80)
    this.heading(text.questions)
    if (brief.step.questions.length === 0) doc.font(REGULAR).fontSize(10).text(text.noQuestions)
    brief.step.questions.forEach((question, index) => {
      this.ensureSpace(60)
      doc
        .font(REGULAR)
        .fontSize(10)
        .text(`${index + 1}. ${printable(question)}`, { width: this.width })
      this.ruledLines(2)
    })
    doc.moveDown(0.5)
  }

  private verdict(): void {
    const { doc, text } = this
    this.ensureSpace(200)
    this.heading(text.takeaways)
    this.ruledLines(5)
    doc.moveDown(0.6)
    this.heading(text.recommendation)
    this.checkboxes(recommendations.map((value) => text.recommendations[value]))
  }

  /** A row of empty boxes, each with its label, for a pen. */
  private checkboxes(labels: string[]): void {
    const { doc } = this
    const columnWidth = this.width / labels.length
    const top = doc.y
    doc.font(REGULAR).fontSize(8.5)
    let bottom = top
    labels.forEach((label, index) => {
      const x = MARGIN + index * columnWidth
      doc.lineWidth(0.8).strokeColor('black').rect(x, top, 11, 11).stroke()
      doc.text(label, x + 16, top + 1, { width: columnWidth - 20 })
      bottom = Math.max(bottom, doc.y)
    })
    doc.x = MARGIN
    doc.y = bottom + 6
  }

  private ruledLines(count: number): void {
    const { doc } = this
    for (let line = 0; line < count; line++) {
      const y = doc.y + 16
      doc
        .lineWidth(0.4)
        .strokeColor(RULE)
        .moveTo(MARGIN, y)
        .lineTo(MARGIN + this.width, y)
        .stroke()
      doc.y = y + 2
    }
    doc.x = MARGIN
    doc.strokeColor('black')
  }

  private heading(label: string): void {
    this.ensureSpace(60)
    this.doc.font(BOLD).fontSize(13).fillColor('black').text(label, MARGIN)
    this.doc.moveDown(0.25)
  }

  private field(label: string, value: string): void {
    this.doc.font(BOLD).fontSize(10).text(`${label}: `, { continued: true }).font(REGULAR).text(printable(value))
  }

  /** Starts a new page when fewer than `height` points are left, so a block is not split from its heading. */
  private ensureSpace(height: number): void {
    const { doc } = this
    if (doc.y + height > doc.page.height - MARGIN - 20) doc.addPage()
  }

  private footers(): void {
    const { doc, text } = this
    const range = doc.bufferedPageRange()
    for (let index = range.start; index < range.start + range.count; index++) {
      doc.switchToPage(index)
      const y = doc.page.height - MARGIN + 10
      // Writing below the bottom margin would start a new page; lift the margin for the footer.
      const bottom = doc.page.margins.bottom
      doc.page.margins.bottom = 0
      doc
        .font(REGULAR)
        .fontSize(8)
        .fillColor(GREY)
        .text(`${this.brief.workspace.name} · ${text.confidential}`, MARGIN, y, {
          width: this.width / 2 + 60,
          lineBreak: false,
        })
        .text(text.page(index - range.start + 1, range.count), MARGIN, y, {
          width: this.width,
          align: 'right',
          lineBreak: false,
        })
      doc.page.margins.bottom = bottom
    }
    doc.fillColor('black')
  }
}
