import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { dispatch } from '../../dispatch'
import * as fx from '../documents/fixtures/generate-fixtures'
import { AppError } from '../errors'
import { openTestWorkspace, type TestWorkspace } from '../testing/temp-workspace'

let workspace: TestWorkspace
beforeEach(async () => {
  workspace = await openTestWorkspace()
  const me = await workspace.services.workspace.createPerson({ name: 'Rae Okafor', email: null, role: 'recruiter' })
  await workspace.services.workspace.setMe(me.id)
})
afterEach(() => workspace.dispose())

const blank = { emails: [], phones: [], links: [], location: '', source: '', tags: [], ifDuplicate: 'refuse' as const }

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof AppError) return error
    throw error
  }
  throw new Error('expected a rejection')
}

describe('candidates', () => {
  it('stores phones in E.164, read in the workspace region, and refuses impossible ones with the reason', async () => {
    const { candidates, workspace: settings } = workspace.services
    expect((await settings.info()).phoneRegion).toMatch(/^[A-Z]{2}$/)
    expect((await settings.setPhoneRegion('FR')).phoneRegion).toBe('FR')
    const created = await candidates.create({
      ...blank,
      name: 'Inès Roy',
      phones: ['06 12 34 56 78', '0049 30 1234567'],
    })
    expect(created.phones).toEqual(['+33612345678', '+49301234567'])
    const refused = await failure(candidates.create({ ...blank, name: 'Al Bo', phones: ['06 12 34 56 78', '12'] }))
    expect(refused.issues).toEqual([
      {
        path: 'phones.1',
        message: '"12" is too short for a number of France (+33): is the area code missing?',
        key: 'v_phone_value',
        params: { value: '12' },
      },
    ])
    expect((await failure(settings.setPhoneRegion('XX'))).code).toBe('invalid_input')
    expect(
      await dispatch('workspace:setPhoneRegion', { phoneRegion: 'zz' }, { services: workspace.services }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
  })

  it('rewrites phones stored before E.164 at start, so that duplicates compare like with like', async () => {
    const { candidates, workspace: settings } = workspace.services
    await settings.setPhoneRegion('FR')
    const kept = await candidates.create({ ...blank, name: 'Léa Caron' })
    await workspace.context.db
      .insertInto('candidate_phones')
      .values([
        { candidate_id: kept.id, position: 0, phone: '0612345678', phone_key: '612345678' },
        { candidate_id: kept.id, position: 1, phone: '+33612345678', phone_key: '612345678' },
        { candidate_id: kept.id, position: 2, phone: '12', phone_key: '12' },
      ])
      .execute()
    expect(await candidates.normaliseStoredPhones()).toBe(3)
    expect((await candidates.get(kept.id)).phones).toEqual(['+33612345678', '12'])
    expect(await candidates.findDuplicates({ name: '', emails: [], phones: ['06 12 34 56 78'] })).toMatchObject([
      { id: kept.id, reasons: ['phone'] },
    ])
    expect(await candidates.normaliseStoredPhones()).toBe(0)
  })

  it('creates a candidate with normalised contacts, logs it and lists names in folded order', async () => {
    const { candidates } = workspace.services
    const created = await candidates.create({
      ...blank,
      name: '  Élodie   Durand ',
      emails: ['Elodie.Durand@Example.ORG'],
      phones: ['+33 6 12 34 56 78'],
      links: ['linkedin.com/in/elodie-durand/'],
      tags: ['Backend', 'backend', ' Go '],
      source: 'Referral',
    })
    expect(created).toMatchObject({
      name: 'Élodie Durand',
      emails: ['elodie.durand@example.org'],
      phones: ['+33612345678'],
      links: ['https://linkedin.com/in/elodie-durand'],
      tags: ['Backend', 'Go'],
      source: 'Referral',
    })
    expect(created.activity).toMatchObject([{ action: 'created', person: 'Rae Okafor' }])
    await candidates.create({ ...blank, name: 'zoe Adams' })
    await candidates.create({ ...blank, name: 'Emile Zola' })
    const page = await candidates.list({
      offset: 0,
      limit: 10,
      sort: 'name',
      direction: 'asc',
      text: '',
      tag: '',
      source: '',
    })
    expect(page.total).toBe(3)
    expect(page.rows.map((row) => row.name)).toEqual(['Élodie Durand', 'Emile Zola', 'zoe Adams'])
    expect(page.rows[0]).toMatchObject({ email: 'elodie.durand@example.org', tags: ['Backend', 'Go'] })
    const filtered = await candidates.list({
      ...page,
      offset: 0,
      limit: 10,
      sort: 'name',
      direction: 'desc',
      text: 'elod',
      tag: '',
      source: '',
    })
    expect(filtered.rows.map((row) => row.name)).toEqual(['Élodie Durand'])
    const byTag = await candidates.list({
      offset: 0,
      limit: 10,
      sort: 'created',
      direction: 'asc',
      text: '',
      tag: 'go',
      source: '',
    })
    expect(byTag.total).toBe(1)
  })

  it('refuses bad contact values with the field that is wrong', async () => {
    const error = await failure(
      workspace.services.candidates.create({ ...blank, name: 'X', phones: ['call me maybe'], links: ['not a link'] }),
    )
    expect(error.code).toBe('invalid_input')
    expect(error.issues?.map((issue) => issue.path)).toEqual(['phones.0', 'links.0'])
  })

  it('matches duplicates on e-mail and phone on create, and flags likely ones by name', async () => {
    const { candidates } = workspace.services
    // "06 12 34 56 78" is the national form of the French number only where numbers are read as French.
    await workspace.services.workspace.setPhoneRegion('FR')
    const first = await candidates.create({
      ...blank,
      name: 'Elena Varga',
      emails: ['elena@example.org'],
      phones: ['+33 6 12 34 56 78'],
    })
    const byPhone = await failure(candidates.create({ ...blank, name: 'E. Varga', phones: ['06 12 34 56 78'] }))
    expect(byPhone.code).toBe('conflict')
    expect(byPhone.message).toContain('Elena Varga')
    const byEmail = await failure(candidates.create({ ...blank, name: 'Someone', emails: ['ELENA@example.org'] }))
    expect(byEmail.code).toBe('conflict')
    const second = await candidates.create({ ...blank, name: 'Varga Elena', ifDuplicate: 'refuse' })
    expect(second.duplicates).toEqual([
      { id: first.id, name: 'Elena Varga', emails: ['elena@example.org'], reasons: ['name'] },
    ])
    expect(await candidates.findDuplicates({ name: '', emails: [], phones: ['+33612345678'] })).toMatchObject([
      { id: first.id, reasons: ['phone'] },
    ])
  })

  it('merges a duplicate keeping every document, note and log entry, and logs the merge', async () => {
    const { candidates } = workspace.services
    const keep = await candidates.create({ ...blank, name: 'Elena Varga', emails: ['elena@example.org'] })
    const other = await candidates.create({
      ...blank,
      name: 'Varga Elena',
      emails: ['e.varga@example.net'],
      location: 'Lyon',
    })
    await candidates.addNote(other.id, 'Met at the meetup in Lyon')
    await candidates.attachDocument({ candidateId: other.id, fileName: 'elena.docx', bytes: await fx.resumeDocx() })
    const merged = await candidates.merge(keep.id, other.id)
    expect(merged.emails).toEqual(['elena@example.org', 'e.varga@example.net'])
    expect(merged.location).toBe('Lyon')
    expect(merged.documents.map((doc) => doc.fileName)).toEqual(['elena.docx'])
    expect(merged.notes.map((note) => note.body)).toEqual(['Met at the meetup in Lyon'])
    expect(merged.activity.map((entry) => entry.action)).toEqual([
      'merged',
      'document_attached',
      'note_added',
      'created',
      'created',
    ])
    expect(merged.activity[0]?.detail).toMatchObject({ mergedId: other.id })
    expect(JSON.stringify(merged.activity)).not.toContain('Varga')
    expect(merged.duplicates).toEqual([])
    await expect(candidates.get(other.id)).rejects.toMatchObject({ code: 'not_found' })
    const hits = await candidates.search('meetup', 5)
    expect(hits.map((hit) => hit.id)).toEqual([keep.id])
  })
})

describe('documents', () => {
  it('stores a résumé once by content hash and suggests the contact fields the profile lacks', async () => {
    const { candidates } = workspace.services
    const candidate = await candidates.create({ ...blank, name: 'Elena Varga' })
    const pdf = await fx.onePageResumePdf()
    const attached = await candidates.attachDocument({ candidateId: candidate.id, fileName: 'elena.pdf', bytes: pdf })
    expect(attached.document).toMatchObject({ status: 'extracted', kind: 'pdf', pages: 1, error: null })
    expect(attached.suggestions).toEqual({
      name: null,
      emails: [fx.fixturePerson.email],
      phones: [fx.fixturePerson.phone],
      links: [fx.fixturePerson.linkedin, fx.fixturePerson.github],
    })
    expect(await workspace.context.files.list()).toEqual([attached.document.sha256])
    expect((await workspace.context.files.read(attached.document.sha256))?.equals(Buffer.from(pdf))).toBe(true)
    const again = await failure(
      candidates.attachDocument({ candidateId: candidate.id, fileName: 'copy.pdf', bytes: pdf }),
    )
    expect(again.code).toBe('conflict')
    const other = await candidates.create({ ...blank, name: 'Someone Else' })
    await candidates.attachDocument({ candidateId: other.id, fileName: 'same.pdf', bytes: pdf })
    expect(await workspace.context.files.list()).toEqual([attached.document.sha256])
    const text = await candidates.documentText(attached.document.id)
    expect(text.text).toContain('Northwind Logistics')
  })

  it.each([
    ['a corrupt PDF', 'broken.pdf', () => fx.garbagePdf(), 'unreadable_file'],
    ['a PDF bomb', 'bomb.pdf', () => fx.inflatingStreamPdf(200), 'too_large'],
    ['a zip bomb named .docx', 'bomb.docx', () => fx.zipBombDocx(300, true), 'too_large'],
  ])(
    'keeps the candidate and the file when %s cannot be read, with the reason',
    async (_what, fileName, make, code) => {
      const { candidates } = workspace.services
      const candidate = await candidates.create({ ...blank, name: 'Kept Candidate', emails: ['kept@example.org'] })
      await candidates.addNote(candidate.id, 'Strong systems background')
      const attached = await candidates.attachDocument({ candidateId: candidate.id, fileName, bytes: make() })
      expect(attached.document.status).toBe('failed')
      expect(attached.document.error?.code).toBe(code)
      expect(attached.document.error?.message).toMatch(/\w+ \w+ \w+/)
      const after = await candidates.get(candidate.id)
      expect(after).toMatchObject({ name: 'Kept Candidate', emails: ['kept@example.org'] })
      expect(after.notes).toHaveLength(1)
      expect(after.documents).toHaveLength(1)
    },
  )

  it('reads a DOCX with external links without fetching anything', async () => {
    const { candidates } = workspace.services
    const candidate = await candidates.create({ ...blank, name: 'Elena Varga' })
    const docx = await fx.externalRelationshipsDocx('http://127.0.0.1:9', 'file:///etc/passwd')
    const attached = await candidates.attachDocument({
      candidateId: candidate.id,
      fileName: 'linked.docx',
      bytes: docx,
    })
    expect(attached.document.status).toBe('extracted')
    const text = await candidates.documentText(attached.document.id)
    expect(text.text).not.toContain('root:')
  })

  it('refuses a file name with path separators, through the service and through the contract', async () => {
    const { candidates } = workspace.services
    const candidate = await candidates.create({ ...blank, name: 'Elena Varga' })
    const bytes = new TextEncoder().encode('Elena Varga\nelena@example.org\n')
    const error = await failure(
      candidates.attachDocument({ candidateId: candidate.id, fileName: '../../etc/resume.txt', bytes }),
    )
    expect(error.code).toBe('invalid_input')
    const viaContract = await dispatch(
      'candidates:attachDocument',
      { candidateId: candidate.id, fileName: 'a\\b.txt', contentBase64: Buffer.from(bytes).toString('base64') },
      { services: workspace.services },
    )
    expect(viaContract).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect(JSON.stringify(viaContract)).toContain('path separators')
    expect(await workspace.context.files.list()).toEqual([])
  })

  it('imports one résumé as a candidate, and attaches a later résumé with the same e-mail', async () => {
    const { candidates } = workspace.services
    const created = await candidates.importResume({ fileName: 'elena.pdf', bytes: await fx.onePageResumePdf() })
    expect(created).toMatchObject({ outcome: 'created', candidateName: fx.fixturePerson.name })
    const profile = await candidates.get(created.candidateId)
    expect(profile.emails).toEqual([fx.fixturePerson.email])
    const attached = await candidates.importResume({ fileName: 'elena.docx', bytes: await fx.resumeDocx() })
    expect(attached).toMatchObject({ outcome: 'attached', candidateId: created.candidateId })
    const unreadable = await candidates.importResume({ fileName: 'jane_doe-cv.pdf', bytes: fx.garbagePdf() })
    expect(unreadable).toMatchObject({ outcome: 'created', candidateName: 'jane doe cv' })
    expect(unreadable.document.error?.code).toBe('unreadable_file')
    await expect(candidates.importResume({ fileName: 'photo.png', bytes: new Uint8Array(8) })).rejects.toMatchObject({
      code: 'unsupported_file',
    })
  })
})

describe('search', () => {
  it('finds names, e-mails, résumé text and notes, ignoring case and accents, with highlight ranges', async () => {
    const { candidates } = workspace.services
    const elena = await candidates.create({ ...blank, name: 'Elena Varga', emails: ['elena@example.org'] })
    const zoe = await candidates.create({ ...blank, name: 'Zoé Martin' })
    await candidates.attachDocument({
      candidateId: elena.id,
      fileName: 'elena.txt',
      bytes: new TextEncoder().encode('Elena Varga\nBuilt a Kubernetes operator for <b>stateful</b> services.\n'),
    })
    await candidates.addNote(zoe.id, 'Très bonne présentation sur la résilience')

    const byResume = await candidates.search('KUBERNETES', 10)
    expect(byResume).toHaveLength(1)
    expect(byResume[0]).toMatchObject({ id: elena.id, field: 'documents', email: 'elena@example.org' })
    const snippet = byResume[0]!.snippet
    expect(snippet.highlights).toHaveLength(1)
    const [start, end] = snippet.highlights[0]!
    expect(snippet.text.slice(start, end)).toBe('Kubernetes')
    expect(snippet.text).toContain('<b>stateful</b>')

    expect((await candidates.search('resilience', 10)).map((hit) => hit.id)).toEqual([zoe.id])
    const byName = await candidates.search('zoe', 10)
    expect(byName[0]).toMatchObject({ id: zoe.id, field: 'name' })
    expect(byName[0]!.name).toEqual({ text: 'Zoé Martin', highlights: [[0, 3]] })
    expect((await candidates.search('elena@example', 10)).map((hit) => hit.id)).toEqual([elena.id])
    expect(await candidates.search('"*) OR NOT (', 10)).toEqual([])
  })
})

describe('search on either database', () => {
  const marked = (hit: { text: string; highlights: [number, number][] }) =>
    hit.highlights.map(([start, end]) => hit.text.slice(start, end))

  it('folds case and accents both ways, in names, résumé text and notes', async () => {
    const { candidates } = workspace.services
    const zoe = await candidates.create({ ...blank, name: 'Zoé Lefèvre' })
    const inigo = await candidates.create({ ...blank, name: 'Inigo Ruiz' })
    await candidates.attachDocument({
      candidateId: inigo.id,
      fileName: 'inigo.txt',
      bytes: new TextEncoder().encode('Iñigo Ruiz\nDéveloppeur senior, sûreté de fonctionnement.\n'),
    })
    await candidates.addNote(zoe.id, 'Parle très bien ESPAÑOL')

    for (const typed of ['ZOE', 'zoé', 'lefevre', 'LEFÈ']) {
      expect(
        (await candidates.search(typed, 10)).map((hit) => hit.id),
        typed,
      ).toEqual([zoe.id])
    }
    for (const typed of ['surete', 'SÛRETÉ', 'developpeur', 'iñigo']) {
      const hits = await candidates.search(typed, 10)
      expect(
        hits.map((hit) => hit.id),
        typed,
      ).toEqual([inigo.id])
    }
    const byDocument = await candidates.search('surete', 10)
    expect(byDocument[0]?.field).toBe('documents')
    expect(marked(byDocument[0]!.snippet)).toEqual(['sûreté'])
    const byNote = await candidates.search('espanol', 10)
    expect(byNote.map((hit) => [hit.id, hit.field])).toEqual([[zoe.id, 'notes']])
    expect(marked(byNote[0]!.snippet)).toEqual(['ESPAÑOL'])
    // Every word must match, each one anywhere.
    expect((await candidates.search('zoe espan', 10)).map((hit) => hit.id)).toEqual([zoe.id])
    expect(await candidates.search('zoe surete', 10)).toEqual([])
    // Phones are searchable as digits, also on a candidate without an e-mail.
    const phoneOnly = await candidates.create({ ...blank, name: 'Pat Quinn', phones: ['+49 30 1234567'] })
    const byPhone = await candidates.search('4930123', 10)
    expect(byPhone.map((hit) => [hit.id, hit.field])).toEqual([[phoneOnly.id, 'contact']])
  })

  it('ranks by where the words were found (name, then contact, then the rest), then by name, then by id', async () => {
    const { candidates } = workspace.services
    const create = (name: string, emails: string[] = []) =>
      candidates.create({ ...blank, name, emails, ifDuplicate: 'create' })
    const inNotes = await create('Aaron Price')
    await candidates.addNote(inNotes.id, 'Ran Kafka in production for years')
    const inResume = await create('Abel Stone')
    await candidates.attachDocument({
      candidateId: inResume.id,
      fileName: 'abel.txt',
      bytes: new TextEncoder().encode('Abel Stone\nStreams with Kafka and Flink.\n'),
    })
    const byPrefix = await create('Zed Kafkaesque')
    const inEmail = await create('Bruno Keller', ['kafka.fan@example.org'])
    const second = await create('Anna Kafka')
    const first = await create('anna kafka')
    const twin = await create('Anna Kafka')

    const hits = await candidates.search('kafka', 10)
    // Equal names come in id order; "anna kafka" and "Anna Kafka" fold to the same sort key.
    expect(hits.map((hit) => hit.id)).toEqual([
      second.id,
      first.id,
      twin.id,
      byPrefix.id,
      inEmail.id,
      inNotes.id,
      inResume.id,
    ])
    expect(hits.map((hit) => hit.field)).toEqual(['name', 'name', 'name', 'name', 'contact', 'notes', 'documents'])
    // Both words in the name come before one word in the name and the other elsewhere.
    await candidates.addNote(byPrefix.id, 'Knows Anna from a conference')
    expect((await candidates.search('anna kafka', 10)).map((hit) => hit.id)).toEqual([
      second.id,
      first.id,
      twin.id,
      byPrefix.id,
    ])
    expect((await candidates.search('kafka', 2)).map((hit) => hit.id)).toEqual([second.id, first.id])
    // A page cut among the matches found elsewhere than in the name or contact details: those go by name,
    // although "Aaron" and "Abel" sort before every name that matched.
    expect((await candidates.search('kafka', 6)).map((hit) => hit.id)).toEqual([
      second.id,
      first.id,
      twin.id,
      byPrefix.id,
      inEmail.id,
      inNotes.id,
    ])
  })

  it('marks the same words in names and snippets, punctuation and all', async () => {
    const { candidates } = workspace.services
    const elena = await candidates.create({
      ...blank,
      name: 'Jean-Pierre Élan',
      emails: ['elena@example.org'],
    })
    await candidates.addNote(elena.id, "Ran kafka, Kafka-Connect and KAFKA 3.5 at l'équipe (node.js).")
    const [byName] = await candidates.search('pierre', 10)
    expect(byName?.name).toEqual({ text: 'Jean-Pierre Élan', highlights: [[5, 11]] })
    const [byEmail] = await candidates.search('elena@example', 10)
    expect(byEmail?.field).toBe('contact')
    expect(marked(byEmail!.snippet)).toEqual(['elena', 'example'])
    expect(byEmail?.snippet.text).toContain('elena@example.org')
    const [byNote] = await candidates.search('kafka', 10)
    expect(byNote?.field).toBe('notes')
    expect(marked(byNote!.snippet)).toEqual(['kafka', 'Kafka', 'KAFKA'])
    expect(byNote?.snippet.text).toContain('Kafka-Connect')
    for (const [typed, word] of [
      ['equipe', 'équipe'],
      ['js', 'js'],
      ['5', '5'],
      ['connect', 'Connect'],
    ] as const) {
      const [hit] = await candidates.search(typed, 10)
      expect(hit?.id, typed).toBe(elena.id)
      expect(marked(hit!.snippet), typed).toEqual([word])
    }
    const listed = await candidates.list({
      offset: 0,
      limit: 10,
      sort: 'name',
      direction: 'asc',
      text: 'example',
      tag: '',
      source: '',
    })
    expect(listed.rows.map((row) => row.id)).toEqual([elena.id])
  })
})
