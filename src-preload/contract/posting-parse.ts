import { z } from 'zod'
import { assessedSections, sectionKinds } from './closed-lists'

/**
 * Output of the posting parser: the public JSON shape of `postings parse FILE --format json`.
 * Field names and kinds are a stable contract; add fields, never rename them.
 */

export { sectionKinds, type SectionKind } from './closed-lists'

/** Kinds whose items become requirements that every applicant is measured against. */
export const assessedSectionKinds = assessedSections
export type AssessedSectionKind = (typeof assessedSectionKinds)[number]

export const sectionKindSchema = z.enum(sectionKinds)

/**
 * One skill named by an item. Each named skill is its own entry; `alternatives` lists what satisfies
 * the same need instead of it: the other members of an "X, Y or Z" group, and free-text stand-ins
 * such as "comparable backend frameworks" or the category an "e.g." example illustrates.
 */
export const skillMentionSchema = z.object({
  name: z.string().min(1),
  alternatives: z.array(z.string().min(1)),
})
export type SkillMention = z.infer<typeof skillMentionSchema>

export const postingItemSchema = z.object({
  text: z.string().min(1),
  mustHave: z.boolean(),
  preferred: z.boolean(),
  minYears: z.number().int().nonnegative().nullable(),
  skills: z.array(skillMentionSchema),
})
export type PostingItem = z.infer<typeof postingItemSchema>

export const postingSectionSchema = z.object({
  heading: z.string().nullable(),
  kind: sectionKindSchema,
  items: z.array(postingItemSchema),
})
export type PostingSection = z.infer<typeof postingSectionSchema>

export const parsedPostingSchema = z.object({
  title: z.string().nullable(),
  /** ISO 639-1 code; "en" when unsure. */
  language: z.string().regex(/^[a-z]{2}$/),
  summary: z.string(),
  sections: z.array(postingSectionSchema),
})
export type ParsedPosting = z.infer<typeof parsedPostingSchema>

/** A rung of a ladder as the level suggestion sees it. */
export const levelRefSchema = z.object({ id: z.number().int(), title: z.string() })
export type LevelRef = z.infer<typeof levelRefSchema>
