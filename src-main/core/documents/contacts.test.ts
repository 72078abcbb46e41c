import { describe, expect, it } from 'vitest'
import { extractContacts, extractEmails, extractLinks, extractName, extractPhones, normalizeUrl } from './contacts'

describe('extractEmails', () => {
  it('finds, lowercases and de-duplicates addresses', () => {
    const text = 'Mail: Jane.Doe+jobs@Example.ORG, or jane.doe+jobs@example.org; backup: j_doe-2@mail.example.co.uk.'
    expect(extractEmails(text)).toEqual(['jane.doe+jobs@example.org', 'j_doe-2@mail.example.co.uk'])
  })

  it('reads common obfuscations', () => {
    expect(extractEmails('contact: jane [at] example [dot] org')).toEqual(['jane@example.org'])
    expect(extractEmails('jane(at)example(dot)co(dot)uk')).toEqual(['jane@example.co.uk'])
    expect(extractEmails('write to jane at example dot org please')).toEqual(['jane@example.org'])
    expect(extractEmails('jane.doe @ example.org')).toEqual(['jane.doe@example.org'])
    expect(extractEmails('jane.doe@example. org | jo@mail .example.com')).toEqual([
      'jane.doe@example.org',
      'jo@mail.example.com',
    ])
    expect(extractEmails('Write to jane@example. Then call.')).toEqual([])
  })

  it('joins addresses that a PDF spelled letter by letter', () => {
    expect(extractEmails('E-mail:  j a n e . d o e @ e x a m p l e . o r g')).toEqual(['jane.doe@example.org'])
  })

  it('handles mailto links, markdown and full-width at signs', () => {
    expect(extractEmails('[Email](mailto:someone@example.net) | <a href="mailto:other@example.net">x</a>')).toEqual([
      'someone@example.net',
      'other@example.net',
    ])
    expect(extractEmails('メール：taro＠example.jp')).toEqual(['taro@example.jp'])
  })

  it('joins an address wrapped at the end of a line', () => {
    expect(extractEmails('Email: jane.doe@\nexample.org')).toEqual(['jane.doe@example.org'])
  })

  it('stays fast on hostile input', () => {
    const hostile = [
      '1'.repeat(200_000),
      ' '.repeat(200_000) + 'x',
      'a '.repeat(100_000),
      '(at) '.repeat(50_000),
      '9 '.repeat(100_000),
    ].join('\n')
    expect(extractContacts(hostile)).toEqual({ name: null, emails: [], phones: [], links: [] })
  })

  it('cuts words glued after the address and ignores file names', () => {
    expect(extractEmails('jane@example.comPhone: 555')).toEqual(['jane@example.com'])
    expect(extractEmails('logo@2x.png icon@3x.jpg')).toEqual([])
  })

  it('strips a phone number glued before the address', () => {
    expect(extractEmails('614-555-5555jane@example.edu')).toEqual(['jane@example.edu'])
  })
})

describe('extractPhones', () => {
  it.each([
    ['+1 (555) 010-2030', 'US', '+15550102030'],
    ['(555) 010-2030', 'US', '+15550102030'],
    ['555.010.2030', 'US', '+15550102030'],
    ['+44 (0) 20 7946 0958', 'US', '+442079460958'],
    ['+44 20 7946 0958', 'US', '+442079460958'],
    ['0044 20 7946 0958', 'US', '+442079460958'],
    ['+49 30 901820', 'US', '+4930901820'],
    ['030/901820', 'DE', '+4930901820'],
    ['06.88.23.43.20', 'FR', '+33688234320'],
    ['+33 6 12 34 56 78', 'US', '+33612345678'],
    ['+7 (999) 123-45-67', 'US', '+79991234567'],
    ['(+86) 101-2345-6789', 'US', '+8610123456789'],
    ['(+91) 8087996634', 'US', '+918087996634'],
    ['+91-98765 43210', 'US', '+919876543210'],
    ['+61 2 9374 4000', 'US', '+61293744000'],
    ['+55 11 91234-5678', 'US', '+5511912345678'],
    ['06 12 34 56 78', 'FR', '+33612345678'],
    ['0049 30 1234567', 'FR', '+49301234567'],
  ] as const)('normalises %s (region %s) to E.164', (shown, region, normalised) => {
    expect(extractPhones(`Phone ${shown} (mobile)`, region)).toEqual([normalised])
    expect(extractPhones(shown, region)).toEqual([normalised])
  })

  it('reads a number without a country code as a number of the region', () => {
    expect(extractPhones('Tel. 030 901820', 'DE')).toEqual(['+4930901820'])
    expect(extractPhones('Tel. 06 12 34 56 78', 'FR')).toEqual(['+33612345678'])
  })

  it('leaves out a number too short for its region (a local number without its area code)', () => {
    expect(extractPhones('Phone 555-0123 (mobile)', 'US')).toEqual([])
    expect(extractPhones('555-0123', 'US')).toEqual([])
  })

  it('accepts an unformatted number only with a label or a country code', () => {
    expect(extractPhones('Mobile: 5550102030', 'US')).toEqual(['+15550102030'])
    expect(extractPhones('Tel.:+4930901820', 'US')).toEqual(['+4930901820'])
    expect(extractPhones('Employee number 5550102030', 'US')).toEqual([])
    expect(extractPhones('Reference 5550102030', 'US')).toEqual([])
    expect(extractPhones('Paragraph 5550102030', 'US')).toEqual([])
    expect(extractPhones('Graph 555-010-0123 and paid 555-010-0124', 'US')).toEqual(['+15550100123', '+15550100124'])
  })

  it.each([
    'Worked there 2015 - 2019',
    'Worked there 2015–2019 and 2019-2021',
    'Period: 01/2016 – 05/2019',
    'Born 1989-04-12',
    'Date 12.04.1989',
    'Dates 12/04/89',
    'Newton 1654-1660',
    'Columbus, Ohio 44444',
    'ZIP 94105-1234',
    'Licensed Navigator # 2984352',
    'ISBN 978-3-16-148410-0',
    'Server 192.168.100.200',
    'Budget $1 250 000',
    'Raised 1 234 567 €',
    'Order no. 123-4567-8901',
    'Student ID: 2019-12345',
    'Profile linkedin.com/in/someone-94473811b',
    'DOI 10.17148/IJARCCE.2017.64117',
    'Placeholder +00 (0)00 000 0000',
  ])('ignores non-phones: %s', (text) => {
    expect(extractPhones(text, 'US')).toEqual([])
  })

  it('separates a ZIP code from the phone that follows it', () => {
    expect(extractPhones('2222 Main Road • Columbus, Ohio 44444 614-555-0142 • jo@example.org', 'US')).toEqual([
      '+16145550142',
    ])
  })

  it('finds several numbers on one line and de-duplicates their E.164 forms', () => {
    expect(extractPhones('Home: (555) 432-1000  Cell: +1 555 432 1001  Home again: 555-432-1000', 'US')).toEqual([
      '+15554321000',
      '+15554321001',
    ])
  })

  it('finds each of ten numbers in one line, and drops an extension', () => {
    const numbers = Array.from({ length: 10 }, (_, index) => `+33 6 12 34 56 ${String(70 + index)}`)
    expect(extractPhones(numbers.join(', '), 'US')).toEqual(
      numbers.map((_, index) => `+336123456${String(70 + index)}`),
    )
    expect(extractPhones('Office: +1 (555) 010-0000 ext. 12', 'US')).toEqual(['+15550100000'])
  })
})

describe('extractLinks', () => {
  it('normalises URLs and profile addresses and drops trailing punctuation', () => {
    const text = [
      'Portfolio: https://Example.ORG/work/, see also (https://en.wikipedia.org/wiki/Ada_(programming_language)).',
      'LinkedIn: linkedin.com/in/jane-doe; GitHub github.com/janedoe.',
      'Site www.jane.example.com/blog!',
      '[Blog](https://jane.example.net/posts) and jane.github.io',
    ].join('\n')
    expect(extractLinks(text)).toEqual([
      'https://example.org/work',
      'https://en.wikipedia.org/wiki/Ada_(programming_language)',
      'https://www.jane.example.com/blog',
      'https://jane.example.net/posts',
      'https://linkedin.com/in/jane-doe',
      'https://github.com/janedoe',
      'https://jane.github.io',
    ])
  })

  it('de-duplicates the same address written differently', () => {
    expect(extractLinks('https://www.linkedin.com/in/jane-doe/ and linkedin.com/in/jane-doe')).toEqual([
      'https://www.linkedin.com/in/jane-doe',
    ])
  })

  it('does not take the domain of an e-mail address for a link', () => {
    expect(extractLinks('jane@github.com and jane@linkedin.com/x')).toEqual([])
  })

  it('normalizeUrl rejects what is not a web address', () => {
    expect(normalizeUrl('javascript:alert(1)')).toBeNull()
    expect(normalizeUrl('https://user:pw@example.org')).toBeNull()
    expect(normalizeUrl('HTTP://EXAMPLE.org/A/')).toBe('http://example.org/A')
  })
})

describe('extractName', () => {
  it.each([
    ['Jane Doe\nSoftware Engineer\njane@example.org', 'Jane Doe'],
    ['JANE DOE\nSOFTWARE ENGINEER', 'Jane Doe'],
    ['Curriculum Vitae\n\nMarie-Claire O’NEIL\nParis', 'Marie-Claire O’Neil'],
    ['RESUME\nJOSÉ GARCÍA DE LA CRUZ', 'José García de la Cruz'],
    ['J O H N   S M I T H\nProduct Designer', 'John Smith'],
    ['# Jane Doe\n## Senior PHP Developer', 'Jane Doe'],
    ['# [Jane Doe](https://jane.example.org)\n**Tech Lead**', 'Jane Doe'],
    ['# Candidate — Mei Chen\n\n## Summary', 'Mei Chen'],
    ['Dr. Ada Lovelace, PhD | ada@example.org | +44 20 7946 0958', 'Ada Lovelace'],
    ['jane@example.org | 555-010-2030\nJane Q. Public\nAccountant', 'Jane Q. Public'],
    ['Name: Priya Raman\nEmail: priya@example.org', 'Priya Raman'],
    ['---\nlayout: cv\ntitle: Someone Else CV\n---\n# Isaac Newton\nPhysicist', 'Isaac Newton'],
    ['# 杜少陵\n## 高级Android工程师', '杜少陵'],
    ['# Иван Петров\n## Старший Разработчик', 'Иван Петров'],
    ['    Jessica   Claire             Montgomery Street ,  San Francisco ,  CA   94105', 'Jessica Claire'],
    ['Ludwig van Beethoven\nComposer', 'Ludwig van Beethoven'],
    ['Resume of Maria Silva\nNurse', 'Maria Silva'],
    ['John Smith MBA, PMP\nProgram Manager', 'John Smith'],
    ['JOHNSMITH\nProduct Designer\njohn.smith@example.org', 'John Smith'],
    ['ANNA\nKOWALSKA\nUX Researcher · anna@example.org', 'Anna Kowalska'],
  ])('finds the name in %j', (text, name) => {
    expect(extractName(text)).toBe(name)
  })

  it.each([
    ['ACCOUNTANT\nSummary\nAccountant with over a decade of experience'],
    ['HR DIRECTOR       Summary      Over 20 years experience in recruiting'],
    ['Education Details\nJanuary 2009 P.G. Sports science  Dr. BMN College of Home Science'],
    ['SKILLS • Knows English as native speaker • Hindi'],
    ['I.T. Skills • Windows XP, Ms Office (Word, Excel)'],
    ['Senior Software Engineer\nNew York, NY\nSummary'],
    ['Experience\nJane Doe Was Here'],
    ['Profile\nJane Doe'],
    ['Manager\nOperations\nSummary'],
    ['the quick brown fox jumps over the lazy dog and keeps running far away from Jane Doe'],
  ])('returns null when no line looks like a name: %j', (text) => {
    expect(extractName(text)).toBeNull()
  })
})

describe('extractContacts', () => {
  it('combines all fields', () => {
    const text =
      'ELENA VARGA\nSenior Backend Engineer\nelena.varga@example.org | +1 (555) 010-2030 | linkedin.com/in/elena-varga\n\nEXPERIENCE\n2019 – 2024 Staff Engineer'
    expect(extractContacts(text)).toEqual({
      name: 'Elena Varga',
      emails: ['elena.varga@example.org'],
      phones: ['+15550102030'],
      links: ['https://linkedin.com/in/elena-varga'],
    })
  })

  it('returns empty fields for empty text', () => {
    expect(extractContacts('')).toEqual({ name: null, emails: [], phones: [], links: [] })
  })
})
