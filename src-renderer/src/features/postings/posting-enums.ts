import type { PostingStatus, RemotePolicy, RequirementSection, SectionKind } from '@contract'

/* The renderer may import only types from the contract; annotating with its unions keeps these lists in step. */
export const postingStatuses: PostingStatus[] = ['draft', 'open', 'paused', 'closed']
export const remotePolicies: RemotePolicy[] = ['onsite', 'hybrid', 'remote']
export const requirementSections: RequirementSection[] = [
  'responsibility',
  'requirement',
  'nice_to_have',
  'benefit',
  'other',
]
/** Only these are measured against applicants. */
export const assessedSections: RequirementSection[] = ['responsibility', 'requirement', 'nice_to_have']
/** What the parser may find; "about" (company text) is saved as "other". */
export const parsedKinds: SectionKind[] = ['responsibility', 'requirement', 'nice_to_have', 'benefit', 'about', 'other']
export const sectionOfKind = (kind: SectionKind): RequirementSection => (kind === 'about' ? 'other' : kind)

export function isOneOf<T extends string>(list: readonly T[], value: string | null | undefined): value is T {
  return list.some((entry) => entry === value)
}
