import { parsePhoneNumberFromString } from 'libphonenumber-js'

/**
 * Where a contact of a profile leads, or null when it must stay plain text. Only the schemes the desktop window
 * hands to the system (mailto, tel, https) become links; a web address typed without a scheme is https.
 */
export function contactHref(kind: 'emails' | 'phones' | 'links', value: string): string | null {
  const trimmed = value.trim()
  if (kind === 'emails') return /^[^\s@<>"]+@[^\s@<>"]+$/.test(trimmed) ? `mailto:${trimmed}` : null
  if (kind === 'phones') {
    const number = parsePhoneNumberFromString(trimmed)
    return number ? number.getURI() : null
  }
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? trimmed : `https://${trimmed}`
  try {
    const url = new URL(withScheme)
    if (url.protocol !== 'https:' || url.username !== '' || url.password !== '' || !url.hostname.includes('.'))
      return null
    return url.href
  } catch {
    return null
  }
}
