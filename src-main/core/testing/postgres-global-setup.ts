import { openPostgresDatabase } from '../db/postgres'
import { createTestDatabase, TEST_TEMPLATE_DATABASE_VARIABLE, type TestDatabase } from './test-database'

let template: TestDatabase | null = null

/**
 * Vitest's global setup of the PostgreSQL project: migrates one database per run, which every test workspace
 * then copies. The variable reaches the test processes, which start after this.
 */
export async function setup(): Promise<void> {
  template = await createTestDatabase('postgres')
  const opened = await openPostgresDatabase(template.location)
  await opened.close()
  process.env[TEST_TEMPLATE_DATABASE_VARIABLE] = new URL(template.location).pathname.slice(1)
}

export async function teardown(): Promise<void> {
  await template?.dispose()
  template = null
}
