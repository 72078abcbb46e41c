import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Papa from 'papaparse'
import type pg from 'pg'
import { sqliteOf } from '../../src-main/core/context'
import { CandidateRepository } from '../../src-main/core/candidates/repository'
import { phoneKey } from '../../src-main/core/candidates/normalise'
import type { OpenWorkspace } from '../../src-main/core/services'
import type { BenchWorkspaces } from './bench-databases'
import type { BenchOperation } from './harness'
import type { RawDatabase } from './raw-database'

const QUERY_FLOORS = { p95Ms: 25, maxRatio: 1.5 }
const SEARCHES = [
  'varga',
  'kafka lyon',
  'nakamura rust',
  'ødegaard',
  'payments ledger go',
  'élise moreau',
  'opentelemetry',
]
const IMPORT_ROWS = 10_000

/** The same SQL the repository runs, executed with the driver directly. */
function rawStatement(raw: RawDatabase, compiled: { sql: string; parameters: readonly unknown[] }) {
  return { statement: raw.prepare(compiled.sql), parameters: [...compiled.parameters] }
}

/**
 * Read operations run on the benchmark workspace itself; the import runs on `scratch`, a copy of it, so the
 * workspace stays as generated.
 */
export async function candidateOperations(bench: BenchWorkspaces): Promise<BenchOperation[]> {
  const { workspace, scratch, scratchDir, raw } = bench
  const { services, context } = workspace
  const repo = new CandidateRepository(context.db)
  const maxId = Number(await raw.value('SELECT max(id) FROM candidates'))

  const firstPage = { offset: 0, limit: 50, sort: 'name', direction: 'asc', text: '', tag: '', source: '' } as const
  const pageIds = rawStatement(raw, repo.pageIdsQuery({ ...firstPage, match: null }).compile())
  const pageCount = rawStatement(raw, repo.countQuery({ ...firstPage, match: null }).compile())
  // Placeholder ids -1…-50 mark where the page's ids go among the statement's parameters.
  const pageRows = rawStatement(raw, repo.rowsForQuery(Array.from({ length: 50 }, (_, i) => -(i + 1))).compile())

  const profileIds = Array.from({ length: 400 }, (_, i) => 1 + ((i * 7919) % maxId))
  const profile = rawStatement(raw, repo.profileQuery(1).compile())
  /** Builds the duplicate query's SQL and parameters the way the repository does, from the profile row. */
  const matchesFor = (row: { id: number; emails: string; phones: string; name_match: string }) => {
    const compiled = repo
      .findMatchesQuery({
        emails: (JSON.parse(row.emails) as { email: string }[]).map((entry) => entry.email),
        phoneKeys: (JSON.parse(row.phones) as { phone: string }[]).map((entry) => phoneKey(entry.phone, 'FR')),
        nameMatch: row.name_match,
        excludeId: row.id,
      })
      .compile()
    return rawStatement(raw, compiled)
  }

  const searches = SEARCHES.map((term) => {
    const query = repo.searchQuery(term, 20)
    if (!query) throw new Error(`"${term}" has no word to search for`)
    return rawStatement(raw, query.compile(context.db))
  })

  const importFiles = Array.from({ length: 8 }, (_, run) => {
    const path = join(scratchDir, `import-${run}.csv`)
    const lines = ['name,email,phone,location,source,tags,notes']
    for (let i = 0; i < IMPORT_ROWS; i++) {
      lines.push(
        `Bench Person ${run}-${i},bench.${run}.${i}@example.test,+1 212 ${String(run * IMPORT_ROWS + i).padStart(7, '0')},Lyon,Job board,Go;Kafka,"Imported for the bench, run ${run}"`,
      )
    }
    writeFileSync(path, `${lines.join('\n')}\n`)
    return path
  })
  const scratchPool = bench.scratchPool
  const rawRun =
    scratchPool === null ? sqliteImport(scratch) : (path: string, run: number) => postgresImport(scratchPool, path, run)

  // The app's imports hold the write lock only inside their transactions, which are synchronous: the longest
  // stall of the event loop during an import bounds how long another writer waits behind one batch.
  let longestTransactionMs = 0
  const importWatchingStalls = async (path: string) => {
    let last = performance.now()
    const ticker = setInterval(() => {
      longestTransactionMs = Math.max(longestTransactionMs, performance.now() - last)
      last = performance.now()
    }, 1)
    try {
      return await scratch.services.csvImport.importFile(path, {
        fileName: 'bench.csv',
        mapping: null,
        mode: 'all_or_nothing',
      })
    } finally {
      clearInterval(ticker)
    }
  }

  return [
    {
      name: 'candidates: first page sorted by name',
      iterations: 200,
      floors: QUERY_FLOORS,
      run: () => services.candidates.list(firstPage),
      raw: async () => {
        const ids = (await pageIds.statement.all(pageIds.parameters)).map((row) => (row as { id: number }).id)
        await pageCount.statement.all(pageCount.parameters)
        return pageRows.statement.all(
          pageRows.parameters.map((value) => (typeof value === 'number' && value < 0 ? ids[-value - 1] : value)),
        )
      },
    },
    {
      name: 'candidates: full-text search',
      iterations: 200,
      floors: QUERY_FLOORS,
      run: (i) => services.candidates.search(SEARCHES[i % SEARCHES.length] ?? '', 20),
      raw: (i) => {
        const query = searches[i % searches.length]
        return query?.statement.all(query.parameters)
      },
    },
    {
      name: 'candidates: profile load',
      iterations: 300,
      floors: QUERY_FLOORS,
      run: (i) => services.candidates.get(profileIds[i % profileIds.length] ?? 1),
      raw: async (i) => {
        const id = profileIds[i % profileIds.length] ?? 1
        const parameters = profile.parameters.map((value) => (value === 1 ? id : value))
        const [row] = (await profile.statement.all(parameters)) as {
          id: number
          emails: string
          phones: string
          name_match: string
        }[]
        if (!row) throw new Error(`no candidate ${id}`)
        const duplicates = matchesFor(row)
        return duplicates.statement.all(duplicates.parameters)
      },
    },
    {
      name: `candidates: CSV import of ${IMPORT_ROWS.toLocaleString('en-US')} rows`,
      iterations: 3,
      warmup: 1,
      rows: IMPORT_ROWS,
      floors: { minRowsPerSecond: 20_000 },
      // On PostgreSQL the statements are asynchronous: a stall is the app's own work between them, not a lock.
      note: () =>
        bench.kind === 'sqlite'
          ? `longest transaction (write lock held) ${longestTransactionMs.toFixed(0)} ms; staged and published in batches of 2,000 rows`
          : `longest stall of the event loop ${longestTransactionMs.toFixed(0)} ms`,
      run: (i) => importWatchingStalls(importFiles[i % importFiles.length] ?? ''),
      raw: (i) => rawRun(importFiles[i % importFiles.length] ?? '', i),
    },
  ]
}

/** The CSV's rows after the header: name, email, phone, location, source, tags, notes. */
const importRows = (path: string) =>
  Papa.parse<string[]>(readFileSync(path, 'utf8'), { skipEmptyLines: true }).data.slice(1)

/**
 * The import done by hand with better-sqlite3: one prepared statement per table, one transaction. It re-uses the
 * files of the app's runs with other addresses, so both insert new rows.
 */
function sqliteImport(scratch: OpenWorkspace) {
  const sqlite = sqliteOf(scratch.context)
  const rawImport = {
    byEmail: sqlite.prepare('SELECT candidate_id FROM candidate_emails WHERE email = ?').pluck(),
    candidate: sqlite.prepare(
      `INSERT INTO candidates (name, name_key, name_match, location, source, created_at, updated_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    email: sqlite.prepare('INSERT INTO candidate_emails (candidate_id, position, email) VALUES (?, 0, ?)'),
    phone: sqlite.prepare(
      'INSERT INTO candidate_phones (candidate_id, position, phone, phone_key) VALUES (?, 0, ?, ?)',
    ),
    tag: sqlite.prepare('INSERT INTO candidate_tags (candidate_id, tag) VALUES (?, ?)'),
    note: sqlite.prepare(
      'INSERT INTO candidate_notes (candidate_id, body, created_at, updated_at) VALUES (?, ?, ?, ?)',
    ),
    search: sqlite.prepare(
      'INSERT INTO candidate_search (rowid, name, contact, documents, notes) VALUES (?, ?, ?, ?, ?)',
    ),
    activity: sqlite.prepare(
      `INSERT INTO activity (at, entity_type, entity_id, action, detail) VALUES (?, 'candidate', ?, 'created', '{}')`,
    ),
  }
  return (path: string, run: number) => {
    const rows = importRows(path)
    const at = new Date().toISOString()
    sqlite.transaction(() => {
      for (const [name = '', email = '', phone = '', location = '', source = '', tags = '', notes = ''] of rows) {
        const address = `raw.${run}.${email}`
        if (rawImport.byEmail.get(address) !== undefined) continue
        const digits = `+${phone.replace(/\D/g, '')}`
        const id = Number(
          rawImport.candidate.run(name, name.toLowerCase(), name.toLowerCase(), location, source, at, at, null)
            .lastInsertRowid,
        )
        rawImport.email.run(id, address)
        rawImport.phone.run(id, digits, phoneKey(digits, 'FR'))
        for (const tag of tags.split(';')) rawImport.tag.run(id, tag)
        rawImport.note.run(id, notes, at, at)
        rawImport.search.run(id, name, `${address} ${digits}`, '', notes)
        rawImport.activity.run(at, id)
      }
    })()
  }
}

/**
 * The same import done by hand with node-postgres, as one would write it for this server: one transaction,
 * the ids drawn from the sequence at once, and one multi-row INSERT … SELECT FROM unnest(…) per table.
 */
async function postgresImport(pool: pg.Pool, path: string, run: number): Promise<void> {
  const rows = importRows(path)
  const at = new Date().toISOString()
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    const addresses = rows.map((row) => `raw.${run}.${row[1] ?? ''}`)
    const taken = new Set(
      (
        await client.query<{ email: string }>('SELECT email FROM candidate_emails WHERE email = ANY($1::text[])', [
          addresses,
        ])
      ).rows.map((row) => row.email),
    )
    const fresh = rows.flatMap((row, index) =>
      taken.has(addresses[index] ?? '') ? [] : [{ row, address: addresses[index] ?? '' }],
    )
    const ids = (
      await client.query<{ id: number }>(
        `SELECT nextval(pg_get_serial_sequence('candidates', 'id'))::integer AS id FROM generate_series(1, $1)`,
        [fresh.length],
      )
    ).rows.map((row) => row.id)
    const column = (pick: (entry: (typeof fresh)[number]) => string) => fresh.map(pick)
    const names = column(({ row }) => row[0] ?? '')
    const digits = column(({ row }) => `+${(row[2] ?? '').replace(/\D/g, '')}`)
    const notes = column(({ row }) => row[6] ?? '')
    await client.query(
      `INSERT INTO candidates (id, name, name_key, name_match, location, source, created_at, updated_at, created_by)
       SELECT id, name, lower(name), lower(name), location, source, $5, $5, NULL
       FROM unnest($1::integer[], $2::text[], $3::text[], $4::text[]) AS t(id, name, location, source)`,
      [ids, names, column(({ row }) => row[3] ?? ''), column(({ row }) => row[4] ?? ''), at],
    )
    await client.query(
      `INSERT INTO candidate_emails (candidate_id, position, email) SELECT id, 0, email FROM unnest($1::integer[], $2::text[]) AS t(id, email)`,
      [ids, column(({ address }) => address)],
    )
    await client.query(
      `INSERT INTO candidate_phones (candidate_id, position, phone, phone_key)
       SELECT id, 0, phone, phone_key FROM unnest($1::integer[], $2::text[], $3::text[]) AS t(id, phone, phone_key)`,
      [ids, digits, digits.map((phone) => phoneKey(phone, 'FR'))],
    )
    const tags = fresh.flatMap(({ row }, index) => (row[5] ?? '').split(';').map((tag) => [ids[index], tag] as const))
    await client.query(
      `INSERT INTO candidate_tags (candidate_id, tag) SELECT id, tag FROM unnest($1::integer[], $2::text[]) AS t(id, tag)`,
      [tags.map(([id]) => id), tags.map(([, tag]) => tag)],
    )
    await client.query(
      `INSERT INTO candidate_notes (candidate_id, body, created_at, updated_at)
       SELECT id, body, $3, $3 FROM unnest($1::integer[], $2::text[]) AS t(id, body)`,
      [ids, notes, at],
    )
    await client.query(
      `INSERT INTO candidate_search (candidate_id, name, contact, documents, notes)
       SELECT id, name, contact, '', notes FROM unnest($1::integer[], $2::text[], $3::text[], $4::text[]) AS t(id, name, contact, notes)`,
      [ids, names, fresh.map(({ address }, index) => `${address} ${digits[index] ?? ''}`), notes],
    )
    await client.query(
      `INSERT INTO activity (at, entity_type, entity_id, action, detail)
       SELECT $2, 'candidate', id, 'created', '{}' FROM unnest($1::integer[]) AS t(id)`,
      [ids, at],
    )
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  } finally {
    client.release()
  }
}
