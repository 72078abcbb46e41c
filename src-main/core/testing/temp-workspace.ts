import { join } from 'node:path'
import type { Clock } from '../clock'
import { openWorkspace, type OpenWorkspace } from '../services'
import { tempDir } from './temp-dir'
import { createTestDatabase, testWorkspaceKind, type DatabaseKind } from './test-database'

export { tempDir }

export const resourcesDir = join(import.meta.dirname, '..', '..', '..', 'resources')

export interface TestWorkspace extends OpenWorkspace {
  dataDir: string
  /** Closes the database and deletes the folder. */
  dispose(): Promise<void>
}

/**
 * A real workspace in a fresh temporary folder: on a real SQLite file, or on a fresh PostgreSQL database
 * (with the folder for its files) when `kind` says so or the Vitest project runs on PostgreSQL.
 */
export async function openTestWorkspace(
  options: { demo?: boolean; clock?: Clock; kind?: DatabaseKind } = {},
): Promise<TestWorkspace> {
  const dir = tempDir()
  const database =
    (options.kind ?? testWorkspaceKind()) === 'postgres'
      ? await createTestDatabase('postgres', { migrated: true })
      : null
  try {
    const workspace = await openWorkspace({
      dataDir: dir.path,
      ...(database?.target.kind === 'postgres' ? { postgresUrl: database.target.url } : {}),
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
        await database?.dispose()
        dir.remove()
      },
    }
  } catch (error) {
    await database?.dispose()
    dir.remove()
    throw error
  }
}
