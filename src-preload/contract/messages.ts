import { z } from 'zod'
import { byId, id, type FileDownloadDto } from './common'
import { recruiters } from './access'
import { returns } from './define'

import { messageTemplates, type MessageTemplate } from './closed-lists'

export { messageTemplates, type MessageTemplate } from './closed-lists'

export interface ComposedMessageDto {
  applicationId: number
  template: MessageTemplate
  /** The language the template was written in: the posting's, else English. */
  language: string
  /** Null when the candidate has no e-mail address. */
  to: { name: string; email: string } | null
  subject: string
  body: string
  /** The template's own text with its placeholders, to edit from. */
  templateSubject: string
  templateBody: string
}

export interface SentMessageDto {
  mailto: string | null
  file: FileDownloadDto | null
}

const composeFields = {
  applicationId: id,
  template: z.enum(messageTemplates),
  subject: z
    .string()
    .max(300, 'Too long (at most 300 characters)')
    .refine((value) => !/[\r\n]/.test(value), 'Must be a single line')
    .optional(),
  body: z.string().max(20_000, 'Too long (at most 20000 characters)').optional(),
}

export const messagesContract = {
  /** Fills a template (or the user's edit of it) for an application; an unknown placeholder is refused. */
  compose: { access: recruiters, input: z.object(composeFields).strict(), output: returns<ComposedMessageDto>() },
  /** The message as a mailto: link or an .eml draft, recorded as sent; refused without an e-mail address. */
  send: {
    access: recruiters,
    input: z.object({ ...composeFields, via: z.enum(['eml', 'mailto']) }).strict(),
    output: returns<SentMessageDto>(),
  },
  /** The interview as an .ics invitation for the candidate and the interviewer. */
  invite: { access: recruiters, input: byId, output: returns<FileDownloadDto>() },
}
