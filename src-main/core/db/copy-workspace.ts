import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { systemClock, type Clock } from '../clock'
import { AppError } from '../errors'
import { databaseFileStore, folderFileStore, type FileStore } from '../files/file-store'
import { DATABASE_FILE } from './connection'
import { CopyRepository, type Row } from './copy-repository'
import { openDatabaseAt, type DatabaseTarget, type OpenedAnyDatabase } from './open-database'

export interface CopyCount {
  table: string
  source: number
  target: number
}

export interface CopyResult {
  from: string
  to: string
  schemaVersion: number
  tables: CopyCount[]
  files: { source: number; target: number }
}

/** Rows read from the source at a time, and the bound on one INSERT's parameters (SQLite allows 32,766). */
const PAGE_ROWS = 1_000
const MAX_PARAMETERS = 30_000

/** The same database whoever connects to it: host, port and name (a second user name is no second copy). */
function placeKey(target: DatabaseTarget): string {
  if (target.kind === 'sqlite') return `dir:${resolve(target.dataDir)}`
  const url = new URL(target.url)
  const host = url.hostname || url.searchParams.get('host') || ''
  return `pg:${host.toLowerCase()}:${url.port || '5432'}${decodeURIComponent(url.pathname)}`
}

/** Tables ordered so every table comes after those its foreign keys point to. */
function dependencyOrder(tables: readonly string[], references: Map<string, string[]>): string[] {
  const ordered: string[] = []
  const placed = new Set<string>()
  const visiting = new Set<string>()
  const visit = (table: string) => {
    if (placed.has(table) || visiting.has(table)) return
    visiting.add(table)
    for (const parent of references.get(table) ?? []) if (tables.includes(parent)) visit(parent)
    visiting.delete(table)
    placed.add(table)
    ordered.push(table)
  }
  for (const table of tables) visit(table)
  return ordered
}

const filesOf = (opened: OpenedAnyDatabase, target: DatabaseTarget, clock: Clock): FileStore =>
  target.kind === 'sqlite' ? folderFileStore(target.dataDir) : databaseFileStore(opened.db, clock)

/**
 * Copies a whole workspace (every table's rows with their ids, history included, and the stored files) into an
 * empty database or folder: a local workspace to PostgreSQL and back. The rows go in one transaction on the
 * target, parents before children, with the triggers that guard live data suspended; then both sides are
 * counted table by table, and the stored files compared by hash.
 */
export async function copyWorkspace(
  from: DatabaseTarget,
  to: DatabaseTarget,
  progress: (line: string) => void,
  clock: Clock = systemClock,
): Promise<CopyResult> {
  if (placeKey(from) === placeKey(to)) {
    throw AppError.of('copy_same_place', { location: from.kind === 'sqlite' ? from.dataDir : placeKey(from).slice(3) })
  }
  // Opening a folder creates a workspace: a source that is not one is refused before anything is made.
  if (from.kind === 'sqlite' && !existsSync(join(from.dataDir, DATABASE_FILE))) {
    throw AppError.of('copy_source_missing', { location: from.dataDir })
  }
  const holder = 'the command line ("workspace copy")'
  const source = await openDatabaseAt(from, { holder })
  try {
    const target = await openDatabaseAt(to, { holder })
    try {
      // Read inside a write transaction of the source: nobody changes it between the first table and the
      // last count, so the copy is one moment of the workspace (another writer waits, then fails as busy).
      return await source.db
        .transaction()
        .execute((reading) => copyBetween({ ...source, db: reading }, target, from, to, progress, clock))
    } finally {
      await target.close()
    }
  } finally {
    await source.close()
  }
}

async function copyBetween(
  source: OpenedAnyDatabase,
  target: OpenedAnyDatabase,
  from: DatabaseTarget,
  to: DatabaseTarget,
  progress: (line: string) => void,
  clock: Clock,
): Promise<CopyResult> {
  const reader = new CopyRepository(source.db, source.kind)
  const checker = new CopyRepository(target.db, target.kind)
  const targetTables = await checker.tables()
  for (const table of targetTables) {
    if ((await checker.count(table)) > 0) {
      throw AppError.of('copy_target_not_empty', { location: target.location, table })
    }
  }
  const sourceFiles = filesOf(source, from, clock)
  const hashes = await sourceFiles.list()
  if (to.kind === 'postgres' && (await filesOf(target, to, clock).list()).length > 0) {
    throw AppError.of('copy_target_not_empty', { location: target.location, table: 'files' })
  }
  const sourceTables = new Set(await reader.tables())
  const tables = dependencyOrder(
    targetTables.filter((table) => sourceTables.has(table)),
    await checker.references(targetTables),
  )
  progress(`Copying ${tables.length} tables and ${hashes.length} files from ${source.location} to ${target.location}…`)

  await target.db.transaction().execute(async (trx) => {
    const writer = new CopyRepository(trx, target.kind)
    const resume = await writer.suspendTriggers(tables)
    for (const table of tables) {
      const wanted = new Set(await reader.columns(table))
      const columns = (await writer.columns(table)).filter((column) => wanted.has(column))
      const chunk = Math.max(1, Math.floor(MAX_PARAMETERS / Math.max(1, columns.length)))
      let copied = 0
      for (let offset = 0; ; offset += PAGE_ROWS) {
        const rows: Row[] = await reader.page(table, columns, offset, PAGE_ROWS)
        for (let start = 0; start < rows.length; start += chunk) {
          await writer.insert(table, columns, rows.slice(start, start + chunk))
        }
        copied += rows.length
        if (rows.length < PAGE_ROWS) break
      }
      progress(`  ${table}: ${copied} rows`)
    }
    await resume()
    await writer.continueIdentities()
    // On PostgreSQL the files are rows too: in the same transaction, so a failed copy leaves nothing behind.
    if (to.kind === 'postgres') await copyFiles(sourceFiles, databaseFileStore(trx, clock), hashes, progress)
  })
  // A folder's files are content-addressed: any left by a failed copy are harmless, and a retry reuses them.
  if (to.kind === 'sqlite') await copyFiles(sourceFiles, folderFileStore(to.dataDir), hashes, progress)

  const counts: CopyCount[] = []
  for (const table of tables) {
    counts.push({ table, source: await reader.count(table), target: await checker.count(table) })
  }
  const copiedHashes = await filesOf(target, to, clock).list()
  const different = counts.filter((count) => count.source !== count.target)
  const missingFiles = hashes.filter((hash) => !copiedHashes.includes(hash))
  if (different.length > 0 || missingFiles.length > 0) {
    const detail = [
      ...different.map((count) => `${count.table} ${count.source} → ${count.target}`),
      ...(missingFiles.length > 0 ? [`${missingFiles.length} file(s) missing`] : []),
    ].join(', ')
    throw AppError.of('copy_check_failed', { detail })
  }
  progress(`Checked: every table has as many rows on both sides, and all ${hashes.length} files are there.`)
  return {
    from: source.location,
    to: target.location,
    schemaVersion: target.schemaVersion,
    tables: counts,
    files: { source: hashes.length, target: copiedHashes.length },
  }
}

async function copyFiles(
  from: FileStore,
  to: FileStore,
  hashes: readonly string[],
  progress: (line: string) => void,
): Promise<void> {
  for (const [index, hash] of hashes.entries()) {
    const bytes = await from.read(hash)
    if (!bytes) throw AppError.of('copy_check_failed', { detail: `file ${hash} cannot be read` })
    const stored = await to.store(bytes)
    // A file whose bytes no longer match its name is damaged: copying it under its old name would hide that.
    if (stored.sha256 !== hash) throw AppError.of('copy_check_failed', { detail: `file ${hash} is damaged` })
    if ((index + 1) % 500 === 0) progress(`  files: ${index + 1} of ${hashes.length}`)
  }
  progress(`  files: ${hashes.length}`)
}
