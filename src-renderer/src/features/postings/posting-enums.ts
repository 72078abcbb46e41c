import type { RequirementSection, SectionKind } from '@contract'
import { assessedSections as measuredSections } from '@contract/closed-lists'

export {
  postingStatuses,
  remotePolicies,
  requirementSections,
  sectionKinds as parsedKinds,
} from '@contract/closed-lists'

/** Only these are measured against applicants; typed wide so `includes` takes any requirement's section. */
export const assessedSections: readonly RequirementSection[] = measuredSections
/** "about" (company text) is saved as "other". */
export const sectionOfKind = (kind: SectionKind): RequirementSection => (kind === 'about' ? 'other' : kind)

export function isOneOf<T extends string>(list: readonly T[], value: string | null | undefined): value is T {
  return list.some((entry) => entry === value)
}
