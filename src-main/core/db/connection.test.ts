import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { tempDir } from '../testing/temp-workspace'
import { DATABASE_FILE, openDatabase } from './connection'
import { latestVersion } from './migrate'
import { migrations } from './migrations'

const dirs: { remove(): void }[] = []
const newDir = () => {
  const dir = tempDir()
  dirs.push(dir)
  return dir.path
}
afterEach(() => dirs.splice(0).forEach((dir) => dir.remove()))

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex')

describe('openDatabase', () => {
  it('runs the whole migration chain on a new file and sets desktop pragmas', async () => {
    const dir = newDir()
    const opened = await openDatabase(dir)
    expect(opened.sqlite.pragma('user_version', { simple: true })).toBe(latestVersion)
    expect(latestVersion).toBe(migrations.length)
    expect(opened.sqlite.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(opened.sqlite.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(Number(opened.sqlite.pragma('busy_timeout', { simple: true }))).toBeGreaterThan(0)
    const tables = opened.sqlite
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
      .pluck()
      .all()
    expect(tables).toEqual(expect.arrayContaining(['ladders', 'levels', 'competencies', 'expectations', 'activity']))
    expect(opened.backupFile).toBeNull()
    await opened.close()
  })

  it('adds privacy in 0007: consent columns with defaults, secure_delete, and append-only rules with one gated exception', async () => {
    const dir = newDir()
    const opened = await openDatabase(dir)
    const { sqlite } = opened
    expect(opened.sqlite.pragma('secure_delete', { simple: true })).toBe(1)
    const tables = sqlite.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all()
    expect(tables).toEqual(expect.arrayContaining(['privacy_audit', 'erasure_files', 'redaction_gate']))
    sqlite.exec(
      `INSERT INTO candidates (name, name_key, name_match, created_at, updated_at) VALUES ('A', 'a', 'a', 'x', 'x')`,
    )
    expect(sqlite.prepare('SELECT origin, legal_basis, erased_at FROM candidates').get()).toEqual({
      origin: 'applied',
      legal_basis: 'legitimate_interest',
      erased_at: null,
    })
    expect(() => sqlite.exec(`UPDATE candidates SET legal_basis = 'whim'`)).toThrow(/CHECK/)
    sqlite.exec(
      `INSERT INTO activity (at, entity_type, entity_id, action, detail) VALUES ('x', 'candidate', 1, 'created', '{"name":"A"}')`,
    )
    expect(() => sqlite.exec(`UPDATE activity SET detail = '{}'`)).toThrow(/append-only/)
    sqlite.exec(`INSERT INTO privacy_audit (at, action) VALUES ('x', 'erased')`)
    expect(() => sqlite.exec(`DELETE FROM privacy_audit`)).toThrow(/append-only/)
    // The gate opens only inside one transaction: the erasure's.
    sqlite.transaction(() => {
      sqlite.exec('INSERT INTO redaction_gate (candidate_id) VALUES (1)')
      sqlite.exec(`UPDATE activity SET detail = '{"redacted":true}'`)
      sqlite.exec('DELETE FROM redaction_gate')
    })()
    expect(sqlite.prepare('SELECT detail FROM activity').pluck().get()).toBe('{"redacted":true}')
    expect(() => sqlite.exec(`UPDATE activity SET detail = '{}'`)).toThrow(/append-only/)
    expect(() => sqlite.exec('DELETE FROM activity')).toThrow(/append-only/)
    await opened.close()
  })

  it('migrates a schema-6 database holding candidates to 0007 without losing a row', async () => {
    const dir = newDir()
    const older = await openDatabase(dir, { migrations: migrations.slice(0, 6) })
    older.sqlite.exec(
      `INSERT INTO candidates (name, name_key, name_match, created_at, updated_at) VALUES ('Old Timer', 'old timer', 'old timer', 'x', 'x')`,
    )
    await older.close()
    const opened = await openDatabase(dir)
    expect(opened.backupFile).not.toBeNull()
    expect(opened.sqlite.prepare('SELECT name, origin, legal_basis, privacy_note FROM candidates').get()).toEqual({
      name: 'Old Timer',
      origin: 'applied',
      legal_basis: 'legitimate_interest',
      privacy_note: '',
    })
    await opened.close()
  })

  it('backs the file up before migrating an older database, and leaves it alone when up to date', async () => {
    const dir = newDir()
    // An older release: the same file at schema 1 with data in it, marked as one migration behind.
    const first = await openDatabase(dir)
    await sql`INSERT INTO ladders (name, description, created_at, updated_at) VALUES ('Kept', '', 'x', 'x')`.execute(
      first.db,
    )
    await first.close()
    const raw = new BetterSqlite3(join(dir, DATABASE_FILE))
    raw.pragma(`user_version = ${latestVersion - 1}`)
    raw.close()

    const extra = { version: latestVersion, name: 'test_reapply', up: () => Promise.resolve() }
    const reopened = await openDatabase(dir, { migrations: [...migrations.slice(0, -1), extra] })
    expect(reopened.backupFile).not.toBeNull()
    const backup = new BetterSqlite3(reopened.backupFile ?? '', { readonly: true })
    expect(backup.pragma('user_version', { simple: true })).toBe(latestVersion - 1)
    expect(backup.prepare('SELECT name FROM ladders').pluck().all()).toEqual(['Kept'])
    backup.close()
    expect(reopened.sqlite.pragma('user_version', { simple: true })).toBe(latestVersion)
    await reopened.close()

    const again = await openDatabase(dir)
    expect(again.backupFile).toBeNull()
    await again.close()
  })

  it('rolls back every migration of a failed upgrade', async () => {
    const dir = newDir()
    const failing = [
      ...migrations,
      {
        version: latestVersion + 1,
        name: 'creates_then_fails',
        up: async (db: Parameters<(typeof migrations)[number]['up']>[0]) => {
          await sql`CREATE TABLE half_done (id INTEGER)`.execute(db)
          throw new Error('boom')
        },
      },
    ]
    await expect(openDatabase(dir, { migrations: failing })).rejects.toThrow('boom')
    const raw = new BetterSqlite3(join(dir, DATABASE_FILE), { readonly: true })
    expect(raw.pragma('user_version', { simple: true })).toBe(0)
    expect(raw.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'half_done'").pluck().get()).toBe(0)
    raw.close()
  })

  it('refuses a database written by a newer version and leaves the file untouched', async () => {
    const dir = newDir()
    const opened = await openDatabase(dir)
    await opened.close()
    const file = join(dir, DATABASE_FILE)
    const raw = new BetterSqlite3(file)
    raw.pragma('journal_mode = DELETE')
    raw.pragma(`user_version = ${latestVersion + 5}`)
    raw.close()
    const before = sha256(file)
    await expect(openDatabase(dir)).rejects.toMatchObject({
      code: 'incompatible_database',
      message: expect.stringContaining('newer version of Yardstick') as string,
    })
    expect(sha256(file)).toBe(before)
    expect(existsSync(join(dir, 'backups'))).toBe(false)
  })

  it('refuses an SQLite file that is not a Yardstick database', async () => {
    const dir = newDir()
    const raw = new BetterSqlite3(join(dir, DATABASE_FILE))
    raw.exec('CREATE TABLE notes (body TEXT)')
    raw.close()
    await expect(openDatabase(dir)).rejects.toMatchObject({ code: 'incompatible_database' })
  })

  it('keeps only the most recent backups', async () => {
    const dir = newDir()
    const opened = await openDatabase(dir)
    await opened.close()
    for (let round = 0; round < 7; round++) {
      const raw = new BetterSqlite3(join(dir, DATABASE_FILE))
      raw.pragma(`user_version = ${latestVersion - 1}`)
      raw.close()
      const extra = { version: latestVersion, name: 'again', up: () => Promise.resolve() }
      const again = await openDatabase(dir, { migrations: [...migrations.slice(0, -1), extra] })
      await again.close()
    }
    expect(readdirSync(join(dir, 'backups'))).toHaveLength(5)
  })
})
