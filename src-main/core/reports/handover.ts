import type { EvidenceSource, FitDto, Recommendation } from '@contract'
import type { AssessmentService } from '../assessments/service'
import type { CandidateService } from '../candidates/service'
import type { ComparisonHeatmap } from '../exports/pdf/heatmap-pdf'
import type { CandidatePacket, PacketScorecard } from '../exports/pdf/packet-pdf'
import type { Provenance } from '../exports/table'
import type { InterviewService } from '../interviews/service'

/** The services a hiring-committee document is drawn from. */
export interface HandoverSources {
  assessments: AssessmentService
  candidates: CandidateService
  interviews: InterviewService
}

type MakeProvenance = (title: string, filters: string) => Promise<Provenance>

const SECTIONS: Record<string, string> = {
  responsibility: 'Responsibility',
  requirement: 'Requirement',
  nice_to_have: 'Nice to have',
}
const SOURCES: Record<EvidenceSource, string> = {
  resume: 'Résumé',
  screen: 'Screen',
  interview: 'Interview',
  reference: 'Reference',
  other: 'Other',
}
const RECOMMENDATIONS: Record<Recommendation, string> = {
  strong_no: 'Strong no',
  no: 'No',
  yes: 'Yes',
  strong_yes: 'Strong yes',
}

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '')

export const describeFit = (fit: FitDto): string =>
  [
    `Must-haves met: ${fit.mustHavesMet} of ${fit.mustHavesTotal}`,
    `score ${fit.score}`,
    `assessed ${fit.assessed} of ${fit.total}`,
    ...(fit.knockedOut ? ['knocked out: a must-have is not met'] : []),
  ].join(' · ')

/**
 * Profile, requirement matrix with evidence and scorecard summary of one application. Scorecards follow the
 * same independence rule as the debrief: they are left out until the local person may see them.
 */
export async function candidatePacket(
  sources: HandoverSources,
  applicationId: number,
  provenance: MakeProvenance,
): Promise<CandidatePacket> {
  const sheet = await sources.assessments.sheet(applicationId)
  const candidate = await sources.candidates.get(sheet.application.candidateId)
  const application = candidate.applications.find((entry) => entry.id === applicationId)
  const debrief = await sources.interviews.debrief(applicationId, false)
  const scorecards = debrief.scorecards.map((card): PacketScorecard => ({
    step: card.stepName,
    interviewer: card.interviewerName,
    recommendation: RECOMMENDATIONS[card.recommendation],
    submittedAt: day(card.submittedAt),
    ratings: debrief.items.flatMap((item) =>
      item.ratings
        .filter((rating) => rating.interviewId === card.interviewId)
        .map((rating) => ({ item: item.label, score: rating.rating })),
    ),
    notes: card.keyTakeaways,
  }))
  return {
    provenance: await provenance(
      `Candidate packet: ${sheet.application.candidateName}`,
      `Application #${applicationId} to ${sheet.application.postingTitle}`,
    ),
    candidate: {
      name: candidate.name,
      details: [
        ['E-mail', candidate.emails.join(', ')],
        ['Phone', candidate.phones.join(', ')],
        ['Links', candidate.links.join(', ')],
        ['Location', candidate.location],
        ['Tags', candidate.tags.join(', ')],
      ],
    },
    application: [
      ['Posting', sheet.application.postingTitle],
      ['Stage', sheet.application.stageName],
      ['Status', sheet.application.status],
      ['Source', application?.source ?? ''],
      ['Applied', day(application?.createdAt ?? null)],
    ],
    fit: describeFit(sheet.fit),
    requirements: sheet.items
      .filter((item) => !item.archived)
      .map((item) => ({
        section: SECTIONS[item.requirement.section] ?? item.requirement.section,
        text: item.requirement.text,
        mustHave: item.requirement.mustHave,
        rating: item.assessment.rating,
        evidence: item.assessment.evidence,
        evidenceSource: item.assessment.source
          ? [SOURCES[item.assessment.source], item.assessment.authorName, day(item.assessment.updatedAt)]
              .filter(Boolean)
              .join(' · ')
          : '',
      })),
    scorecards,
    scorecardNote:
      debrief.access === 'locked'
        ? 'Scorecards stay hidden until you have submitted your own for this application.'
        : debrief.waitingFor.length > 0
          ? `Still waiting for: ${debrief.waitingFor.map((entry) => `${entry.stepName} (${entry.interviewerName})`).join(', ')}.`
          : null,
  }
}

/** Applicants against the posting's requirements, each cell a rating: the comparison as a page. */
export async function comparisonHeatmap(
  sources: HandoverSources,
  postingId: number,
  applicationIds: number[],
  provenance: MakeProvenance,
): Promise<ComparisonHeatmap> {
  const compare = await sources.assessments.compare(postingId, applicationIds)
  return {
    provenance: await provenance(
      `Comparison: ${compare.postingTitle}`,
      `${compare.applicants.length} applicants of posting #${postingId}`,
    ),
    requirements: compare.requirements.map((requirement) => ({
      text: requirement.text,
      mustHave: requirement.mustHave,
    })),
    applicants: compare.applicants.map((applicant) => ({
      name: applicant.candidateName,
      detail: `${applicant.stageName} · ${describeFit(applicant.fit)}`,
      ratings: compare.requirements.map((requirement) => applicant.cells[requirement.id]?.rating ?? 'unknown'),
    })),
  }
}
