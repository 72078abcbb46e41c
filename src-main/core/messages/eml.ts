import { randomUUID } from 'node:crypto'

export interface EmlMessage {
  from: { name: string; email: string }
  to: { name: string; email: string }
  subject: string
  body: string
  date: Date
}

const ASCII_PRINTABLE = /^[\x20-\x7e]*$/

/** RFC 2047 encoded-words for a header text that is not plain ASCII, in chunks short enough for one line each. */
export function encodeHeaderText(text: string): string {
  if (ASCII_PRINTABLE.test(text)) return text
  const words: string[] = []
  let chunk = ''
  for (const char of text) {
    // 45 bytes of UTF-8 become 60 base64 characters: each encoded-word stays under 75 characters.
    if (Buffer.byteLength(chunk + char) > 45) {
      words.push(chunk)
      chunk = ''
    }
    chunk += char
  }
  if (chunk) words.push(chunk)
  return words.map((word) => `=?UTF-8?B?${Buffer.from(word, 'utf8').toString('base64')}?=`).join('\r\n ')
}

/** A display name as a quoted string when it is ASCII, as encoded-words otherwise. */
function mailbox(person: { name: string; email: string }): string {
  const name = person.name.replace(/[\r\n]/g, ' ').trim()
  if (!name) return `<${person.email}>`
  const shown = ASCII_PRINTABLE.test(name) ? `"${name.replace(/(["\\])/g, '\\$1')}"` : encodeHeaderText(name)
  return `${shown} <${person.email}>`
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const pad = (value: number) => String(value).padStart(2, '0')

/** RFC 5322 date-time, in UTC. */
export function rfc5322Date(date: Date): string {
  return `${DAYS[date.getUTCDay()]}, ${pad(date.getUTCDate())} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`
}

/** A draft a mail program opens as is: plain text in UTF-8, base64 so no line is too long or mangled. */
export function buildEml(message: EmlMessage): string {
  const domain = message.from.email.split('@')[1] ?? 'yardstick.invalid'
  const body = Buffer.from(message.body.replace(/\r?\n/g, '\r\n'), 'utf8')
    .toString('base64')
    .replace(/.{1,76}/g, '$&\r\n')
  return [
    `From: ${mailbox(message.from)}`,
    `To: ${mailbox(message.to)}`,
    `Subject: ${encodeHeaderText(message.subject.replace(/[\r\n]+/g, ' '))}`,
    `Date: ${rfc5322Date(message.date)}`,
    `Message-ID: <${randomUUID()}@${domain}>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: base64',
    'X-Unsent: 1',
    '',
    body,
  ].join('\r\n')
}

/** A mailto: link with the message filled in (RFC 6068). */
export function mailtoUrl(to: string, subject: string, body: string): string {
  const query = `subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body.replace(/\r?\n/g, '\r\n'))}`
  return `mailto:${encodeURIComponent(to).replace(/%40/g, '@')}?${query}`
}
