import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { assessmentFixtures } from '../assessments/testing'
import { AssessmentRepository } from '../assessments/repository'
import { isUniqueViolation } from '../db/errors'
import { openWorkspace, type OpenWorkspace } from '../services'
import { resourcesDir, tempDir, type TestWorkspace } from '../testing/temp-workspace'
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../testing/test-database'
import { ApplicationRepository } from './repository'

/**
 * Two workspaces on the SAME database, each with its own connections (two processes, or two team servers): the
 * rules that read then write must hold across them, not only inside one process.
 */
describe.each(testDatabaseKinds())('two writers on one %s database', (kind) => {
  let database: TestDatabase
  let first: TestWorkspace
  let second: OpenWorkspace
  const folders: { remove(): void }[] = []

  const open = async (): Promise<OpenWorkspace> => {
    const dir = tempDir()
    folders.push(dir)
    return openWorkspace({
      // A local workspace is its data folder, so both open the same one; a team workspace is its URL.
      dataDir: database.target.kind === 'sqlite' ? database.target.dataDir : dir.path,
      ...(database.target.kind === 'postgres' ? { postgresUrl: database.target.url } : {}),
      resourcesDir,
      appVersion: '0.0.0-test',
      demoOnFirstRun: false,
    })
  }

  beforeEach(async () => {
    database = await createTestDatabase(kind, { migrated: true })
    const opened = await open()
    first = { ...opened, dataDir: '', dispose: () => opened.close() }
    await first.services.demo.init()
    second = await open()
  })

  afterEach(async () => {
    await second.close()
    await first.dispose()
    await database.dispose()
    for (const folder of folders.splice(0)) folder.remove()
  })

  // Two SQLite connections of one process cannot race: better-sqlite3 waits for the lock synchronously, so the
  // second writer blocks the very thread the first needs to commit. Writers in separate processes are proved in
  // db/busy.test.ts and db/write-lock.test.ts; here SQLite runs the checks that need no race.
  const racing = it.runIf(kind === 'postgres')

  const { item, posting, candidate, apply } = assessmentFixtures(() => first)
  const count = async (table: 'assessment_history' | 'stage_events', applicationId: number) => {
    const row = await first.context.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('application_id', '=', applicationId)
      .executeTakeFirstOrThrow()
    return Number(row.n)
  }
  const activity = async (action: string) => {
    const row = await sql<{ n: number }>`SELECT count(*) AS n FROM activity WHERE action = ${action}`.execute(
      first.context.db,
    )
    return Number(row.rows[0]?.n ?? 0)
  }

  racing(
    'rates the same item from both at once: one wins, the other is told who and when, nothing half-written',
    async () => {
      const p = await posting([item('requirement', 'Strong PostgreSQL', { mustHave: true, weight: 2 })])
      const application = await apply(await candidate('Ada Moreau'), p.id)
      const requirementId = p.requirements[0]!.id
      const me = (await first.services.workspace.me())!
      const ratings = ['met', 'exceeds'] as const
      const outcomes = await Promise.allSettled(
        [first, second].map((workspace, index) =>
          workspace.services.assessments.rate({
            applicationId: application,
            requirementId,
            rating: ratings[index]!,
            evidence: `window ${index}`,
            source: 'screen',
            expectedVersion: 0,
          }),
        ),
      )
      const won = outcomes.findIndex((outcome) => outcome.status === 'fulfilled')
      const lost = outcomes.find((outcome) => outcome.status === 'rejected')
      expect(won).toBeGreaterThanOrEqual(0)
      expect(lost?.reason).toMatchObject({
        code: 'conflict',
        key: 'rating_changed_meanwhile_by',
        params: {
          name: me.name,
          rating: ratings[won],
          time: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d UTC$/) as string,
        },
      })
      const stored = await new AssessmentRepository(second.context.db).assessmentOf(application, requirementId)
      expect(stored).toMatchObject({ evidence: `window ${won}`, version: 1 })
      expect(await count('assessment_history', application)).toBe(1)
      expect(await activity('assessment_rated')).toBe(1)
    },
  )

  racing(
    'moves the same card from both at once: one wins, the other is told who moved it where, and when',
    async () => {
      const p = await posting([item('requirement', 'Strong PostgreSQL')])
      const application = await apply(await candidate('Ada Moreau'), p.id)
      const stages = (await first.services.stages.list(p.id)).filter((stage) => stage.kind === 'open')
      const [from, ...targets] = stages
      if (!from || targets.length < 2) throw new Error('the demo pipeline has fewer than three open stages')
      const me = (await first.services.workspace.me())!
      const outcomes = await Promise.allSettled(
        [first, second].map((workspace, index) =>
          workspace.services.applications.move(application, targets[index]!.id, '', from.id),
        ),
      )
      const won = outcomes.findIndex((outcome) => outcome.status === 'fulfilled')
      const lost = outcomes.find((outcome) => outcome.status === 'rejected')
      expect(won).toBeGreaterThanOrEqual(0)
      expect(lost?.reason).toMatchObject({
        code: 'conflict',
        key: 'application_moved_meanwhile_by',
        params: { name: me.name, stage: targets[won]!.name, time: expect.stringMatching(/ UTC$/) as string },
      })
      const after = await second.services.applications.get(application)
      expect(after.stageId).toBe(targets[won]!.id)
      expect(await count('stage_events', application)).toBe(2)
      expect(await activity('application_moved')).toBe(1)
    },
  )

  it('checks the version in the UPDATE itself: a write from a stale read changes nothing', async () => {
    const p = await posting([item('requirement', 'Strong PostgreSQL')])
    const application = await apply(await candidate('Ada Moreau'), p.id)
    const requirementId = p.requirements[0]!.id
    const assessments = new AssessmentRepository(first.context.db)
    const read = (await assessments.assessmentOf(application, requirementId))!
    await second.services.assessments.rate({
      applicationId: application,
      requirementId,
      rating: 'met',
      evidence: 'second',
      source: 'screen',
      expectedVersion: read.version,
    })
    expect(await assessments.updateAssessment(read.id, read.version, { evidence: 'stale' })).toBe(false)
    expect(await assessments.assessmentOf(application, requirementId)).toMatchObject({ evidence: 'second' })

    const applications = new ApplicationRepository(first.context.db)
    const row = (await applications.findApplication(application))!
    const stages = await first.services.stages.list(p.id)
    await second.services.applications.move(application, stages[1]!.id, '', row.stage_id)
    const stale = await applications.updateApplication(application, row, {
      stageId: stages[2]!.id,
      status: 'active',
      reason: '',
      at: row.updated_at,
      stageEnteredAt: row.stage_entered_at,
      closedAt: null,
    })
    expect(stale).toBe(false)
    expect((await applications.findApplication(application))?.stage_id).toBe(stages[1]!.id)
  })

  // Why no service retries a transaction on a deadlock (40P01) or a serialization failure (40001): every
  // transaction takes the workspace's write lock before any row lock, so two of them never hold rows the other
  // waits for, and READ COMMITTED never raises 40001. Row locks taken in opposite orders would deadlock here.
  racing('never deadlocks two transactions that lock the same rows in opposite orders', async () => {
    const ids = [await candidate('Ada Moreau'), await candidate('Grace Ito')]
    const pause = () => new Promise((resolve) => setTimeout(resolve, 150))
    const touchBoth = (workspace: OpenWorkspace, order: number[]) =>
      workspace.context.db.transaction().execute(async (trx) => {
        for (const id of order) {
          await sql`UPDATE candidates SET location = ${`order ${order.join('-')}`} WHERE id = ${id}`.execute(trx)
          await pause()
        }
      })
    const outcomes = await Promise.allSettled([touchBoth(first, ids), touchBoth(second, [...ids].reverse())])
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled'])
    const rows = await first.context.db.selectFrom('candidates').select('location').where('id', 'in', ids).execute()
    // Whichever ran second wrote both rows: the two transactions did not interleave.
    expect(new Set(rows.map((row) => row.location)).size).toBe(1)
  })

  racing('adds the same candidate to the same posting from both at once: one application, one refusal', async () => {
    const p = await posting([item('requirement', 'Strong PostgreSQL')])
    const candidateId = await candidate('Ada Moreau')
    const outcomes = await Promise.allSettled(
      [first, second].map((workspace) => workspace.services.applications.add({ candidateId, postingId: p.id })),
    )
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1)
    expect(outcomes.find((outcome) => outcome.status === 'rejected')?.reason).toMatchObject({
      key: 'already_applied',
    })
  })

  it('keeps one live application per candidate and posting by a unique index, below the rule', async () => {
    const p = await posting([item('requirement', 'Strong PostgreSQL')])
    const candidateId = await candidate('Ada Moreau')
    await apply(candidateId, p.id)
    const stage = (await first.services.stages.list(p.id))[0]!
    const refused: unknown = await new ApplicationRepository(second.context.db)
      .insertApplication({
        candidateId,
        postingId: p.id,
        stageId: stage.id,
        source: '',
        actor: null,
        at: '2026-01-01T00:00:00.000Z',
      })
      .then(
        () => null,
        (error: unknown) => error,
      )
    expect(isUniqueViolation(refused)).toBe(true)
  })
})
