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
  /** A team server call without a valid session (none, expired, forged, or of a disabled account). */
  'unauthenticated',
  /** Too many failed sign-ins from this address or for this account: wait before the next try. */
  'rate_limited',
  /** The desktop app's team server cannot be reached, does not answer in time, or answers as something else. */
  'server_unreachable',
] as const
export type ErrorCode = (typeof errorCodes)[number]
