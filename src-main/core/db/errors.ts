/**
 * better-sqlite3 reports constraint failures as SqliteError with an extended result code; node-postgres as an
 * error whose code is the SQLSTATE.
 */
function driverCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined
}

export const isUniqueViolation = (error: unknown) =>
  ['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY', '23505'].includes(driverCode(error) ?? '')

/**
 * ON DELETE RESTRICT fails immediately and SQLite reports it with the trigger code, not the foreign-key one;
 * PostgreSQL reports RESTRICT as 23001 and NO ACTION as 23503.
 */
export const isForeignKeyViolation = (error: unknown) =>
  ['SQLITE_CONSTRAINT_FOREIGNKEY', '23503', '23001'].includes(driverCode(error) ?? '') ||
  (driverCode(error) === 'SQLITE_CONSTRAINT_TRIGGER' &&
    error instanceof Error &&
    error.message.includes('FOREIGN KEY constraint failed'))

/** PostgreSQL's lock timeout (another write held the workspace's write lock too long) and deadlock. */
export const isPostgresBusy = (error: unknown) => ['55P03', '40P01'].includes(driverCode(error) ?? '')
