import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openTestWorkspace, type TestWorkspace } from '../testing/temp-workspace'
import { onSqliteWorkspace } from '../testing/test-database'
import { DEMO_GENERATION_SETTING } from '../workspace/demo-generation'

const run = promisify(execFile)
const root = join(import.meta.dirname, '..', '..', '..')

let workspace: TestWorkspace
beforeEach(async () => {
  workspace = await openTestWorkspace()
})
afterEach(() => workspace.dispose())

const marker = async () =>
  (
    await workspace.context.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', DEMO_GENERATION_SETTING)
      .executeTakeFirst()
  )?.value
const json = (value: string) => JSON.stringify(value)

describe('demo generate', () => {
  it('marks the workspace complete only at the end of a generation', async () => {
    expect(await marker()).toBeUndefined()
    const summary = await workspace.services.demo.generate({ candidates: 3, seed: 2 })
    expect(summary.candidates).toBe(3)
    expect(await marker()).toBe(json('complete'))
    expect((await workspace.services.workspace.info()).demoGenerationUnfinished).toBe(false)
  }, 60_000)

  it('says a generation stopped partway did not finish, in the workspace and on the command line', async () => {
    // Stops after the first batch of candidates is committed, as a killed process would.
    const stopped = workspace.services.demo.generate({
      candidates: 3,
      seed: 2,
      onProgress: () => {
        throw new Error('killed')
      },
    })
    await expect(stopped).rejects.toThrow('killed')
    expect((await workspace.context.db.selectFrom('candidates').select('id').execute()).length).toBeGreaterThan(3)
    expect(await marker()).toBe(json('started'))
    expect((await workspace.services.workspace.info()).demoGenerationUnfinished).toBe(true)
    // The command line below opens the data folder; a PostgreSQL workspace lives in its database instead.
    if (!onSqliteWorkspace()) return

    const { stdout, stderr } = await run(
      join(root, 'node_modules', '.bin', 'tsx'),
      ['src-main/cli.ts', 'candidates', 'list', '--data-dir', workspace.dataDir],
      { cwd: root },
    )
    expect(stderr).toContain("warning: This workspace's demo generation did not finish")
    // The command still runs and its JSON stays clean on stdout.
    expect(JSON.parse(stdout)).toBeTruthy()
  }, 60_000)
})
