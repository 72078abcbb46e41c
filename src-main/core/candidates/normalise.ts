import { normalizeUrl } from '../documents/contacts'

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

/** Digits with an optional leading +, as `candidates extract` prints them; null when it is not a phone number. */
export function normalisePhone(raw: string): string | null {
  const trimmed = raw.trim()
  if (!/^[+\d\s().\-/]+$/.test(trimmed)) return null
  const digits = trimmed.replace(/\D/g, '')
  if (digits.length < 6 || digits.length > 15) return null
  return trimmed.startsWith('+') ? `+${digits}` : digits
}

/** National and international forms of a number share their last nine digits. */
export function phoneKey(phone: string): string {
  const digits = phone.replace(/\D/g, '')
  return digits.slice(-9)
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
