import {
  type CountryCode,
  getCountryCallingCode,
  isSupportedCountry,
  ParseError,
  parsePhoneNumberWithError,
  searchPhoneNumbersInText,
  validatePhoneNumberLength,
} from 'libphonenumber-js'
import { Metadata, parsePhoneNumberWithError as parseWithMetadata, type MetadataJson } from 'libphonenumber-js/core'
import metadata from 'libphonenumber-js/min/metadata'

export type PhoneRegion = CountryCode

/** Where neither the workspace nor the system says anything: the region of the app's default locale. */
export const FALLBACK_REGION: PhoneRegion = 'US'

export function isPhoneRegion(value: string): value is PhoneRegion {
  return isSupportedCountry(value)
}

/** The region part of a BCP 47 or POSIX locale ("fr-FR", "de_DE.UTF-8", "en-Latn-GB"), when it is one. */
export function regionFromLocale(locale: string | undefined): PhoneRegion | null {
  if (!locale) return null
  const tag = (locale.split(/[.@]/)[0] ?? '').replace(/_/g, '-')
  let region: string | undefined
  try {
    region = new Intl.Locale(tag).maximize().region
  } catch {
    return null
  }
  return region && isPhoneRegion(region) ? region : null
}

/** The system's region, for the first run and for commands that open no workspace. */
export function systemRegion(env: NodeJS.ProcessEnv = process.env): PhoneRegion {
  for (const value of [env.LC_ALL, env.LC_TELEPHONE, env.LANG, Intl.DateTimeFormat().resolvedOptions().locale]) {
    // "C" and "POSIX" name no place; maximize() would turn them into a guess.
    if (!value || /^(?:C|POSIX)(?:[.@]|$)/.test(value)) continue
    const region = regionFromLocale(value)
    if (region) return region
  }
  return FALLBACK_REGION
}

const countryNames = new Intl.DisplayNames(['en'], { type: 'region' })

function where(region: PhoneRegion): string {
  return `${countryNames.of(region) ?? region} (+${getCountryCallingCode(region)})`
}

export type PhoneCheck =
  | {
      ok: true
      /** E.164: "+" then the country code and the national number, no separators. */
      e164: string
    }
  | { ok: false; reason: string }

/** More than this many characters cannot be one number, even with spaces, brackets and a country code. */
const MAX_PHONE_CHARS = 40

/**
 * Checks what a person typed (or a cell said) as one phone number. A number written without a country code is
 * read as a number of `region`; "00" and "+" introduce one. A number whose length cannot be right is refused with
 * the reason; one of the right length that no operator uses (555 numbers, "123-456-7890") is kept, and flagged
 * where it is shown.
 */
export function checkPhone(raw: string, region: PhoneRegion): PhoneCheck {
  const text = raw.trim().replace(/^\(\+(\d{1,3})\)/, '+$1')
  if (!text) return { ok: false, reason: 'is empty' }
  if (text.length > MAX_PHONE_CHARS) return { ok: false, reason: severalOr(text, region, 'is not one phone number') }
  if (/\p{L}/u.test(text.replace(/\b(?:ext|extension|x|poste|durchwahl)\b\.?/giu, ''))) {
    return { ok: false, reason: 'is not a phone number (it contains letters)' }
  }
  const international = text.startsWith('+') || /^00[1-9]/.test(text)
  const normalised = international && text.startsWith('00') ? `+${text.slice(2)}` : text
  // Two numbers side by side parse as one too long; searching is slower, so only text this long is searched.
  if (normalised.length > SHORTEST_PAIR) {
    const several = severalOr(normalised, region, '')
    if (several) return { ok: false, reason: several }
  }
  const e164 = possibleEverywhere(normalised, region)
  if (e164) return { ok: true, e164 }
  let number
  try {
    number = parsePhoneNumberWithError(normalised, { defaultCountry: region })
  } catch (error) {
    return { ok: false, reason: parseProblem(error, normalised, region, international) }
  }
  const country = number.country ?? region
  if (!number.isPossible()) {
    const problem = validatePhoneNumberLength(number.number, country)
    return { ok: false, reason: lengthMessage(problem ?? 'INVALID_LENGTH', number.country ?? null, region) }
  }
  if (number.ext) {
    return {
      ok: false,
      reason: `has an extension (ext. ${number.ext}), which a phone number cannot keep: enter ${number.formatInternational().replace(/ ext\. .*$/, '')} and put the extension in a note`,
    }
  }
  // Whether an operator uses the range (isValid) is left to the display: it costs as much again, on every row of an import.
  return { ok: true, e164: number.number }
}

/**
 * The metadata with one country per calling code, its main one: a number parsed with it is never matched
 * against the patterns of the other countries that share its code (25 for +1), which is most of the cost of
 * parsing a number that no operator uses. Its calling code and national number are those a full parse gives.
 */
const mainCountryOnly: MetadataJson = {
  ...metadata,
  country_calling_codes: Object.fromEntries(
    Object.entries(metadata.country_calling_codes).map(([code, countries]) => [code, countries.slice(0, 1)]),
  ),
}

const lengthsByCallingCode = new Map<string, ReadonlySet<number>>()

/** The national number lengths that every country (or non-geographic plan) sharing `callingCode` accepts. */
function lengthsEveryCountryAccepts(callingCode: string): ReadonlySet<number> {
  let lengths = lengthsByCallingCode.get(callingCode)
  if (lengths) return lengths
  const plans = new Metadata(metadata)
  let common: number[] | null = null
  for (const country of metadata.country_calling_codes[callingCode] ?? []) {
    // A non-geographic code (country "001") has its plan under the calling code itself, as the library reads it.
    const plan: string = country
    plans.selectNumberingPlan((plan === '001' ? callingCode : plan) as CountryCode)
    const accepted: number[] = plans.numberingPlan?.possibleLengths() ?? []
    common = common === null ? accepted : common.filter((length) => accepted.includes(length))
  }
  lengths = new Set(common ?? [])
  lengthsByCallingCode.set(callingCode, lengths)
  return lengths
}

/**
 * The E.164 form of a number whose length is right whichever country of its calling code it belongs to, without
 * working out which one; null for every other case (then the full check below gives its answer and reason).
 */
function possibleEverywhere(text: string, region: PhoneRegion): string | null {
  try {
    const number = parseWithMetadata(text, { defaultCountry: region }, mainCountryOnly)
    if (number.ext) return null
    return lengthsEveryCountryAccepts(number.countryCallingCode).has(number.nationalNumber.length)
      ? number.number
      : null
  } catch {
    return null
  }
}

/** "+1 555 010 2030 +1 555 010 2031" is 31 characters; no two numbers fit in fewer than this. */
const SHORTEST_PAIR = 20

function severalOr(text: string, region: PhoneRegion, otherwise: string): string {
  const count = [...searchPhoneNumbersInText(text, { defaultCountry: region, extended: true })].length
  return count > 1 ? `holds ${count} phone numbers: give one number per entry (separate them with ";")` : otherwise
}

function parseProblem(error: unknown, text: string, region: PhoneRegion, international: boolean): string {
  if (!(error instanceof ParseError)) throw error
  switch (error.message) {
    case 'INVALID_COUNTRY':
      return international
        ? `starts with a country code that does not exist (${/^\+\d{1,3}/.exec(text)?.[0] ?? '+'})`
        : `has no country code, and is not a number of ${where(region)}`
    case 'TOO_SHORT':
      return `is too short to be a phone number`
    case 'TOO_LONG':
      return `is too long to be a phone number`
    default:
      return 'is not a phone number'
  }
}

function lengthMessage(problem: string, country: PhoneRegion | null, region: PhoneRegion): string {
  const place = where(country ?? region)
  switch (problem) {
    case 'TOO_SHORT':
      return country === null || country === region
        ? `is too short for a number of ${place}: is the area code missing?`
        : `is too short for a number of ${place}`
    case 'TOO_LONG':
      return `is too long for a number of ${place}`
    case 'INVALID_COUNTRY':
      return 'starts with a country code that does not exist'
    case 'NOT_A_NUMBER':
      return 'is not a phone number'
    default:
      return `has the wrong number of digits for ${place}`
  }
}

/** The E.164 form of a phone number, or null when it cannot be one. */
export function toE164(raw: string, region: PhoneRegion): string | null {
  const checked = checkPhone(raw, region)
  return checked.ok ? checked.e164 : null
}

export interface FoundPhone {
  e164: string
  start: number
  end: number
}

/**
 * Every number of the right length for its country in `text`, with where it is. Numbers without a country code
 * are read as numbers of `region`. Extensions are dropped: an extracted number is an offer, not a stored value.
 */
export function findPhones(text: string, region: PhoneRegion): FoundPhone[] {
  const found: FoundPhone[] = []
  for (const match of searchPhoneNumbersInText(text, { defaultCountry: region, extended: true })) {
    found.push({ e164: match.number.number, start: match.startsAt, end: match.endsAt })
  }
  return found
}
