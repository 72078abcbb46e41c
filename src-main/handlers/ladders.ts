import type { DomainHandlers } from './context'

export const ladderHandlers = {
  list: (_input, { services }) => services.ladders.list(),
  get: ({ id }, { services }) => services.ladders.get(id),
  create: (input, { services }) => services.ladders.create(input),
  update: (input, { services }) => services.ladders.update(input),
  delete: ({ id }, { services }) => services.ladders.delete(id),
  addLevel: (input, { services }) => services.ladders.addLevel(input),
  updateLevel: (input, { services }) => services.ladders.updateLevel(input),
  removeLevel: ({ id }, { services }) => services.ladders.removeLevel(id),
  reorderLevels: ({ ladderId, levelIds }, { services }) => services.ladders.reorderLevels(ladderId, levelIds),
  addCompetency: (input, { services }) => services.ladders.addCompetency(input),
  updateCompetency: (input, { services }) => services.ladders.updateCompetency(input),
  removeCompetency: ({ id }, { services }) => services.ladders.removeCompetency(id),
  reorderCompetencies: ({ ladderId, competencyIds }, { services }) =>
    services.ladders.reorderCompetencies(ladderId, competencyIds),
  setExpectation: (input, { services }) => services.ladders.setExpectation(input),
  import: ({ fileName, contentBase64, format, name }, { services }) =>
    services.ladders.importFile({ fileName, bytes: Buffer.from(contentBase64, 'base64'), format, name }),
  export: ({ id, format }, { services }) => services.ladders.exportFile(id, format),
} satisfies DomainHandlers<'ladders'>
