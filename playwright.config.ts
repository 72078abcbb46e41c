import { defineConfig } from '@playwright/test'

/** Debian's Chromium: Playwright's own browser download does not work on the build machines. */
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export default defineConfig({
  testDir: 'e2e',
  // The team e2e runs on PostgreSQL: without a test server (`.ci/run` starts one) it is left out, not skipped.
  testIgnore: process.env.YARDSTICK_TEST_DATABASE_URL ? [] : ['team-hiring.spec.ts'],
  globalSetup: './e2e/global-setup.ts',
  // A scenario with a restart of web mode (a new process that compiles and opens the workspace) runs close to a
  // minute on a loaded two-core machine; the limit catches a hang, it is not a measure of speed (that is the bench).
  timeout: 120_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    viewport: { width: 1400, height: 900 },
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
})
