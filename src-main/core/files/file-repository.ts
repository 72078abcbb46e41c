import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'

/** The `files` table of a PostgreSQL workspace: stored files' bytes by content hash. */
export class FileRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Stores once: a second store of the same bytes (two importers at once) changes nothing. */
  async insert(rows: readonly { sha256: string; content: Uint8Array; createdAt: string }[]): Promise<void> {
    if (rows.length === 0) return
    await this.db
      .insertInto('files')
      .values(
        rows.map((row) => ({
          sha256: row.sha256,
          size: row.content.length,
          content: Buffer.from(row.content.buffer, row.content.byteOffset, row.content.byteLength),
          created_at: row.createdAt,
        })),
      )
      .onConflict((conflict) => conflict.column('sha256').doNothing())
      .execute()
  }

  async content(sha256: string): Promise<Buffer | null> {
    const row = await this.db.selectFrom('files').select('content').where('sha256', '=', sha256).executeTakeFirst()
    return row ? Buffer.from(row.content) : null
  }

  async exists(sha256: string): Promise<boolean> {
    const row = await this.db.selectFrom('files').select('sha256').where('sha256', '=', sha256).executeTakeFirst()
    return row !== undefined
  }

  async remove(sha256: string): Promise<void> {
    await this.db.deleteFrom('files').where('sha256', '=', sha256).execute()
  }

  async hashes(): Promise<string[]> {
    const rows = await this.db.selectFrom('files').select('sha256').orderBy('sha256').execute()
    return rows.map((row) => row.sha256)
  }
}
