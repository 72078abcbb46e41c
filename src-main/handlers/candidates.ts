import type { DomainHandlers } from './context'

const bytesOf = (contentBase64: string) => Buffer.from(contentBase64, 'base64')

export const candidateHandlers = {
  list: (input, { services }) => services.candidates.list(input),
  facets: (_input, { services }) => services.candidates.facets(),
  get: ({ id }, { services }) => services.candidates.get(id),
  create: (input, { services }) => services.candidates.create(input),
  update: (input, { services }) => services.candidates.update(input),
  findDuplicates: (input, { services }) => services.candidates.findDuplicates(input),
  merge: ({ keepId, mergeId }, { services }) => services.candidates.merge(keepId, mergeId),
  addNote: ({ candidateId, body }, { services }) => services.candidates.addNote(candidateId, body),
  updateNote: ({ id, body }, { services }) => services.candidates.updateNote(id, body),
  attachDocument: ({ candidateId, fileName, contentBase64 }, { services }) =>
    services.candidates.attachDocument({ candidateId, fileName, bytes: bytesOf(contentBase64) }),
  documentText: ({ id }, { services }) => services.candidates.documentText(id),
  documentFile: ({ id }, { services }) => services.documentFiles.original(id),
  importResume: ({ fileName, contentBase64, postingId, consent }, { services }) =>
    services.candidates.importResume({ fileName, bytes: bytesOf(contentBase64), postingId, consent }),
  csvUpload: ({ fileName, contentBase64 }, { services }) => services.csvImport.upload(fileName, bytesOf(contentBase64)),
  csvPreview: ({ uploadId, mapping, encoding }, { services }) =>
    services.csvImport.preview(uploadId, mapping, encoding),
  csvImport: ({ uploadId, mapping, mode, rowCount, fileName, encoding }, { services }) =>
    services.csvImport.startImport(uploadId, { mapping, mode, rowCount: rowCount ?? null, fileName, encoding }),
  search: ({ query, limit }, { services }) => services.candidates.search(query, limit),
} satisfies DomainHandlers<'candidates'>
