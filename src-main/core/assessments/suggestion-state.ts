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
