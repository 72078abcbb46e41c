import type { ErrorKey, ErrorParams } from './error-messages'

/** Stable error codes: the renderer and scripts branch on these, never on messages. */
export const errorCodes = [
  'invalid_input',
  'unknown_channel',
  'forbidden',
  'not_found',
  'conflict',
  'too_large',
  'unsupported_file',
  'unreadable_file',
  'timeout',
  'incompatible_database',
  'cancelled',
  /** Another process is writing to the same database; the call changed nothing and can be retried. */
  'busy',
  /** A PostgreSQL server that cannot be reached, or does not answer in time. */
  'database_unreachable',
  /** A PostgreSQL server that refused the user, the password, or the right to create tables. */
  'database_access_denied',
  'internal',
] as const
export type ErrorCode = (typeof errorCodes)[number]

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
