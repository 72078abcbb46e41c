import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: {
    alias: { '@contract': resolve(import.meta.dirname, 'src-preload/contract') },
  },
  test: {
    include: ['src-main/**/*.test.ts', 'src-preload/**/*.test.ts', 'src-renderer/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    // Generous: several suites spawn the CLI or extraction processes, and CI has two shared cores.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
})
