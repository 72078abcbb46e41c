import { ratingOf } from '../assessments/ratings'
import type { CandidateRow } from '../db/schema'
import type { PrivacyRepository } from './repository'

type AccessData = Awaited<ReturnType<PrivacyRepository['accessData']>>

const parse = (value: string): unknown => {
  try {
    return JSON.parse(value)
  } catch {
    return value
  }
}

/** The machine-readable answer to an access request: every field and every history entry about one person. */
export function buildAccessExport(input: {
  candidate: CandidateRow
  data: AccessData
  workspace: string
  appVersion: string
  generatedAt: string
}) {
  const { candidate, data } = input
  const applications = data.applications.map((application) => ({
    id: application.id,
    posting: { id: application.posting_id, title: application.posting_title },
    stage: application.stage,
    status: application.status,
    reason: application.reason,
    source: application.source,
    appliedAt: application.created_at,
    updatedAt: application.updated_at,
    closedAt: application.closed_at,
    mergedIntoApplicationId: application.merged_into_id,
    stageHistory: data.events
      .filter((event) => event.application_id === application.id)
      .map((event) => ({
        at: event.at,
        fromStage: event.from_stage,
        toStage: event.to_stage,
        fromStatus: event.from_status,
        toStatus: event.to_status,
        reason: event.reason,
        by: event.person,
      })),
    assessments: data.assessments
      .filter((row) => row.application_id === application.id)
      .map((row) => ({
        requirement: row.requirement,
        rating: ratingOf(row.rating),
        evidence: row.evidence,
        evidenceSource: row.source,
        by: row.author,
        at: row.updated_at,
      })),
    assessmentHistory: data.history
      .filter((row) => row.application_id === application.id)
      .map((row) => ({
        at: row.at,
        requirement: row.requirement,
        from: ratingOf(row.from_rating),
        to: ratingOf(row.to_rating),
        evidenceBefore: row.evidence_before,
        evidenceAfter: row.evidence_after,
        by: row.person,
      })),
    interviews: data.interviews
      .filter((row) => row.application_id === application.id)
      .map((interview) => ({
        step: interview.step,
        interviewer: interview.interviewer,
        scheduledAt: interview.scheduled_at,
        scorecards: data.scorecards
          .filter((card) => card.interview_id === interview.id)
          .map((card) => ({
            version: card.version,
            status: card.status,
            recommendation: card.recommendation,
            keyTakeaways: card.key_takeaways,
            submittedAt: card.submitted_at,
            ratings: data.ratings
              .filter((rating) => rating.scorecard_id === card.id)
              .map((rating) => ({ item: rating.label, rating: rating.rating, note: rating.note })),
          })),
      })),
  }))
  const counts = {
    profile: 1,
    contacts: data.emails.length + data.phones.length + data.links.length,
    tags: data.tags.length,
    notes: data.notes.length,
    documents: data.documents.length,
    applications: applications.length,
    assessments: data.assessments.length + data.history.length,
    interviews: data.interviews.length,
    scorecards: data.scorecards.length,
    activity: data.activity.length,
  }
  return {
    format: 'yardstick-access-export' as const,
    version: 1,
    generatedAt: input.generatedAt,
    workspace: input.workspace,
    appVersion: input.appVersion,
    counts,
    candidate: {
      id: candidate.id,
      name: candidate.name,
      location: candidate.location,
      source: candidate.source,
      createdAt: candidate.created_at,
      updatedAt: candidate.updated_at,
      erasedAt: candidate.erased_at,
      emails: data.emails.map((row) => row.email),
      phones: data.phones.map((row) => row.phone),
      links: data.links.map((row) => row.url),
      tags: data.tags.map((row) => row.tag),
    },
    privacy: {
      origin: candidate.origin,
      legalBasis: candidate.legal_basis,
      consentGivenOn: candidate.consent_given_on,
      consentExpiresOn: candidate.consent_expires_on,
      note: candidate.privacy_note,
      retainUntil: candidate.retain_until,
    },
    notes: data.notes.map((note) => ({
      body: note.body,
      by: note.author,
      createdAt: note.created_at,
      updatedAt: note.updated_at,
    })),
    documents: data.documents.map((doc) => ({
      fileName: doc.file_name,
      sha256: doc.sha256,
      size: doc.size,
      kind: doc.kind,
      status: doc.status,
      pages: doc.pages,
      addedAt: doc.created_at,
      text: doc.text,
    })),
    applications,
    history: data.activity.map((entry) => ({
      at: entry.at,
      by: entry.person,
      about: `${entry.entity_type} ${entry.entity_id ?? ''}`.trim(),
      action: entry.action,
      detail: parse(entry.detail),
    })),
    privacyAudit: data.audit.map((entry) => ({
      at: entry.at,
      by: entry.person,
      action: entry.action,
      dataKinds: parse(entry.data_kinds),
    })),
  }
}

export type AccessExport = ReturnType<typeof buildAccessExport>
