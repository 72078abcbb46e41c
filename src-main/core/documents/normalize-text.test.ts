import { describe, expect, it } from 'vitest'
import iconv from 'iconv-lite'
import { decodeBytes } from '../files/text-encoding'
import { fixturePerson, sampleText, utf16be, utf16le, utf8WithBom, windows1252 } from './fixtures/generate-fixtures'
import {
  capText,
  collapseInlineSpace,
  decodeStrayEntities,
  normalizeChars,
  repairMojibake,
  tidyLines,
} from './normalize-text'

const decodeText = (bytes: Uint8Array) => decodeBytes(bytes, 'cv.txt')

describe('decodeBytes', () => {
  it.each([
    ['UTF-8 with BOM', utf8WithBom(), 'utf-8'],
    ['UTF-16 LE with BOM', utf16le(), 'utf-16le'],
    ['UTF-16 BE with BOM', utf16be(), 'utf-16be'],
    ['windows-1252', windows1252(), 'windows-1252'],
  ])('decodes %s', (_label, bytes, encoding) => {
    const decoded = decodeText(bytes)
    expect(decoded.encoding).toBe(encoding)
    expect(decoded.text).toBe(sampleText)
  })

  it('recognises UTF-16 without a BOM', () => {
    const decoded = decodeText(new Uint8Array(Buffer.from(`${fixturePerson.name}\nEngineer\n`, 'utf16le')))
    expect(decoded).toEqual({ text: `${fixturePerson.name}\nEngineer\n`, encoding: 'utf-16le' })
  })

  it('takes plain UTF-8 as UTF-8', () => {
    expect(decodeText(new TextEncoder().encode('Zoë – 東京')).text).toBe('Zoë – 東京')
  })

  it.each([
    ['windows-1252', 'Chloé Müller, Jürgen Groß — 5 € par mois\nDéveloppeuse à Paris\n'],
    ['iso-8859-1', 'Prénom : Élodie\nNom : Lefèvre\nVille : Besançon, où elle a étudié\n'],
    ['utf-16le', 'Chloé Müller\nIngénieure logiciel\n'],
    ['utf-16be', 'Chloé Müller\nIngénieure logiciel\n'],
  ] as const)('reads %s without a BOM', (encoding, text) => {
    expect(decodeText(iconv.encode(text, encoding))).toEqual({ text, encoding })
  })

  it('reads the file in the encoding asked for, whatever was detected', () => {
    const bytes = iconv.encode('Łódź i Kraków', 'windows-1250')
    expect(decodeBytes(bytes, 'cv.txt', 'windows-1250').text).toBe('Łódź i Kraków')
  })

  it('refuses binary data, naming the file', () => {
    const noise = Uint8Array.from({ length: 4000 }, (_, i) => (i * 7919 + 13) % 256)
    expect(() => decodeText(noise)).toThrow(/cv\.txt is binary data, not text in any encoding/)
    expect(() => decodeText(Uint8Array.from([0x41, 0x00, 0x00, 0x00, 0x42, 0x07, 0x00]))).toThrow(/binary data/)
  })
})

describe('normalizeChars', () => {
  it('normalises line endings, odd spaces, invisibles, controls and ligatures', () => {
    expect(normalizeChars('a\r\nb\rc\fd')).toBe('a\nb\nc\nd')
    expect(normalizeChars('x\u00a0y\u2009z\u3000w')).toBe('x y z w')
    expect(normalizeChars('in\u00adter\u200bnal\ufeff')).toBe('internal')
    expect(normalizeChars('bell\u0007 \u0001ok')).toBe('bell ok')
    expect(normalizeChars('Road \u009f Ohio \uf0b7 x')).toBe('Road • Ohio • x')
    expect(normalizeChars('555-\u2010555 on\u2011site')).toBe('555-555 on-site')
    expect(normalizeChars('\ufb01nance \ufb02ow')).toBe('finance flow')
  })
})

describe('tidyLines and collapseInlineSpace', () => {
  it('trims line ends and collapses empty lines', () => {
    expect(tidyLines('\n\na  \n\n\n\nb\t\n\n')).toBe('a\n\nb')
  })

  it('collapses runs of layout whitespace but keeps indentation', () => {
    expect(collapseInlineSpace('A  •   B\t\t\tC \t D\n  • item')).toBe('A • B\tC\tD\n  • item')
  })
})

describe('repairMojibake', () => {
  it('repairs UTF-8 read as windows-1252 and leaves real Latin-1 alone', () => {
    expect(repairMojibake('â€¢ Skills â€“ Ã©tÃ©')).toBe('• Skills – été')
    expect(repairMojibake('SKILLS â\u0080¢ Planning')).toBe('SKILLS • Planning')
    expect(repairMojibake('SKILLS â¢ Planning')).toBe('SKILLS • Planning')
    expect(repairMojibake('Company Name ï¼ City')).toBe('Company Name  City')
    expect(repairMojibake('He said â€œhiâ€ twice')).toBe('He said “hi” twice')
    expect(repairMojibake('Café, déjà vu, Ångström, 50 ºC')).toBe('Café, déjà vu, Ångström, 50 ºC')
  })
})

describe('decodeStrayEntities', () => {
  it('decodes entities left by HTML converters', () => {
    expect(decodeStrayEntities('4+ years&rsquo; experience &ndash; R&amp;D &#233;t&#xE9;')).toBe(
      '4+ years’ experience – R&D été',
    )
    expect(decodeStrayEntities('AT&T; &unknown; &#xD800;')).toBe('AT&T; &unknown; &#xD800;')
  })
})

describe('capText', () => {
  it('cuts without splitting a surrogate pair', () => {
    expect(capText('abc', 5)).toEqual({ text: 'abc', truncated: false })
    expect(capText('ab😀cd', 3)).toEqual({ text: 'ab', truncated: true })
  })
})
