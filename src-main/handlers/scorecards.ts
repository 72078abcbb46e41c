import type { DomainHandlers } from './context'

const bytesOf = (contentBase64: string) => Buffer.from(contentBase64, 'base64')

export const scorecardHandlers = {
  openPacket: ({ file }, { services }) =>
    services.externalInterviews.openPacket(file.fileName, bytesOf(file.contentBase64)),
  externalList: (_input, { services }) => services.externalInterviews.list(),
  external: ({ id }, { services }) => services.externalInterviews.get(id),
  saveExternal: ({ id, content }, { services }) => services.externalInterviews.save(id, content),
  exportExternal: ({ id }, { services }) => services.externalInterviews.exportScorecard(id),
  externalKit: ({ id, language }, { services }) => services.externalInterviews.kit(id, language),
  removeExternal: ({ id }, { services }) => services.externalInterviews.remove(id),
} satisfies DomainHandlers<'scorecards'>
