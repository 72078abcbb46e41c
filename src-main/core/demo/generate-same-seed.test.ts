import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { fixedClock } from '../clock'
import { dialectSql } from '../db/dialect'
import { openTestWorkspace, type TestWorkspace } from '../testing/temp-workspace'
import { onSqliteWorkspace, testDatabaseKinds } from '../testing/test-database'

/**
 * `demo generate --seed S` writes the same workspace on SQLite and on PostgreSQL: the same ids and the same rows
 * in every table the generator fills, and the same files. Both workspaces are opened here, so the suite runs
 * once (in the SQLite project) when a PostgreSQL test server is given.
 */

/** Every table the generator writes, with the columns that tell its rows apart when it has no id. */
const TABLES = [
  'people',
  'postings',
  'requirements',
  'stages',
  'candidates',
  'candidate_emails',
  'candidate_phones',
  'candidate_links',
  'candidate_tags',
  'candidate_notes',
  'documents',
  'candidate_search',
  'applications',
  'stage_events',
  'stage_stays',
  'assessments',
  'assessment_history',
  'application_fit',
  'interview_steps',
  'interviews',
  'scorecards',
  'scorecard_ratings',
  'interview_tallies',
  'activity',
] as const

/** A secret per interview, drawn afresh on every run whatever the seed: it signs scorecard files. */
const UNSEEDED = new Set(['packet_key'])
/** Columns only one database has (PostgreSQL's tsvector). */
const ONE_DATABASE_ONLY = new Set(['words'])
const opened: TestWorkspace[] = []
afterEach(async () => {
  for (const workspace of opened.splice(0)) await workspace.dispose()
})

/** JSON columns compared as values: jsonb gives its text back in its own spacing and key order. */
function comparable(value: unknown): unknown {
  if (typeof value === 'string' && /^[[{]/.test(value)) {
    try {
      return JSON.parse(value) as unknown
    } catch {
      return value
    }
  }
  return value
}

async function dump(workspace: TestWorkspace) {
  const tables: Record<string, unknown[]> = {}
  for (const table of TABLES) {
    const { db } = workspace.context
    // SQLite's full-text table keeps its key in the hidden rowid; PostgreSQL's search table in a column.
    const query =
      table === 'candidate_search'
        ? sql<
            Record<string, unknown>
          >`SELECT ${dialectSql(db).searchKey} AS candidate_id, name, contact, documents, notes
            FROM candidate_search`
        : sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)}`
    const { rows } = await query.execute(db)
    tables[table] = rows
      .map((row) =>
        Object.fromEntries(
          Object.entries(row)
            .filter(([column]) => !UNSEEDED.has(column) && !ONE_DATABASE_ONLY.has(column))
            .map(([column, value]) => [column, comparable(value)]),
        ),
      )
      .map((row) => JSON.stringify(row, Object.keys(row).sort()))
      .sort()
  }
  return tables
}

describe.runIf(onSqliteWorkspace() && testDatabaseKinds().includes('postgres'))(
  'demo generate on both databases',
  () => {
    it('writes the same ids, rows and files for the same seed', async () => {
      const dumps = []
      const files = []
      for (const kind of ['sqlite', 'postgres'] as const) {
        const workspace = await openTestWorkspace({ kind, clock: fixedClock('2026-02-01T09:00:00Z') })
        opened.push(workspace)
        const summary = await workspace.services.demo.generate({ candidates: 40, seed: 7 })
        expect(summary).toMatchObject({ candidates: 40, seed: 7 })
        dumps.push(await dump(workspace))
        files.push(await workspace.context.files.list())
      }
      const [onSqlite, onPostgres] = dumps
      expect(onSqlite?.['candidates']?.length).toBeGreaterThan(40)
      expect(onSqlite?.['scorecards']?.length).toBeGreaterThan(0)
      for (const table of TABLES) {
        const sqliteRows = onSqlite?.[table] ?? []
        const postgresRows = onPostgres?.[table] ?? []
        // The first row that differs, rather than two whole tables.
        const index = sqliteRows.findIndex((row, at) => postgresRows[at] !== row)
        expect({ table, count: postgresRows.length, first: postgresRows[index] }).toEqual({
          table,
          count: sqliteRows.length,
          first: sqliteRows[index],
        })
      }
      expect(files[1]).toEqual(files[0])
    }, 120_000)
  },
)
