import { constants } from 'node:fs'
import { open } from 'node:fs/promises'
import { AppError } from '../errors'
import { tooLargeError, type AcceptedFiles } from '../documents/limits'

/** Files read from a path given by a person are bounded anyway: nothing the app reads is this large. */
const DEFAULT_MAX_BYTES = 256 * 1_048_576

/**
 * Reads a regular file, and only that: a FIFO, a device or a folder given as input would block or never end,
 * so the path is opened without blocking and checked before a byte is read. The size is checked against
 * `maxBytes` on the opened file (not a separate stat), so a swap between check and read changes nothing.
 */
export async function readRegularFile(
  path: string | Buffer,
  options: { maxBytes?: number; what?: string; accepted?: AcceptedFiles } = {},
): Promise<Buffer> {
  const shown = options.what ?? (typeof path === 'string' ? path : path.toString('utf8'))
  let handle
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK)
  } catch (error) {
    const detail = error instanceof Error && 'code' in error && error.code === 'ENOENT' ? 'no such file' : String(error)
    throw AppError.of('file_unreadable_detail', { file: shown, detail })
  }
  try {
    const info = await handle.stat()
    if (!info.isFile()) {
      throw AppError.of(info.isDirectory() ? 'path_is_folder' : 'path_not_regular_file', { file: shown })
    }
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES
    if (info.size > maxBytes) throw tooLargeError(shown, info.size, maxBytes, options.accepted)
    const bytes = await handle.readFile()
    if (bytes.length > maxBytes) throw tooLargeError(shown, bytes.length, maxBytes, options.accepted)
    return bytes
  } finally {
    await handle.close()
  }
}
