import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { dispatch } from '../../dispatch'
import { openTestWorkspace, type TestWorkspace } from '../testing/temp-workspace'
import { buildIcs } from './ics'

let workspace: TestWorkspace

beforeEach(async () => {
  workspace = await openTestWorkspace({ demo: true })
})
afterEach(() => workspace.dispose())

async function demoApplication(name: string) {
  const [posting] = await workspace.services.postings.list({})
  if (!posting) throw new Error('the demo posting is missing')
  const page = await workspace.services.applications.list({
    postingId: posting.id,
    offset: 0,
    limit: 50,
    sort: 'name',
    direction: 'asc',
    source: '',
    text: '',
  })
  // Picked by name here rather than through the list's text search, which is the candidates' search under test elsewhere.
  const row = page.rows.find((candidate) => candidate.name.includes(name))
  if (!row) throw new Error(`no demo applicant ${name}`)
  return { postingId: posting.id, row }
}

/** Unfolds header lines and decodes RFC 2047 base64 words: what a mail program shows. */
function headers(eml: string): Record<string, string> {
  const head = eml.split('\r\n\r\n')[0] ?? ''
  const decoded: Record<string, string> = {}
  for (const line of head.replace(/\r\n[ \t]/g, ' ').split('\r\n')) {
    const [name = '', ...rest] = line.split(': ')
    decoded[name] = rest
      .join(': ')
      .replace(/=\?UTF-8\?B\?([^?]*)\?=\s?/g, (_whole, data: string) => Buffer.from(data, 'base64').toString('utf8'))
  }
  return decoded
}

describe('messages to candidates', () => {
  it('writes an .eml draft in the posting language with encoded non-ASCII headers, and records it as sent', async () => {
    const { messages, candidates } = workspace.services
    const { row } = await demoApplication('Ines')
    const sent = await messages.send({ applicationId: row.id, template: 'rejection_after_screen', via: 'eml' })
    const eml = Buffer.from(sent.file?.contentBase64 ?? '', 'base64').toString('utf8')
    expect(eml.split('\r\n\r\n')[0]).toMatch(/^[\x20-\x7e\r\n]*$/)
    const parsed = headers(eml)
    expect(parsed.To).toBe(`"Ines Carvalho" <${row.email}>`)
    expect(parsed.Subject).toBe('Your application for Senior Backend Engineer II — Payments Platform')
    expect(parsed.Date).toMatch(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0000$/)
    const body = Buffer.from(eml.split('\r\n\r\n')[1]?.replace(/\r\n/g, '') ?? '', 'base64').toString('utf8')
    expect(body).toContain('Dear Ines Carvalho,')
    const profile = await candidates.get(row.candidateId)
    expect(profile.activity.map((entry) => entry.action)).toContain('message_sent')
  })

  it('refuses an unknown placeholder and a candidate without an e-mail, by name', async () => {
    const { postingId, row } = await demoApplication('Ines')
    const unknown = await dispatch(
      'messages:compose',
      { applicationId: row.id, template: 'offer_call', body: 'Hello {candiate}' },
      { services: workspace.services },
    )
    expect(unknown).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect(JSON.stringify(unknown)).toContain('Unknown placeholder {candiate} in the body')
    const created = await workspace.services.candidates.create({
      name: 'Noé Sans Courriel',
      emails: [],
      phones: [],
      links: [],
      location: '',
      source: '',
      tags: [],
      ifDuplicate: 'create',
    })
    const application = await workspace.services.applications.add({ candidateId: created.id, postingId })
    await expect(
      workspace.services.messages.send({ applicationId: application.id, template: 'offer_call', via: 'mailto' }),
    ).rejects.toThrow('Noé Sans Courriel has no e-mail address')
  })

  it('writes an interview invitation in UTC with both people invited, escaped and folded', async () => {
    const { services } = workspace
    const { postingId, row } = await demoApplication('Ines')
    const plan = await services.interviewPlans.addStep({
      postingId,
      name: 'System design; whiteboard, part 1',
      durationMinutes: 60,
      questions: [],
      focus: [],
    })
    const [sam] = (await services.workspace.listPeople(false)).filter((person) => person.name === 'Sam Rivera')
    const interview = await services.interviews.schedule({
      applicationId: row.id,
      stepId: plan.steps[0]?.id ?? 0,
      interviewerId: sam?.id ?? 0,
      scheduledAt: '2026-03-02T09:30:00+01:00',
    })
    const file = await services.messages.invite(interview.id)
    const ics = Buffer.from(file.contentBase64, 'base64').toString('utf8')
    const lines = ics.replace(/\r\n /g, '').split('\r\n')
    expect(lines).toContain('DTSTART:20260302T083000Z')
    expect(lines).toContain('DTEND:20260302T093000Z')
    expect(lines.find((line) => line.startsWith('SUMMARY:'))).toBe(
      'SUMMARY:System design\\; whiteboard\\, part 1: Ines Carvalho — Senior Backend Engineer II — Payments Platform',
    )
    expect(lines.filter((line) => line.startsWith('ATTENDEE'))).toEqual([
      expect.stringContaining(`mailto:${row.email}`),
      expect.stringContaining('mailto:sam.rivera@example.com'),
    ])
    expect(ics.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true)
  })

  it('folds long lines without cutting a character in two', () => {
    const ics = buildIcs({
      uid: 'x@y',
      start: new Date('2026-01-01T00:00:00Z'),
      minutes: 30,
      summary: 'é'.repeat(100),
      description: '',
      organizer: { name: 'A', email: null },
      attendees: [],
      stamp: new Date('2026-01-01T00:00:00Z'),
    })
    const summary = ics.split('\r\n').filter((line) => line.startsWith('SUMMARY') || line.startsWith(' '))
    expect(summary.length).toBeGreaterThan(2)
    expect(summary.map((line) => line.replace(/^ /, '')).join('')).toBe(`SUMMARY:${'é'.repeat(100)}`)
  })
})
