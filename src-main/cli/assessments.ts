import type { ApplicationAssessmentReport } from '../core/assessments/service'
import { type CliCommand, numberFlag, UsageError } from './command'

interface SuggestionLine {
  requirementId: number
  requirement: string
  key: string
  kind: string
  rating: string
  confidence: number
  reason: string
  snippet: string
  documentId: number
  ranges: { start: number; end: number }[]
  dismissed: boolean
}

export const assessmentCommands: CliCommand[] = [
  {
    name: 'applications assess',
    usage: 'applications assess --posting ID',
    summary: "A posting's applicants by name: stage, fit and, per requirement, rating and evidence.",
    positionals: 0,
    options: { posting: { type: 'string' } },
    tooling: true,
    run: async ({ services, args }) => {
      const postingId = numberFlag(args, 'posting')
      if (typeof postingId !== 'number' || !Number.isSafeInteger(postingId) || postingId < 1)
        throw new UsageError('--posting ID is required: a posting id from "postings list".')
      const applicants: ApplicationAssessmentReport[] = []
      for await (const batch of services.assessments.postingReport(postingId)) applicants.push(...batch)
      return applicants
    },
    table: (applicants: ApplicationAssessmentReport[]) =>
      applicants.map((applicant) => ({
        application: applicant.applicationId,
        candidate: applicant.candidate,
        stage: applicant.stage,
        status: applicant.status,
        mustHaves: `${applicant.fit.mustHavesMet}/${applicant.fit.mustHavesTotal}`,
        score: applicant.fit.score,
        knockedOut: applicant.fit.knockedOut,
        assessed: `${applicant.fit.assessed}/${applicant.fit.total}`,
      })),
  },
  {
    name: 'applications suggest',
    usage: 'applications suggest --application ID',
    summary: "Evidence suggested by the candidate's résumé for each requirement (nothing is rated).",
    positionals: 0,
    options: { application: { type: 'string' } },
    channel: 'assessments:suggestions',
    run: async ({ call, args }): Promise<SuggestionLine[]> => {
      const applicationId = numberFlag(args, 'application')
      const sheet = await call('assessments:get', { applicationId })
      const texts = new Map(sheet.items.map((item) => [item.requirement.id, item.requirement.text]))
      return (await call('assessments:suggestions', { applicationId })).map((suggestion) => ({
        requirementId: suggestion.requirementId,
        requirement: texts.get(suggestion.requirementId) ?? '',
        key: suggestion.key,
        kind: suggestion.kind,
        rating: suggestion.rating,
        confidence: suggestion.confidence,
        reason: suggestion.reason,
        snippet: suggestion.snippet,
        documentId: suggestion.documentId,
        ranges: suggestion.ranges,
        dismissed: suggestion.dismissed,
      }))
    },
    table: (lines: SuggestionLine[]) =>
      lines.map((line) => ({
        requirement: line.requirement,
        rating: line.rating,
        confidence: line.confidence,
        reason: line.reason,
        dismissed: line.dismissed,
      })),
  },
]
