import type { ComposedMessageDto, FileDownloadDto, SentMessageDto } from '@contract'
import { recordActivity } from '../activity/activity-log'
import type { CoreContext } from '../context'
import { AppError } from '../errors'
import { requireRows } from '../access/row-rules'
import type { WorkspaceService } from '../workspace/service'
import { buildEml, mailtoUrl } from './eml'
import { buildIcs } from './ics'
import { MessageRepository } from './repository'
import { fillTemplate, templateFor, type PlaceholderValues, type TemplateName } from './templates'

export interface ComposeInput {
  applicationId: number
  template: TemplateName
  /** The subject and body as the user edited them; the template's own text otherwise. */
  subject?: string | undefined
  body?: string | undefined
}

/** A sender without an e-mail of their own still writes a valid From: the address is reserved, never routable. */
const NO_ADDRESS = 'hiring@yardstick.invalid'

function safeFileName(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .toLowerCase()
      .slice(0, 60) || 'message'
  )
}

/** Messages to candidates from templates (mailto or .eml) and interview invitations (.ics), all offline. */
export class MessageService {
  constructor(
    private readonly ctx: CoreContext,
    private readonly workspace: WorkspaceService,
  ) {}

  async compose(input: ComposeInput, now = this.ctx.clock.now()): Promise<ComposedMessageDto> {
    await requireRows(this.ctx.db, 'application', input.applicationId, 'write')
    const repo = new MessageRepository(this.ctx.db)
    const application = await repo.application(input.applicationId)
    if (!application) throw AppError.of('application_not_found', { id: input.applicationId })
    const template = templateFor(input.template, application.language)
    const interviews = await repo.interviews(application.id)
    const interview = interviews.find((entry) => entry.scheduled_at >= now.toISOString()) ?? interviews.at(-1)
    const me = await this.workspace.me()
    const when = interview ? new Date(interview.scheduled_at) : null
    const values: PlaceholderValues = {
      candidate: application.candidate_name,
      posting: application.posting_title,
      team: application.team,
      step: interview?.step_name ?? '',
      interviewer: interview?.interviewer_name ?? '',
      date: when ? new Intl.DateTimeFormat(template.language, { dateStyle: 'long' }).format(when) : '',
      time: when
        ? new Intl.DateTimeFormat(template.language, {
            timeStyle: 'short',
            timeZoneName: 'short',
          }).format(when)
        : '',
      sender: me?.name ?? '',
    }
    const subject = fillTemplate(input.subject ?? template.subject, values, 'subject')
    const body = fillTemplate(input.body ?? template.body, values, 'body')
    return {
      applicationId: application.id,
      template: input.template,
      language: template.language,
      to: application.email ? { name: application.candidate_name, email: application.email } : null,
      subject,
      body,
      templateSubject: template.subject,
      templateBody: template.body,
    }
  }

  /** The message as a draft (.eml) or a mailto: link, recorded in the candidate's history as sent. */
  async send(input: ComposeInput & { via: 'eml' | 'mailto' }, now = this.ctx.clock.now()): Promise<SentMessageDto> {
    const message = await this.compose(input, now)
    const application = await new MessageRepository(this.ctx.db).application(input.applicationId)
    if (!message.to || !application) {
      throw AppError.of('candidate_no_email', { name: application?.candidate_name ?? 'This candidate' }, [
        { path: 'applicationId', message: 'no e-mail address' },
      ])
    }
    const me = await this.workspace.me()
    await recordActivity(this.ctx.db, {
      personId: me?.id ?? null,
      entityType: 'candidate',
      entityId: application.candidate_id,
      action: 'message_sent',
      at: this.ctx.clock.timestamp(),
      detail: { applicationId: application.id, template: input.template, via: input.via },
    })
    if (input.via === 'mailto')
      return { mailto: mailtoUrl(message.to.email, message.subject, message.body), file: null }
    const eml = buildEml({
      from: { name: me?.name ?? 'Hiring team', email: me?.email ?? NO_ADDRESS },
      to: message.to,
      subject: message.subject,
      body: message.body,
      date: now,
    })
    return {
      mailto: null,
      file: {
        fileName: `${safeFileName(`${application.candidate_name} ${input.template}`)}.eml`,
        mimeType: 'message/rfc822',
        contentBase64: Buffer.from(eml, 'utf8').toString('base64'),
      },
    }
  }

  /** An .ics invitation to the interview for the candidate and the interviewer, at its instant in UTC. */
  async invite(interviewId: number, now = this.ctx.clock.now()): Promise<FileDownloadDto> {
    await requireRows(this.ctx.db, 'interview', interviewId)
    const repo = new MessageRepository(this.ctx.db)
    const interview = await repo.interview(interviewId)
    if (!interview) throw AppError.of('interview_not_found', { id: interviewId })
    const application = await repo.application(interview.application_id)
    if (!application) throw AppError.of('interview_no_application', { id: interviewId })
    const me = await this.workspace.me()
    const workspace = await this.workspace.info()
    const ics = buildIcs({
      uid: `interview-${interview.id}@${workspace.uid}`,
      start: new Date(interview.scheduled_at),
      minutes: interview.duration_minutes,
      summary: `${interview.step_name}: ${application.candidate_name} — ${application.posting_title}`,
      description: `${application.posting_title}\n${interview.step_name} with ${interview.interviewer_name}`,
      organizer: { name: me?.name ?? 'Hiring team', email: me?.email ?? null },
      attendees: [
        { name: application.candidate_name, email: application.email, role: 'REQ-PARTICIPANT' },
        { name: interview.interviewer_name, email: interview.interviewer_email, role: 'REQ-PARTICIPANT' },
      ],
      stamp: now,
    })
    await recordActivity(this.ctx.db, {
      personId: me?.id ?? null,
      entityType: 'candidate',
      entityId: application.candidate_id,
      action: 'interview_invitation_sent',
      at: this.ctx.clock.timestamp(),
      detail: { applicationId: application.id, interviewId: interview.id },
    })
    return {
      fileName: `${safeFileName(`${interview.step_name} ${application.candidate_name}`)}.ics`,
      mimeType: 'text/calendar',
      contentBase64: Buffer.from(ics, 'utf8').toString('base64'),
    }
  }
}
