import { createHash } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import {
  openRawTestDatabase,
  testDatabaseKinds,
  type DatabaseKind,
  type RawTestDatabase,
} from '../../testing/test-database'
import { migrations } from '.'

/**
 * One test per migration, on each database: the schema just before it, representative rows written by the
 * release before, then the migration, then what those rows became. The chain test (connection.test.ts) only
 * starts empty.
 */
interface Fixture extends Omit<RawTestDatabase, 'upTo'> {
  upTo(version: number): Promise<void>
}

const opened: Fixture[] = []
afterEach(async () => {
  for (const item of opened.splice(0)) await item.dispose()
})

async function schemaBefore(kind: DatabaseKind, version: number): Promise<Fixture> {
  const raw = await openRawTestDatabase(kind)
  const fixture: Fixture = { ...raw, upTo: (target) => raw.upTo(migrations, target) }
  opened.push(fixture)
  await fixture.upTo(version - 1)
  expect(await fixture.version()).toBe(version - 1)
  return fixture
}

const at = '2026-01-02T03:04:05.000Z'

async function seedLadderAndPosting(f: Fixture): Promise<void> {
  await f.run(`INSERT INTO people (id, name, role, created_at) VALUES (1, 'P1', 'recruiter', ?)`, at)
  await f.run(`INSERT INTO ladders (id, name, created_at, updated_at) VALUES (1, 'Backend', ?, ?)`, at, at)
  await f.run(`INSERT INTO levels (id, ladder_id, position, code, title) VALUES (1, 1, 0, 'L1', 'Engineer I')`)
  await f.run(`INSERT INTO competencies (id, ladder_id, position, name) VALUES (1, 1, 0, 'Design')`)
}

async function seedPosting(f: Fixture): Promise<void> {
  await f.run(
    `INSERT INTO postings (id, title, level_id, language, status, created_at, updated_at)
     VALUES (1, 'Engineer', 1, 'en', 'open', ?, ?)`,
    at,
    at,
  )
  await f.run(
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

async function seedCandidate(f: Fixture): Promise<void> {
  await f.run(
    `INSERT INTO candidates (id, name, name_key, name_match, created_at, updated_at)
     VALUES (1, 'Ada', 'ada', 'ada', ?, ?)`,
    at,
    at,
  )
}

/** Since 0004 the service, not the migration, gives a new posting its stages. */
async function seedApplication(f: Fixture): Promise<void> {
  await f.run(
    `INSERT INTO stages (id, posting_id, position, name, kind, created_at, updated_at) VALUES (1, 1, 0, 'Applied', 'open', ?, ?)`,
    at,
    at,
  )
  await f.run(
    `INSERT INTO applications (id, candidate_id, posting_id, stage_id, name_key, created_at, updated_at, stage_entered_at)
     VALUES (1, 1, 1, 1, 'ada', ?, ?, ?)`,
    at,
    at,
    at,
  )
}

describe.each(testDatabaseKinds())('each migration on the data of the release before it (%s)', (kind) => {
  it('0001 creates the workspace tables and an append-only activity log', async () => {
    const f = await schemaBefore(kind, 1)
    await f.upTo(1)
    await f.run(`INSERT INTO activity (at, entity_type, action) VALUES (?, 'ladder', 'created')`, at)
    await expect(f.run(`DELETE FROM activity`)).rejects.toThrow('append-only')
    await expect(f.run(`UPDATE activity SET action = 'x'`)).rejects.toThrow('append-only')
    if (kind === 'postgres') await expect(f.run(`TRUNCATE activity`)).rejects.toThrow('append-only')
    // Re-pointing an entry (a merge) is the one change allowed.
    await f.run(`UPDATE activity SET entity_id = 2`)
    await expect(f.run(`INSERT INTO settings (key, value) VALUES ('k', 'not json')`)).rejects.toThrow()
    await f.run(`INSERT INTO settings (key, value) VALUES ('k', ?)`, '{"a":1}')
    // JSON reads back as text on both, so one row type serves both.
    const [setting] = await f.all<{ value: unknown }>(`SELECT value FROM settings`)
    expect(typeof setting?.value).toBe('string')
    expect(JSON.parse(String(setting?.value))).toEqual({ a: 1 })
  })

  it('0002 adds candidates beside the ladders that were there, which stay untouched', async () => {
    const f = await schemaBefore(kind, 2)
    await seedLadderAndPosting(f)
    await f.upTo(2)
    expect(await f.all(`SELECT name FROM ladders`)).toEqual([{ name: 'Backend' }])
    // Names compare without regard to case, as COLLATE NOCASE does.
    await expect(
      f.run(`INSERT INTO ladders (name, created_at, updated_at) VALUES ('BACKEND', ?, ?)`, at, at),
    ).rejects.toThrow()
    await seedCandidate(f)
    if (kind === 'sqlite') {
      await f.run(
        `INSERT INTO candidate_search (rowid, name, contact, documents, notes) VALUES (1, 'Ada Lovelace', '', '', '')`,
      )
      expect(await f.all(`SELECT rowid AS id FROM candidate_search WHERE candidate_search MATCH 'lovel*'`)).toEqual([
        { id: 1 },
      ])
    } else {
      await f.run(
        `INSERT INTO candidate_search (candidate_id, name, contact, documents, notes)
         VALUES (1, 'Ada Lovelace', '', 'Étude de sûreté', '')`,
      )
      const prefix = `SELECT candidate_id AS id FROM candidate_search WHERE words @@ to_tsquery('simple', yardstick_fold(?) || ':*')`
      expect(await f.all(prefix, 'lovel')).toEqual([{ id: 1 }])
      // Insensitive to case and accents, both ways.
      expect(await f.all(prefix, 'SURETE')).toEqual([{ id: 1 }])
      expect(await f.all(prefix, 'étu')).toEqual([{ id: 1 }])
      expect(await f.all(prefix, 'babbage')).toEqual([])
      // Résumés are kept as bytes in the database itself.
      const bytes = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff])
      await f.run(
        `INSERT INTO files (sha256, size, content, created_at) VALUES (?, ?, ?, ?)`,
        'a'.repeat(64),
        6,
        bytes,
        at,
      )
      const [file] = await f.all<{ content: Buffer }>(`SELECT content FROM files`)
      expect(Buffer.compare(file?.content ?? Buffer.alloc(0), bytes)).toBe(0)
      await expect(
        f.run(
          `INSERT INTO files (sha256, size, content, created_at) VALUES (?, ?, ?, ?)`,
          'b'.repeat(64),
          7,
          bytes,
          at,
        ),
      ).rejects.toThrow()
    }
  })

  it('0003 adds postings whose level cannot be deleted under them', async () => {
    const f = await schemaBefore(kind, 3)
    await seedLadderAndPosting(f)
    await seedCandidate(f)
    await f.upTo(3)
    await seedPosting(f)
    await expect(f.run(`DELETE FROM levels WHERE id = 1`)).rejects.toThrow()
    expect(await f.all(`SELECT COUNT(*) AS n FROM candidates`)).toEqual([{ n: 1 }])
  })

  it('0004 gives every posting saved before it the default pipeline, hired last', async () => {
    const f = await schemaBefore(kind, 4)
    await seedLadderAndPosting(f)
    await seedPosting(f)
    await f.run(
      `INSERT INTO postings (id, title, level_id, language, status, created_at, updated_at, closed_at)
       VALUES (2, 'Closed one', 1, 'fr', 'closed', ?, ?, ?)`,
      at,
      at,
      at,
    )
    await f.upTo(4)
    const stages = await f.all<{ posting_id: number; position: number; name: string; kind: string }>(
      `SELECT posting_id, position, name, kind FROM stages ORDER BY posting_id, position`,
    )
    for (const postingId of [1, 2]) {
      const own = stages.filter((stage) => stage.posting_id === postingId)
      expect(own.map((stage) => stage.name)).toEqual(['Applied', 'Screen', 'Interview', 'Offer', 'Hired'])
      expect(own.map((stage) => stage.kind)).toEqual(['open', 'open', 'open', 'open', 'hired'])
    }
  })

  it('0004 keeps applications on their posting’s stages and their name key in step', async () => {
    const f = await schemaBefore(kind, 5)
    await seedLadderAndPosting(f)
    await seedPosting(f)
    await seedCandidate(f)
    await seedApplication(f)
    await f.run(
      `INSERT INTO postings (id, title, level_id, language, status, created_at, updated_at) VALUES (2, 'Other', 1, 'en', 'open', ?, ?)`,
      at,
      at,
    )
    await f.run(
      `INSERT INTO stages (id, posting_id, position, name, kind, created_at, updated_at) VALUES (9, 2, 0, 'Applied', 'open', ?, ?)`,
      at,
      at,
    )
    await expect(f.run(`UPDATE applications SET stage_id = 9 WHERE id = 1`)).rejects.toThrow('another posting')
    await f.run(`UPDATE candidates SET name_key = 'lovelace ada' WHERE id = 1`)
    expect(await f.all(`SELECT name_key FROM applications`)).toEqual([{ name_key: 'lovelace ada' }])
    await f.run(`INSERT INTO stage_events (application_id, to_stage_id, to_status, at) VALUES (1, 1, 'active', ?)`, at)
    await expect(f.run(`UPDATE stage_events SET reason = 'x'`)).rejects.toThrow('append-only')
    await expect(f.run(`DELETE FROM stage_events`)).rejects.toThrow('append-only')
  })

  it('0005 gives applications made before it a fit row and an unknown rating per assessed item', async () => {
    const f = await schemaBefore(kind, 5)
    await seedLadderAndPosting(f)
    await seedPosting(f)
    await seedCandidate(f)
    await seedApplication(f)
    await f.upTo(5)
    expect(await f.all(`SELECT application_id, posting_id, live, score FROM application_fit`)).toEqual([
      { application_id: 1, posting_id: 1, live: 1, score: 0 },
    ])
    // The benefit is not assessed; the requirement and the responsibility are, unknown and never rated.
    expect(await f.all(`SELECT requirement_id, rating, version FROM assessments ORDER BY requirement_id`)).toEqual([
      { requirement_id: 1, rating: 0, version: 0 },
      { requirement_id: 3, rating: 0, version: 0 },
    ])
    // A requirement moved into an assessed section gets its rows; archived and back, it keeps them.
    await f.run(`UPDATE requirements SET section = 'nice_to_have' WHERE id = 2`)
    await f.run(`UPDATE requirements SET archived_at = ? WHERE id = 1`, at)
    await f.run(`UPDATE requirements SET archived_at = NULL WHERE id = 1`)
    expect(await f.all(`SELECT requirement_id FROM assessments ORDER BY requirement_id`)).toEqual([
      { requirement_id: 1 },
      { requirement_id: 2 },
      { requirement_id: 3 },
    ])
  })

  it('0006 adds interview plans on postings and applications that were there', async () => {
    const f = await schemaBefore(kind, 6)
    await seedLadderAndPosting(f)
    await seedPosting(f)
    await seedCandidate(f)
    await seedApplication(f)
    await f.upTo(6)
    expect(await f.all(`SELECT COUNT(*) AS n FROM assessments WHERE application_id = 1`)).toEqual([{ n: 2 }])
    for (const table of ['interview_plans', 'interview_steps', 'interviews', 'scorecards', 'scorecard_ratings'])
      expect(await f.all(`SELECT COUNT(*) AS n FROM ${table}`)).toEqual([{ n: 0 }])
  })

  it('0007 gives candidates made before it a legal basis, and gates the append-only rules', async () => {
    const f = await schemaBefore(kind, 7)
    await seedLadderAndPosting(f)
    await seedPosting(f)
    await seedCandidate(f)
    await seedApplication(f)
    await f.run(
      `INSERT INTO activity (at, entity_type, entity_id, action, detail) VALUES (?, 'candidate', 1, 'created', '{}')`,
      at,
    )
    await f.upTo(7)
    expect(await f.all(`SELECT name, origin, legal_basis, erased_at FROM candidates`)).toEqual([
      { name: 'Ada', origin: 'applied', legal_basis: 'legitimate_interest', erased_at: null },
    ])
    await expect(f.run(`UPDATE activity SET detail = '{"x":1}'`)).rejects.toThrow('append-only')
    // Only inside an erasure's gate may history text change.
    await f.run(`INSERT INTO redaction_gate (candidate_id) VALUES (1)`)
    await f.run(`UPDATE activity SET detail = '{}'`)
    await f.run(`DELETE FROM redaction_gate`)
    await expect(f.run(`UPDATE activity SET detail = '{"x":2}'`)).rejects.toThrow('append-only')
    await f.run(`INSERT INTO privacy_audit (at, action, candidate_id) VALUES (?, 'erased', 1)`, at)
    await expect(f.run(`UPDATE privacy_audit SET candidate_id = 2`)).rejects.toThrow('append-only')
  })

  it('0008 adds the staging tables of CSV imports beside the candidates that were there, which stay untouched', async () => {
    const f = await schemaBefore(kind, 8)
    await seedLadderAndPosting(f)
    await seedCandidate(f)
    await f.upTo(8)
    expect(await f.all(`SELECT id, name, origin FROM candidates`)).toEqual([{ id: 1, name: 'Ada', origin: 'applied' }])
    expect(await f.all(`SELECT count(*) AS n FROM candidate_imports`)).toEqual([{ n: 0 }])
    await f.run(`INSERT INTO candidate_imports (id, job_id, pid, started_at) VALUES (1, 'job', 42, ?)`, at)
    const staged = `INSERT INTO candidate_import_rows (import_id, seq, line, name, name_key, name_match, location, source,
      origin, legal_basis, emails, phones, links, tags, notes, search_name, search_contact, search_notes)
      VALUES (1, ?, 2, 'Ben', 'ben', 'ben', '', '', 'imported', 'consent', '[]', '[]', '[]', '[]', '[]', 'Ben', '', '')`
    await f.run(staged, 1)
    // One row per position in the file; positions start at 1, as candidate ids are derived from them.
    await expect(f.run(staged, 1)).rejects.toThrow(/unique/i)
    await expect(f.run(staged, 0)).rejects.toThrow(/check/i)
    expect(await f.all(`SELECT count(*) AS n FROM candidates`)).toEqual([{ n: 1 }])
  })

  it('0009 adds saved views that go with their posting and refuse a second view of the same name', async () => {
    const f = await schemaBefore(kind, 9)
    await seedLadderAndPosting(f)
    await seedPosting(f)
    await f.upTo(9)
    expect(await f.all(`SELECT COUNT(*) AS n FROM requirements`)).toEqual([{ n: 3 }])
    const insert = (name: string, person: number | null) =>
      f.run(
        `INSERT INTO saved_views (table_id, posting_id, person_id, name, state, created_at, updated_at)
         VALUES ('applicants', 1, ?, ?, '{}', ?, ?)`,
        person,
        name,
        at,
        at,
      )
    await insert('Shortlist', 1)
    await insert('Shortlist', null)
    await expect(insert('SHORTLIST', 1)).rejects.toThrow(/unique/i)
    await expect(insert('Shortlist', null)).rejects.toThrow(/unique/i)
    // Another name is free.
    await insert('Shortlist 2', 1)
    const notJson = f.run(
      `INSERT INTO saved_views (table_id, posting_id, name, state, created_at, updated_at)
       VALUES ('applicants', 1, 'Bad', 'not json', ?, ?)`,
      at,
      at,
    )
    // SQLite's CHECK (json_valid) is PostgreSQL's jsonb type.
    await expect(notJson).rejects.toThrow(kind === 'sqlite' ? 'CHECK' : 'json')
    await expect(insert('', 1)).rejects.toThrow(/check/i)
    expect(await f.all(`SELECT COUNT(*) AS n FROM saved_views`)).toEqual([{ n: 3 }])
    await f.run(`DELETE FROM requirements`)
    await f.run(`DELETE FROM postings WHERE id = 1`)
    expect(await f.all(`SELECT COUNT(*) AS n FROM saved_views`)).toEqual([{ n: 0 }])
  })

  it('0010 gives imports staged before it the state staging, and keeps a publishing one with its author and summary', async () => {
    const f = await schemaBefore(kind, 10)
    await seedLadderAndPosting(f)
    await f.run(`INSERT INTO candidate_imports (id, job_id, pid, started_at) VALUES (1, 'job', 42, ?)`, at)
    await f.upTo(10)
    expect(await f.all(`SELECT id, pid, state, person_id, summary FROM candidate_imports`)).toEqual([
      { id: 1, pid: 42, state: 'staging', person_id: null, summary: null },
    ])
    const summary = '{"mode":"all_or_nothing","rows":2,"created":2,"existing":0,"skipped":0}'
    await f.run(`UPDATE candidate_imports SET state = 'publishing', person_id = 1, summary = ? WHERE id = 1`, summary)
    const stored = await f.all<{ state: string; person_id: number; summary: unknown }>(
      `SELECT state, person_id, summary FROM candidate_imports`,
    )
    expect(
      stored.map((row) => ({
        ...row,
        summary: typeof row.summary === 'string' ? (JSON.parse(row.summary) as unknown) : row.summary,
      })),
    ).toEqual([{ state: 'publishing', person_id: 1, summary: JSON.parse(summary) as unknown }])
    await expect(f.run(`UPDATE candidate_imports SET state = 'published'`)).rejects.toThrow(/check/i)
    await expect(f.run(`UPDATE candidate_imports SET summary = 'not json'`)).rejects.toThrow(
      kind === 'sqlite' ? /check/i : /json/i,
    )
    await expect(f.run(`UPDATE candidate_imports SET person_id = 99`)).rejects.toThrow(/foreign/i)
    // The importer leaving: the import stays, to be finished, without an author.
    await f.run(`DELETE FROM people WHERE id = 1`)
    expect(await f.all(`SELECT state, person_id FROM candidate_imports`)).toEqual([
      { state: 'publishing', person_id: null },
    ])
  })

  it('0011 adds accounts, roles and sessions beside the people that were there, which keep their ids', async () => {
    const f = await schemaBefore(kind, 11)
    await seedLadderAndPosting(f)
    await f.upTo(11)
    expect(await f.all(`SELECT id, name FROM people`)).toEqual([{ id: 1, name: 'P1' }])
    const account = (person: number, email: string) =>
      f.run(
        `INSERT INTO accounts (person_id, email, password_hash, password_salt, password_params, password_changed_at, created_at)
         VALUES (?, ?, 'aGFzaA==', 'c2FsdA==', '{"N":16384}', ?, ?)`,
        person,
        email,
        at,
        at,
      )
    await account(1, 'p1@example.com')
    await f.run(`INSERT INTO people (id, name, role, created_at) VALUES (2, 'P2', 'member', ?)`, at)
    // E-mails are unique without regard to case.
    await expect(account(2, 'P1@Example.COM')).rejects.toThrow(/unique/i)
    await expect(account(99, 'ghost@example.com')).rejects.toThrow(/foreign/i)
    await f.run(`INSERT INTO person_roles (person_id, role) VALUES (1, 'administrator'), (1, 'recruiter')`)
    await expect(f.run(`INSERT INTO person_roles (person_id, role) VALUES (1, 'owner')`)).rejects.toThrow(/check/i)
    await expect(f.run(`INSERT INTO person_roles (person_id, role) VALUES (1, 'recruiter')`)).rejects.toThrow(
      /unique|primary/i,
    )
    const hash = 'a'.repeat(64)
    await f.run(
      `INSERT INTO sessions (token_hash, person_id, created_at, last_seen_at, idle_expires_at, expires_at)
       VALUES (?, 1, ?, ?, ?, ?)`,
      hash,
      at,
      at,
      at,
      at,
    )
    await expect(
      f.run(
        `INSERT INTO sessions (token_hash, person_id, created_at, last_seen_at, idle_expires_at, expires_at)
         VALUES ('short', 1, ?, ?, ?, ?)`,
        at,
        at,
        at,
        at,
      ),
    ).rejects.toThrow(/check/i)
    expect(await f.all(`SELECT failed_sign_ins, disabled_at FROM accounts`)).toEqual([
      { failed_sign_ins: 0, disabled_at: null },
    ])
    // A person removed takes their account, roles and sessions along.
    await f.run(`DELETE FROM people WHERE id = 1`)
    expect(
      await f.all(
        `SELECT (SELECT COUNT(*) FROM accounts) AS a, (SELECT COUNT(*) FROM person_roles) AS r, (SELECT COUNT(*) FROM sessions) AS s`,
      ),
    ).toEqual([{ a: 0, r: 0, s: 0 }])
  })

  it('0012 numbers the unknown ratings of a new application by section and position, and a new item’s by application', async () => {
    const f = await schemaBefore(kind, 12)
    await seedLadderAndPosting(f)
    await seedPosting(f)
    // Ids in another order than the sections and positions.
    await f.run(
      `INSERT INTO requirements (id, posting_id, section, position, text, weight, created_at, updated_at)
       VALUES (4, 1, 'nice_to_have', 0, 'Rust', 1, ?, ?), (5, 1, 'requirement', 1, 'SQL', 2, ?, ?)`,
      at,
      at,
      at,
      at,
    )
    await f.upTo(12)
    await seedCandidate(f)
    await seedApplication(f)
    const order = `SELECT application_id, requirement_id FROM assessments ORDER BY id`
    // nice_to_have, then requirement (positions 0, 1), then responsibility; the benefit is not assessed.
    expect(await f.all(order)).toEqual(
      [4, 1, 5, 3].map((requirement) => ({ application_id: 1, requirement_id: requirement })),
    )
    await f.run(
      `INSERT INTO candidates (id, name, name_key, name_match, created_at, updated_at) VALUES (2, 'Ben', 'ben', 'ben', ?, ?)`,
      at,
      at,
    )
    await f.run(
      `INSERT INTO applications (id, candidate_id, posting_id, stage_id, name_key, created_at, updated_at, stage_entered_at)
       VALUES (2, 2, 1, 1, 'ben', ?, ?, ?)`,
      at,
      at,
      at,
    )
    await f.run(
      `INSERT INTO requirements (id, posting_id, section, position, text, weight, created_at, updated_at)
       VALUES (6, 1, 'requirement', 2, 'Kafka', 1, ?, ?)`,
      at,
      at,
    )
    expect((await f.all<{ application_id: number; requirement_id: number }>(order)).slice(-2)).toEqual([
      { application_id: 1, requirement_id: 6 },
      { application_id: 2, requirement_id: 6 },
    ])
  })

  it('0013 indexes the words of the name and of the contact details apart, for rows written before it', async () => {
    const f = await schemaBefore(kind, 13)
    await seedCandidate(f)
    const key = kind === 'sqlite' ? 'rowid' : 'candidate_id'
    await f.run(
      `INSERT INTO candidate_search (${key}, name, contact, documents, notes)
       VALUES (1, 'Ada Lövelace', 'ada@example.org', 'Kafka at Lyon', 'Rust')`,
    )
    await f.upTo(13)
    if (kind === 'sqlite') {
      // Nothing changes on SQLite: the FTS5 table still finds the row.
      expect(await f.all(`SELECT rowid AS id FROM candidate_search WHERE candidate_search MATCH 'lovel*'`)).toEqual([
        { id: 1 },
      ])
      return
    }
    const found = (query: string) =>
      f.all(
        `SELECT candidate_id AS id FROM candidate_search WHERE name_contact_words @@ to_tsquery('yardstick_search', ?) ORDER BY candidate_id`,
        query,
      )
    // The name as A, the contact details as B, folded as the full index is; résumé and notes are left out.
    expect(await found(`'lovel':*A`)).toEqual([{ id: 1 }])
    expect(await found(`'example':*B`)).toEqual([{ id: 1 }])
    expect(await found(`'example':*A`)).toEqual([])
    expect(await found(`'kafka':*`)).toEqual([])
    expect(await found(`'rust':*`)).toEqual([])
    // A row written after it gets its words too.
    await f.run(
      `INSERT INTO candidates (id, name, name_key, name_match, created_at, updated_at) VALUES (2, 'Ben', 'ben', 'ben', ?, ?)`,
      at,
      at,
    )
    await f.run(`INSERT INTO candidate_search (candidate_id, name, contact) VALUES (2, 'Ben Lovell', '')`)
    expect(await found(`'lovel':*A`)).toEqual([{ id: 1 }, { id: 2 }])
  })

  it('0014 samples the name-and-contact words fully for the planner, on PostgreSQL', async () => {
    const f = await schemaBefore(kind, 14)
    if (kind === 'sqlite') {
      // Nothing changes on SQLite: FTS5 has no planner statistics.
      const schema = () => f.all(`SELECT type, name, sql FROM sqlite_master ORDER BY name`)
      const before = await schema()
      await f.upTo(14)
      expect(await schema()).toEqual(before)
      return
    }
    await f.upTo(14)
    const targets = await f.all<{ name: string; target: number }>(
      `SELECT attname AS name, attstattarget AS target FROM pg_attribute
       WHERE attrelid = 'candidate_search'::regclass AND attname IN ('name_contact_words', 'words') ORDER BY attname`,
    )
    // -1: the server's default (100, a sample of 30,000 rows); 1000 samples 300,000.
    expect(targets).toEqual([
      { name: 'name_contact_words', target: 1000 },
      { name: 'words', target: -1 },
    ])
  })

  it('0015 indexes the stage events by day, those written before it included', async () => {
    const f = await schemaBefore(kind, 15)
    await seedLadderAndPosting(f)
    await seedPosting(f)
    await seedCandidate(f)
    await seedApplication(f)
    for (const time of ['2026-01-02T23:59:59.000Z', '2026-01-03T00:00:00.000Z', '2026-01-03T09:30:00.000Z'])
      await f.run(
        `INSERT INTO stage_events (application_id, to_stage_id, to_status, at) VALUES (1, 1, 'active', ?)`,
        time,
      )
    await f.upTo(15)
    if (kind === 'sqlite') {
      // The activity report's days come from the index in order: no temporary tree to sort them.
      const days = `SELECT substr(at, 1, 10) AS day, COUNT(*) AS n FROM stage_events GROUP BY substr(at, 1, 10)`
      const plan = (await f.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${days}`)).map((row) => row.detail)
      expect(plan.join('\n')).toContain('stage_events_by_day')
      expect(plan.join('\n')).not.toContain('TEMP B-TREE')
      expect(await f.all(days)).toEqual([
        { day: '2026-01-02', n: 1 },
        { day: '2026-01-03', n: 2 },
      ])
      return
    }
    const [index] = await f.all<{ definition: string }>(
      `SELECT indexdef AS definition FROM pg_indexes WHERE indexname = 'stage_events_by_day'`,
    )
    expect(index?.definition).toContain('substr(at, 1, 10)')
    // Analysed as it was made: the planner knows there are two days for three events (given as -2/3).
    const [stats] = await f.all<{ n_distinct: number }>(
      `SELECT n_distinct FROM pg_stats WHERE tablename = 'stage_events_by_day'`,
    )
    expect(Number(stats?.n_distinct)).toBeCloseTo(-2 / 3)
  })

  it('0016 keeps the time per application and stage, the history before it replayed', async () => {
    const f = await schemaBefore(kind, 16)
    await seedLadderAndPosting(f)
    await seedPosting(f)
    await seedCandidate(f)
    await seedApplication(f)
    await f.run(
      `INSERT INTO stages (id, posting_id, position, name, kind, created_at, updated_at) VALUES (2, 1, 1, 'Screen', 'open', ?, ?)`,
      at,
      at,
    )
    const hour = (n: number) => new Date(Date.parse(at) + n * 3_600_000).toISOString()
    const event = (stage: number, status: string, n: number) =>
      f.run(
        `INSERT INTO stage_events (application_id, to_stage_id, to_status, at) VALUES (1, ?, ?, ?)`,
        stage,
        status,
        hour(n),
      )
    // Applied for an hour, closed for two, back in Applied since hour 3.
    await event(1, 'active', 0)
    await event(1, 'rejected', 1)
    await event(1, 'active', 3)
    await f.upTo(16)
    const stays = () =>
      f.all<{ stage: number; closed: number; since: number | null }>(
        `SELECT stage_id AS stage, closed_ms AS closed, since_ms AS since FROM stage_stays WHERE application_id = 1 ORDER BY stage_id`,
      )
    const numbers = (rows: { stage: number; closed: number; since: number | null }[]) =>
      rows.map((row) => ({
        stage: row.stage,
        closed: Number(row.closed),
        since: row.since === null ? null : Number(row.since),
      }))
    expect(numbers(await stays())).toEqual([{ stage: 1, closed: 3_600_000, since: Date.parse(hour(3)) }])
    // Written after it: kept by the trigger. Moving on ends the visit; a time earlier than the visit's start
    // takes nothing off it.
    await event(2, 'active', 5)
    await event(2, 'withdrawn', 4)
    expect(numbers(await stays())).toEqual([
      { stage: 1, closed: 3 * 3_600_000, since: null },
      { stage: 2, closed: 0, since: null },
    ])
  })

  /** A workspace before `version` with interviews 1 and 2 (steps 1 and 2) of one application, and their scorecards. */
  const withInterviews = async (version: number) => {
    const f = await schemaBefore(kind, version)
    await seedLadderAndPosting(f)
    await seedPosting(f)
    await seedCandidate(f)
    await seedApplication(f)
    for (const id of [1, 2]) {
      await f.run(
        `INSERT INTO interview_steps (id, posting_id, position, name, duration_minutes, created_at, updated_at)
         VALUES (?, 1, ?, ?, 60, ?, ?)`,
        id,
        id - 1,
        `Step ${id}`,
        at,
        at,
      )
      await f.run(
        `INSERT INTO interviews (id, application_id, step_id, interviewer_id, scheduled_at, duration_minutes, packet_key, created_at, updated_at)
         VALUES (?, 1, ?, 1, ?, 60, ?, ?, ?)`,
        id,
        id,
        at,
        String(id).repeat(43),
        at,
        at,
      )
    }
    const draft = async (id: number, version: number, ratings: (number | null)[], interview = 1) => {
      await f.run(
        `INSERT INTO scorecards (id, interview_id, version, status, source, created_at, updated_at)
         VALUES (?, ?, ?, 'draft', 'local', ?, ?)`,
        id,
        interview,
        version,
        at,
        at,
      )
      for (const [position, rating] of ratings.entries())
        await f.run(
          `INSERT INTO scorecard_ratings (scorecard_id, position, focus_key, label, rating) VALUES (?, ?, ?, 'Item', ?)`,
          id,
          position,
          `item-${position}`,
          rating,
        )
    }
    const submit = (id: number, recommendation = 'yes') =>
      f.run(
        `UPDATE scorecards SET status = 'submitted', submitted_at = ?, recommendation = ? WHERE id = ?`,
        at,
        recommendation,
        id,
      )
    return { f, draft, submit }
  }

  it('0017 writes each scorecard’s ratings as it is submitted, those submitted before it included', async () => {
    const { f, draft, submit } = await withInterviews(17)
    await draft(1, 1, [3, null, 4])
    await submit(1)
    await f.upTo(17)
    const tallies = () => f.all(`SELECT scorecard_id AS id, ratings FROM scorecard_tallies ORDER BY scorecard_id`)
    // In the items' order, 0 for the one left unrated.
    expect(await tallies()).toEqual([{ id: 1, ratings: '304' }])
    // Written after it: by the trigger, on submission only.
    await draft(2, 2, [1, 1])
    expect(await tallies()).toEqual([{ id: 1, ratings: '304' }])
    await submit(2)
    expect(await tallies()).toEqual([
      { id: 1, ratings: '304' },
      { id: 2, ratings: '11' },
    ])
  })

  it('0018 keeps the latest submitted scorecard of each interview, tallied, and follows amendments', async () => {
    const { f, draft, submit } = await withInterviews(17)
    await f.upTo(17)
    await draft(1, 1, [3, null, 4])
    await submit(1)
    await draft(2, 2, [2, 2])
    await submit(2, 'no')
    await draft(3, 2, [4], 2)
    await submit(3, 'strong_yes')
    await draft(4, 3, [1])
    await f.upTo(18)
    const tallies = () =>
      f.all(
        `SELECT interview_id AS interview, scorecard_id AS id, version, recommendation, ratings
         FROM interview_tallies ORDER BY interview_id`,
      )
    // Version 2 of interview 1, not the version it amended nor the draft after it.
    expect(await tallies()).toEqual([
      { interview: 1, id: 2, version: 2, recommendation: 'no', ratings: '22' },
      { interview: 2, id: 3, version: 2, recommendation: 'strong_yes', ratings: '4' },
    ])
    // Submitting the amendment replaces it.
    await submit(4)
    expect(await tallies()).toEqual([
      { interview: 1, id: 4, version: 3, recommendation: 'yes', ratings: '1' },
      { interview: 2, id: 3, version: 2, recommendation: 'strong_yes', ratings: '4' },
    ])
    // A version submitted out of order does not replace a later one.
    await draft(5, 1, [3], 2)
    await submit(5)
    expect((await tallies())[1]).toEqual({
      interview: 2,
      id: 3,
      version: 2,
      recommendation: 'strong_yes',
      ratings: '4',
    })
    // It goes with its interview (an erasure leaves nothing behind).
    await f.run(`DELETE FROM interviews WHERE id = 2`)
    expect(await tallies()).toEqual([{ interview: 1, id: 4, version: 3, recommendation: 'yes', ratings: '1' }])
  })

  it('covers every registered migration, each with its part for this database', () => {
    // A new migration needs its own test above: this fails until one is written.
    expect(migrations.map((migration) => migration.version)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18,
    ])
    // A migration without a PostgreSQL part makes every PostgreSQL workspace refuse to open.
    if (kind === 'postgres')
      expect(migrations.filter((migration) => !migration.postgres).map((migration) => migration.name)).toEqual([])
  })
})

describe('the SQLite schema', () => {
  it('is, up to 0007, byte for byte what the released migrations produced', async () => {
    const f = await schemaBefore('sqlite', 1)
    await f.upTo(7)
    const rows = await f.all<{ type: string; name: string; tbl_name: string; sql: string | null }>(
      `SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY rowid`,
    )
    const dump = rows.map((row) => `-- ${row.type} ${row.name} on ${row.tbl_name}\n${row.sql ?? '(automatic)'};\n`)
    // Taken from the schema the released 0001–0007 wrote before PostgreSQL parts were added beside them.
    expect(rows).toHaveLength(125)
    expect(createHash('sha256').update(dump.join('\n')).digest('hex')).toBe(
      '9229feaa4130e37bc8e91552860435e92372e1b7f53e658876ea8308f0f0e9aa',
    )
  })
})

describe.skipIf(!testDatabaseKinds().includes('postgres'))('the PostgreSQL schema', () => {
  interface Column {
    table: string
    name: string
    notnull: number
  }

  it('has the tables, columns (in order, with their NOT NULL) and indexes of the SQLite one', async () => {
    const lite = await schemaBefore('sqlite', 1)
    const pg = await schemaBefore('postgres', 1)
    // The latest schema: every migration's PostgreSQL part against its SQLite one.
    await Promise.all([lite.upTo(18), pg.upTo(18)])
    // The search tables differ by design (FTS5 against a tsvector column); files live in PostgreSQL only.
    const shared = (table: string) => !table.startsWith('candidate_search') && !table.startsWith('sqlite_')
    const liteColumns = (
      await lite.all<Column>(
        `SELECT m.name AS "table", c.name AS name, c."notnull" + c.pk * (c.type = 'INTEGER') AS "notnull"
         FROM sqlite_master m JOIN pragma_table_info(m.name) c WHERE m.type = 'table' ORDER BY m.name, c.cid`,
      )
    ).map((column) => ({ ...column, notnull: column.notnull > 0 ? 1 : 0 }))
    const pgColumns = await pg.all<Column>(
      `SELECT c.table_name AS "table", c.column_name AS name, (c.is_nullable = 'NO')::integer AS "notnull"
       FROM information_schema.columns c JOIN pg_tables t ON t.tablename = c.table_name AND t.schemaname = c.table_schema
       WHERE c.table_schema = current_schema() ORDER BY c.table_name, c.ordinal_position`,
    )
    const strip = (columns: Column[]) =>
      columns.filter((column) => shared(column.table) && !['files', 'yardstick_schema'].includes(column.table))
    expect(strip(pgColumns)).toEqual(strip(liteColumns))
    const liteIndexes = await lite.all<{ name: string }>(
      `SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name`,
    )
    const pgIndexes = await pg.all<{ name: string }>(
      `SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema()
       AND indexname NOT IN (SELECT conname FROM pg_constraint) AND indexname NOT LIKE 'candidate_search%'
       ORDER BY indexname`,
    )
    expect(pgIndexes.map((row) => row.name)).toEqual(liteIndexes.map((row) => row.name))
  })
})
