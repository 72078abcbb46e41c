import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Kysely } from 'kysely'
import { AppError } from '../errors'
import { openDatabase, type OpenOptions } from './connection'
import type { Migration } from './migrations'
import type { OpenPostgresOptions } from './postgres'
import type { Database } from './schema'

/** Where a workspace lives: a local data folder (SQLite) or a PostgreSQL database. */
export type DatabaseTarget = { kind: 'sqlite'; dataDir: string } | { kind: 'postgres'; url: string }

export const DATABASE_URL_VARIABLE = 'YARDSTICK_DATABASE_URL'
export const DATA_DIR_VARIABLE = 'YARDSTICK_DATA_DIR'

/**
 * What was asked for on the command line wins over the environment, and a URL over a folder at each level:
 * --database, then --data-dir, then $YARDSTICK_DATABASE_URL, then $YARDSTICK_DATA_DIR, then the default folder.
 */
export function resolveDatabaseTarget(
  flags: { database?: string; dataDir?: string },
  env: Record<string, string | undefined>,
  defaultDataDir: () => string,
): DatabaseTarget {
  if (flags.database !== undefined && flags.dataDir !== undefined) {
    throw AppError.of('database_and_data_dir', undefined, [
      { path: 'database', message: 'both --database and --data-dir' },
    ])
  }
  if (flags.database !== undefined) return postgresTarget(flags.database, '--database')
  if (flags.dataDir !== undefined) return { kind: 'sqlite', dataDir: flags.dataDir }
  const url = env[DATABASE_URL_VARIABLE]
  if (url) return postgresTarget(url, `$${DATABASE_URL_VARIABLE}`)
  return { kind: 'sqlite', dataDir: env[DATA_DIR_VARIABLE] || defaultDataDir() }
}

function postgresTarget(value: string, source: string): DatabaseTarget {
  if (!/^postgres(?:ql)?:\/\//i.test(value.trim())) {
    throw AppError.of('database_option_not_url', { option: source }, [
      { path: 'database', message: 'not a PostgreSQL URL' },
    ])
  }
  return { kind: 'postgres', url: value.trim() }
}

export interface OpenedAnyDatabase {
  kind: DatabaseTarget['kind']
  db: Kysely<Database>
  schemaVersion: number
  /** The data folder, or the URL without its password. */
  location: string
  close(): Promise<void>
}

export interface OpenAnyOptions extends Pick<OpenOptions, 'holder' | 'busyTimeoutMs'>, OpenPostgresOptions {
  migrations?: readonly Migration[]
}

/** Opens either kind, migrated and checked, behind the one Database type. */
export async function openDatabaseAt(target: DatabaseTarget, options: OpenAnyOptions = {}): Promise<OpenedAnyDatabase> {
  if (target.kind === 'postgres') {
    // Loaded on demand: every command line and web mode start on a data folder pays nothing for the driver.
    const { openPostgresDatabase } = await import('./postgres')
    const opened = await openPostgresDatabase(target.url, options)
    return { ...opened, location: opened.describe }
  }
  const opened = await openDatabase(target.dataDir, options)
  return {
    kind: 'sqlite',
    db: opened.db,
    location: target.dataDir,
    schemaVersion: Number(opened.sqlite.pragma('user_version', { simple: true })),
    close: () => opened.close(),
  }
}

/** Where `openWorkspace` opens a target, and what to print for it. */
export interface WorkspacePlace {
  dataDir: string
  postgresUrl?: string
  /** The data folder, or the URL without its password. */
  location: string
  /** Removes the scratch folder of a PostgreSQL workspace; nothing for a local one. */
  release(): void
}

/**
 * A PostgreSQL workspace keeps everything in its database (the stored files too); the folder it is given is a
 * scratch folder of this process for exports in progress and uploads, removed when the process is done.
 */
export async function workspacePlace(target: DatabaseTarget): Promise<WorkspacePlace> {
  if (target.kind === 'sqlite') return { dataDir: target.dataDir, location: target.dataDir, release: () => {} }
  const { parsePostgresUrl } = await import('./postgres')
  const { describe } = parsePostgresUrl(target.url)
  const scratch = mkdtempSync(join(tmpdir(), 'yardstick-pg-'))
  return {
    dataDir: scratch,
    postgresUrl: target.url,
    location: describe,
    release: () => rmSync(scratch, { recursive: true, force: true }),
  }
}
