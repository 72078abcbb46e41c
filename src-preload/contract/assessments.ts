import { z } from 'zod'

/** From "no information yet" to "beyond what the item asks"; stored as 0–4 so SQL can compare ("≥ partial"). */
export const ratings = ['unknown', 'not_met', 'partial', 'met', 'exceeds'] as const
export type Rating = (typeof ratings)[number]

/** Where the evidence behind a rating came from. */
export const evidenceSources = ['resume', 'screen', 'interview', 'reference', 'other'] as const
export type EvidenceSource = (typeof evidenceSources)[number]

export const EVIDENCE_MAX_CHARS = 20_000

export const suggestionKinds = ['skill', 'years', 'degree', 'language'] as const
export type SuggestionKind = (typeof suggestionKinds)[number]

export const degreeLevels = ['unspecified', 'associate', 'bachelor', 'master', 'doctorate'] as const
export type DegreeLevel = (typeof degreeLevels)[number]

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
  /** name: the skill itself; synonym: another spelling of it; alternative: one the requirement allows; comparable: a skill of the same kind where the requirement accepts comparable ones. */
  via: 'name' | 'synonym' | 'alternative' | 'comparable'
}

export type SuggestionDetailDto =
  | { kind: 'skill'; matches: SkillMatchDto[]; missing: string[] }
  | {
      kind: 'years'
      years: number
      required: number
      /** roles: summed from dated roles (overlaps once); stated: as the résumé states it. */
      basis: 'roles' | 'stated'
      roles: number
      /** Set when only roles or statements naming the requirement's skills were counted. */
      skill: string | null
    }
  | { kind: 'degree'; found: DegreeLevel; required: DegreeLevel; text: string }
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
