import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openTestWorkspace, type TestWorkspace } from '../testing/temp-workspace'
import { sha256Of } from './file-store'

describe("the workspace's file store", () => {
  let workspace: TestWorkspace
  beforeEach(async () => {
    workspace = await openTestWorkspace()
  })
  afterEach(async () => {
    await workspace.dispose()
  })

  it('keeps bytes once by content hash, in the folder locally and in the database on PostgreSQL', async () => {
    const files = workspace.context.files
    expect(files.kind).toBe(workspace.context.dialect === 'postgres' ? 'database' : 'folder')
    const first = new TextEncoder().encode('Résumé of Ada Lovelace\n')
    const binary = Uint8Array.from({ length: 3000 }, (_, index) => (index * 37) % 256)
    const stored = await files.store(first)
    expect(stored).toEqual({ sha256: sha256Of(first), size: first.length })
    // Storing the same bytes again is a no-op, not a conflict.
    expect(await files.store(first)).toEqual(stored)
    const other = await files.store(binary)
    expect(await files.list()).toEqual([stored.sha256, other.sha256].sort())
    expect((await files.read(other.sha256))?.equals(Buffer.from(binary))).toBe(true)
    expect(await files.exists(stored.sha256)).toBe(true)

    await files.delete(stored.sha256)
    expect(await files.exists(stored.sha256)).toBe(false)
    expect(await files.read(stored.sha256)).toBeNull()
    expect(await files.list()).toEqual([other.sha256])
    // Deleting what is gone is fine: an erasure finished after a crash does it again.
    await files.delete(stored.sha256)
  })

  it('refuses a name that is not a content hash, so no path or key can be smuggled in', async () => {
    for (const bad of ['../../etc/passwd', 'ABC', `${'a'.repeat(63)}/`]) {
      await expect(workspace.context.files.read(bad)).rejects.toMatchObject({ code: 'invalid_input' })
      await expect(workspace.context.files.delete(bad)).rejects.toMatchObject({ code: 'invalid_input' })
    }
  })
})
