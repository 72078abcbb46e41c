import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { AppError } from '../errors'
import { openWorkspace } from '../services'
import { resourcesDir, tempDir } from '../testing/temp-workspace'
import { backupKey, DATABASE_FILE, openDatabase } from './connection'
import { migrations } from './migrations'

const dirs: { remove(): void }[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) dir.remove()
})
const fresh = () => {
  const dir = tempDir()
  dirs.push(dir)
  return dir.path
}

async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
  } catch (error) {
    return error instanceof AppError ? `${error.code}: ${error.message}` : `raw: ${String(error)}`
  }
  return 'no error'
}

describe.skipIf(process.platform === 'win32')('files only their owner can read', () => {
  it('creates the data folder 0700 and its files 0600', async () => {
    const dataDir = join(fresh(), 'data')
    const workspace = await openWorkspace({ dataDir, resourcesDir, appVersion: '0', demoOnFirstRun: true })
    await workspace.services.csvImport.upload(
      'people.csv',
      new TextEncoder().encode('Name,Email\nAna,ana@example.com\n'),
    )
    await workspace.close()
    expect(statSync(dataDir).mode & 0o777).toBe(0o700)
    expect(statSync(join(dataDir, DATABASE_FILE)).mode & 0o777).toBe(0o600)
    const uploads = join(dataDir, 'tmp', 'imports')
    for (const name of readdirSync(uploads)) expect(statSync(join(uploads, name)).mode & 0o077).toBe(0)
  })

  it('removes uploads left behind when the app starts again', async () => {
    const dataDir = fresh()
    const first = await openWorkspace({ dataDir, resourcesDir, appVersion: '0', demoOnFirstRun: false })
    await first.services.csvImport.upload('people.csv', new TextEncoder().encode('Name\nAna\n'))
    await first.close()
    expect(readdirSync(join(dataDir, 'tmp', 'imports')).length).toBeGreaterThan(0)
    const again = await openWorkspace({ dataDir, resourcesDir, appVersion: '0', demoOnFirstRun: false })
    await again.close()
    expect(() => readdirSync(join(dataDir, 'tmp', 'imports'))).toThrow()
  })
})

describe('backups and odd data folders', () => {
  it('orders backups by version, then time: v10 is newer than v9', () => {
    const names = [
      'yardstick-v10-2026-01-01T00-00-00-000Z-aa.db',
      'yardstick-v9-2026-06-01T00-00-00-000Z-bb.db',
      'yardstick-v9-2026-01-01T00-00-00-000Z-cc.db',
    ]
    const sorted = [...names].sort((a, b) => {
      const x = backupKey(a)
      const y = backupKey(b)
      return (x?.version ?? 0) - (y?.version ?? 0) || (x?.stamp ?? '').localeCompare(y?.stamp ?? '')
    })
    expect(sorted.at(-1)).toBe(names[0])
    expect(sorted[0]).toBe(names[2])
    expect(backupKey('notes.txt')).toBeNull()
  })

  it('keeps the newest five backups when versions reach two digits', async () => {
    const dataDir = fresh()
    const backups = join(dataDir, 'backups')
    mkdirSync(backups)
    const kept = 'yardstick-v10-2026-01-01T00-00-00-000Z-aa.db'
    writeFileSync(join(backups, kept), '')
    for (let n = 0; n < 5; n++)
      writeFileSync(join(backups, `yardstick-v9-2026-01-0${n + 1}T00-00-00-000Z-0${n}.db`), '')
    const first = await openDatabase(dataDir, { migrations: migrations.slice(0, 1) })
    await first.close()
    const second = await openDatabase(dataDir)
    await second.close()
    const left = readdirSync(backups)
    expect(left).toHaveLength(5)
    expect(left).toContain(kept)
  })

  it('says so when the backups path is a file', async () => {
    const dataDir = fresh()
    writeFileSync(join(dataDir, 'backups'), 'not a folder')
    const first = await openDatabase(dataDir, { migrations: migrations.slice(0, 1) })
    await first.close()
    expect(await failure(openDatabase(dataDir))).toMatch(/^unreadable_file: .*backups is a file/)
  })

  it('says so when yardstick.db is not a database at all', async () => {
    const dataDir = fresh()
    writeFileSync(join(dataDir, DATABASE_FILE), 'Name,Email\nAna,ana@example.com\n')
    expect(await failure(openDatabase(dataDir))).toMatch(/^incompatible_database: .*is not a database/)
  })
})
