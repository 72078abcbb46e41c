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

export { expect } from '@playwright/test'
