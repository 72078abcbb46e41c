import type { DomainHandlers } from './context'

export const assessmentHandlers = {
  get: ({ applicationId }, { services }) => services.assessments.sheet(applicationId),
  suggestions: ({ applicationId }, { services }) => services.assessments.suggestions(applicationId),
  rate: (input, { services }) => services.assessments.rate(input),
  acceptSuggestion: (input, { services }) => services.assessments.acceptSuggestion(input),
  dismissSuggestion: (input, { services }) => services.assessments.dismissSuggestion(input),
  compare: ({ postingId, applicationIds }, { services }) => services.assessments.compare(postingId, applicationIds),
} satisfies DomainHandlers<'assessments'>
