import { describe, expect, it } from 'vitest'
import { formatPhone, phoneRegions } from './phone-format'

describe('formatPhone', () => {
  it('shows a number of the workspace region in national form and others internationally', () => {
    expect(formatPhone('+33612345678', 'FR')).toEqual({ text: '06 12 34 56 78', valid: true, country: 'FR' })
    expect(formatPhone('+33612345678', 'DE')).toEqual({ text: '+33 6 12 34 56 78', valid: true, country: 'FR' })
    expect(formatPhone('+4915123456789', 'FR').text).toBe('+49 1512 3456789')
  })

  it('warns about a number no operator uses and keeps text it cannot parse as it was stored', () => {
    expect(formatPhone('+11234567890', 'US').valid).toBe(false)
    expect(formatPhone('call me maybe', 'US')).toEqual({ text: 'call me maybe', valid: false, country: null })
  })

  it('offers every region with its own numbering', () => {
    expect(phoneRegions).toEqual(expect.arrayContaining(['FR', 'DE', 'ES', 'US', 'BR', 'NL']))
  })
})
