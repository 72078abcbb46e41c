import type { DomainHandlers } from './context'

export const stageHandlers = {
  list: ({ postingId }, { services }) => services.stages.list(postingId),
  add: (input, { services }) => services.stages.add(input),
  rename: ({ id, name }, { services }) => services.stages.rename(id, name),
  reorder: ({ postingId, stageIds }, { services }) => services.stages.reorder(postingId, stageIds),
  remove: ({ id }, { services }) => services.stages.remove(id),
} satisfies DomainHandlers<'stages'>

export const applicationHandlers = {
  list: (input, { services }) => services.applications.list(input),
  facets: ({ postingId }, { services }) => services.applications.facets(postingId),
  get: ({ id }, { services }) => services.applications.get(id),
  add: (input, { services }) => services.applications.add(input),
  addMany: ({ postingId, candidateIds }, { services }) => services.applications.addMany(postingId, candidateIds),
  bulk: (input, { services }) => services.applications.bulk(input),
  undo: ({ token }, { services }) => services.applications.undo(token),
  move: ({ id, stageId, reason, fromStageId }, { services }) =>
    services.applications.move(id, stageId, reason, fromStageId),
  setStatus: ({ id, status, reason, stageId }, { services }) =>
    services.applications.setStatus(id, status, reason, stageId),
} satisfies DomainHandlers<'applications'>
