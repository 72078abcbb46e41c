import { normalizeUrl } from '../documents/contacts'
import { type PhoneRegion, toE164 } from '../phones/phone-numbers'

/** Lowercase without diacritics or repeated spaces: "  Élodie  DURAND " → "elodie durand". */
export function foldText(value: string): string {
  // Most names are plain ASCII: skipping Unicode normalisation for them matters at import speed.
  const folded = /^[\x20-\x7e]*$/.test(value) ? value : value.normalize('NFKD').replace(/\p{M}+/gu, '')
  return folded.toLowerCase().replace(/\s+/g, ' ').trim()
}

export function nameKey(name: string): string {
  return foldText(name)
}

/** Folded words in alphabetical order, punctuation dropped: the likely-duplicate key of a name. */
export function nameMatchKey(name: string, folded = foldText(name)): string {
  return folded
    .replace(/[^\p{L}\p{N} ]+/gu, ' ')
    .split(' ')
    .filter(Boolean)
    .sort()
    .join(' ')
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]{1,64}@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/

export function normaliseEmail(raw: string): string | null {
  const email = raw.trim().toLowerCase()
  return email.length <= 320 && EMAIL.test(email) ? email : null
}

/** The E.164 form of a phone number ("+4930901820"); null when it cannot be a number. */
export function normalisePhone(raw: string, region: PhoneRegion): string | null {
  return toE164(raw, region)
}

/**
 * The duplicate key of a stored phone: its E.164 form. Rows stored before numbers were kept in E.164 are read
 * with the workspace's region; one that still cannot be read keeps its digits, marked so it never equals a
 * number in E.164.
 */
export function phoneKey(phone: string, region: PhoneRegion): string {
  if (/^\+\d{6,15}$/.test(phone)) return phone
  return toE164(phone, region) ?? `?${phone.replace(/\D/g, '')}`
}

export function normaliseLink(raw: string): string | null {
  return normalizeUrl(raw)
}

export function normaliseTag(raw: string): string {
  return raw.trim().replace(/\s+/g, ' ')
}

/** Keeps the first of values that are equal after `key`. */
export function uniqueBy<T>(values: readonly T[], key: (value: T) => string): T[] {
  const seen = new Set<string>()
  return values.filter((value) => {
    const k = key(value)
    if (seen.has(k)) return false
    seen.add(k)
    return true
  })
}
