import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config'

/**
 * The suites that run a second time on PostgreSQL when YARDSTICK_TEST_DATABASE_URL is set (`.ci/run` sets it):
 * every test file that opens a workspace through `openTestWorkspace()`, with each of those workspaces on a fresh
 * PostgreSQL database. A file that must stay on SQLite says so, and why, in a line starting with the marker.
 */
const SQLITE_ONLY_MARKER = '// SQLite-only suite:'

function suitesOnPostgres(): string[] {
  const root = import.meta.dirname
  return readdirSync(join(root, 'src-main'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.ts'))
    .map((file) => join('src-main', file))
    .filter((file) => {
      const text = readFileSync(join(root, file), 'utf8')
      return text.includes('openTestWorkspace(') && !text.includes(SQLITE_ONLY_MARKER)
    })
    .sort()
}

const shared = {
  extends: true,
} satisfies Partial<TestProjectInlineConfiguration>

export default defineConfig({
  resolve: {
    alias: { '@contract': resolve(import.meta.dirname, 'src-preload/contract') },
  },
  test: {
    environment: 'node',
    // Generous: several suites spawn the CLI or extraction processes, and CI has two shared cores.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default leaves one core idle; most suites wait on child processes or the PostgreSQL server.
    maxWorkers: 2,
    projects: [
      {
        ...shared,
        test: {
          name: 'sqlite',
          include: [
            'src-main/**/*.test.ts',
            'src-preload/**/*.test.ts',
            'src-renderer/**/*.test.ts',
            'scripts/**/*.test.ts',
          ],
        },
      },
      ...(process.env.YARDSTICK_TEST_DATABASE_URL
        ? [
            {
              ...shared,
              test: {
                name: 'postgres',
                include: suitesOnPostgres(),
                env: { YARDSTICK_TEST_WORKSPACE_KIND: 'postgres' },
                globalSetup: ['src-main/core/testing/postgres-global-setup.ts'],
              },
            },
          ]
        : []),
    ],
  },
})
