import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Clock } from '../clock'
import { openWorkspace, type OpenWorkspace } from '../services'

export const resourcesDir = join(import.meta.dirname, '..', '..', '..', 'resources')

export function tempDir(prefix = 'yardstick-test-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix))
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) }
}

export interface TestWorkspace extends OpenWorkspace {
  dataDir: string
  /** Closes the database and deletes the folder. */
  dispose(): Promise<void>
}

/** A real workspace on a real SQLite file in a fresh temporary folder. */
export async function openTestWorkspace(options: { demo?: boolean; clock?: Clock } = {}): Promise<TestWorkspace> {
  const dir = tempDir()
  const workspace = await openWorkspace({
    dataDir: dir.path,
    resourcesDir,
    appVersion: '0.0.0-test',
    demoOnFirstRun: options.demo ?? false,
    ...(options.clock ? { clock: options.clock } : {}),
  })
  return {
    ...workspace,
    dataDir: dir.path,
    dispose: async () => {
      await workspace.close()
      dir.remove()
    },
  }
}
