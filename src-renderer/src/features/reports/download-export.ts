import type { ExportChunkDto, ExportFileDto } from '@contract'
import { api } from '../../api/client'
import { call } from '../../api/query'

/**
 * Fetches a finished export chunk by chunk (the same channel over IPC and HTTP, each call at most 1 MB)
 * and hands it to the browser as a download. The parts become one Blob, which the browser may keep on disk.
 */
export async function downloadExport(file: ExportFileDto, onProgress?: (done: number) => void): Promise<void> {
  const parts: Uint8Array<ArrayBuffer>[] = []
  let offset: number | null = 0
  while (offset !== null) {
    const chunk: ExportChunkDto = await call(api.reports.download({ exportId: file.exportId, offset }))
    parts.push(Uint8Array.from(atob(chunk.contentBase64), (char) => char.charCodeAt(0)))
    offset = chunk.nextOffset
    onProgress?.(offset ?? chunk.size)
  }
  const url = URL.createObjectURL(new Blob(parts, { type: file.mimeType }))
  const link = document.createElement('a')
  link.href = url
  link.download = file.fileName
  link.click()
  setTimeout(() => URL.revokeObjectURL(url), 30_000)
}
