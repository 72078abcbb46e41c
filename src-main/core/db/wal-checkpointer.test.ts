import { randomBytes } from 'node:crypto'
import { statSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { tempDir } from '../testing/temp-workspace'
import { DATABASE_FILE, openDatabase } from './connection'
import { WalCheckpointer } from './wal-checkpointer'

const scratch = tempDir()
afterAll(() => scratch.remove())
let folders = 0
/** A fresh folder for one test's workspace, inside the file's scratch folder. */
const newDir = () => join(scratch.path, `workspace-${++folders}`)

/** Polls `check` until it holds, for at most `ms`. */
async function eventually(check: () => boolean, ms = 10_000): Promise<boolean> {
  const until = performance.now() + ms
  while (performance.now() < until) {
    if (check()) return true
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  return check()
}

const autocheckpoint = (sqlite: { pragma(source: string, options: { simple: true }): unknown }) =>
  Number(sqlite.pragma('wal_autocheckpoint', { simple: true }))

describe('WalCheckpointer', () => {
  it("copies committed pages into the database file from its worker, while the app's connection does not checkpoint", async () => {
    const dir = newDir()
    const opened = await openDatabase(dir, { checkpointInBackground: true })
    try {
      // The app's connection checkpoints only past the backstop, far above this test's 2 MB.
      expect(autocheckpoint(opened.sqlite)).toBe(40_000)
      opened.sqlite.exec('CREATE TABLE payload (bytes BLOB NOT NULL)')
      const file = join(dir, DATABASE_FILE)
      const before = statSync(file).size
      const insert = opened.sqlite.prepare('INSERT INTO payload (bytes) VALUES (?)')
      opened.sqlite.transaction(() => {
        for (let i = 0; i < 512; i++) insert.run(randomBytes(4096))
      })()
      expect(statSync(`${file}-wal`).size).toBeGreaterThan(2_000_000)
      expect(await eventually(() => statSync(file).size >= before + 2_000_000)).toBe(true)
      expect(opened.sqlite.prepare('SELECT count(*) FROM payload').pluck().get()).toBe(512)
    } finally {
      await opened.close()
    }
  })

  it("stops its worker and gives checkpoints back to the app's connection", async () => {
    const opened = await openDatabase(newDir())
    try {
      const checkpointer = WalCheckpointer.start(opened.file, opened.sqlite)
      expect(autocheckpoint(opened.sqlite)).toBe(40_000)
      await checkpointer.stop()
      expect(autocheckpoint(opened.sqlite)).toBe(1_000)
    } finally {
      await opened.close()
    }
  })

  it("gives checkpoints back to the app's connection when its worker cannot open the file", async () => {
    const opened = await openDatabase(newDir())
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    try {
      const checkpointer = WalCheckpointer.start(join(newDir(), 'missing.db'), opened.sqlite)
      expect(await eventually(() => autocheckpoint(opened.sqlite) === 1_000)).toBe(true)
      expect(String(logged.mock.calls[0]?.[0])).toMatch(/checkpoint worker stopped/)
      await checkpointer.stop()
    } finally {
      logged.mockRestore()
      await opened.close()
    }
  })
})
