import type { DomainHandlers } from './context'

const bytesOf = (contentBase64: string) => Buffer.from(contentBase64, 'base64')

export const scorecardHandlers = {
  get: ({ interviewId, reveal }, { services }) => services.scorecards.get(interviewId, reveal),
  saveDraft: ({ interviewId, content }, { services }) => services.scorecards.saveDraft(interviewId, content),
  submit: ({ interviewId, content }, { services }) => services.scorecards.submit(interviewId, content),
  amend: ({ interviewId }, { services }) => services.scorecards.amend(interviewId),
  discardAmendment: ({ interviewId }, { services }) => services.scorecards.discardAmendment(interviewId),
  import: ({ file }, { services }) => services.scorecards.importFile(file.fileName, bytesOf(file.contentBase64)),
  openPacket: ({ file }, { services }) =>
    services.externalInterviews.openPacket(file.fileName, bytesOf(file.contentBase64)),
  externalList: (_input, { services }) => services.externalInterviews.list(),
  external: ({ id }, { services }) => services.externalInterviews.get(id),
  saveExternal: ({ id, content }, { services }) => services.externalInterviews.save(id, content),
  exportExternal: ({ id }, { services }) => services.externalInterviews.exportScorecard(id),
  externalKit: ({ id, language }, { services }) => services.externalInterviews.kit(id, language),
  removeExternal: ({ id }, { services }) => services.externalInterviews.remove(id),
} satisfies DomainHandlers<'scorecards'>
