import type { CreatePostingData, ParsedPosting, RequirementSection, SectionKind } from '@contract'

/** Company text ("about") is kept with the posting as "other": never assessed, still part of what was published. */
const sectionOfKind = (kind: SectionKind): RequirementSection => (kind === 'about' ? 'other' : kind)

/** The posting a parse result becomes when saved without review (command line, demo). */
export function postingFromParsed(
  parsed: ParsedPosting,
  options: {
    levelId: number
    levelTitle: string
    originalText: string
    originalFileName: string | null
    status: 'draft' | 'open'
  },
): CreatePostingData {
  return {
    title: (parsed.title ?? options.levelTitle).slice(0, 200),
    levelId: options.levelId,
    team: '',
    language: parsed.language,
    countries: [],
    remotePolicy: 'onsite',
    summary: parsed.summary.slice(0, 10_000),
    status: options.status,
    originalText: options.originalText,
    originalFileName: options.originalFileName,
    requirements: parsed.sections.flatMap((section) =>
      section.items.map((item) => ({
        section: sectionOfKind(section.kind),
        text: item.text,
        mustHave: item.mustHave && !item.preferred,
        preferred: item.preferred,
        weight: undefined,
        minYears: item.minYears,
        skills: item.skills,
        competencyId: null,
      })),
    ),
  }
}
