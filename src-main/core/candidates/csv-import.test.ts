import { createWriteStream, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import iconv from 'iconv-lite'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CsvImportResultDto } from '@contract'
import { AppError, StoppedWithResultError } from '../errors'
import { openTestWorkspace, type TestWorkspace } from '../testing/temp-workspace'
import { rowToCandidate, suggestMapping } from './csv-mapping'

let workspace: TestWorkspace
beforeEach(async () => {
  workspace = await openTestWorkspace()
})
afterEach(() => workspace.dispose())

function csvFile(name: string, content: string | Uint8Array): string {
  const path = join(workspace.dataDir, name)
  writeFileSync(path, content)
  return path
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof AppError) return error
    throw error
  }
  throw new Error('expected a rejection')
}

const count = async () =>
  Number(
    (
      await workspace.context.db
        .selectFrom('candidates')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

describe('CSV mapping', () => {
  it('suggests fields from English and French headers and ignores the rest', () => {
    expect(suggestMapping(['Full name', 'E-mail', 'Phone number', 'City', 'Favourite colour'])).toEqual([
      'name',
      'email',
      'phone',
      'location',
      null,
    ])
    expect(suggestMapping(['Prénom', 'Nom', 'Courriel', 'Téléphone', 'Étiquettes', 'Commentaires'])).toEqual([
      'first_name',
      'last_name',
      'email',
      'phone',
      'tags',
      'notes',
    ])
  })

  it('stores formula-like cells as the text they are', () => {
    const { candidate, errors } = rowToCandidate(
      ['=HYPERLINK("http://evil.example","x")', '+33 6 12 34 56 78', '@SUM(A1:A2)', '-2+3'],
      ['name', 'phone', 'notes', 'location'],
      'US',
    )
    expect(errors).toEqual([])
    expect(candidate?.values.name).toBe('=HYPERLINK("http://evil.example","x")')
    expect(candidate?.phones[0]?.phone).toBe('+33612345678')
    expect(candidate?.notes).toEqual(['@SUM(A1:A2)'])
    expect(candidate?.values.location).toBe('-2+3')
  })
})

describe('CSV import', () => {
  const header = 'name,email,phone,tags,notes\n'

  it('imports all rows, and nothing at all when a row is bad', async () => {
    const { csvImport, candidates } = workspace.services
    const kept = await candidates.create({
      name: 'Already Here',
      emails: ['here@example.org'],
      phones: [],
      links: [],
      location: '',
      source: '',
      tags: [],
      ifDuplicate: 'refuse',
    })
    const bad = csvFile(
      'bad.csv',
      `${header}Ana Silva,ana@example.org,,go;rust,\nNo Email,not-an-address,,,\n,missing@example.org,,,\nBen Okafor,ben@example.org,+44 20 7946 0958,,=1+2\n`,
    )
    const error = await failure(
      csvImport.importFile(bad, { fileName: 'bad.csv', mapping: null, mode: 'all_or_nothing' }),
    )
    expect(error.code).toBe('invalid_input')
    expect(error.message).toMatch(/^2 problems in bad\.csv; nothing was imported/)
    expect(error.issues).toEqual([
      { path: 'line 3', message: '"not-an-address" is not an e-mail address' },
      { path: 'line 4', message: 'the name is empty' },
    ])
    expect(await count()).toBe(1)
    expect((await candidates.get(kept.id)).name).toBe('Already Here')

    const result = await csvImport.importFile(bad, { fileName: 'bad.csv', mapping: null, mode: 'skip_invalid' })
    expect(result).toMatchObject({ rows: 4, created: 2, existing: 0, skipped: 2, errorCount: 2 })
    const ben = await candidates.search('ben okafor', 1)
    const profile = await candidates.get(ben[0]!.id)
    expect(profile).toMatchObject({ phones: ['+442079460958'], notes: [{ body: '=1+2' }] })
    expect(profile.activity[0]).toMatchObject({ action: 'created', detail: { via: 'csv', line: 5 } })
  })

  it('counts rows already known by e-mail or phone, in the workspace or earlier in the file', async () => {
    const { csvImport } = workspace.services
    // "070-123 45 67" is the national form of the Swedish number only where numbers are read as Swedish.
    await workspace.services.workspace.setPhoneRegion('SE')
    const file = csvFile(
      'dupes.csv',
      `${header}Ana Silva,ana@example.org,,,\nAna S.,ANA@example.org,,,\nCarl Berg,,+46 70 123 45 67,,\nCarl B,,070-123 45 67,,\n`,
    )
    expect(
      await csvImport.importFile(file, { fileName: 'dupes.csv', mapping: null, mode: 'all_or_nothing' }),
    ).toMatchObject({
      created: 2,
      existing: 2,
    })
    expect(
      await csvImport.importFile(file, { fileName: 'dupes.csv', mapping: null, mode: 'skip_invalid' }),
    ).toMatchObject({
      created: 0,
      existing: 4,
      known: [
        { line: 2, name: 'Ana Silva' },
        { line: 3, name: 'Ana Silva' },
        { line: 4, name: 'Carl Berg' },
        { line: 5, name: 'Carl Berg' },
      ],
    })
    const preview = await csvImport.upload(
      'more.csv',
      Buffer.from(`${header}Ana Again,ana@example.org,,,\nBad Mail,not-an-email,,,\nNew Person,new@example.org,,,\n`),
    )
    expect(preview.rows.map((row) => [row.known?.name ?? null, row.errors.length > 0])).toEqual([
      ['Ana Silva', false],
      [null, true],
      [null, false],
    ])
  })

  it('refuses a CSV whose columns are not about candidates, naming its columns', async () => {
    const { csvImport } = workspace.services
    const file = csvFile('orders.csv', 'order,product,qty\n1,Widget,3\n')
    const error = await failure(
      csvImport.importFile(file, { fileName: 'orders.csv', mapping: null, mode: 'skip_invalid' }),
    )
    expect(error.code).toBe('invalid_input')
    expect(error.message).toContain(`No column holds the candidate's name`)
    expect(error.message).toContain('"order", "product", "qty"')
    const mismatch = await failure(
      csvImport.importFile(file, { fileName: 'orders.csv', mapping: ['name'], mode: 'skip_invalid' }),
    )
    expect(mismatch.message).toBe('The mapping lists 1 columns but the file has 3.')
    expect(await count()).toBe(0)
  })

  it('reads text in a legacy encoding, and refuses binary data and spreadsheets saved as .csv', async () => {
    const { csvImport } = workspace.services
    const latin1 = csvFile('latin1.csv', Buffer.from('name\nAna\nJos\xe9\n', 'latin1'))
    expect(
      await csvImport.importFile(latin1, { fileName: 'latin1.csv', mapping: null, mode: 'all_or_nothing' }),
    ).toMatchObject({ created: 2, encoding: 'iso-8859-1' })
    expect((await workspace.services.candidates.search('Jose', 1))[0]?.name.text).toBe('José')
    const noise = csvFile(
      'noise.csv',
      Uint8Array.from({ length: 4000 }, (_, i) => (i * 7919 + 13) % 256),
    )
    const binary = await failure(
      csvImport.importFile(noise, { fileName: 'noise.csv', mapping: null, mode: 'all_or_nothing' }),
    )
    expect(binary.code).toBe('unsupported_file')
    expect(binary.message).toContain('noise.csv is binary data, not text in any encoding')
    const xlsx = csvFile('sheet.csv', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]))
    expect(
      (await failure(csvImport.importFile(xlsx, { fileName: 'sheet.csv', mapping: null, mode: 'skip_invalid' }))).code,
    ).toBe('unsupported_file')
    expect(await count()).toBe(2)
  })

  it('detects Windows-1252 and UTF-16 without a BOM, shows the encoding in the preview, and reads the one chosen', async () => {
    const { csvImport } = workspace.services
    const text = 'name,email,notes\nChloé Müller,chloe@example.org,Straße 5 – 120 € par jour\n'
    const upload = await csvImport.upload('excel.csv', iconv.encode(text, 'windows-1252'))
    expect(upload).toMatchObject({ encoding: 'windows-1252', detectedEncoding: 'windows-1252', rowCount: 1 })
    expect(upload.rows[0]?.values).toEqual(['Chloé Müller', 'chloe@example.org', 'Straße 5 – 120 € par jour'])
    const misread = await csvImport.preview(upload.uploadId, upload.mapping, 'windows-1251')
    expect(misread).toMatchObject({ encoding: 'windows-1251', detectedEncoding: 'windows-1252' })
    expect(misread.rows[0]?.values[0]).not.toBe('Chloé Müller')
    const job = csvImport.startImport(upload.uploadId, {
      mapping: upload.mapping,
      mode: 'all_or_nothing',
      rowCount: upload.rowCount,
      encoding: 'windows-1252',
    })
    expect(await workspace.services.jobs.wait(job.id)).toMatchObject({
      status: 'succeeded',
      result: { created: 1, encoding: 'windows-1252' },
    })
    expect((await workspace.services.candidates.search('chloe muller', 1))[0]?.name.text).toBe('Chloé Müller')

    const utf16 = csvFile(
      'utf16.csv',
      iconv.encode('Nom;Prénom;Courriel\nGroß;Jürgen;jurgen@example.de\nBauer;Ida;ida@example.de\n', 'utf-16le'),
    )
    expect(
      await csvImport.importFile(utf16, { fileName: 'utf16.csv', mapping: null, mode: 'all_or_nothing' }),
    ).toMatchObject({ created: 2, encoding: 'utf-16le' })
    expect((await workspace.services.candidates.search('jurgen', 1))[0]?.name.text).toBe('Jürgen Groß')
  })

  it('normalises phones to E.164 in the workspace region and refuses impossible ones with the reason', async () => {
    const { csvImport } = workspace.services
    await workspace.services.workspace.setPhoneRegion('FR')
    const ten = Array.from({ length: 10 }, (_, i) => `06 12 34 56 ${String(80 + i)}`).join('; ')
    const file = csvFile(
      'phones.csv',
      [
        'name,email,phone',
        'Ana Silva,ana@example.org,06 12 34 56 78',
        'Bo Berg,bo@example.org,0049 30 1234567',
        `Cy Dorn,cy@example.org,"${ten}"`,
        'Di Eng,di@example.org,12',
        'Ed Fox,ed@example.org,+1 (555) 010-0000 ext. 12',
        '',
      ].join('\n'),
    )
    const result = await csvImport.importFile(file, { fileName: 'phones.csv', mapping: null, mode: 'skip_invalid' })
    expect(result).toMatchObject({ created: 3, skipped: 2 })
    expect(result.errors).toEqual([
      { path: 'line 5', message: '"12" is too short for a number of France (+33): is the area code missing?' },
      {
        path: 'line 6',
        message:
          '"+1 (555) 010-0000 ext. 12" has an extension (ext. 12), which a phone number cannot keep: enter +1 555 010 0000 and put the extension in a note',
      },
    ])
    const [ana] = await workspace.services.candidates.search('ana silva', 1)
    expect((await workspace.services.candidates.get(ana?.id ?? 0)).phones).toEqual(['+33612345678'])
    const [bo] = await workspace.services.candidates.search('bo berg', 1)
    expect((await workspace.services.candidates.get(bo?.id ?? 0)).phones).toEqual(['+49301234567'])
    const [cy] = await workspace.services.candidates.search('cy dorn', 1)
    expect((await workspace.services.candidates.get(cy?.id ?? 0)).phones).toHaveLength(10)
  })

  it('reads semicolon-separated UTF-16 files and quoted cells with line breaks', async () => {
    const { csvImport } = workspace.services
    const text = 'Nom;Prénom;Courriel;Notes\nDurand;Élodie;elodie@example.fr;"Première ligne\nseconde ligne"\n'
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
    const upload = await csvImport.upload('export.csv', bytes)
    expect(upload).toMatchObject({ headers: ['Nom', 'Prénom', 'Courriel', 'Notes'], rowCount: 1 })
    expect(upload.mapping).toEqual(['last_name', 'first_name', 'email', 'notes'])
    expect(upload.rows[0]?.errors).toEqual([])
    const job = csvImport.startImport(upload.uploadId, {
      mapping: upload.mapping,
      mode: 'all_or_nothing',
      rowCount: upload.rowCount,
      fileName: upload.fileName,
    })
    const finished = await workspace.services.jobs.wait(job.id)
    expect(finished).toMatchObject({ status: 'succeeded', result: { created: 1 } })
    const [hit] = await workspace.services.candidates.search('seconde', 1)
    expect(hit?.name.text).toBe('Élodie Durand')
  })

  const TURNS_WHILE_READING = 10
  it('reads a file of blank rows in time linear in its size, without holding up the event loop', async () => {
    const { csvImport } = workspace.services
    // Both shapes of the hostile file: empty lines, and a spreadsheet's trailing rows of empty cells.
    const files = [
      { name: 'empty-lines.csv', content: `name,email\nAda Lovelace,ada@example.org\n${'\n'.repeat(131_072)}` },
      {
        name: 'empty-cells.csv',
        content: `name,email,phone,tags\nAda Lovelace,ada@example.org,,\n${',,,\n'.repeat(131_072)}`,
      },
    ]
    // Turns of the event loop while the files are read: parsing that never yields would leave this at zero.
    // (Speed is measured by `npm run bench`: its blank-rows upload and import.)
    let turns = 0
    let reading = true
    const turn = () => {
      if (!reading) return
      turns++
      setImmediate(turn)
    }
    setImmediate(turn)
    try {
      for (const { name, content } of files) {
        const before = turns
        const preview = await csvImport.upload(name, new TextEncoder().encode(content))
        expect(preview.rowCount).toBe(1)
        expect(preview.rows.map((row) => row.line)).toEqual([2])
        expect(turns - before).toBeGreaterThan(TURNS_WHILE_READING)
        for (const mode of ['all_or_nothing', 'skip_invalid'] as const) {
          const result = await csvImport.importFile(csvFile(name, content), { fileName: name, mapping: null, mode })
          expect(result).toMatchObject({ rows: 1, errorCount: 0 })
        }
      }
    } finally {
      reading = false
    }
    // The quadratic parser took minutes on these files; the test's time limit catches a return to it.
    expect(await count()).toBe(1)
  }, 60_000)

  it('reports exactly what a stopped skip_invalid import committed, in its result and in the activity log', async () => {
    const { csvImport, jobs } = workspace.services
    const importLogs = () =>
      workspace.context.db
        .selectFrom('activity')
        .select(['entity_id', 'detail'])
        .where('entity_type', '=', 'candidate_import')
        .orderBy('id')
        .execute()
    const rows = (from: number, n: number) =>
      Array.from({ length: n }, (_, i) => `Person ${from + i},p${from + i}@example.org`).join('\n')

    // Cancelled: stops after a committed batch.
    const cancelFile = csvFile('cancel.csv', `name,email\n${rows(0, 10_000)}\n`)
    const job = jobs.start('test', (context) => {
      const run = csvImport.importFile(
        cancelFile,
        { fileName: 'cancel.csv', mapping: null, mode: 'skip_invalid' },
        context,
      )
      jobs.cancel(job.id)
      return run
    })
    const cancelled = await jobs.wait(job.id)
    expect(cancelled.status).toBe('cancelled')
    const kept = cancelled.result as CsvImportResultDto
    const saved = await count()
    expect(saved).toBeGreaterThan(0)
    expect(saved).toBeLessThan(10_000)
    expect(kept).toMatchObject({
      created: saved,
      rows: saved,
      existing: 0,
      stopped: { reason: 'cancelled', afterLine: saved + 1 },
    })
    expect(cancelled.error?.message).toContain(`The lines up to ${saved + 1} stay imported (new candidates: ${saved},`)

    // Failed: binary data after 9,000 good rows; the batches read before it stay, and are all that is reported,
    // even if the failing chunk held rows already counted.
    const before = await count()
    const failFile = csvFile('fail.csv', `name,email\n${rows(20_000, 9_000)}\n\0\n`)
    const failed = await failure(
      csvImport.importFile(failFile, { fileName: 'fail.csv', mapping: null, mode: 'skip_invalid' }),
    )
    expect(failed.code).toBe('unsupported_file')
    expect(failed).toBeInstanceOf(StoppedWithResultError)
    const stopped = (failed as StoppedWithResultError).result as CsvImportResultDto
    const created = (await count()) - before
    expect(created % 2_000).toBe(0)
    expect(created).toBeGreaterThan(0)
    expect(stopped).toMatchObject({ created, rows: created, stopped: { reason: 'failed', afterLine: created + 1 } })
    expect(failed.message).toContain(`(new candidates: ${created},`)

    const logs = await importLogs()
    expect(logs.map((entry) => JSON.parse(entry.detail) as unknown)).toEqual([
      {
        mode: 'skip_invalid',
        rows: saved,
        created: saved,
        existing: 0,
        skipped: 0,
        stopped: 'cancelled',
        afterLine: saved + 1,
      },
      {
        mode: 'skip_invalid',
        rows: created,
        created,
        existing: 0,
        skipped: 0,
        stopped: 'failed',
        afterLine: created + 1,
      },
    ])
    // Counts and lines only: no names or addresses.
    expect(logs.map((entry) => entry.detail).join()).not.toMatch(/Person|example\.org/)
  }, 60_000)

  it('imports 200,000 rows in batches, and keeps the batches already saved when cancelled', async () => {
    const { csvImport, jobs } = workspace.services
    const path = join(workspace.dataDir, 'big.csv')
    const out = createWriteStream(path)
    out.write('First name,Last name,Email,Phone,Tags\n')
    for (let index = 0; index < 200_000; index++) {
      out.write(`Person,Number ${index},p${index}@example.org,+1 555 ${String(index).padStart(7, '0')},batch\n`)
    }
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())))
    const result = await csvImport.importFile(path, { fileName: 'big.csv', mapping: null, mode: 'skip_invalid' })
    expect(result).toMatchObject({ rows: 200_000, created: 200_000, errorCount: 0 })
    expect(await count()).toBe(200_000)

    const again = csvFile(
      'again.csv',
      `name,email\n${Array.from({ length: 10_000 }, (_, i) => `N ${i},n${i}@example.net`).join('\n')}\n`,
    )
    const job = jobs.start('test', (context) => {
      const run = csvImport.importFile(again, { fileName: 'again.csv', mapping: null, mode: 'skip_invalid' }, context)
      jobs.cancel(job.id)
      return run
    })
    const cancelled = await jobs.wait(job.id)
    expect(cancelled.status).toBe('cancelled')
    expect(cancelled.error?.message).toMatch(/The lines up to \d+ stay imported \(new candidates: \d+,/)
    const saved = (await count()) - 200_000
    expect(saved).toBeGreaterThan(0)
    expect(saved).toBeLessThan(10_000)
    expect(saved % 2_000).toBe(0)
  }, 400_000)
})
