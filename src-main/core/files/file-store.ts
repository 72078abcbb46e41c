import { createHash, randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Kysely } from 'kysely'
import type { Clock } from '../clock'
import type { Database } from '../db/schema'
import { AppError } from '../errors'
import { FileRepository } from './file-repository'

export interface StoredFile {
  sha256: string
  size: number
}

export const sha256Of = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex')

/** `<dataDir>/files/ab/abcdef…`: two hex digits of fan-out keep folders small at 100,000 files. */
export function storedFilePath(dataDir: string, sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw AppError.of('not_content_hash')
  return join(dataDir, 'files', sha256.slice(0, 2), sha256)
}

/**
 * Stores bytes once by content hash. The file is written under a temporary name and renamed into place,
 * so a crash never leaves a half-written file under a valid hash.
 */
export async function storeFile(dataDir: string, bytes: Uint8Array): Promise<StoredFile> {
  const sha256 = sha256Of(bytes)
  const target = storedFilePath(dataDir, sha256)
  if (!existsSync(target)) {
    await mkdir(join(dataDir, 'files', sha256.slice(0, 2)), { recursive: true })
    const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`
    try {
      await writeFile(temp, bytes, { flag: 'wx' })
      await rename(temp, target)
    } catch (error) {
      await rm(temp, { force: true })
      throw error
    }
  }
  return { sha256, size: bytes.length }
}

/** The synchronous twin of `storeFile`, for generating many files in a loop. */
export function storeFileSync(dataDir: string, bytes: Uint8Array): StoredFile {
  const sha256 = sha256Of(bytes)
  const target = storedFilePath(dataDir, sha256)
  if (!existsSync(target)) {
    mkdirSync(join(dataDir, 'files', sha256.slice(0, 2)), { recursive: true })
    const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`
    try {
      writeFileSync(temp, bytes, { flag: 'wx' })
      renameSync(temp, target)
    } catch (error) {
      rmSync(temp, { force: true })
      throw error
    }
  }
  return { sha256, size: bytes.length }
}

/**
 * Where a workspace keeps the files it stores by content hash (résumés, stored originals): a local workspace
 * in its folder, a team workspace on PostgreSQL in its database, so that one pg_dump holds all of it.
 */
export interface FileStore {
  readonly kind: 'folder' | 'database'
  store(bytes: Uint8Array): Promise<StoredFile>
  /** The bytes, or null when no file has that hash. */
  read(sha256: string): Promise<Buffer | null>
  exists(sha256: string): Promise<boolean>
  /** Removes the file if it is there. */
  delete(sha256: string): Promise<void>
  /** Every stored hash, sorted (for `workspace copy` and its check). */
  list(): Promise<string[]>
}

const HASH = /^[0-9a-f]{64}$/

const checkedHash = (sha256: string): string => {
  if (!HASH.test(sha256)) throw AppError.of('not_content_hash')
  return sha256
}

const isMissing = (error: unknown): boolean =>
  error instanceof Error && 'code' in error && (error.code === 'ENOENT' || error.code === 'ENOTDIR')

export function folderFileStore(dataDir: string): FileStore {
  return {
    kind: 'folder',
    store: (bytes) => storeFile(dataDir, bytes),
    read: async (sha256) => {
      try {
        return await readFile(storedFilePath(dataDir, sha256))
      } catch (error) {
        if (isMissing(error)) return null
        throw error
      }
    },
    exists: async (sha256) => {
      const path = storedFilePath(dataDir, sha256)
      return stat(path).then(
        (found) => found.isFile(),
        (error: unknown) => {
          if (isMissing(error)) return false
          throw error
        },
      )
    },
    delete: async (sha256) => rm(storedFilePath(dataDir, sha256), { force: true }),
    list: async () => {
      const root = join(dataDir, 'files')
      let fanOut: string[]
      try {
        fanOut = await readdir(root)
      } catch (error) {
        if (isMissing(error)) return []
        throw error
      }
      const hashes: string[] = []
      for (const folder of fanOut.filter((name) => /^[0-9a-f]{2}$/.test(name)).sort()) {
        // Temporary names of a write cut short are not files of the workspace.
        const names = await readdir(join(root, folder))
        hashes.push(...names.filter((name) => HASH.test(name) && name.startsWith(folder)))
      }
      return hashes.sort()
    },
  }
}

/** The bytes live in the `files` table (PostgreSQL only; its content column is stored uncompressed). */
export function databaseFileStore(db: Kysely<Database>, clock: Clock): FileStore {
  const repo = new FileRepository(db)
  return {
    kind: 'database',
    store: async (bytes) => {
      const sha256 = sha256Of(bytes)
      await repo.insert([{ sha256, content: bytes, createdAt: clock.timestamp() }])
      return { sha256, size: bytes.length }
    },
    read: async (sha256) => repo.content(checkedHash(sha256)),
    exists: async (sha256) => repo.exists(checkedHash(sha256)),
    delete: async (sha256) => repo.remove(checkedHash(sha256)),
    list: () => repo.hashes(),
  }
}
