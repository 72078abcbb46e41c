import type { LadderDto, PostingDto } from '@contract'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { dispatch } from '../../dispatch'
import { scannedPdf } from '../documents/fixtures/generate-fixtures'
import { openTestWorkspace, type TestWorkspace } from '../testing/temp-workspace'
import { postingDocx, postingPdf, warehouseOutline } from './fixtures/posting-documents'
import { readFixture } from './parse/test-support'
import { readSeedPosting } from '../testing/seed-posting'

let workspace: TestWorkspace
let ladder: LadderDto
beforeEach(async () => {
  workspace = await openTestWorkspace()
  await workspace.services.demo.init()
  ladder = (await workspace.services.ladders.list())[0]!
})
afterEach(() => workspace.dispose())

const postings = () => workspace.services.postings
const level = (code: string) => ladder.levels.find((entry) => entry.code === code)!

/** Row counts of every table an import writes to: parsing must leave them all alone. */
async function writes() {
  const { db } = workspace.context
  const count = async (table: 'postings' | 'requirements' | 'activity') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
  return {
    postings: await count('postings'),
    requirements: await count('requirements'),
    activity: await count('activity'),
  }
}

const textsIn = (posting: PostingDto, section: string) =>
  posting.requirements.filter((entry) => entry.section === section).map((entry) => entry.text)

describe('the shared seed posting', () => {
  const text = readSeedPosting()

  it('parses without saving and suggests the demo ladder’s level', async () => {
    const before = await writes()
    const result = await postings().parse({ text })
    expect(await writes()).toEqual(before)
    expect(result.suggestedLevel).toMatchObject({
      id: level('SBE2').id,
      title: 'Senior Backend Engineer II',
      ladderName: 'Backend Engineering',
    })
    expect(result.originalText).toBe(text)
    expect(result.parsed.language).toBe('en')
  })

  it('imports with 12 responsibilities, 10 requirements, 2 nice-to-haves and 7 benefits, each the exact line', async () => {
    const posting = await postings().importPosting({ text })
    const lines = text.split(/\r?\n/)
    const between = (from: string, to: string | null) =>
      lines.slice(lines.indexOf(from) + 1, to === null ? undefined : lines.indexOf(to)).filter((line) => line.trim())
    expect(posting.requirementCounts).toMatchObject({
      responsibility: 12,
      requirement: 10,
      nice_to_have: 2,
      benefit: 7,
    })
    expect(textsIn(posting, 'responsibility')).toEqual(between('Job Responsibility:', 'Requirements:'))
    expect(textsIn(posting, 'requirement')).toEqual(between('Requirements:', 'Nice to have:'))
    expect(textsIn(posting, 'benefit')).toEqual(between('What we offer:', null))
    expect(posting.levelId).toBe(level('SBE2').id)
    expect(posting.summary).toBe(lines[1])
    expect(posting.originalText).toBe(text)
    // The note about countries and languages is kept, but never as an assessed item.
    expect(textsIn(posting, 'other')).toEqual([lines[0]])
    const nineYears = posting.requirements.find((entry) => entry.text.startsWith('9+ years'))
    expect(nineYears?.minYears).toBe(9)
    const rails = posting.requirements.find((entry) => entry.text.includes('Ruby on Rails'))
    expect(rails?.skills).toContainEqual({ name: 'Ruby on Rails', alternatives: ['comparable backend frameworks'] })
  })
})

describe('importing a posting', () => {
  it('keeps a project fixture’s sections and needs a level when none is named', async () => {
    const text = readFixture('en-seed-like.txt')
    const before = await writes()
    await expect(postings().importPosting({ text })).rejects.toMatchObject({ code: 'invalid_input' })
    expect(await writes()).toEqual(before)
    const posting = await postings().importPosting({ text }, { levelId: level('STAFF').id, status: 'open' })
    expect(posting.requirementCounts).toEqual({
      responsibility: 5,
      requirement: 5,
      nice_to_have: 2,
      benefit: 3,
      other: 1,
    })
    expect(posting).toMatchObject({ status: 'open', language: 'en', title: 'Staff Backend Engineer' })
    const dbt = posting.requirements.find((entry) => entry.text.includes('dbt'))
    expect(dbt).toMatchObject({ section: 'nice_to_have', preferred: true, weight: 1 })
    const activity = await workspace.context.db
      .selectFrom('activity')
      .select(['action', 'detail'])
      .where('entity_id', '=', posting.id)
      .where('entity_type', '=', 'posting')
      .execute()
    // Parsed: PostgreSQL gives jsonb back in its own spacing.
    expect(activity.map((entry) => ({ ...entry, detail: JSON.parse(entry.detail) as unknown }))).toEqual([
      { action: 'imported', detail: expect.objectContaining({ requirements: 16 }) as unknown },
    ])
  })

  it('reads a French Markdown posting into French sections', async () => {
    const result = await postings().parse({
      fileName: 'fr-developpeur.md',
      bytes: Buffer.from(readFixture('fr-developpeur.md')),
    })
    expect(result.source).toBe('markdown')
    expect(result.parsed.language).toBe('fr')
    expect(result.parsed.sections.some((section) => section.kind === 'requirement' && section.items.length > 0)).toBe(
      true,
    )
  })

  it.each([
    ['warehouse.pdf', postingPdf, 'pdf'],
    ['warehouse.docx', postingDocx, 'docx'],
  ] as const)('reads %s through the extraction worker', async (fileName, build, source) => {
    const result = await postings().parse({ fileName, bytes: await build(warehouseOutline) })
    expect(result.source).toBe(source)
    expect(result.fileName).toBe(fileName)
    expect(result.parsed.title).toBe(warehouseOutline.title)
    const kinds = result.parsed.sections.map((section) => [section.kind, section.items.map((entry) => entry.text)])
    expect(kinds).toEqual([
      ['responsibility', warehouseOutline.sections[0]!.items],
      ['requirement', warehouseOutline.sections[1]!.items],
      ['nice_to_have', warehouseOutline.sections[2]!.items],
      ['benefit', warehouseOutline.sections[3]!.items],
    ])
    const saved = await postings().importPosting(
      { fileName, bytes: await build(warehouseOutline) },
      {
        levelId: level('BE2').id,
      },
    )
    expect(saved.originalFileName).toBe(fileName)
    expect(saved.requirements.find((entry) => entry.text.startsWith('4+ years'))?.minYears).toBe(4)
  })

  it('reads HTML with scripts and event handlers without keeping any of them as content', async () => {
    const html = [
      '<html><head><script>window.pwned = true</script><style>li { color: red }</style></head><body>',
      '<h1 onclick="alert(1)">Backend Engineer II</h1>',
      '<p>You will build the order services of a growing shop.</p>',
      '<h2>Requirements</h2><ul>',
      '<li onmouseover="steal()">3+ years with <b>Python</b></li>',
      '<li><img src="https://tracker.example/pixel.gif" onerror="alert(2)">Experience with Django</li>',
      '</ul><script>document.write("<p>injected</p>")</script></body></html>',
    ].join('\n')
    const before = await writes()
    const result = await postings().parse({ fileName: 'job.html', bytes: Buffer.from(html) })
    expect(await writes()).toEqual(before)
    expect(result.source).toBe('html')
    const everything = JSON.stringify(result.parsed)
    for (const fragment of ['pwned', 'alert', 'steal', 'tracker.example', 'injected', 'color: red', '<'])
      expect(everything).not.toContain(fragment)
    expect(result.parsed.sections.flatMap((section) => section.items.map((entry) => entry.text))).toEqual([
      '3+ years with Python',
      'Experience with Django',
    ])
    expect(result.suggestedLevel?.id).toBe(level('BE2').id)
  })
})

describe('bad input', () => {
  const refused = async (source: Parameters<ReturnType<typeof postings>['parse']>[0]) => {
    const before = await writes()
    try {
      await postings().parse(source)
    } catch (error) {
      expect(await writes()).toEqual(before)
      return error as { code: string; message: string }
    }
    throw new Error('expected the input to be refused')
  }

  it('refuses empty text and empty files with a clear message', async () => {
    expect(await refused({ text: '' })).toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/empty/) as string,
    })
    expect(await refused({ text: ' \n\t \n' })).toMatchObject({ code: 'invalid_input' })
    expect(await refused({ fileName: 'empty.txt', bytes: new Uint8Array() })).toMatchObject({
      code: 'invalid_input',
      message: '"empty.txt" is empty.',
    })
  })

  it('refuses binary garbage, pasted or as a file', async () => {
    const garbage = Buffer.alloc(4096)
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 7919 + 13) % 256
    expect(await refused({ text: garbage.toString('latin1') })).toMatchObject({ code: 'unsupported_file' })
    const asFile = await refused({ fileName: 'posting.txt', bytes: garbage })
    expect(['unsupported_file', 'unreadable_file']).toContain(asFile.code)
    expect(await refused({ fileName: 'posting.exe', bytes: garbage })).toMatchObject({
      code: 'unsupported_file',
      message: expect.stringContaining('.txt, .md, .html, .pdf or .docx') as string,
    })
  })

  it('refuses a file above 20 MB before reading it', async () => {
    const big = Buffer.alloc(20 * 1_048_576 + 1, 'a')
    expect(await refused({ fileName: 'huge.txt', bytes: big })).toMatchObject({
      code: 'too_large',
      message: expect.stringContaining('up to 20 MB') as string,
    })
  })

  it('says so when a PDF has no text layer', async () => {
    expect(await refused({ fileName: 'scan.pdf', bytes: await scannedPdf() })).toMatchObject({
      code: 'unreadable_file',
      message: expect.stringContaining('no text layer') as string,
    })
  })

  it('validates calls at the boundary: one source, size, codes and flags', async () => {
    const context = { services: workspace.services }
    const both = await dispatch(
      'postings:parse',
      { text: 'x', file: { fileName: 'a.txt', contentBase64: '' } },
      context,
    )
    expect(both).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    const tooLong = await dispatch('postings:parse', { text: 'a'.repeat(1_000_001) }, context)
    expect(tooLong).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringContaining('too long') as string },
    })
    const valid = {
      title: 'T',
      levelId: level('BE2').id,
      language: 'en',
      requirements: [{ section: 'requirement', text: 'Go' }],
    }
    expect(await dispatch('postings:create', { ...valid, countries: ['XX'] }, context)).toMatchObject({
      ok: false,
      error: { issues: [{ path: 'countries.0', message: 'Not an ISO 3166-1 country code' }] },
    })
    expect(await dispatch('postings:create', { ...valid, language: 'english' }, context)).toMatchObject({
      ok: false,
      error: { issues: [{ path: 'language' }] },
    })
    const both2 = { ...valid, requirements: [{ section: 'requirement', text: 'Go', mustHave: true, preferred: true }] }
    expect(await dispatch('postings:create', both2, context)).toMatchObject({
      ok: false,
      error: { issues: [{ path: 'requirements.0.preferred' }] },
    })
    const weight = { ...valid, requirements: [{ section: 'requirement', text: 'Go', weight: 6 }] }
    expect(await dispatch('postings:create', weight, context)).toMatchObject({ ok: false })
    const created = await dispatch('postings:create', { ...valid, countries: ['de', 'FR'] }, context)
    expect(created).toMatchObject({
      ok: true,
      data: { countries: ['DE', 'FR'], remotePolicy: 'onsite', status: 'draft' },
    })
  })
})
