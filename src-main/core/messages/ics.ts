export interface IcsEvent {
  uid: string
  start: Date
  minutes: number
  summary: string
  description: string
  organizer: { name: string; email: string | null }
  attendees: { name: string; email: string | null; role: 'REQ-PARTICIPANT' }[]
  stamp: Date
}

/** TEXT values escape backslash, semicolon, comma and newlines (RFC 5545 §3.3.11). */
const text = (value: string) =>
  value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n')

/** A quoted parameter value cannot hold a double quote. */
const param = (value: string) => `"${value.replace(/"/g, "'").replace(/[\r\n]/g, ' ')}"`

/** UTC date-time: the event is at the same instant in every attendee's calendar, whatever their time zone. */
const utc = (date: Date) =>
  date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')

/** Lines longer than 75 octets are folded (RFC 5545 §3.1), never inside a UTF-8 character. */
function fold(line: string): string {
  const parts: string[] = []
  let current = ''
  for (const char of line) {
    const limit = parts.length === 0 ? 75 : 74
    if (Buffer.byteLength(current + char) > limit) {
      parts.push(current)
      current = ''
    }
    current += char
  }
  parts.push(current)
  return parts.join('\r\n ')
}

const address = (person: { name: string; email: string | null }, field: string, extra = '') =>
  person.email ? `${field};CN=${param(person.name)}${extra}:mailto:${person.email}` : null

export function buildIcs(event: IcsEvent): string {
  const end = new Date(event.start.getTime() + event.minutes * 60_000)
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Yardstick//Interview invitation//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:REQUEST',
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    `DTSTAMP:${utc(event.stamp)}`,
    `DTSTART:${utc(event.start)}`,
    `DTEND:${utc(end)}`,
    `SUMMARY:${text(event.summary)}`,
    `DESCRIPTION:${text(event.description)}`,
    address(event.organizer, 'ORGANIZER'),
    ...event.attendees.map((attendee) =>
      address(attendee, 'ATTENDEE', `;ROLE=${attendee.role};PARTSTAT=NEEDS-ACTION;RSVP=TRUE`),
    ),
    'STATUS:CONFIRMED',
    'END:VEVENT',
    'END:VCALENDAR',
  ].filter((line): line is string => line !== null)
  return `${lines.map(fold).join('\r\n')}\r\n`
}
