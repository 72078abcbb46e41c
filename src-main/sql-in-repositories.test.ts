import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * The repositories are the only code that knows SQL, so that a second database means new repository code
 * rather than a hunt through services. This scans every non-test source of src-main for the ways a query
 * is written or run.
 */
const QUERY_PATTERNS: readonly { name: string; pattern: RegExp }[] = [
  // sql`…` and sql<Row>`…`; the type argument stops at a backquote or the end of a statement.
  { name: 'sql`', pattern: /\bsql\s*(?:<[^`;]*?>)?\s*`/g },
  { name: 'sql.helper(', pattern: /\bsql\.(?:raw|join|lit|ref|id|val|table)\s*\(/g },
  { name: 'selectFrom(', pattern: /\bselectFrom\s*\(/g },
  { name: 'insertInto(', pattern: /\binsertInto\s*\(/g },
  { name: 'replaceInto(', pattern: /\breplaceInto\s*\(/g },
  { name: 'updateTable(', pattern: /\bupdateTable\s*\(/g },
  { name: 'deleteFrom(', pattern: /\bdeleteFrom\s*\(/g },
  // Raw better-sqlite3 statements, with or without a row type.
  { name: '.prepare(', pattern: /\.prepare\s*[<(]/g },
]

/** Where SQL belongs, for good. Paths are relative to src-main, with forward slashes. */
const isSqlHome = (path: string): boolean =>
  path.endsWith('repository.ts') ||
  // Bulk writes with prepared statements (imports, demo generation).
  path.endsWith('-writer.ts') ||
  // Migrations are frozen SQL, and their runner records versions and takes locks.
  /^core\/db\/(?:migrations\/|migrate[\w-]*\.ts$)/.test(path) ||
  // The driver adapter Kysely runs every statement through: it prepares what Kysely compiled and writes no SQL.
  path === 'core/db/statement-cache.ts' ||
  // The fragments each database spells its own way, for the repositories to use.
  path === 'core/db/dialect.ts' ||
  // The checkpoint worker's connection of its own: two pragmas, prepared once.
  path === 'core/db/checkpoint-worker.ts'

/** Tests and the helpers only tests import. */
const isTestCode = (path: string): boolean =>
  path.endsWith('.test.ts') || path.split('/').includes('testing') || path.endsWith('/testing.ts')

const root = import.meta.dirname

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sources(path)
    return entry.name.endsWith('.ts') ? [relative(root, path).split(sep).join('/')] : []
  })
}

function queriesIn(path: string): string[] {
  const text = readFileSync(join(root, path), 'utf8')
  return QUERY_PATTERNS.flatMap(({ name, pattern }) =>
    [...text.matchAll(pattern)].map((match) => {
      const line = text.slice(0, match.index).split('\n').length
      return `${path}:${line} ${name}`
    }),
  )
}

describe('SQL lives in repositories', () => {
  const files = sources(root).filter((path) => !isSqlHome(path) && !isTestCode(path))

  it('scans the sources it is meant to scan', () => {
    expect(files).toContain('core/reports/service.ts')
    expect(files).toContain('core/demo/generate.ts')
    expect(files).toContain('dispatch.ts')
    expect(files.some((path) => path.endsWith('repository.ts') || path.endsWith('.test.ts'))).toBe(false)
  })

  it('finds no query outside repositories, bulk writers, migrations and tests', () => {
    const found = files.flatMap(queriesIn)
    expect(found, 'move these queries into a repository (or a *-writer.ts for bulk writes)').toEqual([])
  })

  it('recognises every way of writing a query', () => {
    const samples = [
      'await sql`SELECT 1`.execute(db)',
      'sql<{ n: number }>`SELECT count(*) AS n FROM t`',
      'sql.join(parts)',
      "db.selectFrom('t')",
      "trx.insertInto('t')",
      "db.updateTable('t')",
      "db.deleteFrom('t')",
      "sqlite.prepare('UPDATE t SET a = ?')",
      'sqlite.prepare<[number], { id: number }>(text)',
    ]
    for (const sample of samples) {
      const matched = QUERY_PATTERNS.some(({ pattern }) => new RegExp(pattern.source).test(sample))
      expect(matched, sample).toBe(true)
    }
    const harmless = ['const prepared = foldForPatterns(text)', 'sqlText.length', '/\\.sql$/.test(name)']
    for (const sample of harmless) {
      const matched = QUERY_PATTERNS.some(({ pattern }) => new RegExp(pattern.source).test(sample))
      expect(matched, sample).toBe(false)
    }
  })
})
