import type { ApplicantViewState } from '@contract'
import { reportFilters } from '@contract/reports'
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { sql } from 'kysely'
import pg from 'pg'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { content, nextSlot, planDemoInterviews } from '../testing/interview-fixture'
import { dialectSql } from '../db/dialect'
import { openWorkspace } from '../services'
import { openTestWorkspace, resourcesDir, type TestWorkspace } from '../testing/temp-workspace'
import { onSqliteWorkspace, TEST_DATABASE_URL_VARIABLE } from '../testing/test-database'
import { PrivacyRepository } from './repository'

/** The URL the test workspace's PostgreSQL database is reached at, to open it again; none on SQLite. */
async function workspaceDatabaseUrl(): Promise<string | undefined> {
  if (workspace.context.dialect !== 'postgres') return undefined
  const { rows } = await sql<{ name: string }>`SELECT current_database() AS name`.execute(workspace.context.db)
  const url = new URL(process.env[TEST_DATABASE_URL_VARIABLE] ?? '')
  url.pathname = `/${rows[0]?.name ?? ''}`
  return url.toString()
}

let workspace: TestWorkspace
let demo: Awaited<ReturnType<typeof planDemoInterviews>>
beforeEach(async () => {
  workspace = await openTestWorkspace()
  demo = await planDemoInterviews(workspace)
})
afterEach(() => workspace.dispose())

/** One unique marker per kind of personal data; none of them may survive the erasure anywhere on disk. */
const MARKERS = {
  name: 'Qzvorname',
  email: 'qzvormail',
  phone: '647291853',
  link: 'qzvorlink',
  tag: 'qzvortag',
  note: 'qzvornote',
  resumeText: 'qzvorresume',
  resumeFile: 'qzvorfile',
  evidence: 'qzvorevidence',
  scorecardNote: 'qzvorscorenote',
  takeaways: 'qzvortakeaway',
} as const

function filesUnder(dir: string, skip: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (path === skip) return []
    return entry.isDirectory() ? filesUnder(path, skip) : [path]
  })
}

function markersIn(bytes: Buffer, where: string): string[] {
  const text = bytes.toString('latin1').toLowerCase()
  return Object.entries(MARKERS)
    .filter(([, marker]) => text.includes(marker.toLowerCase()))
    .map(([kind]) => `${kind} in ${where}`)
}

/**
 * The files of a PostgreSQL workspace's tables, their indexes and TOAST tables, as the server stores them,
 * read by the test server's administrator (the workspace's tests connect as that role) after a checkpoint
 * wrote every changed page out. Nothing on SQLite, whose database file is in the data folder.
 */
async function databaseFiles(): Promise<{ name: string; bytes: Buffer }[]> {
  if (workspace.context.dialect !== 'postgres') return []
  const db = workspace.context.db
  await sql`CHECKPOINT`.execute(db)
  const relations = await sql<{ name: string; path: string }>`
    SELECT c.relname AS name, pg_relation_filepath(c.oid) AS path FROM pg_class c
    WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'i')
    UNION ALL
    SELECT 'TOAST of ' || c.relname, pg_relation_filepath(c.reltoastrelid) FROM pg_class c
    WHERE c.relnamespace = 'public'::regnamespace AND c.reltoastrelid <> 0
    UNION ALL
    SELECT 'TOAST index of ' || c.relname, pg_relation_filepath(i.indexrelid) FROM pg_class c
    JOIN pg_index i ON i.indrelid = c.reltoastrelid
    WHERE c.relnamespace = 'public'::regnamespace AND c.reltoastrelid <> 0`.execute(db)
  const files: { name: string; bytes: Buffer }[] = []
  for (const relation of relations.rows) {
    const read = await sql<{
      bytes: Buffer | null
    }>`SELECT pg_read_binary_file(${relation.path}) AS bytes`.execute(db)
    const bytes = read.rows[0]?.bytes
    if (bytes) files.push({ name: relation.name, bytes })
  }
  return files
}

/**
 * Every marker found in the raw bytes of the data folder (backups aside) and, on PostgreSQL, of the
 * database's files, case-insensitively, with the file.
 */
async function markersStored(dataDir: string): Promise<string[]> {
  const found: string[] = []
  for (const file of filesUnder(dataDir, join(dataDir, 'backups')))
    found.push(...markersIn(readFileSync(file), relative(dataDir, file)))
  for (const file of await databaseFiles()) found.push(...markersIn(file.bytes, `the database's ${file.name}`))
  return found
}

/** The note that an erasure's old row versions are still to be compacted away (PostgreSQL). */
function compactionNote() {
  return workspace.context.db.selectFrom('settings').select('key').where('key', 'like', 'privacy.%').execute()
}

/**
 * Waits (30 s at most) until no compaction is due: a transaction of another test worker older than the
 * erasure can outlast the erasure's own wait, and the retry in the background then finishes the job.
 */
async function compactionSettled(): Promise<void> {
  for (let waited = 0; waited < 30_000 && (await compactionNote()).length > 0; waited += 250) await delay(250)
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function markedCandidate() {
  const { services } = workspace
  const created = await services.candidates.create({
    name: `${MARKERS.name} Lindqvist`,
    emails: [`${MARKERS.email}@example.org`],
    phones: ['+33 6 47 29 18 53'],
    links: [`https://example.org/${MARKERS.link}`],
    tags: [MARKERS.tag],
    location: 'Lyon',
    source: 'Referral',
    ifDuplicate: 'refuse',
  })
  await services.candidates.addNote(created.id, `Spoke on the phone: ${MARKERS.note}`)
  const resume = `${MARKERS.name} Lindqvist\n${MARKERS.resumeText}: ten years of PostgreSQL and Kafka.\n`
  await services.candidates.attachDocument({
    candidateId: created.id,
    fileName: `${MARKERS.resumeFile}-cv.txt`,
    bytes: new TextEncoder().encode(resume),
  })
  const application = await services.applications.add({ candidateId: created.id, postingId: demo.posting.id })
  const requirement = demo.posting.requirements.find((entry) => entry.section === 'requirement')
  if (!requirement) throw new Error('the demo posting has no requirement')
  await services.assessments.rate({
    applicationId: application.id,
    requirementId: requirement.id,
    rating: 'met',
    evidence: `Résumé says ${MARKERS.evidence}`,
    source: 'resume',
    expectedVersion: 0,
  })
  await services.assessments.rate({
    applicationId: application.id,
    requirementId: requirement.id,
    rating: 'exceeds',
    evidence: `Interview confirmed ${MARKERS.evidence}`,
    source: 'interview',
    expectedVersion: 1,
  })
  const interview = await services.interviews.schedule({
    applicationId: application.id,
    stepId: demo.step('Technical deep dive').id,
    interviewerId: demo.person('Sam').id,
    scheduledAt: nextSlot(),
  })
  const key = demo.step('Technical deep dive').focus[0]?.key ?? ''
  await services.workspace.setMe(demo.person('Sam').id)
  await services.scorecards.submit(
    interview.id,
    content({ [key]: 3 }, 'yes', { [key]: `Strong on ${MARKERS.scorecardNote}` }, `Takeaway ${MARKERS.takeaways}`),
  )
  return { candidateId: created.id, applicationId: application.id, resume }
}

async function exportToTmp(work: Parameters<TestWorkspace['services']['reports']['startExport']>[0]) {
  const job = workspace.services.reports.startExport(work)
  const done = await workspace.services.jobs.wait(job.id)
  expect(done.status).toBe('succeeded')
}

describe('erasure', { timeout: 60_000 }, () => {
  it('leaves no byte of the candidate in the data folder and keeps the funnel true', async () => {
    const { services } = workspace
    const { candidateId, applicationId } = await markedCandidate()
    const filters = reportFilters.parse({ postingId: demo.posting.id })
    await exportToTmp(await services.reports.reportExport('applications', filters, 'csv', 'en'))
    await exportToTmp(await services.reports.packetExport(applicationId))

    const access = JSON.stringify(await services.privacy.accessExport(candidateId))
    for (const [kind, marker] of Object.entries(MARKERS)) {
      if (kind !== 'phone') expect(access.toLowerCase(), kind).toContain(marker.toLowerCase())
    }
    expect(access).toContain('+33647291853')
    const funnelBefore = (await services.reports.run('funnel', filters, 'en')).tables
    // The scan sees every marker before the erasure: its empty result afterwards means something.
    const before = new Set((await markersStored(workspace.dataDir)).map((hit) => hit.split(' in ')[0]))
    expect([...before].sort()).toEqual(Object.keys(MARKERS).sort())

    // The ratings' answers remembered the résumé's suggestions; an erasure leaves none of them in memory.
    expect(services.assessments.rememberedSuggestions()).toBeGreaterThan(0)
    const result = await services.privacy.erase(candidateId)
    expect(services.assessments.rememberedSuggestions()).toBe(0)
    expect(result).toMatchObject({ name: `Erased candidate #${candidateId}`, alreadyErased: false, filesRemoved: 1 })
    expect(result.counts).toMatchObject({ emails: 1, phones: 1, links: 1, tags: 1, notes: 1, documents: 1 })

    await compactionSettled()
    expect(await markersStored(workspace.dataDir)).toEqual([])
    // SQLite's log is in the folder and emptied; PostgreSQL's WAL is the server's (docs/ARCHITECTURE.md).
    if (workspace.context.dialect === 'sqlite')
      expect(statSync(join(workspace.dataDir, 'yardstick.db-wal')).size).toBe(0)
    expect((await services.reports.run('funnel', filters, 'en')).tables).toEqual(funnelBefore)
    const profile = await services.candidates.get(candidateId)
    expect(profile).toMatchObject({ name: `Erased candidate #${candidateId}`, emails: [], documents: [], notes: [] })
    expect(profile.applications).toHaveLength(1)
    const sheet = await services.assessments.sheet(applicationId)
    expect(sheet.items.some((item) => item.assessment.rating === 'exceeds')).toBe(true)
    const searchRows = await workspace.context.db
      .selectFrom('candidate_search')
      .select('name')
      .where(dialectSql(workspace.context.db).searchKey, '=', candidateId)
      .execute()
    expect(searchRows).toEqual([])
    expect(await services.candidates.search(MARKERS.resumeText, 5)).toEqual([])

    const audit = await services.privacy.audit(candidateId, 50)
    expect(audit.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['erased', 'history_redacted', 'exported']),
    )
    expect(JSON.stringify(audit).toLowerCase()).not.toContain(MARKERS.name.toLowerCase())
    // The append-only rules stand again once the erasure is done.
    await expect(sql`UPDATE activity SET detail = '{}'`.execute(workspace.context.db)).rejects.toThrow(/append-only/)

    const again = await services.privacy.erase(candidateId)
    expect(again).toMatchObject({ alreadyErased: true, counts: {} })
  })

  it('blanks the saved views that filter by the candidate, keeps the views, and exports nobody else', async () => {
    const { services } = workspace
    const { candidateId } = await markedCandidate()
    const other = await services.candidates.create({
      name: 'Mireille Aubert',
      emails: ['mireille.aubert@example.org'],
      phones: [],
      links: [],
      tags: [],
      location: '',
      source: '',
      ifDuplicate: 'create',
    })
    await services.applications.add({ candidateId: other.id, postingId: demo.posting.id })
    const viewOf = (text: string): ApplicantViewState => ({
      filters: { text, stageId: null, status: 'active', source: null, mustHaves: null, atLeast: [] },
      sort: { column: 'fit', direction: 'desc' },
      hidden: ['email'],
    })
    const save = (name: string, text: string) =>
      services.views.create({ table: 'applicants', postingId: demo.posting.id, name, state: viewOf(text) })
    // A search typed the way people type it: the full name, half an e-mail, a phone with its spaces.
    const byName = await save('Follow up', `${MARKERS.name} Lindqvist`)
    const byEmail = await save('By mail', `${MARKERS.email}@exa`)
    const byPhone = await save('By phone', '6 47 29 18 53')
    const named = await save(`${MARKERS.name} shortlist`, '')
    const unrelated = await save('Mireille', 'Mireille Aubert')
    const listed = () => services.views.list({ table: 'applicants', postingId: demo.posting.id })
    expect((await listed()).find((view) => view.id === byName.id)?.state.filters.text).toContain(MARKERS.name)

    const access = JSON.stringify(await services.privacy.accessExport(candidateId))
    expect(access).not.toContain('Mireille')
    expect(access).not.toContain('Follow up')

    const result = await services.privacy.erase(candidateId)
    expect(result.counts).toMatchObject({ savedViews: 4 })
    await compactionSettled()
    expect(await markersStored(workspace.dataDir)).toEqual([])

    const views = new Map((await listed()).map((view) => [view.id, view]))
    for (const kept of [byName, byEmail, byPhone]) {
      expect(views.get(kept.id)).toMatchObject({ name: kept.name, state: viewOf(''), dropped: [] })
    }
    expect(views.get(named.id)?.name).toBe(`#${named.id}`)
    expect(views.get(unrelated.id)).toMatchObject({ name: 'Mireille', state: viewOf('Mireille Aubert') })
  })

  it.skipIf(onSqliteWorkspace())(
    'compacts after a transaction elsewhere on the server that began before the erasure ends, at once or later',
    // Two waits of the product's own (the erasure's, then its retry's) on top of the work.
    { timeout: 120_000 },
    async () => {
      // A write transaction in another database of the server (another workspace, another test worker) with
      // its id before the erasure: while it runs, the VACUUM's own snapshot would keep the erased row versions.
      const elsewhere = new pg.Client({ connectionString: process.env[TEST_DATABASE_URL_VARIABLE] })
      await elsewhere.connect()
      try {
        const hold = async () => {
          await elsewhere.query('BEGIN')
          await elsewhere.query('SELECT txid_current()')
        }
        // Ended within the erasure's wait: once the erasure's transaction committed, it waits for the older one.
        const first = await markedCandidate()
        await hold()
        let answered = false
        const erasing = workspace.services.privacy.erase(first.candidateId).finally(() => {
          answered = true
        })
        for (let tries = 0; tries < 200 && (await compactionNote()).length === 0; tries++) await delay(25)
        await delay(500)
        expect(answered).toBe(false)
        await elsewhere.query('COMMIT')
        await erasing
        await compactionSettled()
        expect(await markersStored(workspace.dataDir)).toEqual([])

        // Outlasting the wait: the erasure answers with the note left, and a retry in the background compacts.
        const second = await markedCandidate()
        await hold()
        await workspace.services.privacy.erase(second.candidateId)
        expect(await compactionNote()).toHaveLength(1)
        await elsewhere.query('COMMIT')
        await compactionSettled()
        expect(await markersStored(workspace.dataDir)).toEqual([])
      } finally {
        await elsewhere.end()
      }
    },
  )

  it.skipIf(!onSqliteWorkspace())(
    'on SQLite, empties the log only once another connection stops reading an older snapshot, and says so',
    // The erasure's own wait, then its retry's, on top of the work.
    { timeout: 60_000 },
    async () => {
      const log = join(workspace.dataDir, 'yardstick.db-wal')
      const { candidateId } = await markedCandidate()
      // Another process reading (the command line, a backup): the log it reads cannot be emptied under it.
      const reader = new BetterSqlite3(join(workspace.dataDir, 'yardstick.db'), { readonly: true })
      try {
        reader.exec('BEGIN')
        reader.prepare('SELECT count(*) FROM candidates').get()
        await workspace.services.privacy.erase(candidateId)
        expect(statSync(log).size).toBeGreaterThan(0)
        reader.exec('COMMIT')
      } finally {
        reader.close()
      }
      // The retry in the background empties it.
      for (let waited = 0; waited < 30_000 && statSync(log).size > 0; waited += 250) await delay(250)
      expect(statSync(log).size).toBe(0)
      expect(await markersStored(workspace.dataDir)).toEqual([])
    },
  )

  it('keeps a résumé file another candidate shares, and that candidate whole', async () => {
    const { services } = workspace
    const { candidateId, resume } = await markedCandidate()
    const other = await services.candidates.create({
      name: 'Mireille Aubert',
      emails: [],
      phones: [],
      links: [],
      tags: [],
      location: '',
      source: '',
      ifDuplicate: 'create',
    })
    const shared = await services.candidates.attachDocument({
      candidateId: other.id,
      fileName: 'shared-cv.txt',
      bytes: new TextEncoder().encode(resume),
    })
    const result = await services.privacy.erase(candidateId)
    expect(result).toMatchObject({ filesRemoved: 0, filesKeptShared: 1 })
    expect(await workspace.context.files.exists(shared.document.sha256)).toBe(true)
    const kept = await services.candidates.get(other.id)
    expect(kept.documents.map((doc) => doc.fileName)).toEqual(['shared-cv.txt'])
    expect((await services.candidates.documentText(shared.document.id)).text).toContain(MARKERS.resumeText)
  })

  it('erases a candidate whose application is still active, and refuses changes to them afterwards', async () => {
    const { services } = workspace
    const { candidateId, applicationId } = await markedCandidate()
    await services.privacy.erase(candidateId)
    const application = (await services.candidates.get(candidateId)).applications.find(
      (entry) => entry.id === applicationId,
    )
    expect(application?.status).toBe('active')
    await expect(services.privacy.setConsent(candidateId, { legalBasis: 'consent' })).rejects.toMatchObject({
      code: 'conflict',
    })
    const other = await services.candidates.create({
      name: 'Mireille Aubert',
      emails: [],
      phones: [],
      links: [],
      tags: [],
      location: '',
      source: '',
      ifDuplicate: 'create',
    })
    await expect(services.candidates.merge(other.id, candidateId)).rejects.toMatchObject({ code: 'conflict' })
    await expect(services.candidates.merge(candidateId, other.id)).rejects.toMatchObject({ code: 'conflict' })
    await expect(services.candidates.addNote(candidateId, 'anything')).rejects.toMatchObject({ code: 'conflict' })
    await expect(services.applications.add({ candidateId, postingId: demo.posting.id })).rejects.toMatchObject({
      code: 'conflict',
    })
    expect((await services.candidates.get(other.id)).name).toBe('Mireille Aubert')
  })

  it('finishes the file removal of an erasure interrupted by a crash when the workspace opens again', async () => {
    const orphan = await workspace.context.files.store(new TextEncoder().encode('left behind by a crash'))
    await workspace.context.db
      .insertInto('erasure_files')
      .values({ sha256: orphan.sha256, queued_at: new Date().toISOString() })
      .execute()
    // On PostgreSQL the erasure's transaction also left its note that the tables are still to be compacted.
    await new PrivacyRepository(workspace.context.db).markCompactionDue()
    mkdirSync(join(workspace.dataDir, 'tmp', 'exports'), { recursive: true })
    writeFileSync(join(workspace.dataDir, 'tmp', 'exports', 'old.csv'), 'name\nSomeone\n')
    const postgresUrl = await workspaceDatabaseUrl()
    await workspace.close()
    const reopened = await openWorkspace({
      dataDir: workspace.dataDir,
      ...(postgresUrl === undefined ? {} : { postgresUrl }),
      resourcesDir,
      appVersion: '0.0.0-test',
      demoOnFirstRun: false,
    })
    const dataDir = workspace.dataDir
    const first = workspace
    workspace = {
      ...reopened,
      dataDir,
      // The first workspace's disposal drops its PostgreSQL database and removes the folder.
      dispose: async () => {
        await reopened.close()
        await first.dispose()
      },
    }
    expect(await reopened.context.files.exists(orphan.sha256)).toBe(false)
    expect(existsSync(join(dataDir, 'tmp', 'exports', 'old.csv'))).toBe(false)
    expect(await reopened.context.db.selectFrom('erasure_files').selectAll().execute()).toEqual([])
    // The compaction the note asked for ran at the opening, or (held up by another worker) right after it.
    await compactionSettled()
    expect(await compactionNote()).toEqual([])
  })
})
