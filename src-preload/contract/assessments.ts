import { z } from 'zod'
import {
  evidenceSources,
  ratings,
  type ApplicationStatus,
  type DegreeLevel,
  type EvidenceSource,
  type Rating,
  type SuggestionKind,
} from './closed-lists'
import { id } from './common'
import { hiringTeam } from './access'
import { returns } from './define'
import type { RequirementDto } from './postings'

export {
  degreeLevels,
  evidenceSources,
  givenRatings,
  ratings,
  suggestionKinds,
  type DegreeLevel,
  type EvidenceSource,
  type Rating,
  type SuggestionKind,
} from './closed-lists'

export const EVIDENCE_MAX_CHARS = 20_000

/** Character offsets into a document's text, end exclusive. */
export interface TextRangeDto {
  start: number
  end: number
}

export interface SkillMatchDto {
  /** The skill the requirement names. */
  skill: string
  /** The words of the résumé that matched. */
  found: string
  /** name: the skill itself; synonym: another spelling of it; alternative: one the requirement allows; comparable: a skill of the same kind where the requirement accepts comparable ones; category: a member of the kind the requirement names (MongoDB for "NoSQL", GitHub Actions for "CI/CD"). */
  via: 'name' | 'synonym' | 'alternative' | 'comparable' | 'category'
}

export type SuggestionDetailDto =
  | {
      kind: 'skill'
      matches: SkillMatchDto[]
      missing: string[]
      /** Skills found only in a skills list or without what the item asks of them (an API "designed"). */
      shallow?: string[]
    }
  | {
      kind: 'years'
      years: number
      required: number
      /** roles: summed from dated roles (overlaps once); stated: as the résumé states it. */
      basis: 'roles' | 'stated'
      roles: number
      /** Set when only roles or statements naming the requirement's skills were counted. */
      skill: string | null
      /** Years the résumé states in words where they disagree with its dated roles (the roles are rated). */
      claimed?: number | null
      /** Years in related roles (operations for a backend item): they make a shortfall partial, never met. */
      related?: number
    }
  | {
      kind: 'degree'
      found: DegreeLevel
      required: DegreeLevel
      text: string
      /** The field the degree is in, as written, when the item names fields; null when none is written. */
      field?: string | null
      /** Whether that field is one the item accepts; null when the item names no field. */
      fieldMatches?: boolean | null
      /** Years of dated roles in the field, credited where the item accepts "equivalent practical experience". */
      equivalentYears?: number | null
    }
  | {
      kind: 'language'
      /** ISO 639-1 */
      language: string
      /** The level as written ("C1", "courant"), or null. */
      level: string | null
      /** level: named with a level; listed: named without one; resume_language: the résumé is written in it. */
      basis: 'level' | 'listed' | 'resume_language'
    }

/** Candidate evidence found in a résumé for one requirement. Nothing is rated until a person accepts it. */
export interface SuggestionDto {
  /** Stable for a requirement while the résumé and the requirement stay the same: 'skills', 'years', 'degree', 'language:fr'. */
  key: string
  requirementId: number
  kind: SuggestionKind
  /** What accepting it sets. */
  rating: Rating
  /** 0–1. */
  confidence: number
  documentId: number
  /** Lines quoted from the document; accepting puts them into the evidence. */
  snippet: string
  /** What matched, in the document's text. */
  ranges: TextRangeDto[]
  /** Why it matched, in English (command line); the app words it from `detail`. */
  reason: string
  detail: SuggestionDetailDto
}

export const ratingSchema = z.enum(ratings)
export const evidenceSourceSchema = z.enum(evidenceSources)

/** Must-haves, weighted score and knock-out of one application (see the README for the formula). */
export interface FitDto {
  mustHavesMet: number
  mustHavesTotal: number
  /** 100 = every weighted item met; above 100 when some are exceeded; unrated items count as 0. */
  score: number
  /** A must-have is rated not met. */
  knockedOut: boolean
  /** Live assessed requirements with a rating other than unknown. */
  assessed: number
  /** Live assessed requirements. */
  total: number
}

export interface AssessmentDto {
  applicationId: number
  requirementId: number
  rating: Rating
  evidence: string
  /** Null until first rated. */
  source: EvidenceSource | null
  authorId: number | null
  authorName: string | null
  updatedAt: string | null
  /** Send it back with a change: a change made meanwhile elsewhere makes the write a conflict. */
  version: number
}

export interface AssessmentChangeDto {
  id: number
  at: string
  personId: number | null
  personName: string | null
  from: Rating
  to: Rating
  evidenceBefore: string
  evidenceAfter: string
  sourceBefore: EvidenceSource | null
  sourceAfter: EvidenceSource | null
  /** Set when the change accepted a résumé suggestion. */
  suggestionKey: string | null
}

/** One requirement of the application's posting with its rating, history and current suggestions. */
export interface AssessmentItemDto {
  requirement: RequirementDto
  assessment: AssessmentDto
  /** Newest first. */
  history: AssessmentChangeDto[]
  /** Suggestions not dismissed, most confident first. */
  suggestions: SuggestionDto[]
  /** Suggestions someone dismissed (hidden until the résumé or the wording changes): tells "dismissed" from "none found". */
  dismissedSuggestions: number
  /** True for a removed requirement kept for its ratings: shown, no longer rated. */
  archived: boolean
}

export interface AssessmentDocumentDto {
  id: number
  fileName: string
  /** Extracted text: shown only as plain text. */
  text: string
}

export interface AssessmentSheetDto {
  application: {
    id: number
    postingId: number
    postingTitle: string
    candidateId: number
    candidateName: string
    stageName: string
    status: ApplicationStatus
  }
  fit: FitDto
  /** Live assessed requirements in section order, then archived ones that carry ratings. */
  items: AssessmentItemDto[]
  documents: AssessmentDocumentDto[]
  /** The posting's other applicants by name, for moving on without the table. */
  previousId: number | null
  nextId: number | null
}

/** What a rating change returns: the item as it is now and the application's fit. */
export interface AssessmentResultDto {
  item: AssessmentItemDto
  fit: FitDto
}

export interface CompareCellDto {
  rating: Rating
  evidence: string
  source: EvidenceSource | null
  authorName: string | null
  updatedAt: string | null
}

export interface CompareDto {
  postingId: number
  postingTitle: string
  /** Must-haves first, then by section and position. */
  requirements: RequirementDto[]
  applicants: {
    applicationId: number
    candidateName: string
    stageName: string
    fit: FitDto
    /** By requirement id. */
    cells: Record<number, CompareCellDto>
  }[]
}

export const MAX_COMPARE = 20

const evidence = z
  .string()
  .max(
    EVIDENCE_MAX_CHARS,
    `The evidence is too long (at most ${EVIDENCE_MAX_CHARS.toLocaleString('en-US')} characters)`,
  )
const suggestionKey = z
  .string()
  .min(1)
  .max(80)
  .regex(/^[a-z]+(?::[a-z]{2})?$/, 'Not a suggestion key')
const item = { applicationId: id, requirementId: id }
const expectedVersion = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)

export const assessmentsContract = {
  /** Everything the assessment view shows for one application. */
  get: { access: hiringTeam, input: z.object({ applicationId: id }).strict(), output: returns<AssessmentSheetDto>() },
  /** Suggestions from the candidate's documents, computed now (dismissed ones included, marked). */
  suggestions: {
    access: hiringTeam,
    input: z.object({ applicationId: id }).strict(),
    output: returns<(SuggestionDto & { dismissed: boolean })[]>(),
  },
  /** Sets rating, evidence and source together; refused as a conflict when the item changed since `expectedVersion`. */
  rate: {
    access: hiringTeam,
    input: z
      .object({
        ...item,
        rating: ratingSchema,
        evidence: evidence.default(''),
        source: evidenceSourceSchema.default('resume'),
        expectedVersion,
      })
      .strict(),
    output: returns<AssessmentResultDto>(),
  },
  /** Rates from a suggestion as computed now: its rating, its quote as evidence, the résumé as source. */
  acceptSuggestion: {
    access: hiringTeam,
    input: z.object({ ...item, key: suggestionKey, expectedVersion }).strict(),
    output: returns<AssessmentResultDto>(),
  },
  /** Hides a suggestion until the résumé or the requirement changes. */
  dismissSuggestion: {
    access: hiringTeam,
    input: z.object({ ...item, key: suggestionKey }).strict(),
    output: returns<AssessmentResultDto>(),
  },
  /** Requirements × applicants of one posting, 2 to 20 applicants. */
  compare: {
    access: hiringTeam,
    input: z
      .object({
        postingId: id,
        applicationIds: z
          .array(id)
          .min(2, 'Pick at least 2 applicants')
          .max(MAX_COMPARE, `Pick at most ${MAX_COMPARE} applicants`)
          .refine((ids) => new Set(ids).size === ids.length, 'An applicant appears twice'),
      })
      .strict(),
    output: returns<CompareDto>(),
  },
}
