/** better-sqlite3 reports constraint failures as SqliteError with an extended result code. */
function sqliteCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined
}

export const isUniqueViolation = (error: unknown) =>
  sqliteCode(error) === 'SQLITE_CONSTRAINT_UNIQUE' || sqliteCode(error) === 'SQLITE_CONSTRAINT_PRIMARYKEY'

/** ON DELETE RESTRICT fails immediately and SQLite reports it with the trigger code, not the foreign-key one. */
export const isForeignKeyViolation = (error: unknown) =>
  sqliteCode(error) === 'SQLITE_CONSTRAINT_FOREIGNKEY' ||
  (sqliteCode(error) === 'SQLITE_CONSTRAINT_TRIGGER' &&
    error instanceof Error &&
    error.message.includes('FOREIGN KEY constraint failed'))
