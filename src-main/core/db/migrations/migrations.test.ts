import BetterSqlite3 from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { tempDir } from '../../testing/temp-workspace'
import { migrate } from '../migrate'
import { migrations } from '.'

/**
 * One test per migration: the schema just before it, representative rows written by the release before,
 * then the migration, then what those rows became. The chain test (connection.test.ts) only starts empty.
 */
interface Fixture {
  sqlite: BetterSqlite3.Database
  db: Kysely<unknown>
  run(statement: string, ...params: unknown[]): void
  all<T>(statement: string, ...params: unknown[]): T[]
  upTo(version: number): Promise<void>
}

const opened: Array<{ close(): void }> = []
afterEach(() => {
  for (const item of opened.splice(0)) item.close()
})

async function schemaBefore(version: number): Promise<Fixture> {
  const dir = tempDir('yardstick-migration-')
  const sqlite = new BetterSqlite3(`${dir.path}/yardstick.db`)
  sqlite.pragma('foreign_keys = ON')
  const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: sqlite }) })
  opened.push({ close: () => (sqlite.close(), dir.remove()) })
  const fixture: Fixture = {
    sqlite,
    db,
    run: (statement, ...params) => void sqlite.prepare(statement).run(...params),
    all: <T>(statement: string, ...params: unknown[]) => sqlite.prepare(statement).all(...params) as T[],
    upTo: async (target) => {
      const current = Number(sqlite.pragma('user_version', { simple: true }))
      await migrate(
        db,
        current,
        migrations.filter((migration) => migration.version <= target),
      )
    },
  }
  // Numbers are reserved per branch, so the one before may be missing until the branches meet.
  const previous = Math.max(0, ...migrations.filter((m) => m.version < version).map((m) => m.version))
  await fixture.upTo(previous)
  expect(Number(sqlite.pragma('user_version', { simple: true }))).toBe(previous)
  return fixture
}

const at = '2026-01-02T03:04:05.000Z'

function seedLadderAndPosting(f: Fixture): void {
  f.run(`INSERT INTO people (id, name, role, created_at) VALUES (1, 'P1', 'recruiter', ?)`, at)
  f.run(`INSERT INTO ladders (id, name, created_at, updated_at) VALUES (1, 'Backend', ?, ?)`, at, at)
  f.run(`INSERT INTO levels (id, ladder_id, position, code, title) VALUES (1, 1, 0, 'L1', 'Engineer I')`)
  f.run(`INSERT INTO competencies (id, ladder_id, position, name) VALUES (1, 1, 0, 'Design')`)
}

function seedPosting(f: Fixture): void {
  f.run(
    `INSERT INTO postings (id, title, level_id, language, status, created_at, updated_at)
     VALUES (1, 'Engineer', 1, 'en', 'open', ?, ?)`,
    at,
    at,
  )
  f.run(
    `INSERT INTO requirements (id, posting_id, section, position, text, weight, created_at, updated_at)
     VALUES (1, 1, 'requirement', 0, 'Go', 2, ?, ?), (2, 1, 'benefit', 0, 'Lunch', 0, ?, ?),
            (3, 1, 'responsibility', 0, 'Own services', 1, ?, ?)`,
    at,
    at,
    at,
    at,
    at,
    at,
  )
}

function seedCandidate(f: Fixture): void {
  f.run(
    `INSERT INTO candidates (id, name, name_key, name_match, created_at, updated_at)
     VALUES (1, 'Ada', 'ada', 'ada', ?, ?)`,
    at,
    at,
  )
}

/** Since 0004 the service, not the migration, gives a new posting its stages. */
function seedApplication(f: Fixture): void {
  f.run(
    `INSERT INTO stages (id, posting_id, position, name, kind, created_at, updated_at) VALUES (1, 1, 0, 'Applied', 'open', ?, ?)`,
    at,
    at,
  )
  f.run(
    `INSERT INTO applications (id, candidate_id, posting_id, stage_id, name_key, created_at, updated_at, stage_entered_at)
     VALUES (1, 1, 1, 1, 'ada', ?, ?, ?)`,
    at,
    at,
    at,
  )
}

describe('each migration on the data of the release before it', () => {
  it('0001 creates the workspace tables and an append-only activity log', async () => {
    const f = await schemaBefore(1)
    await f.upTo(1)
    f.run(`INSERT INTO activity (at, entity_type, action) VALUES (?, 'ladder', 'created')`, at)
    expect(() => f.run(`DELETE FROM activity`)).toThrow('append-only')
    expect(() => f.run(`UPDATE activity SET action = 'x'`)).toThrow('append-only')
    expect(() => f.run(`INSERT INTO settings (key, value) VALUES ('k', 'not json')`)).toThrow()
  })

  it('0002 adds candidates beside the ladders that were there, which stay untouched', async () => {
    const f = await schemaBefore(2)
    seedLadderAndPosting(f)
    await f.upTo(2)
    expect(f.all(`SELECT name FROM ladders`)).toEqual([{ name: 'Backend' }])
    seedCandidate(f)
    f.run(
      `INSERT INTO candidate_search (rowid, name, contact, documents, notes) VALUES (1, 'Ada Lovelace', '', '', '')`,
    )
    expect(f.all(`SELECT rowid AS id FROM candidate_search WHERE candidate_search MATCH 'lovel*'`)).toEqual([{ id: 1 }])
  })

  it('0003 adds postings whose level cannot be deleted under them', async () => {
    const f = await schemaBefore(3)
    seedLadderAndPosting(f)
    seedCandidate(f)
    await f.upTo(3)
    seedPosting(f)
    expect(() => f.run(`DELETE FROM levels WHERE id = 1`)).toThrow()
    expect(f.all(`SELECT COUNT(*) AS n FROM candidates`)).toEqual([{ n: 1 }])
  })

  it('0004 gives every posting saved before it the default pipeline, hired last', async () => {
    const f = await schemaBefore(4)
    seedLadderAndPosting(f)
    seedPosting(f)
    f.run(
      `INSERT INTO postings (id, title, level_id, language, status, created_at, updated_at, closed_at)
       VALUES (2, 'Closed one', 1, 'fr', 'closed', ?, ?, ?)`,
      at,
      at,
      at,
    )
    await f.upTo(4)
    const stages = f.all<{ posting_id: number; position: number; name: string; kind: string }>(
      `SELECT posting_id, position, name, kind FROM stages ORDER BY posting_id, position`,
    )
    for (const postingId of [1, 2]) {
      const own = stages.filter((stage) => stage.posting_id === postingId)
      expect(own.map((stage) => stage.name)).toEqual(['Applied', 'Screen', 'Interview', 'Offer', 'Hired'])
      expect(own.map((stage) => stage.kind)).toEqual(['open', 'open', 'open', 'open', 'hired'])
    }
  })

  it('0005 gives applications made before it a fit row and an unknown rating per assessed item', async () => {
    const f = await schemaBefore(5)
    seedLadderAndPosting(f)
    seedPosting(f)
    seedCandidate(f)
    seedApplication(f)
    await f.upTo(5)
    expect(f.all(`SELECT application_id, posting_id, live, score FROM application_fit`)).toEqual([
      { application_id: 1, posting_id: 1, live: 1, score: 0 },
    ])
    // The benefit is not assessed; the requirement and the responsibility are, unknown and never rated.
    expect(f.all(`SELECT requirement_id, rating, version FROM assessments ORDER BY requirement_id`)).toEqual([
      { requirement_id: 1, rating: 0, version: 0 },
      { requirement_id: 3, rating: 0, version: 0 },
    ])
  })

  it('0006 adds interview plans on postings and applications that were there', async () => {
    const f = await schemaBefore(6)
    seedLadderAndPosting(f)
    seedPosting(f)
    seedCandidate(f)
    seedApplication(f)
    await f.upTo(6)
    expect(f.all(`SELECT COUNT(*) AS n FROM assessments WHERE application_id = 1`)).toEqual([{ n: 2 }])
    const tables = f
      .all<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'interview%'`)
      .map((row) => row.name)
    expect(tables).toEqual(expect.arrayContaining(['interview_plans', 'interview_steps', 'interviews']))
  })

  it('0007 gives candidates made before it a legal basis, and gates the append-only rules', async () => {
    const f = await schemaBefore(7)
    seedLadderAndPosting(f)
    seedPosting(f)
    seedCandidate(f)
    seedApplication(f)
    f.run(
      `INSERT INTO activity (at, entity_type, entity_id, action, detail) VALUES (?, 'candidate', 1, 'created', '{}')`,
      at,
    )
    await f.upTo(7)
    expect(f.all(`SELECT name, origin, legal_basis, erased_at FROM candidates`)).toEqual([
      { name: 'Ada', origin: 'applied', legal_basis: 'legitimate_interest', erased_at: null },
    ])
    expect(() => f.run(`UPDATE activity SET detail = '{"x":1}'`)).toThrow('append-only')
    // Only inside an erasure's gate may history text change.
    f.run(`INSERT INTO redaction_gate (candidate_id) VALUES (1)`)
    f.run(`UPDATE activity SET detail = '{}'`)
    f.run(`DELETE FROM redaction_gate`)
    expect(() => f.run(`UPDATE activity SET detail = '{"x":2}'`)).toThrow('append-only')
  })

  it('0008 adds the staging tables of CSV imports beside the candidates that were there, which stay untouched', async () => {
    const f = await schemaBefore(8)
    seedLadderAndPosting(f)
    seedCandidate(f)
    await f.upTo(8)
    expect(f.all(`SELECT id, name, origin FROM candidates`)).toEqual([{ id: 1, name: 'Ada', origin: 'applied' }])
    expect(f.all(`SELECT count(*) AS n FROM candidate_imports`)).toEqual([{ n: 0 }])
    f.run(`INSERT INTO candidate_imports (id, job_id, pid, started_at) VALUES (1, 'job', 42, ?)`, at)
    const staged = `INSERT INTO candidate_import_rows (import_id, seq, line, name, name_key, name_match, location, source,
      origin, legal_basis, emails, phones, links, tags, notes, search_name, search_contact, search_notes)
      VALUES (1, ?, 2, 'Ben', 'ben', 'ben', '', '', 'imported', 'consent', '[]', '[]', '[]', '[]', '[]', 'Ben', '', '')`
    f.run(staged, 1)
    // One row per position in the file; positions start at 1, as candidate ids are derived from them.
    expect(() => f.run(staged, 1)).toThrow('UNIQUE')
    expect(() => f.run(staged, 0)).toThrow('CHECK')
    expect(f.all(`SELECT count(*) AS n FROM candidates`)).toEqual([{ n: 1 }])
  })

  it('0009 adds saved views that go with their posting and refuse a second view of the same name', async () => {
    const f = await schemaBefore(9)
    seedLadderAndPosting(f)
    seedPosting(f)
    await f.upTo(9)
    expect(f.all(`SELECT COUNT(*) AS n FROM requirements`)).toEqual([{ n: 3 }])
    const insert = (name: string, person: number | null) =>
      f.run(
        `INSERT INTO saved_views (table_id, posting_id, person_id, name, state, created_at, updated_at)
         VALUES ('applicants', 1, ?, ?, '{}', ?, ?)`,
        person,
        name,
        at,
        at,
      )
    insert('Shortlist', 1)
    insert('Shortlist', null)
    expect(() => insert('SHORTLIST', 1)).toThrow('UNIQUE')
    expect(() => insert('Shortlist', null)).toThrow('UNIQUE')
    expect(() =>
      f.run(
        `INSERT INTO saved_views (table_id, posting_id, name, state, created_at, updated_at)
         VALUES ('applicants', 1, 'Bad', 'not json', ?, ?)`,
        at,
        at,
      ),
    ).toThrow('CHECK')
    f.run(`DELETE FROM requirements`)
    f.run(`DELETE FROM postings WHERE id = 1`)
    expect(f.all(`SELECT COUNT(*) AS n FROM saved_views`)).toEqual([{ n: 0 }])
  })

  it('covers every registered migration', () => {
    // A new migration needs its own test above: this fails until one is written.
    expect(migrations.map((migration) => migration.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9])
  })
})
