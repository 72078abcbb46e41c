import { test as base } from '@playwright/test'
import { AppServer } from './app-server'

export const test = base.extend<{ app: AppServer }>({
  app: async ({}, use) => {
    const app = new AppServer()
    await app.start()
    await use(app)
    await app.stop()
    app.dispose()
  },
})

/**
 * A web mode that asks the first-run question, for tests that answer it with the full demo (see
 * `firstRunWithDemo`): screenshots that show what every screen is for rather than a plain demo whose fits are 0.
 */
export const testOnFirstRun = base.extend<{ app: AppServer }>({
  app: async ({}, use) => {
    const app = new AppServer('ask')
    await app.start()
    await use(app)
    await app.stop()
    app.dispose()
  },
})

export { expect } from '@playwright/test'
