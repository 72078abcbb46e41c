import type { ReportLanguage } from '@contract/closed-lists'
import type { AccessExport } from '../../privacy/access-export'
import { labelsFor, provenanceNames, type LabelKey, type Labels } from '../../reports/labels'
import { createPdf, heading, paragraph, provenanceBlock, savePdf, table, title, type PdfFonts } from './pdf-document'

const lines = (rows: readonly [string, string | number | null][]): string =>
  rows.map(([label, value]) => `${label}: ${value === null || value === '' ? '—' : String(value)}`).join('\n')

// The export holds closed-list codes; one this build does not know is printed as it is.
const word = (label: Labels, group: 'ratings' | 'recommendations' | 'statuses', code: string | null) => {
  if (code === null) return null
  try {
    return label(`${group}.${code}` as LabelKey)
  } catch {
    return code
  }
}

/** The readable answer to an access request: the same content as the JSON export, section by section. */
export async function writeAccessPdf(
  path: string,
  fonts: PdfFonts,
  data: AccessExport,
  language: ReportLanguage = 'en',
): Promise<void> {
  const label = labelsFor(language)
  const provenance = {
    title: label('access.title', { id: data.candidate.id }),
    generatedAt: data.generatedAt,
    workspace: data.workspace,
    filters: label('access.filters', { id: data.candidate.id }),
    appVersion: data.appVersion,
    names: provenanceNames(label),
  }
  const doc = createPdf(fonts, provenance)
  title(doc, data.candidate.name)
  provenanceBlock(doc, provenance)
  heading(doc, label('access.profile'))
  paragraph(
    doc,
    lines([
      [label('access.email'), data.candidate.emails.join(', ')],
      [label('access.phone'), data.candidate.phones.join(', ')],
      [label('access.links'), data.candidate.links.join(', ')],
      [label('access.tags'), data.candidate.tags.join(', ')],
      [label('access.location'), data.candidate.location],
      [label('access.source'), data.candidate.source],
      [label('access.created'), data.candidate.createdAt],
      [label('access.updated'), data.candidate.updatedAt],
    ]),
  )
  heading(doc, label('access.consent'))
  paragraph(
    doc,
    lines([
      [label('access.origin'), data.privacy.origin],
      [label('access.legalBasis'), data.privacy.legalBasis],
      [label('access.consentGivenOn'), data.privacy.consentGivenOn],
      [label('access.consentExpiresOn'), data.privacy.consentExpiresOn],
      [label('access.retainUntil'), data.privacy.retainUntil],
      [label('access.note'), data.privacy.note],
    ]),
  )
  heading(doc, label('access.notes'))
  if (data.notes.length === 0) paragraph(doc, label('access.none'), { muted: true })
  for (const note of data.notes) paragraph(doc, `${note.createdAt} (${note.by ?? '—'}): ${note.body}`)
  heading(doc, label('access.documents'))
  if (data.documents.length === 0) paragraph(doc, label('access.none'), { muted: true })
  for (const document of data.documents) {
    paragraph(doc, label('access.document', { name: document.fileName, size: document.size, date: document.addedAt }))
    paragraph(doc, document.text, { maxChars: 20_000, muted: true })
  }
  heading(doc, label('access.applications'))
  if (data.applications.length === 0) paragraph(doc, label('access.none'), { muted: true })
  for (const application of data.applications) {
    paragraph(
      doc,
      lines([
        [label('access.posting'), application.posting.title],
        [label('access.stage'), application.stage],
        [label('access.status'), word(label, 'statuses', application.status)],
        [label('access.reason'), application.reason],
        [label('access.applied'), application.appliedAt],
        [label('access.closed'), application.closedAt],
      ]),
    )
    if (application.stageHistory.length > 0) {
      table(
        doc,
        [
          { label: label('access.when'), type: 'text' },
          { label: label('access.from'), type: 'text' },
          { label: label('access.to'), type: 'text' },
          { label: label('access.status'), type: 'text' },
        ],
        application.stageHistory.map((event) => [
          event.at,
          event.fromStage,
          event.toStage,
          word(label, 'statuses', event.toStatus),
        ]),
      )
    }
    for (const assessment of application.assessments) {
      paragraph(
        doc,
        `${assessment.requirement} — ${word(label, 'ratings', assessment.rating)}${assessment.evidence ? `: ${assessment.evidence}` : ''}`,
      )
    }
    for (const interview of application.interviews) {
      for (const card of interview.scorecards) {
        paragraph(
          doc,
          [
            label('access.scorecard', {
              step: interview.step,
              interviewer: interview.interviewer,
              version: card.version,
              recommendation: word(label, 'recommendations', card.recommendation) ?? '—',
            }),
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
  heading(doc, label('access.history'))
  table(
    doc,
    [
      { label: label('access.when'), type: 'text' },
      { label: label('access.who'), type: 'text' },
      { label: label('access.what'), type: 'text' },
    ],
    data.history.map((entry) => [entry.at, entry.by, `${entry.about}: ${entry.action}`]),
  )
  await savePdf(doc, path, provenance.title)
}
