import type { DomainHandlers } from './context'

export const postingHandlers = {
  reference: (_input, { services }) => services.postings.reference(),
  list: (filter, { services }) => services.postings.list(filter),
  get: ({ id }, { services }) => services.postings.get(id),
  parse: ({ text, file }, { services }) =>
    services.postings.parse(
      file ? { fileName: file.fileName, bytes: Buffer.from(file.contentBase64, 'base64') } : { text: text ?? '' },
    ),
  create: (input, { services }) => services.postings.create(input),
  createFromLevel: (input, { services }) => services.postings.createFromLevel(input),
  update: (input, { services }) => services.postings.update(input),
  setStatus: ({ id, status }, { services }) => services.postings.setStatus(id, status),
  duplicate: ({ id }, { services }) => services.postings.duplicate(id),
  delete: ({ id }, { services }) => services.postings.delete(id),
  addRequirement: (input, { services }) => services.postings.addRequirement(input),
  updateRequirement: (input, { services }) => services.postings.updateRequirement(input),
  removeRequirement: ({ id }, { services }) => services.postings.removeRequirement(id),
  restoreRequirement: (input, { services }) => services.postings.restoreRequirement(input),
  moveRequirement: (input, { services }) => services.postings.moveRequirement(input),
} satisfies DomainHandlers<'postings'>
