import { describe, expect, it } from 'vitest'
import { AppError } from '../errors'
import { extractTextInProcess } from './extract-in-process'
import * as fx from './fixtures/generate-fixtures'

/** "code: message" of the AppError the promise rejects with. */
async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
  } catch (error) {
    if (error instanceof AppError) return `${error.code}: ${error.message}`
    throw error
  }
  throw new Error('expected a rejection')
}

describe('extractTextInProcess: PDF', () => {
  it('extracts a one-page résumé with its lines and its link annotation', async () => {
    const r = await extractTextInProcess(await fx.onePageResumePdf(), 'resume.pdf')
    expect(r).toMatchObject({ kind: 'pdf', pages: 1, warnings: [], hyperlinks: [fx.fixturePerson.github] })
    const lines = r.text.split('\n')
    expect(lines.slice(0, 2)).toEqual([fx.fixturePerson.name, 'Senior Backend Engineer'])
    expect(r.text).toContain(
      `${fx.fixturePerson.email} | ${fx.fixturePerson.phoneShown} | ${fx.fixturePerson.linkedinShown} | GitHub`,
    )
    expect(r.text).toMatch(/Northwind Logistics — Staff Engineer\t2019 – 2024/)
  })

  it('extracts both pages of a two-page résumé', async () => {
    const r = await extractTextInProcess(await fx.twoPageResumePdf(), 'resume.pdf')
    expect(r.pages).toBe(2)
    expect(r.text).toMatch(/on-call rotation\.\n\nEDUCATION\nMSc Computer Science/)
  })

  it('reads a sidebar layout one column at a time', async () => {
    const r = await extractTextInProcess(await fx.twoColumnResumePdf(), 'resume.pdf')
    expect(r.text).toContain(fx.twoColumnText.sidebar.join('\n'))
    expect(r.text).toContain(fx.twoColumnText.main.join('\n'))
  })

  it('closes up a letter-spaced name', async () => {
    const r = await extractTextInProcess(await fx.letterSpacedNamePdf(), 'resume.pdf')
    expect(r.text.split('\n')[0]).toBe('TOMAS HOLM')
  })

  it('returns empty text and a warning for a PDF without a text layer', async () => {
    const r = await extractTextInProcess(await fx.scannedPdf(), 'scan.pdf')
    expect(r.text).toBe('')
    expect(r.warnings).toHaveLength(1)
    expect(r.warnings[0]).toMatch(/no text layer \(scanned\?\)/i)
  })

  it('reads only the first pages of a long PDF and says so', async () => {
    const r = await extractTextInProcess(await fx.manyPagesPdf(60), 'long.pdf')
    expect(r.pages).toBe(60)
    expect(r.text).toContain('Page 50 of the long document')
    expect(r.text).not.toContain('Page 51')
    expect(r.warnings).toEqual(['Only the first 50 of 60 pages were read (page limit).'])
  })

  it('reports damaged PDFs as unreadable', async () => {
    expect(await failure(extractTextInProcess(fx.garbagePdf(), 'broken.pdf'))).toMatch(/^unreadable_file: /)
    expect(await failure(extractTextInProcess(fx.truncatedPdf(await fx.onePageResumePdf()), 'cut.pdf'))).toMatch(
      /^unreadable_file: /,
    )
  })

  it('refuses a PDF whose streams inflate past the cap, before pdf.js parses it', async () => {
    const f = await failure(extractTextInProcess(fx.inflatingStreamPdf(300), 'bomb.pdf'))
    expect(f).toMatch(/^too_large: .*unpacks to more than 128 MB/)
  })

  it('parses a moderately inflating stream when the cap allows it', async () => {
    const r = await extractTextInProcess(fx.inflatingStreamPdf(2), 'zeros.pdf')
    expect(r).toMatchObject({ kind: 'pdf', pages: 1, text: '' })
  })
})

describe('extractTextInProcess: DOCX', () => {
  it('extracts body, page header, lists, tables and hyperlinks', async () => {
    const r = await extractTextInProcess(await fx.resumeDocx(), 'resume.docx')
    expect(r).toMatchObject({ kind: 'docx', pages: null, warnings: [], hyperlinks: [fx.fixturePerson.github] })
    expect(r.text).toContain(`${fx.fixturePerson.email} · ${fx.fixturePerson.phoneShown}`)
    expect(r.text).toContain(`${fx.fixturePerson.name}\nSenior Backend Engineer`)
    expect(r.text).toContain('• Designed an event-sourced billing service.\n• Mentored six engineers.')
    expect(r.text).toContain('Northwind Logistics\t2019 – 2024\nContoso Freight\t2015 – 2019')
  })

  it('refuses zip bombs named .docx', async () => {
    expect(await failure(extractTextInProcess(fx.zipBombDocx(300, false), 'bomb.docx'))).toMatch(
      /^too_large: .*zip bomb/,
    )
    expect(await failure(extractTextInProcess(fx.zipBombDocx(300, true), 'bomb.docx'))).toMatch(
      /^too_large: .*more than it declares/,
    )
  })

  it('tells a zip that is not a Word document, and a .docx that is not a zip', async () => {
    expect(await failure(extractTextInProcess(fx.plainZip(), 'resume.docx'))).toBe(
      'unsupported_file: "resume.docx" is a zip archive, not a Word document.',
    )
    expect(await failure(extractTextInProcess(new TextEncoder().encode('plain words'), 'resume.docx'))).toMatch(
      /^unreadable_file: .*not a valid DOCX/,
    )
  })
})

describe('extractTextInProcess: text and detection', () => {
  it.each([
    ['utf-8', fx.utf8WithBom()],
    ['utf-16le', fx.utf16le()],
    ['utf-16be', fx.utf16be()],
    ['windows-1252', fx.windows1252()],
  ])('decodes %s text and normalises line endings', async (_label, bytes) => {
    const r = await extractTextInProcess(bytes, 'resume.txt')
    expect(r).toEqual({
      kind: 'text',
      text: 'Ana Müller\nAnalista de datos – Zürich\n“Café” résumé naïve\nLine three',
      pages: null,
      warnings: [],
      hyperlinks: [],
    })
  })

  it('marks markdown and html by extension and keeps html as it is', async () => {
    expect((await extractTextInProcess(new TextEncoder().encode('# Jane\r\n'), 'cv.md')).kind).toBe('markdown')
    const html = await extractTextInProcess(new TextEncoder().encode('<p>Jane &amp; co</p>\r\n'), 'posting.html')
    expect(html).toMatchObject({ kind: 'html', text: '<p>Jane &amp; co</p>\n' })
  })

  it('trusts the bytes over the extension', async () => {
    expect((await extractTextInProcess(await fx.onePageResumePdf(), 'resume.txt')).kind).toBe('pdf')
    expect((await extractTextInProcess(await fx.resumeDocx(), 'resume.pdf')).kind).toBe('docx')
  })

  it('refuses files that are too large before parsing them, and empty files', async () => {
    expect(await failure(extractTextInProcess(new Uint8Array(2048), 'big.txt', { maxBytes: 1024 }))).toBe(
      'too_large: "big.txt" is 2 KB; documents up to 1 KB are accepted.',
    )
    expect(await failure(extractTextInProcess(new Uint8Array(0), 'empty.txt'))).toMatch(/^unreadable_file: /)
  })

  it('names formats it does not read', async () => {
    const doc = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0])
    expect(await failure(extractTextInProcess(doc, 'old.doc'))).toMatch(/^unsupported_file: .*old Word \(\.doc\)/)
    expect(
      await failure(extractTextInProcess(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]), 'photo.pdf')),
    ).toMatch(/^unsupported_file: /)
    expect(await failure(extractTextInProcess(Uint8Array.from([1, 2, 3, 0, 0, 5, 6, 7, 8, 9]), 'blob.bin'))).toMatch(
      /^unsupported_file: /,
    )
  })

  it('cuts the text at the character cap with a warning', async () => {
    const r = await extractTextInProcess(new TextEncoder().encode('x'.repeat(500)), 'long.txt', { maxChars: 100 })
    expect(r.text).toHaveLength(100)
    expect(r.warnings).toEqual(['The text was cut at 100 characters (text limit).'])
  })

  it('rejects nonsensical limits', async () => {
    expect(await failure(extractTextInProcess(new Uint8Array(1), 'a.txt', { maxBytes: -1 }))).toMatch(
      /^invalid_input: /,
    )
  })
})
