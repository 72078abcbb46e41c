import { z } from 'zod'

export const id = z.number().int().positive()
export const byId = z.object({ id }).strict()
export const empty = z.object({}).strict()

/** C0 and C1 controls other than tab, CR and LF: no name or text typed by a person holds them. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/

/** A single-line name: trimmed, not empty, bounded, without control characters. */
export const name = (max = 200) =>
  z
    .string()
    .trim()
    .min(1, 'Required')
    .max(max, `Too long (at most ${max} characters)`)
    .refine((value) => !/[\r\n]/.test(value), 'Must be a single line')
    .refine((value) => !CONTROL_CHARACTERS.test(value), 'Must not contain control characters')

/**
 * Every date the app accepts lies in these years: the date arithmetic (ISO weeks, text comparison of
 * `YYYY-MM-DD`) holds there, and no hiring record is older or further ahead.
 */
export const MIN_YEAR = 1900
export const MAX_YEAR = 2200

const isCalendarDate = (value: string) => {
  const time = Date.parse(`${value}T00:00:00Z`)
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value
}

const yearIn = (value: string) => {
  const year = Number(value.slice(0, 4))
  return year >= MIN_YEAR && year <= MAX_YEAR
}

/** A calendar day as `YYYY-MM-DD`, between MIN_YEAR and MAX_YEAR. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use the form YYYY-MM-DD')
  .refine(isCalendarDate, 'Not a date in the calendar')
  .refine(yearIn, `Use a year from ${MIN_YEAR} to ${MAX_YEAR}`)

/** An ISO 8601 instant with its offset, between MIN_YEAR and MAX_YEAR (in UTC). */
export const isoDateTime = (error = 'A date and time such as 2026-03-02T09:30:00Z') =>
  z.iso.datetime({ offset: true, error }).refine((value) => {
    const year = new Date(value).getUTCFullYear()
    return year >= MIN_YEAR && year <= MAX_YEAR
  }, `Use a year from ${MIN_YEAR} to ${MAX_YEAR}`)

export const text = (max = 20_000) =>
  z
    .string()
    .max(max, `Too long (at most ${max} characters)`)
    .refine((value) => !CONTROL_CHARACTERS.test(value), 'Must not contain control characters')

/** For free text fields built on their own schema: the same refusal as `name` and `text`. */
export const withoutControlCharacters = (value: string) => !CONTROL_CHARACTERS.test(value)

const BASE64_PER_BYTE = 4 / 3

/** A file picked by the user, sent as base64 so it travels the same over IPC and HTTP. */
export const fileUpload = (maxBytes: number) =>
  z
    .object({
      fileName: z
        .string()
        .trim()
        .min(1, 'Required')
        .max(255, 'Too long (at most 255 characters)')
        .refine((value) => !/[/\\\0]/.test(value), 'A file name cannot contain path separators'),
      contentBase64: z
        .string()
        .max(
          Math.ceil(maxBytes * BASE64_PER_BYTE) + 4,
          `The file is too large (at most ${Math.round(maxBytes / 1_048_576)} MB)`,
        )
        .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'Not base64 data'),
    })
    .strict()

export interface FileDownloadDto {
  fileName: string
  mimeType: string
  contentBase64: string
}
