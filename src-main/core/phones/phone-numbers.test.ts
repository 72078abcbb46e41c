import fc from 'fast-check'
import { parsePhoneNumberWithError } from 'libphonenumber-js'
import { describe, expect, it } from 'vitest'
import { checkPhone, type PhoneRegion } from './phone-numbers'

/** What libphonenumber says of a number, working out its exact country: what `checkPhone` must agree with. */
function fullParse(text: string, region: PhoneRegion): string | null {
  try {
    const number = parsePhoneNumberWithError(text, { defaultCountry: region })
    return number.isPossible() && !number.ext ? number.number : null
  } catch {
    return null
  }
}

// Calling codes shared by several countries whose lengths differ (1, 44, 61, 290, 599), shared with equal
// lengths (7, 590), of one country (33, 49) and non-geographic (800, 882).
const CALLING_CODES = ['1', '7', '33', '44', '49', '61', '290', '590', '599', '800', '882']
const REGIONS: PhoneRegion[] = ['US', 'CA', 'AG', 'GB', 'JE', 'FR', 'DE', 'AU', 'CX', 'RU', 'KZ', 'SH', 'CW', 'BQ']

const digits = (min: number, max: number) =>
  fc.array(fc.constantFrom(...'0123456789'), { minLength: min, maxLength: max }).map((list) => list.join(''))

/**
 * Digits with the separators people type: national, or after "+" and a calling code. Never "00" first (after
 * spaces), which checkPhone reads as "+" before parsing, nor longer than one number (two side by side are
 * another path).
 */
const phoneText = fc
  .tuple(
    fc.option(fc.constantFrom(...CALLING_CODES), { nil: null }),
    digits(2, 13),
    fc.constantFrom('', ' ', '-', '.'),
    fc.nat(12),
  )
  .map(([code, national, separator, at]) => {
    const spaced = separator ? `${national.slice(0, at)}${separator}${national.slice(at)}` : national
    return code === null ? spaced : `+${code} ${spaced}`
  })
  .filter((text) => !text.trim().startsWith('00'))

describe('checkPhone', () => {
  it('accepts exactly the numbers, and gives exactly the E.164 forms, that a full parse does', () => {
    fc.assert(
      fc.property(phoneText, fc.constantFrom(...REGIONS), (text, region) => {
        const checked = checkPhone(text, region)
        expect(checked.ok ? checked.e164 : null).toBe(fullParse(text, region))
      }),
      { numRuns: 20_000 },
    )
  })

  it('keeps a number of the right length that no operator uses, and refuses one of the wrong length', () => {
    // +1 212 000 0000: exchange 000 exists in no country of +1, so the exact country is never found.
    expect(checkPhone('+1 212 000 0000', 'FR')).toEqual({ ok: true, e164: '+12120000000' })
    // Anguilla (+1 264) and Jersey (+44 1534) numbers keep their country's code.
    expect(checkPhone('(264) 497-2345', 'AI')).toEqual({ ok: true, e164: '+12644972345' })
    expect(checkPhone('+44 1534 456789', 'US')).toEqual({ ok: true, e164: '+441534456789' })
    // Seven digits are a number on one island of +1, and of no country sharing it once written with +1.
    expect(checkPhone('+1 212 0000', 'US')).toMatchObject({ ok: fullParse('+1 212 0000', 'US') !== null })
    expect(checkPhone('+33 6 12', 'US')).toMatchObject({ ok: false })
    expect(checkPhone('+33 6 12 34 56 78 ext. 12', 'US')).toMatchObject({ ok: false, reason: /has an extension/ })
  })
})
