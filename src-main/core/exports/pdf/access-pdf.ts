import type { AccessExport } from '../../privacy/access-export'
import { createPdf, heading, paragraph, provenanceBlock, savePdf, table, title, type PdfFonts } from './pdf-document'

const lines = (rows: readonly [string, string | number | null][]): string =>
  rows.map(([label, value]) => `${label}: ${value === null || value === '' ? '—' : String(value)}`).join('\n')

/** The readable answer to an access request: the same content as the JSON export, section by section. */
export async function writeAccessPdf(path: string, fonts: PdfFonts, data: AccessExport): Promise<void> {
  const provenance = {
    title: `Personal data held about candidate ${data.candidate.id}`,
    generatedAt: data.generatedAt,
    workspace: data.workspace,
    filters: `Candidate ${data.candidate.id}`,
    appVersion: data.appVersion,
  }
  const doc = createPdf(fonts, provenance)
  title(doc, data.candidate.name)
  provenanceBlock(doc, provenance)
  heading(doc, 'Profile')
  paragraph(
    doc,
    lines([
      ['E-mail', data.candidate.emails.join(', ')],
      ['Phone', data.candidate.phones.join(', ')],
      ['Links', data.candidate.links.join(', ')],
      ['Tags', data.candidate.tags.join(', ')],
      ['Location', data.candidate.location],
      ['Source', data.candidate.source],
      ['Created', data.candidate.createdAt],
      ['Updated', data.candidate.updatedAt],
    ]),
  )
  heading(doc, 'Consent and legal basis')
  paragraph(
    doc,
    lines([
      ['How we got the data', data.privacy.origin],
      ['Legal basis', data.privacy.legalBasis],
      ['Consent given on', data.privacy.consentGivenOn],
      ['Consent expires on', data.privacy.consentExpiresOn],
      ['Kept until', data.privacy.retainUntil],
      ['Note', data.privacy.note],
    ]),
  )
  heading(doc, 'Notes')
  if (data.notes.length === 0) paragraph(doc, 'None.', { muted: true })
  for (const note of data.notes) paragraph(doc, `${note.createdAt} (${note.by ?? '—'}): ${note.body}`)
  heading(doc, 'Documents')
  if (data.documents.length === 0) paragraph(doc, 'None.', { muted: true })
  for (const document of data.documents) {
    paragraph(doc, `${document.fileName} — ${document.size} bytes, added ${document.addedAt}`)
    paragraph(doc, document.text, { maxChars: 20_000, muted: true })
  }
  heading(doc, 'Applications')
  if (data.applications.length === 0) paragraph(doc, 'None.', { muted: true })
  for (const application of data.applications) {
    paragraph(
      doc,
      lines([
        ['Posting', application.posting.title],
        ['Stage', application.stage],
        ['Status', application.status],
        ['Reason', application.reason],
        ['Applied', application.appliedAt],
        ['Closed', application.closedAt],
      ]),
    )
    if (application.stageHistory.length > 0) {
      table(
        doc,
        [
          { label: 'When', type: 'text' },
          { label: 'From', type: 'text' },
          { label: 'To', type: 'text' },
          { label: 'Status', type: 'text' },
        ],
        application.stageHistory.map((event) => [event.at, event.fromStage, event.toStage, event.toStatus]),
      )
    }
    for (const assessment of application.assessments) {
      paragraph(
        doc,
        `${assessment.requirement} — ${assessment.rating}${assessment.evidence ? `: ${assessment.evidence}` : ''}`,
      )
    }
    for (const interview of application.interviews) {
      for (const card of interview.scorecards) {
        paragraph(
          doc,
          [
            `${interview.step} (${interview.interviewer}), version ${card.version}: ${card.recommendation ?? '—'}`,
            card.keyTakeaways,
            ...card.ratings.map(
              (rating) => `${rating.item}: ${rating.rating ?? '—'}${rating.note ? ` — ${rating.note}` : ''}`,
            ),
          ]
            .filter(Boolean)
            .join('\n'),
        )
      }
    }
  }
  heading(doc, 'History')
  table(
    doc,
    [
      { label: 'When', type: 'text' },
      { label: 'Who', type: 'text' },
      { label: 'What', type: 'text' },
    ],
    data.history.map((entry) => [entry.at, entry.by, `${entry.about}: ${entry.action}`]),
  )
  await savePdf(doc, path, provenance.title)
}
