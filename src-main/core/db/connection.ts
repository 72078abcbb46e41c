import { randomBytes } from 'node:crypto'
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import { AppError } from '../errors'
import { isPostgresBusy } from './errors'
import { migrate, pendingMigrations } from './migrate'
import { migrations as registered, type Migration } from './migrations'
import type { Database } from './schema'
import { withStatementCache } from './statement-cache'
import { WalCheckpointer } from './wal-checkpointer'

export const DATABASE_FILE = 'yardstick.db'
/** "YARD": marks the file as ours, so a foreign SQLite file is never migrated. */
export const APPLICATION_ID = 0x59415244
const BACKUPS_KEPT = 5

export interface OpenedDatabase {
  db: Kysely<Database>
  sqlite: BetterSqlite3.Database
  file: string
  /** Backup written before migrating, if any. */
  backupFile: string | null
  close(): Promise<void>
}

export interface OpenOptions {
  /** Tests substitute the chain; the app always uses the registered one. */
  migrations?: readonly Migration[]
  /** Who this process is, as told to another process that finds the database busy ("the command line (…)"). */
  holder?: string
  /** How long a write waits for another process's write before it fails as `busy`. */
  busyTimeoutMs?: number
  /** Checkpoints in a worker thread (`WalCheckpointer`): for a long-lived process, not a one-shot command. */
  checkpointInBackground?: boolean
}

/** A write waits this long for another process's write; then it fails with the code `busy`. */
export const BUSY_TIMEOUT_MS = 5_000

export async function openDatabase(dataDir: string, options: OpenOptions = {}): Promise<OpenedDatabase> {
  const migrations = options.migrations ?? registered
  const file = join(dataDir, DATABASE_FILE)
  prepareDataDir(dataDir, file)
  const existed = existsSync(file) && statSync(file).size > 0
  const sqlite = new BetterSqlite3(file)
  const session = registerSession(dataDir, options.holder ?? 'another Yardstick')
  try {
    sqlite.pragma(`busy_timeout = ${Math.max(0, Math.round(options.busyTimeoutMs ?? BUSY_TIMEOUT_MS))}`)
    const version = Number(sqlite.pragma('user_version', { simple: true }))
    checkCompatible(sqlite, version, migrations.at(-1)?.version ?? 0)
    const pending = pendingMigrations(version, migrations).length > 0
    const backupFile = existed && pending ? await backup(sqlite, dataDir, version) : null
    // Each of these writes the file only when it changes something, so opening a workspace that needs
    // nothing never waits for (or blocks) another process's write: WAL is a property of the file.
    if (String(sqlite.pragma('journal_mode', { simple: true })).toLowerCase() !== 'wal')
      sqlite.pragma('journal_mode = WAL')
    sqlite.pragma('synchronous = NORMAL')
    sqlite.pragma('foreign_keys = ON')
    // Deleted rows are overwritten with zeros: an erased candidate leaves no bytes in free pages.
    sqlite.pragma('secure_delete = ON')
    sqlite.pragma('temp_store = MEMORY')
    sqlite.pragma('cache_size = -65536')
    if (Number(sqlite.pragma('application_id', { simple: true })) !== APPLICATION_ID)
      sqlite.pragma(`application_id = ${APPLICATION_ID}`)
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) })
    await migrate(db, version, migrations)
    const checkpointer = options.checkpointInBackground ? WalCheckpointer.start(file, sqlite) : null
    return {
      db,
      sqlite,
      file,
      backupFile,
      close: async () => {
        session.remove()
        await checkpointer?.stop()
        await db.destroy()
      },
    }
  } catch (error) {
    session.remove()
    sqlite.close()
    throw asBusy(error) ?? error
  }
}

/**
 * The data folder is its owner's alone (0700, the database 0600, on POSIX), and its shape is checked before
 * SQLite sees it, so an odd folder gets a message rather than a stack trace.
 */
function prepareDataDir(dataDir: string, file: string): void {
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  } catch (error) {
    throw AppError.of('data_folder_uncreatable', {
      folder: dataDir,
      detail: error instanceof Error ? error.message : String(error),
    })
  }
  if (!statSync(dataDir).isDirectory()) throw AppError.of('data_folder_is_file', { folder: dataDir })
  if (existsSync(file) && !statSync(file).isFile()) throw AppError.of('database_path_not_file', { file })
  if (existsSync(file) && statSync(file).size > 0 && !hasSqliteHeader(file)) {
    throw AppError.of('database_not_sqlite', { file })
  }
  if (process.platform !== 'win32') {
    chmodSync(dataDir, 0o700)
    for (const suffix of ['', '-wal', '-shm']) if (existsSync(file + suffix)) chmodSync(file + suffix, 0o600)
  }
}

function hasSqliteHeader(file: string): boolean {
  const header = Buffer.alloc(16)
  const fd = openSync(file, 'r')
  try {
    readSync(fd, header, 0, 16, 0)
  } finally {
    closeSync(fd)
  }
  return header.toString('latin1') === 'SQLite format 3\0'
}

/** Refuses files from a newer Yardstick and SQLite files that are not ours, before anything is written. */
function checkCompatible(sqlite: BetterSqlite3.Database, version: number, latestVersion: number): void {
  if (version > latestVersion) {
    throw AppError.of('database_newer', { version, latest: latestVersion })
  }
  const applicationId = Number(sqlite.pragma('application_id', { simple: true }))
  const tables = (sqlite.pragma('table_list') as { schema: string; name: string }[]).filter(
    (table) => table.schema === 'main' && !table.name.startsWith('sqlite_'),
  ).length
  if ((applicationId !== 0 && applicationId !== APPLICATION_ID) || (applicationId === 0 && tables > 0)) {
    throw AppError.of('database_not_yardstick')
  }
}

async function backup(sqlite: BetterSqlite3.Database, dataDir: string, version: number): Promise<string> {
  const dir = join(dataDir, 'backups')
  if (existsSync(dir) && !statSync(dir).isDirectory()) {
    throw AppError.of('backups_path_is_file', { folder: dir })
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const stamp = new Date().toISOString().replace(/[:.]/g, '-')
  const target = join(dir, `yardstick-v${version}-${stamp}-${randomBytes(3).toString('hex')}.db`)
  await sqlite.backup(target)
  const old = readdirSync(dir)
    .map((name) => ({ name, key: backupKey(name) }))
    .filter((entry): entry is { name: string; key: { version: number; stamp: string } } => entry.key !== null)
    .sort((a, b) => a.key.version - b.key.version || a.key.stamp.localeCompare(b.key.stamp))
  for (const { name } of old.slice(0, Math.max(0, old.length - BACKUPS_KEPT))) rmSync(join(dir, name))
  return target
}

/** Schema version and time of a backup from its name; null for any other file. Compared as numbers: v10 > v9. */
export function backupKey(name: string): { version: number; stamp: string } | null {
  const match = /^yardstick-v(\d{1,9})-(\d{4}-\d{2}-\d{2}T[\d-]+Z)(?:-[0-9a-f]+)?\.db$/.exec(name)
  return match ? { version: Number(match[1]), stamp: match[2] ?? '' } : null
}

const sessionsDir = (dataDir: string) => join(dataDir, 'tmp', 'sessions')
const openedDataDirs = new Set<string>()

/** Leaves a note saying who has the data folder open, so that a process that finds it busy can say who. */
function registerSession(dataDir: string, holder: string): { remove(): void } {
  const file = join(sessionsDir(dataDir), `${process.pid}.json`)
  try {
    mkdirSync(sessionsDir(dataDir), { recursive: true, mode: 0o700 })
    writeFileSync(file, JSON.stringify({ pid: process.pid, holder, since: new Date().toISOString() }), { mode: 0o600 })
    openedDataDirs.add(dataDir)
  } catch {
    // Only a nicer message depends on the note.
  }
  return {
    remove() {
      openedDataDirs.delete(dataDir)
      rmSync(file, { force: true })
    },
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return error instanceof Error && 'code' in error && error.code === 'EPERM'
  }
}

/** The other processes that have a data folder open, as their notes describe them. */
export function otherHolders(dataDir: string): string[] {
  let names: string[]
  try {
    names = readdirSync(sessionsDir(dataDir))
  } catch {
    return []
  }
  const holders: string[] = []
  for (const name of names.slice(0, 50)) {
    const pid = Number(name.replace(/\.json$/, ''))
    if (!Number.isInteger(pid) || pid === process.pid) continue
    if (!isAlive(pid)) {
      rmSync(join(sessionsDir(dataDir), name), { force: true })
      continue
    }
    try {
      const note = JSON.parse(readFileSync(join(sessionsDir(dataDir), name), 'utf8')) as { holder?: unknown }
      holders.push(
        `${typeof note.holder === 'string' ? note.holder.slice(0, 120) : 'another Yardstick'} (process ${pid})`,
      )
    } catch {
      holders.push(`another Yardstick (process ${pid})`)
    }
  }
  return holders
}

const isBusyError = (error: unknown) =>
  error instanceof Error &&
  'code' in error &&
  typeof error.code === 'string' &&
  /^SQLITE_(BUSY|LOCKED)/.test(error.code)

/**
 * SQLite's "database is locked" as the app says it: the stable code `busy`, and who has the data folder open.
 * Null for any other error.
 */
export function asBusy(error: unknown): AppError | null {
  if (error instanceof AppError) return error.code === 'busy' ? error : null
  if (isPostgresBusy(error)) {
    return AppError.of('code_busy')
  }
  if (!isBusyError(error)) return null
  const holders = [...openedDataDirs].flatMap(otherHolders)
  return holders.length > 0
    ? AppError.of('database_busy_by', { who: holders.join(', ') })
    : AppError.of('database_busy')
}
