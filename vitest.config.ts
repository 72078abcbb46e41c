import { resolve } from 'node:path'
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config'

/**
 * The service suites proved on PostgreSQL: with YARDSTICK_TEST_DATABASE_URL set (`.ci/run` sets it), they run a
 * second time with every `openTestWorkspace()` on a fresh PostgreSQL database. A suite joins this list once its
 * repositories are dialect-neutral (docs/ARCHITECTURE.md, "PostgreSQL status").
 */
const onPostgres = [
  'src-main/core/ladders/service.test.ts',
  'src-main/core/stages/service.test.ts',
  'src-main/core/postings/service.test.ts',
]

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
                include: onPostgres,
                env: { YARDSTICK_TEST_WORKSPACE_KIND: 'postgres' },
                globalSetup: ['src-main/core/testing/postgres-global-setup.ts'],
              },
            },
          ]
        : []),
    ],
  },
})
