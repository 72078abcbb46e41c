import type { FitDto, ReportLanguage } from '@contract'
import type { AssessmentService } from '../assessments/service'
import type { CandidateService } from '../candidates/service'
import type { ComparisonHeatmap } from '../exports/pdf/heatmap-pdf'
import type { CandidatePacket, PacketScorecard } from '../exports/pdf/packet-pdf'
import type { Provenance } from '../exports/table'
import type { InterviewService } from '../interviews/service'
import { labelsFor, type LabelKey, type Labels } from './labels'

/** The services a hiring-committee document is drawn from. */
export interface HandoverSources {
  assessments: AssessmentService
  candidates: CandidateService
  interviews: InterviewService
}

type MakeProvenance = (title: string, filters: string) => Promise<Provenance>

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '')

// Closed lists come from the database as codes; an unexpected one is printed as it is rather than failing the PDF.
const word = (label: Labels, group: 'sections' | 'evidenceSources' | 'recommendations' | 'statuses', code: string) => {
  try {
    return label(`${group}.${code}` as LabelKey)
  } catch {
    return code
  }
}

export const describeFit = (fit: FitDto, label: Labels): string =>
  [
    label('fit.mustHaves', { met: fit.mustHavesMet, total: fit.mustHavesTotal }),
    label('fit.score', { score: fit.score }),
    label('fit.assessed', { assessed: fit.assessed, total: fit.total }),
    ...(fit.knockedOut ? [label('fit.knockedOut')] : []),
  ].join(' · ')

/**
 * Profile, requirement matrix with evidence and scorecard summary of one application. Scorecards follow the
 * same independence rule as the debrief: they are left out until the local person may see them.
 */
export async function candidatePacket(
  sources: HandoverSources,
  applicationId: number,
  provenance: MakeProvenance,
  language: ReportLanguage = 'en',
): Promise<CandidatePacket> {
  const label = labelsFor(language)
  const sheet = await sources.assessments.sheet(applicationId)
  const candidate = await sources.candidates.get(sheet.application.candidateId)
  const application = candidate.applications.find((entry) => entry.id === applicationId)
  const debrief = await sources.interviews.debrief(applicationId, false)
  const scorecards = debrief.scorecards.map((card): PacketScorecard => ({
    step: card.stepName,
    interviewer: card.interviewerName,
    recommendation: word(label, 'recommendations', card.recommendation),
    submittedAt: day(card.submittedAt),
    ratings: debrief.items.flatMap((item) =>
      item.ratings
        .filter((rating) => rating.interviewId === card.interviewId)
        .map((rating) => ({ item: item.label, score: rating.rating })),
    ),
    notes: card.keyTakeaways,
  }))
  return {
    language,
    provenance: await provenance(
      label('packet.title', { name: sheet.application.candidateName }),
      label('packet.filters', { id: applicationId, posting: sheet.application.postingTitle }),
    ),
    candidate: {
      name: candidate.name,
      details: [
        [label('packet.email'), candidate.emails.join(', ')],
        [label('packet.phone'), candidate.phones.join(', ')],
        [label('packet.links'), candidate.links.join(', ')],
        [label('packet.location'), candidate.location],
        [label('packet.tags'), candidate.tags.join(', ')],
      ],
    },
    application: [
      [label('packet.posting'), sheet.application.postingTitle],
      [label('packet.stage'), sheet.application.stageName],
      [label('packet.status'), word(label, 'statuses', sheet.application.status)],
      [label('packet.source'), application?.source ?? ''],
      [label('packet.applied'), day(application?.createdAt ?? null)],
    ],
    fit: describeFit(sheet.fit, label),
    requirements: sheet.items
      .filter((item) => !item.archived)
      .map((item) => ({
        section: word(label, 'sections', item.requirement.section),
        text: item.requirement.text,
        mustHave: item.requirement.mustHave,
        rating: item.assessment.rating,
        evidence: item.assessment.evidence,
        evidenceSource: item.assessment.source
          ? [
              word(label, 'evidenceSources', item.assessment.source),
              item.assessment.authorName,
              day(item.assessment.updatedAt),
            ]
              .filter(Boolean)
              .join(' · ')
          : '',
      })),
    scorecards,
    scorecardNote:
      debrief.access === 'locked'
        ? label('packet.locked')
        : debrief.waitingFor.length > 0
          ? label('packet.waitingFor', {
              list: debrief.waitingFor.map((entry) => `${entry.stepName} (${entry.interviewerName})`).join(', '),
            })
          : null,
  }
}

/** Applicants against the posting's requirements, each cell a rating: the comparison as a page. */
export async function comparisonHeatmap(
  sources: HandoverSources,
  postingId: number,
  applicationIds: number[],
  provenance: MakeProvenance,
  language: ReportLanguage = 'en',
): Promise<ComparisonHeatmap> {
  const label = labelsFor(language)
  const compare = await sources.assessments.compare(postingId, applicationIds)
  return {
    language,
    provenance: await provenance(
      label('heatmap.title', { posting: compare.postingTitle }),
      label('heatmap.filters', { count: compare.applicants.length, id: postingId }),
    ),
    requirements: compare.requirements.map((requirement) => ({
      text: requirement.text,
      mustHave: requirement.mustHave,
    })),
    applicants: compare.applicants.map((applicant) => ({
      name: applicant.candidateName,
      detail: `${applicant.stageName} · ${describeFit(applicant.fit, label)}`,
      ratings: compare.requirements.map((requirement) => applicant.cells[requirement.id]?.rating ?? 'unknown'),
    })),
  }
}
