import { randomBytes } from 'node:crypto'
import { createWriteStream, type WriteStream } from 'node:fs'
import { rename, rm, stat } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { AppError } from '../errors'

const describe = (error: unknown): string =>
  error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : String(error)

/**
 * Checks that a file can be written at `target`: its folder exists and is a folder, and the target is not
 * a folder. Whether the folder is writable shows when the temporary file is created.
 */
export async function checkOutputPath(target: string): Promise<string> {
  const path = resolve(target)
  const folder = dirname(path)
  const folderStat = await stat(folder).catch(() => null)
  if (!folderStat) throw AppError.of('output_folder_missing', { file: path, folder })
  if (!folderStat.isDirectory()) throw AppError.of('output_folder_not_folder', { file: path, folder })
  const targetStat = await stat(path).catch(() => null)
  if (targetStat?.isDirectory()) throw AppError.of('output_is_folder', { file: path })
  return path
}

function unwritable(path: string, error: unknown): AppError {
  const code = describe(error)
  if (code === 'EACCES' || code === 'EPERM') return AppError.of('output_permission_denied', { file: path })
  if (code === 'EROFS') return AppError.of('output_read_only', { file: path })
  if (code === 'ENOSPC') return AppError.of('output_disk_full', { file: path })
  if (code === 'ENOTDIR' || code === 'ENOENT') return AppError.of('output_no_folder', { file: path })
  return AppError.of('file_unwritable', { file: path, detail: code })
}

/**
 * Writes a file under a temporary name next to `target` and renames it into place once complete, so a
 * reader never sees half a file; on failure or cancel the temporary file is removed and the target is
 * left as it was. `write` gets the temporary path.
 */
export async function writeFileAtomically(target: string, write: (tempPath: string) => Promise<void>): Promise<number> {
  const path = await checkOutputPath(target)
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.part`)
  try {
    // Created here (exclusively) so that an unwritable folder fails before any work starts.
    await new Promise<void>((resolveOpen, reject) => {
      const probe = createWriteStream(temp, { flags: 'wx' })
      probe.once('error', reject)
      probe.once('open', () => probe.close(() => resolveOpen()))
    }).catch((error: unknown) => {
      throw unwritable(path, error)
    })
    await write(temp)
    await rename(temp, path).catch((error: unknown) => {
      throw unwritable(path, error)
    })
    return (await stat(path)).size
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
}

/** A text stream to a file that waits when the disk is slower than the producer (bounded memory). */
export class TextFileSink {
  private readonly stream: WriteStream
  private buffered: string[] = []
  private size = 0
  private failure: Error | null = null

  constructor(path: string) {
    this.stream = createWriteStream(path, { flags: 'w' })
    this.stream.on('error', (error) => {
      this.failure = error
    })
  }

  /** Collects small writes into ~64 KB chunks before they reach the stream. */
  async write(text: string): Promise<void> {
    this.buffered.push(text)
    this.size += text.length
    if (this.size >= 65_536) await this.flush()
  }

  private async flush(): Promise<void> {
    if (this.failure) throw this.failure
    if (this.size === 0) return
    const chunk = this.buffered.join('')
    this.buffered = []
    this.size = 0
    if (!this.stream.write(chunk, 'utf8')) {
      await new Promise<void>((resolveDrain, reject) => {
        const onError = (error: Error) => reject(error)
        this.stream.once('error', onError)
        this.stream.once('drain', () => {
          this.stream.off('error', onError)
          resolveDrain()
        })
      })
    }
  }

  async close(): Promise<void> {
    await this.flush()
    await new Promise<void>((resolveEnd, reject) => {
      if (this.failure) {
        reject(this.failure)
        return
      }
      this.stream.once('error', reject)
      this.stream.end(() => resolveEnd())
    })
  }

  /** Closes without flushing, after a failure or cancel; the caller removes the file. */
  async abort(): Promise<void> {
    if (this.stream.closed) return
    await new Promise<void>((resolveClose) => {
      this.stream.once('close', () => resolveClose())
      this.stream.destroy()
    })
  }
}
