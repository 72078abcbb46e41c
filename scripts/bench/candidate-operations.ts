import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type BetterSqlite3 from 'better-sqlite3'
import Papa from 'papaparse'
import { sqliteOf } from '../../src-main/core/context'
import { CandidateRepository } from '../../src-main/core/candidates/repository'
import { phoneKey } from '../../src-main/core/candidates/normalise'
import type { OpenWorkspace } from '../../src-main/core/services'
import type { BenchOperation } from './harness'

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

/** The same SQL the repository runs, prepared once and executed with better-sqlite3 directly. */
function rawStatement(sqlite: BetterSqlite3.Database, compiled: { sql: string; parameters: readonly unknown[] }) {
  const statement = sqlite.prepare(compiled.sql)
  return { statement, parameters: [...compiled.parameters] }
}

/**
 * Read operations run on the benchmark workspace itself; the import runs on `scratch`, a copy of it, so the
 * workspace stays as generated.
 */
export function candidateOperations(
  workspace: OpenWorkspace,
  scratch: OpenWorkspace,
  scratchDir: string,
): BenchOperation[] {
  const { services, context } = workspace
  const sqlite = sqliteOf(context)
  const repo = new CandidateRepository(context.db)
  const maxId = Number(sqlite.prepare('SELECT max(id) FROM candidates').pluck().get())

  const firstPage = { offset: 0, limit: 50, sort: 'name', direction: 'asc', text: '', tag: '', source: '' } as const
  const pageIds = rawStatement(sqlite, repo.pageIdsQuery({ ...firstPage, match: null }).compile())
  const pageCount = rawStatement(sqlite, repo.countQuery({ ...firstPage, match: null }).compile())
  // Placeholder ids -1…-50 mark where the page's ids go among the statement's parameters.
  const pageRows = rawStatement(sqlite, repo.rowsForQuery(Array.from({ length: 50 }, (_, i) => -(i + 1))).compile())

  const profileIds = Array.from({ length: 400 }, (_, i) => 1 + ((i * 7919) % maxId))
  const profile = rawStatement(sqlite, repo.profileQuery(1).compile())
  const statements = new Map<string, BetterSqlite3.Statement>()
  const prepared = (sqlText: string) => {
    const known = statements.get(sqlText)
    if (known) return known
    const statement = sqlite.prepare(sqlText)
    statements.set(sqlText, statement)
    return statement
  }
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
    return { statement: prepared(compiled.sql), parameters: [...compiled.parameters] }
  }

  const searches = SEARCHES.map((term) => {
    const query = repo.searchQuery(term, 20)
    if (!query) throw new Error(`"${term}" has no word to search for`)
    return rawStatement(sqlite, query.compile(context.db))
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
  const rawImport = {
    byEmail: sqliteOf(scratch.context).prepare('SELECT candidate_id FROM candidate_emails WHERE email = ?').pluck(),
    candidate: sqliteOf(scratch.context).prepare(
      `INSERT INTO candidates (name, name_key, name_match, location, source, created_at, updated_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    email: sqliteOf(scratch.context).prepare(
      'INSERT INTO candidate_emails (candidate_id, position, email) VALUES (?, 0, ?)',
    ),
    phone: sqliteOf(scratch.context).prepare(
      'INSERT INTO candidate_phones (candidate_id, position, phone, phone_key) VALUES (?, 0, ?, ?)',
    ),
    tag: sqliteOf(scratch.context).prepare('INSERT INTO candidate_tags (candidate_id, tag) VALUES (?, ?)'),
    note: sqliteOf(scratch.context).prepare(
      'INSERT INTO candidate_notes (candidate_id, body, created_at, updated_at) VALUES (?, ?, ?, ?)',
    ),
    search: sqliteOf(scratch.context).prepare(
      'INSERT INTO candidate_search (rowid, name, contact, documents, notes) VALUES (?, ?, ?, ?, ?)',
    ),
    activity: sqliteOf(scratch.context).prepare(
      `INSERT INTO activity (at, entity_type, entity_id, action, detail) VALUES (?, 'candidate', ?, 'created', '{}')`,
    ),
  }
  // The raw import re-uses the files of the app's runs with other addresses, so both insert new rows.
  const rawRun = (path: string, run: number) => {
    const text = readFileSync(path, 'utf8')
    const rows = Papa.parse<string[]>(text, { skipEmptyLines: true }).data.slice(1)
    const at = new Date().toISOString()
    sqliteOf(scratch.context).transaction(() => {
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
      raw: () => {
        const ids = pageIds.statement.all(...pageIds.parameters).map((row) => (row as { id: number }).id)
        pageCount.statement.get(...pageCount.parameters)
        return pageRows.statement.all(
          ...pageRows.parameters.map((value) => (typeof value === 'number' && value < 0 ? ids[-value - 1] : value)),
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
        return query?.statement.all(...query.parameters)
      },
    },
    {
      name: 'candidates: profile load',
      iterations: 300,
      floors: QUERY_FLOORS,
      run: (i) => services.candidates.get(profileIds[i % profileIds.length] ?? 1),
      raw: (i) => {
        const id = profileIds[i % profileIds.length] ?? 1
        const parameters = profile.parameters.map((value) => (value === 1 ? id : value))
        const row = profile.statement.get(...parameters) as {
          id: number
          emails: string
          phones: string
          name_match: string
        }
        const duplicates = matchesFor(row)
        return duplicates.statement.all(...duplicates.parameters)
      },
    },
    {
      name: `candidates: CSV import of ${IMPORT_ROWS.toLocaleString('en-US')} rows`,
      iterations: 3,
      warmup: 1,
      rows: IMPORT_ROWS,
      floors: { minRowsPerSecond: 20_000 },
      note: () =>
        `longest transaction (write lock held) ${longestTransactionMs.toFixed(0)} ms; staged and published in batches of 2,000 rows`,
      run: (i) => importWatchingStalls(importFiles[i % importFiles.length] ?? ''),
      raw: (i) => rawRun(importFiles[i % importFiles.length] ?? '', i),
    },
  ]
}
