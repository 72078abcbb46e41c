import type { ErrorCode } from './error-codes'
import type { ErrorKey, ErrorParams } from './error-messages'

export { errorCodes, type ErrorCode } from './error-codes'

export interface IssueDto {
  /** Where the problem is: a field path, or a line of an imported file. */
  path: string
  /** English, for logs and API clients; shown translated through `key` and `params` when they are given. */
  message: string
  key?: ErrorKey
  params?: ErrorParams
}

export interface ErrorDto {
  code: ErrorCode
  /** English, for logs and API clients; the renderer and the CLI show `key` with `params` in the user's language. */
  message: string
  key?: ErrorKey
  params?: ErrorParams
  issues?: IssueDto[]
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: ErrorDto }
