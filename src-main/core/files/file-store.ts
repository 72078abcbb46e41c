import { createHash, randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { AppError } from '../errors'

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
