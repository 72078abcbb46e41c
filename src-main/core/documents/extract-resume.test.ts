import { describe, expect, it } from 'vitest'
import { resumeExtractJsonSchema } from '@contract/documents-extract'
import { contactsFromExtracted, extractResume, toResumeExtractJson } from './extract-resume'
import * as fx from './fixtures/generate-fixtures'

describe('extractResume', () => {
  it('reads a PDF résumé and completes its links from the link annotations', async () => {
    const r = await extractResume(await fx.onePageResumePdf(), 'elena.pdf')
    expect(r).toMatchObject({
      kind: 'pdf',
      pages: 1,
      warnings: [],
      name: fx.fixturePerson.name,
      emails: [fx.fixturePerson.email],
      phones: [fx.fixturePerson.phone],
      links: [fx.fixturePerson.linkedin, fx.fixturePerson.github],
    })
    const json = toResumeExtractJson(r)
    expect(Object.keys(json)).toEqual(['name', 'emails', 'phones', 'links', 'text'])
    expect(resumeExtractJsonSchema.parse(json)).toEqual(json)
  })

  it('reads a DOCX résumé with the contact line in its page header', async () => {
    const r = await extractResume(await fx.resumeDocx(), 'elena.docx')
    expect(r).toMatchObject({
      kind: 'docx',
      name: fx.fixturePerson.name,
      emails: [fx.fixturePerson.email],
      phones: [fx.fixturePerson.phone],
      links: [fx.fixturePerson.github],
    })
  })

  it('reads a letter-spaced name from a PDF', async () => {
    const r = await extractResume(await fx.letterSpacedNamePdf(), 'tomas.pdf')
    expect(r).toMatchObject({ name: 'Tomas Holm', emails: ['tomas.holm@example.net'], phones: ['+46701234567'] })
  })

  it('takes mailto and tel link targets as contacts and skips duplicates', () => {
    const r = contactsFromExtracted({
      kind: 'pdf',
      text: 'Jane Doe\njane@example.org',
      pages: 1,
      warnings: [],
      hyperlinks: [
        'mailto:Jane@Example.org',
        'mailto:jane.doe%40example.net?subject=Hi',
        'tel:+1-555-010-2030',
        'https://www.github.com/janedoe/',
        'https://github.com/janedoe',
      ],
    })
    expect(r).toMatchObject({
      emails: ['jane@example.org', 'jane.doe@example.net'],
      phones: ['+15550102030'],
      links: ['https://www.github.com/janedoe'],
    })
  })
})
