import { z } from 'zod'
import { byId, empty, fileUpload, id, name, text, type FileDownloadDto } from './common'
import { hiringTeam, panel, recruiters } from './access'
import { returns } from './define'
import { consentInput, type ConsentDto } from './privacy'
import type { ApplicationDto } from './applications'
import type { JobDto } from './jobs'
import type { IssueDto } from './result'
import {
  candidateSortColumns,
  csvFields,
  importModes,
  sortDirections,
  textEncodings,
  type CsvField,
  type DocumentKind,
  type DocumentStatus,
  type ImportMode,
  type TextEncodingName,
} from './closed-lists'

export {
  candidateSortColumns,
  csvFields,
  documentStatuses,
  importModes,
  resumeExtensions,
  sortDirections,
  type CandidateSortColumn,
  type CsvField,
  type DocumentStatus,
  type ImportMode,
  type ResumeExtension,
  type SortDirection,
} from './closed-lists'

/** One line of the all-candidates table. */
export interface CandidateRowDto {
  id: number
  name: string
  email: string | null
  phone: string | null
  location: string
  source: string
  tags: string[]
  documents: number
  createdAt: string
  updatedAt: string
}

export interface CandidatePageDto {
  rows: CandidateRowDto[]
  /** Rows matching the filter, for the scroll height. */
  total: number
  offset: number
}

export interface DocumentDto {
  id: number
  candidateId: number
  fileName: string
  sha256: string
  size: number
  kind: DocumentKind | null
  status: DocumentStatus
  /** Why the text could not be read; the file is kept all the same. */
  error: { code: string; message: string } | null
  pages: number | null
  warnings: string[]
  textLength: number
  createdAt: string
}

export interface DocumentTextDto {
  id: number
  fileName: string
  text: string
}

export interface NoteDto {
  id: number
  body: string
  createdAt: string
  updatedAt: string
  author: string | null
}

export interface ActivityDto {
  id: number
  at: string
  person: string | null
  action: string
  detail: Record<string, unknown>
}

export type DuplicateReason = 'email' | 'phone' | 'name'

export interface DuplicateDto {
  id: number
  name: string
  emails: string[]
  reasons: DuplicateReason[]
}

export interface CandidateDetailDto {
  id: number
  name: string
  location: string
  source: string
  emails: string[]
  phones: string[]
  links: string[]
  tags: string[]
  createdAt: string
  updatedAt: string
  documents: DocumentDto[]
  notes: NoteDto[]
  /** Newest first. */
  activity: ActivityDto[]
  duplicates: DuplicateDto[]
  /** Newest first, merged leftovers excluded. */
  applications: ApplicationDto[]
  /** Consent, legal basis and retention; `erasedAt` once the candidate was erased. */
  privacy: ConsentDto
}

/** Contact fields found in a document that the profile does not have yet, for the user to confirm. */
export interface ContactSuggestionsDto {
  name: string | null
  emails: string[]
  phones: string[]
  links: string[]
}

export interface AttachResultDto {
  document: DocumentDto
  suggestions: ContactSuggestionsDto
}

export interface ResumeImportResultDto {
  /**
   * created: a new candidate; attached: the file's e-mail or phone matched someone already known;
   * known: this very file was imported before (only with a posting: its candidate is then added to it).
   */
  outcome: 'created' | 'attached' | 'known'
  candidateId: number
  candidateName: string
  document: DocumentDto
  /** With a posting: the application it got (`added: false` when the candidate had already applied). */
  application: { id: number; added: boolean } | null
}

/** Plain text and the ranges to highlight in it: the renderer never receives markup. */
export interface HighlightedTextDto {
  text: string
  highlights: [start: number, end: number][]
}

export type SearchField = 'name' | 'contact' | 'documents' | 'notes'

export interface SearchHitDto {
  id: number
  name: HighlightedTextDto
  email: string | null
  field: SearchField
  snippet: HighlightedTextDto
}

export interface CandidateFacetsDto {
  tags: string[]
  sources: string[]
}

export interface CsvPreviewRowDto {
  /** Line in the file, counting the header as line 1. */
  line: number
  values: string[]
  errors: string[]
  /** The known candidate whose e-mail or phone the row has: importing it creates nobody. */
  known: { candidateId: number; name: string } | null
}

export interface CsvPreviewDto {
  uploadId: string
  fileName: string
  /** The encoding the rows were read in: the one chosen, else the one detected. */
  encoding: TextEncodingName
  /** The encoding detected from the file's first bytes. */
  detectedEncoding: TextEncodingName
  headers: string[]
  /** The field each column goes to (null: ignored), as suggested or as given. */
  mapping: (CsvField | null)[]
  rows: CsvPreviewRowDto[]
  /** Data rows in the file. */
  rowCount: number
}

export interface CsvImportResultDto {
  mode: ImportMode
  /** The encoding the file was read in. */
  encoding: TextEncodingName
  rows: number
  created: number
  /** Rows whose e-mail or phone matched a candidate already known (or an earlier row): not created again. */
  existing: number
  skipped: number
  /** The first rows that matched a known candidate (or an earlier row), by line. */
  known: { line: number; candidateId: number; name: string }[]
  /** The first problems, by line; `errorCount` counts them all. */
  errors: IssueDto[]
  errorCount: number
  /**
   * Set when a skip_invalid import stopped partway (cancelled, or failed): the counts above are then exactly
   * what its committed batches hold, the lines up to `afterLine`; nothing after that line was imported.
   */
  stopped?: { reason: 'cancelled' | 'failed'; afterLine: number }
}

export const CSV_MAX_BYTES = 40 * 1_048_576
export const RESUME_MAX_BYTES = 20 * 1_048_576

const email = z.string().trim().toLowerCase().max(320).pipe(z.email('Not an email address'))
const shortText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Too long (at most ${max} characters)`)
    .refine((value) => !/[\r\n]/.test(value), 'Must be a single line')

const candidateFields = {
  name: name(200),
  emails: z.array(email).max(20).default([]),
  phones: z.array(z.string().trim().min(1, 'Required').max(40)).max(20).default([]),
  links: z.array(z.string().trim().min(1, 'Required').max(500)).max(30).default([]),
  location: shortText(200).default(''),
  source: shortText(100).default(''),
  tags: z
    .array(shortText(60).pipe(z.string().min(1, 'Required')))
    .max(50)
    .default([]),
}

export const candidatesContract = {
  list: {
    access: recruiters,
    input: z
      .object({
        offset: z.number().int().nonnegative().max(10_000_000).default(0),
        limit: z.number().int().min(1).max(500).default(100),
        sort: z.enum(candidateSortColumns).default('name'),
        direction: z.enum(sortDirections).default('asc'),
        text: z.string().trim().max(200).default(''),
        tag: z.string().trim().max(60).default(''),
        source: z.string().trim().max(100).default(''),
      })
      .strict(),
    output: returns<CandidatePageDto>(),
  },
  facets: { access: recruiters, input: empty, output: returns<CandidateFacetsDto>() },
  get: { access: panel, input: byId, output: returns<CandidateDetailDto>() },
  create: {
    access: recruiters,
    input: z
      .object({
        ...candidateFields,
        ifDuplicate: z.enum(['refuse', 'create']).default('refuse'),
        consent: consentInput.optional(),
      })
      .strict(),
    output: returns<CandidateDetailDto>(),
  },
  update: {
    access: recruiters,
    input: z.object({ id, ...candidateFields }).strict(),
    output: returns<CandidateDetailDto>(),
  },
  findDuplicates: {
    access: recruiters,
    input: z
      .object({
        name: z.string().trim().max(200).default(''),
        emails: z.array(z.string().trim().max(320)).max(20).default([]),
        phones: z.array(z.string().trim().max(40)).max(20).default([]),
        excludeId: id.optional(),
      })
      .strict(),
    output: returns<DuplicateDto[]>(),
  },
  merge: {
    access: recruiters,
    input: z
      .object({ keepId: id, mergeId: id })
      .strict()
      .refine((value) => value.keepId !== value.mergeId, {
        message: 'A candidate cannot be merged into itself',
        path: ['mergeId'],
      }),
    output: returns<CandidateDetailDto>(),
  },
  addNote: {
    access: hiringTeam,
    input: z.object({ candidateId: id, body: text(20_000).pipe(z.string().trim().min(1, 'Required')) }).strict(),
    output: returns<NoteDto>(),
  },
  updateNote: {
    access: hiringTeam,
    input: z.object({ id, body: text(20_000).pipe(z.string().trim().min(1, 'Required')) }).strict(),
    output: returns<NoteDto>(),
  },
  attachDocument: {
    access: recruiters,
    input: fileUpload(RESUME_MAX_BYTES).extend({ candidateId: id }).strict(),
    output: returns<AttachResultDto>(),
  },
  documentText: { access: panel, input: byId, output: returns<DocumentTextDto>() },
  /** The file as it was received (PDF, DOCX, text), to open or save. */
  documentFile: { access: panel, input: byId, output: returns<FileDownloadDto>() },
  /** With `postingId`, the candidate also applies to that posting (in the same transaction). */
  importResume: {
    access: recruiters,
    input: fileUpload(RESUME_MAX_BYTES).extend({ postingId: id.optional(), consent: consentInput.optional() }).strict(),
    output: returns<ResumeImportResultDto>(),
  },
  csvUpload: { access: recruiters, input: fileUpload(CSV_MAX_BYTES), output: returns<CsvPreviewDto>() },
  csvPreview: {
    access: recruiters,
    input: z
      .object({
        uploadId: z.uuid(),
        mapping: z.array(z.enum(csvFields).nullable()).max(200),
        /** Read the file in this encoding instead of the detected one. */
        encoding: z.enum(textEncodings).optional(),
      })
      .strict(),
    output: returns<CsvPreviewDto>(),
  },
  csvImport: {
    access: recruiters,
    input: z
      .object({
        uploadId: z.uuid(),
        mapping: z.array(z.enum(csvFields).nullable()).max(200),
        mode: z.enum(importModes),
        /** From the preview: the progress bar's total and the name the messages use. */
        rowCount: z.number().int().nonnegative().optional(),
        fileName: z.string().trim().min(1).max(255).optional(),
        encoding: z.enum(textEncodings).optional(),
      })
      .strict(),
    output: returns<JobDto>(),
  },
  search: {
    access: recruiters,
    input: z.object({ query: z.string().max(200), limit: z.number().int().min(1).max(50).default(20) }).strict(),
    output: returns<SearchHitDto[]>(),
  },
}
