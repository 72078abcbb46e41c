import type { ExtractedText } from '@contract/documents-extract'
import type { ErrorKey, ErrorParams } from '@contract/error-messages'
import type { ErrorCode } from '@contract/result'
import { limitKeys, resolveLimits, type ExtractLimits } from './limits'

export interface WorkerRequest {
  bytes: Uint8Array
  fileName: string
  limits: ExtractLimits
}

export type WorkerReply =
  | { ok: true; result: ExtractedText }
  | { ok: false; code: ErrorCode; message: string; key?: ErrorKey; params?: ErrorParams }

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null
}

export function parseWorkerRequest(data: unknown): WorkerRequest {
  if (
    !isRecord(data) ||
    !(data.bytes instanceof Uint8Array) ||
    typeof data.fileName !== 'string' ||
    !isRecord(data.limits)
  ) {
    throw new TypeError('Malformed extraction request')
  }
  const limits: Partial<ExtractLimits> = {}
  for (const key of limitKeys) {
    const value = data.limits[key]
    if (typeof value === 'number') limits[key] = value
  }
  return { bytes: data.bytes, fileName: data.fileName, limits: resolveLimits(limits) }
}
