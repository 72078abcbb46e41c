import { appendFile, writeFile } from 'node:fs/promises'
import { basename } from 'node:path'
import type { ExportChunkDto, FileDownloadDto, JobDto } from '@contract'
import type { AcceptedFiles } from '../core/documents/limits'
import { AppError } from '../core/errors'
import { writeFileAtomically } from '../core/exports/output-file'
import { readRegularFile } from '../core/files/read-input'
import { type ChannelCall, CliFailure } from './command'

const POLL_MS = 50

/** A local file as the contract's file upload: its name and its bytes in base64. */
export async function uploadOf(
  path: string | Buffer,
  options: { maxBytes?: number; what?: string; accepted?: AcceptedFiles; fileName?: string } = {},
): Promise<{ fileName: string; contentBase64: string }> {
  const bytes = await readRegularFile(path, options)
  const fileName = options.fileName ?? basename(typeof path === 'string' ? path : path.toString('utf8'))
  return { fileName, contentBase64: bytes.toString('base64') }
}

/** Waits for a background job of the workspace to end; a failed or cancelled job is thrown as its error. */
export async function finishedJob(call: ChannelCall, started: JobDto): Promise<JobDto> {
  let job = started
  while (job.status === 'running') {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
    job = await call('jobs:get', { id: job.id })
  }
  if (job.status !== 'succeeded') throw new CliFailure(job.error ?? AppError.of('code_cancelled').toDto())
  return job
}

/** Writes a file an export job made, fetched in chunks as the app does, to `out` (whole or not at all). */
export async function downloadTo(call: ChannelCall, exportId: string, out: string): Promise<number> {
  return writeFileAtomically(out, async (temp) => {
    await writeFile(temp, new Uint8Array())
    let offset: number | null = 0
    while (offset !== null) {
      const chunk: ExportChunkDto = await call('reports:download', { exportId, offset })
      await appendFile(temp, Buffer.from(chunk.contentBase64, 'base64'))
      offset = chunk.nextOffset
    }
  })
}

export async function writeDownload(file: FileDownloadDto, out: string): Promise<{ file: string; bytes: number }> {
  const bytes = Buffer.from(file.contentBase64, 'base64')
  try {
    await writeFile(out, bytes)
  } catch (error) {
    throw AppError.of('file_unwritable', {
      file: out,
      detail: error instanceof Error ? error.message : String(error),
    })
  }
  return { file: out, bytes: bytes.length }
}
