import { z } from 'zod'
import { byId, empty, fileUpload, id, name, text } from './common'
import { hiringTeam, recruiters, signedIn } from './access'
import { returns } from './define'
import {
  initialPostingStatuses,
  postingStatuses,
  remotePolicies,
  requirementSections,
  type DocumentKind,
  type PostingStatus,
  type RemotePolicy,
  type RequirementSection,
} from './closed-lists'
import { countryCodes, languageCodes } from './iso-codes'
import type { LevelRef, ParsedPosting, SkillMention } from './posting-parse'

export {
  assessedSections,
  initialPostingStatuses,
  postingFileExtensions,
  postingStatuses,
  remotePolicies,
  requirementSections,
  type AssessedSection,
  type PostingStatus,
  type RemotePolicy,
  type RequirementSection,
} from './closed-lists'

/**
 * Where a posting may go from each status. Once published a posting never returns to draft (applicants have
 * seen it); a closed posting can be reopened.
 */
export const statusTransitions: Readonly<Record<PostingStatus, readonly PostingStatus[]>> = {
  draft: ['open', 'closed'],
  open: ['paused', 'closed'],
  paused: ['open', 'closed'],
  closed: ['open'],
}

/** The weight a new item gets when none is given: what applicants are mostly measured on weighs most. */
export const defaultWeights: Readonly<Record<RequirementSection, number>> = {
  responsibility: 2,
  requirement: 3,
  nice_to_have: 1,
  benefit: 0,
  other: 0,
}
export const MAX_WEIGHT = 5
export const MAX_MIN_YEARS = 50

/** Same cap as document extraction: a bigger file is refused before it is read. */
export const POSTING_FILE_MAX_BYTES = 20 * 1_048_576
export const POSTING_TEXT_MAX_CHARS = 1_000_000
export const POSTING_MAX_REQUIREMENTS = 1000

export type SkillDto = SkillMention

export interface RequirementDto {
  id: number
  postingId: number
  section: RequirementSection
  /** 0-based order within its section. */
  position: number
  text: string
  mustHave: boolean
  preferred: boolean
  weight: number
  minYears: number | null
  skills: SkillDto[]
  /** A competency of the target level's ladder, or null. */
  competencyId: number | null
  createdAt: string
  updatedAt: string
}

export interface PostingSummaryDto {
  id: number
  title: string
  levelId: number
  levelTitle: string
  ladderId: number
  ladderName: string
  team: string
  /** ISO 639-1 */
  language: string
  /** ISO 3166-1 alpha-2 */
  countries: string[]
  remotePolicy: RemotePolicy
  status: PostingStatus
  createdAt: string
  updatedAt: string
  closedAt: string | null
  requirementCounts: Record<RequirementSection, number>
}

export interface PostingDto extends PostingSummaryDto {
  summary: string
  /** The text as pasted or extracted from the imported file; shown only as plain text. */
  originalText: string
  originalFileName: string | null
  /** Ordered by section, then position. */
  requirements: RequirementDto[]
}

/** A requirement change: the item as it is now (for a removal, as it was) and the posting's whole list after it. */
export interface RequirementChangeDto {
  requirement: RequirementDto
  requirements: RequirementDto[]
  /** Set by a removal: true when the item was archived (applicants were rated on it), false when deleted. */
  archived?: boolean
}

export interface SuggestedLevelDto extends LevelRef {
  ladderId: number
  ladderName: string
}

/** What `postings:parse` finds; nothing is saved until `postings:create`. */
export interface PostingParseResultDto {
  parsed: ParsedPosting
  originalText: string
  fileName: string | null
  source: 'pasted' | DocumentKind
  suggestedLevel: SuggestedLevelDto | null
  warnings: string[]
}

/** Lists and rules the renderer needs and may not import as values. */
export interface PostingReferenceDto {
  countries: string[]
  languages: string[]
  statusTransitions: Record<PostingStatus, PostingStatus[]>
  defaultWeights: Record<RequirementSection, number>
  maxFileBytes: number
  fileExtensions: string[]
}

const countrySet = new Set(countryCodes)
const languageSet = new Set(languageCodes)

const languageCode = z
  .string()
  .trim()
  .toLowerCase()
  .refine((code) => languageSet.has(code), 'Not an ISO 639-1 language code')
const countryCode = z
  .string()
  .trim()
  .toUpperCase()
  .refine((code) => countrySet.has(code), 'Not an ISO 3166-1 country code')

const singleLine = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Too long (at most ${max} characters)`)
    .refine((value) => !/[\r\n]/.test(value), 'Must be a single line')

const skill = z
  .object({
    name: name(120),
    alternatives: z.array(name(200)).max(20, 'At most 20 alternatives').default([]),
  })
  .strict()

const requirementFields = {
  text: z.string().trim().min(1, 'Required').max(2000, 'Too long (at most 2000 characters)'),
  mustHave: z.boolean().default(false),
  preferred: z.boolean().default(false),
  /** Omitted: the section's default weight. */
  weight: z.number().int().min(0).max(MAX_WEIGHT).optional(),
  minYears: z.number().int().min(0).max(MAX_MIN_YEARS).nullable().default(null),
  skills: z.array(skill).max(50, 'At most 50 skills').default([]),
  competencyId: id.nullable().default(null),
}

const exclusiveFlags = (value: { mustHave: boolean; preferred: boolean }, ctx: z.RefinementCtx) => {
  if (value.mustHave && value.preferred) {
    ctx.addIssue({ code: 'custom', path: ['preferred'], message: 'An item cannot be both a must-have and preferred' })
  }
}

const requirementInputSchema = z
  .object({ section: z.enum(requirementSections), ...requirementFields })
  .strict()
  .superRefine(exclusiveFlags)

const postingFields = {
  title: name(200),
  levelId: id,
  team: singleLine(200).default(''),
  language: languageCode,
  countries: z
    .array(countryCode)
    .max(countryCodes.length)
    .default([])
    .transform((codes) => [...new Set(codes)]),
  remotePolicy: z.enum(remotePolicies).default('onsite'),
  summary: text(10_000).default(''),
}

const fileName = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .refine((value) => !/[/\\\0]/.test(value), 'A file name cannot contain path separators')

const createPostingSchema = z
  .object({
    ...postingFields,
    status: z.enum(initialPostingStatuses).default('draft'),
    originalText: text(POSTING_TEXT_MAX_CHARS).default(''),
    originalFileName: fileName.nullable().default(null),
    requirements: z.array(requirementInputSchema).max(POSTING_MAX_REQUIREMENTS).default([]),
  })
  .strict()
export type CreatePostingData = z.output<typeof createPostingSchema>

export const postingsContract = {
  reference: { access: signedIn, input: empty, output: returns<PostingReferenceDto>() },
  list: {
    access: signedIn,
    input: z
      .object({
        status: z.enum(postingStatuses).optional(),
        levelId: id.optional(),
        language: languageCode.optional(),
      })
      .strict(),
    output: returns<PostingSummaryDto[]>(),
  },
  get: { access: hiringTeam, input: byId, output: returns<PostingDto>() },
  /** Side-effect free: pasted text or a file in, the structure to review out. */
  parse: {
    access: recruiters,
    input: z
      .object({
        text: z
          .string()
          .max(POSTING_TEXT_MAX_CHARS, `The text is too long (at most ${POSTING_TEXT_MAX_CHARS} characters)`)
          .optional(),
        file: fileUpload(POSTING_FILE_MAX_BYTES).optional(),
      })
      .strict()
      .refine((value) => (value.text === undefined) !== (value.file === undefined), 'Give either text or a file'),
    output: returns<PostingParseResultDto>(),
  },
  create: { access: recruiters, input: createPostingSchema, output: returns<PostingDto>() },
  createFromLevel: {
    access: recruiters,
    input: z
      .object({
        ...postingFields,
        title: name(200).optional(),
        status: z.enum(initialPostingStatuses).default('draft'),
      })
      .strict(),
    output: returns<PostingDto>(),
  },
  update: {
    access: hiringTeam,
    input: z
      .object({
        id,
        ...postingFields,
        /** Needed when the new level belongs to another ladder and requirements link competencies of the old one. */
        clearForeignCompetencies: z.boolean().default(false),
      })
      .strict(),
    output: returns<PostingDto>(),
  },
  setStatus: {
    access: hiringTeam,
    input: z.object({ id, status: z.enum(postingStatuses) }).strict(),
    output: returns<PostingDto>(),
  },
  duplicate: { access: recruiters, input: byId, output: returns<PostingDto>() },
  delete: { access: recruiters, input: byId, output: returns<{ id: number }>() },
  addRequirement: {
    access: hiringTeam,
    input: z
      .object({
        postingId: id,
        section: z.enum(requirementSections),
        /** Within the section; omitted or past the end: last. */
        position: z.number().int().min(0).optional(),
        ...requirementFields,
      })
      .strict()
      .superRefine(exclusiveFlags),
    output: returns<RequirementChangeDto>(),
  },
  updateRequirement: {
    access: hiringTeam,
    input: z
      .object({ id, ...requirementFields, weight: z.number().int().min(0).max(MAX_WEIGHT) })
      .strict()
      .superRefine(exclusiveFlags),
    output: returns<RequirementChangeDto>(),
  },
  /** Deletes the item, or archives it when applicants were rated on it (ratings and history are kept). */
  removeRequirement: { access: hiringTeam, input: byId, output: returns<RequirementChangeDto>() },
  /** Brings an archived item back, at `position` of its section or where it was. */
  restoreRequirement: {
    access: hiringTeam,
    input: z.object({ id, position: z.number().int().min(0).optional() }).strict(),
    output: returns<RequirementChangeDto>(),
  },
  /** Reorders within a section or moves to another one; `position` is the index in the target section. */
  moveRequirement: {
    access: hiringTeam,
    input: z.object({ id, section: z.enum(requirementSections), position: z.number().int().min(0) }).strict(),
    output: returns<RequirementChangeDto>(),
  },
}
