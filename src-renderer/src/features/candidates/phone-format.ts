import { getCountries, parsePhoneNumberFromString } from 'libphonenumber-js'

export interface ShownPhone {
  text: string
  /** False for a number no operator uses (555 numbers, "123-456-7890"), shown with a warning. */
  valid: boolean
  country: string | null
}

/** A stored E.164 number as people read it: national format in the workspace's own region, international elsewhere. */
export function formatPhone(stored: string, region: string): ShownPhone {
  const number = parsePhoneNumberFromString(stored)
  if (!number) return { text: stored, valid: false, country: null }
  return {
    text: number.country === region ? number.formatNational() : number.formatInternational(),
    valid: number.isValid(),
    country: number.country ?? null,
  }
}

/** Regions with their own numbering, for the workspace's phone region. */
export const phoneRegions: readonly string[] = getCountries()
