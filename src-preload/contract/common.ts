import { z } from 'zod'

export const id = z.number().int().positive()
export const byId = z.object({ id }).strict()
export const empty = z.object({}).strict()

/** A single-line name: trimmed, not empty, bounded. */
export const name = (max = 200) =>
  z
    .string()
    .trim()
    .min(1, 'Required')
    .max(max, `Too long (at most ${max} characters)`)
    .refine((value) => !/[\r\n]/.test(value), 'Must be a single line')

export const text = (max = 20_000) => z.string().max(max, `Too long (at most ${max} characters)`)

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
