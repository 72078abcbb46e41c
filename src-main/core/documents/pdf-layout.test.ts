import { describe, expect, it } from 'vitest'
import { layoutPage, type PdfTextItem } from './pdf-layout'

/** Items laid out like a PDF: words at x positions on baselines, 10 pt Helvetica-ish widths. */
function words(y: number, x: number, text: string, size = 10): PdfTextItem[] {
  const items: PdfTextItem[] = []
  let cursor = x
  for (const word of text.split(' ')) {
    const width = word.length * size * 0.5
    items.push({ str: word, x: cursor, y, width, fontSize: size })
    cursor += width + size * 0.28
  }
  return items
}

describe('layoutPage', () => {
  it('breaks lines on baseline changes and spaces words by their gaps', () => {
    const text = layoutPage([...words(700, 50, 'Jane Doe'), ...words(686, 50, 'Backend engineer in Lisbon')])
    expect(text).toBe('Jane Doe\nBackend engineer in Lisbon')
  })

  it('orders items by position, not by the order they were drawn', () => {
    const items = [...words(686, 50, 'second line'), ...words(700, 50, 'first line')].reverse()
    expect(layoutPage(items)).toBe('first line\nsecond line')
  })

  it('turns a wide gap into a tab and a tall gap into an empty line', () => {
    const items = [
      ...words(700, 50, 'Northwind Logistics'),
      ...words(700, 450, '2019 – 2024'),
      ...words(640, 50, 'EDUCATION'),
    ]
    expect(layoutPage(items)).toBe('Northwind Logistics\t2019 – 2024\n\nEDUCATION')
  })

  it('joins glyph-by-glyph output and keeps spaces that were separate items', () => {
    const glyphs: PdfTextItem[] = [...'Skills'].map((ch, i) => ({
      str: ch,
      x: 50 + i * 5,
      y: 700,
      width: 5,
      fontSize: 10,
    }))
    const spaced: PdfTextItem[] = [
      { str: 'team', x: 50, y: 680, width: 20, fontSize: 10 },
      { str: ' ', x: 70, y: 680, width: 0.5, fontSize: 10 },
      { str: 'member', x: 70.6, y: 680, width: 30, fontSize: 10 },
    ]
    expect(layoutPage([...glyphs, ...spaced])).toBe('Skills\nteam member')
  })

  it('closes up letter-spaced words', () => {
    const letters = (x: number, word: string): PdfTextItem[] =>
      [...word].map((ch, i) => ({ str: ch, x: x + i * 14, y: 700, width: 8, fontSize: 16 }))
    const text = layoutPage([...letters(50, 'JANE'), ...letters(50 + 4 * 14 + 12, 'DOE')])
    expect(text).toBe('JANE DOE')
    expect(layoutPage([{ str: 'T O M A S', x: 50, y: 700, width: 90, fontSize: 20 }])).toBe('TOMAS')
    expect(layoutPage([{ str: 'J O H N   S M I T H', x: 50, y: 700, width: 190, fontSize: 20 }])).toBe('JOHN SMITH')
    expect(layoutPage([{ str: 'Grades A B', x: 50, y: 700, width: 190, fontSize: 10 }])).toBe('Grades A B')
  })

  it('normalises odd characters inside items', () => {
    const text = layoutPage([
      {
        str: 'Road\u009fOhio\u00a0(909)\u00a0555-\u00ad\u20105555 \ufb01les\tx',
        x: 50,
        y: 700,
        width: 200,
        fontSize: 10,
      },
    ])
    expect(text).toBe('Road•Ohio (909) 555-5555 files x')
  })

  it('reads a sidebar layout column by column', () => {
    const sidebar = [
      'CONTACT',
      'jane@example.org',
      'SKILLS',
      'TypeScript',
      'PostgreSQL',
      'Kubernetes',
      'LANGUAGES',
      'Portuguese',
    ]
    const main = [
      'EXPERIENCE',
      'Staff Engineer at Northwind, 2019 to 2024.',
      'Led the billing migration to an event-sourced',
      'design and halved invoice errors.',
      'Senior Engineer at Contoso, 2015 to 2019.',
      'Built the route planning service.',
    ]
    const items = [
      ...words(760, 50, 'Jane Doe', 22),
      ...sidebar.flatMap((line, i) => words(700 - i * 13, 50, line, 9)),
      ...main.flatMap((line, i) => words(702 - i * 17, 220, line, 11)),
    ]
    const text = layoutPage(items)
    expect(text).toContain(sidebar.join('\n'))
    expect(text).toContain(main.join('\n'))
    expect(text.indexOf('Jane Doe')).toBeLessThan(text.indexOf('CONTACT'))
  })

  it('reads columns set in the same size and leading, baselines shared', () => {
    const sidebar = [
      'CONTACT',
      'jane@example.org',
      'London, UK',
      '',
      'SKILLS',
      'TypeScript, Go',
      'Event sourcing',
      '',
      'LANGUAGES',
      'English',
      'German',
    ]
    const main = [
      'EXPERIENCE',
      'Staff Engineer, Northwind, 2019 – 2024',
      'Led a team of five engineers building a payments',
      'platform used by two million customers, and',
      'introduced contract testing between services.',
      '',
      'Senior Engineer, Contoso, 2015 – 2019',
      'Built the route planning service and its API.',
    ]
    const items = [
      ...sidebar.flatMap((line, i) => (line ? words(700 - i * 12, 40, line) : [])),
      ...main.flatMap((line, i) => (line ? words(700 - i * 12, 220, line) : [])),
    ]
    const text = layoutPage(items)
    expect(text).toContain('SKILLS\nTypeScript, Go\nEvent sourcing')
    expect(text).toContain(main.slice(1, 5).join('\n'))
  })

  it('keeps table rows (shared baselines) as rows', () => {
    const rows = [
      ['Bachelor of Business Administration', 'Expected Graduation: May 2018'],
      ['Kent State University', 'Kent, Ohio'],
      ['Major: Business Management', 'GPA: 3.6'],
      ['Minor: Spanish', 'Dean’s List'],
      ['Exchange: Universidad de Sevilla', 'Spring 2017'],
      ['Thesis: Retail pricing', 'Advisor: J. Rivera'],
      ['Clubs: Debate', 'Captain'],
    ]
    const items = rows.flatMap(([left = '', right = ''], i) => [
      ...words(700 - i * 12, 40, left),
      ...words(700 - i * 12, 400, right),
    ])
    expect(layoutPage(items).split('\n')).toEqual(rows.map(([l, r]) => `${l}\t${r}`))
  })

  it('keeps right-aligned dates next to their entries', () => {
    const items = [
      ...words(700, 40, 'Northwind Logistics'),
      ...words(700, 480, '2019 – 2024', 9),
      ...words(686, 40, 'Staff Engineer'),
      ...words(672, 50, '• Short bullet'),
      ...words(658, 50, '• Another short bullet'),
      ...words(640, 40, 'Contoso Freight'),
      ...words(640.5, 480, '2015 – 2019', 9),
      ...words(626, 40, 'Senior Engineer'),
      ...words(612, 50, '• A bullet'),
    ]
    expect(layoutPage(items)).toContain('Northwind Logistics\t2019 – 2024\nStaff Engineer')
    expect(layoutPage(items)).toContain('Contoso Freight\t2015 – 2019\nSenior Engineer')
  })

  it('returns an empty string for a page without text', () => {
    expect(layoutPage([])).toBe('')
    expect(layoutPage([{ str: '  ', x: 1, y: 1, width: 1, fontSize: 10 }])).toBe('')
  })
})
