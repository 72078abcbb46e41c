import { createHash } from 'node:crypto'
import type { AssessmentDto, SuggestionDto } from '@contract/assessments'
import type { RequirementRow } from '../db/schema'
import { toRequirementDto } from '../postings/requirement-mapping'
import type { AssessmentRepository } from './repository'
import { suggestEvidence } from './suggest'

/** Every suggestion for the requirements in the candidate's documents, computed now. */
export function computeSuggestions(
  requirements: readonly RequirementRow[],
  documents: readonly { id: number; text: string }[],
  today: Date,
): SuggestionDto[] {
  return suggestEvidence(
    documents,
    requirements.map((requirement) => {
      const dto = toRequirementDto(requirement)
      return { id: dto.id, section: dto.section, text: dto.text, minYears: dto.minYears, skills: dto.skills }
    }),
    { today },
  )
}

/** How many applications' suggestions a workspace keeps computed. */
const REMEMBERED = 500

/**
 * Suggestions as `computeSuggestions` gives them, remembered by what they are computed from (the documents'
 * hashes, the requirements' wording, the day): reading résumés again is most of the time of every rating's
 * answer, and an application's documents and requirements rarely change between two ratings.
 */
export class SuggestionMemo {
  private readonly computed = new Map<string, SuggestionDto[]>()

  suggestions(
    requirements: readonly RequirementRow[],
    documents: readonly { id: number; sha256: string; text: string }[],
    today: Date,
  ): SuggestionDto[] {
    const key = createHash('sha256')
      .update(
        JSON.stringify([
          today.toISOString().slice(0, 10),
          documents.map((doc) => [doc.id, doc.sha256]),
          requirements.map((r) => [r.id, r.section, r.text, r.min_years, r.skills]),
        ]),
      )
      .digest('base64')
    const known = this.computed.get(key)
    if (known) {
      // Most recently used last: the Map's order is the eviction order.
      this.computed.delete(key)
      this.computed.set(key, known)
      return known
    }
    const fresh = computeSuggestions(requirements, documents, today)
    if (this.computed.size >= REMEMBERED) this.computed.delete(this.computed.keys().next().value as string)
    this.computed.set(key, fresh)
    return fresh
  }

  clear(): void {
    this.computed.clear()
  }

  get size(): number {
    return this.computed.size
  }
}

/** `requirementId:key` of the suggestions dismissed while the documents and requirements read as they do now. */
export async function dismissedKeys(
  repo: AssessmentRepository,
  applicationId: number,
  requirements: readonly RequirementRow[],
  documents: readonly { id: number; sha256: string }[],
): Promise<Set<string>> {
  const prints = new Map(requirements.map((requirement) => [requirement.id, fingerprint(requirement, documents)]))
  return new Set(
    (await repo.dismissalsOf(applicationId))
      .filter((row) => prints.get(row.requirement_id) === row.fingerprint)
      .map((row) => `${row.requirement_id}:${row.suggestion_key}`),
  )
}

/** Suggestions for one requirement that are not yet reflected in its rating and evidence, most confident first. */
export function pending(suggestions: readonly SuggestionDto[], requirementId: number, assessment: AssessmentDto) {
  return suggestions
    .filter(
      (suggestion) =>
        suggestion.requirementId === requirementId &&
        !(suggestion.rating === assessment.rating && assessment.evidence.includes(suggestion.snippet)),
    )
    .sort((a, b) => b.confidence - a.confidence)
}

/** What a dismissal depends on: the candidate's documents and the requirement's wording. */
export function fingerprint(requirement: RequirementRow, documents: readonly { id: number; sha256: string }[]): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        documents.map((doc) => [doc.id, doc.sha256]),
        requirement.text,
        requirement.skills,
        requirement.min_years,
        requirement.section,
      ]),
    )
    .digest('hex')
    .slice(0, 32)
}
