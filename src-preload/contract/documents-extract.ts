import { z } from 'zod'

import { documentKinds } from './closed-lists'

export { documentKinds, type DocumentKind } from './closed-lists'

export const extractedTextSchema = z.object({
  kind: z.enum(documentKinds),
  text: z.string(),
  /** Page count of a PDF (all pages, even those beyond the page limit); null for other kinds. */
  pages: z.number().int().nonnegative().nullable(),
  /** Human-readable notes about what was skipped or could not be read, e.g. pages past the limit. */
  warnings: z.array(z.string()),
  /** Link targets stored in the document but not necessarily visible in its text (PDF link annotations, DOCX hyperlinks). */
  hyperlinks: z.array(z.string()),
})
export type ExtractedText = z.infer<typeof extractedTextSchema>

export const contactFieldsSchema = z.object({
  name: z.string().nullable(),
  /** Lowercased, de-duplicated. */
  emails: z.array(z.string()),
  /** Digits with an optional leading +, e.g. "+15550102030". */
  phones: z.array(z.string()),
  /** Normalised http(s) URLs without trailing punctuation, de-duplicated. */
  links: z.array(z.string()),
})
export type ContactFields = z.infer<typeof contactFieldsSchema>

/** What `candidates extract FILE --format json` prints: contact fields and the text, nothing else. */
export const resumeExtractJsonSchema = contactFieldsSchema.extend({ text: z.string() })
export type ResumeExtractJson = z.infer<typeof resumeExtractJsonSchema>

export const extractedResumeSchema = resumeExtractJsonSchema.extend({
  kind: z.enum(documentKinds),
  pages: z.number().int().nonnegative().nullable(),
  warnings: z.array(z.string()),
})
export type ExtractedResume = z.infer<typeof extractedResumeSchema>
