import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { dispatch } from '../../dispatch'
import { openDatabase } from '../db/connection'
import { migrations } from '../db/migrations'
import { AppError } from '../errors'
import { openTestWorkspace, tempDir, type TestWorkspace } from '../testing/temp-workspace'

let workspace: TestWorkspace
let postingId: number
beforeEach(async () => {
  workspace = await openTestWorkspace({ demo: true })
  const [ladder] = await workspace.services.ladders.list()
  const level = ladder?.levels.find((entry) => entry.code === 'BE2')
  if (!level) throw new Error('demo ladder missing')
  const posting = await workspace.services.postings.createFromLevel({
    levelId: level.id,
    team: 'Search',
    language: 'en',
    countries: [],
    remotePolicy: 'remote',
    summary: '',
    status: 'open',
  })
  postingId = posting.id
})
afterEach(() => workspace.dispose())

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof AppError) return error
    throw error
  }
  throw new Error('expected a rejection')
}

const names = async (id = postingId) => (await workspace.services.stages.list(id)).map((stage) => stage.name)

async function candidate(name: string): Promise<number> {
  const created = await workspace.services.candidates.create({
    name,
    emails: [],
    phones: [],
    links: [],
    location: '',
    source: '',
    tags: [],
    ifDuplicate: 'create',
  })
  return created.id
}

describe('stages', () => {
  it('gives a new posting the default pipeline, the last stage being where hires go', async () => {
    const stages = await workspace.services.stages.list(postingId)
    expect(stages.map((stage) => [stage.name, stage.kind, stage.position])).toEqual([
      ['Applied', 'open', 0],
      ['Screen', 'open', 1],
      ['Interview', 'open', 2],
      ['Offer', 'open', 3],
      ['Hired', 'hired', 4],
    ])
    expect(stages[0]?.counts).toEqual({ active: 0, hired: 0, rejected: 0, withdrawn: 0 })
  })

  it('gives postings saved before the pipeline existed the default stages when migrating', async () => {
    const dir = tempDir()
    try {
      const before = migrations.filter((migration) => migration.version < 4)
      const old = await openDatabase(dir.path, { migrations: before })
      const now = new Date().toISOString()
      await sql`INSERT INTO ladders (name, created_at, updated_at) VALUES ('L', ${now}, ${now})`.execute(old.db)
      await sql`INSERT INTO levels (ladder_id, position, code, title) VALUES (1, 0, 'L1', 'Level one')`.execute(old.db)
      for (const title of ['Old one', 'Old two']) {
        await sql`INSERT INTO postings (title, level_id, language, created_at, updated_at)
          VALUES (${title}, 1, 'en', ${now}, ${now})`.execute(old.db)
      }
      await old.close()
      const migrated = await openDatabase(dir.path)
      const rows = await migrated.db
        .selectFrom('stages')
        .select(['posting_id', 'name', 'kind'])
        .orderBy('posting_id')
        .orderBy('position')
        .execute()
      await migrated.close()
      expect(rows.filter((row) => row.posting_id === 1).map((row) => row.name)).toEqual([
        'Applied',
        'Screen',
        'Interview',
        'Offer',
        'Hired',
      ])
      expect(rows.filter((row) => row.posting_id === 2 && row.kind === 'hired')).toHaveLength(1)
    } finally {
      dir.remove()
    }
  })

  it('adds, renames and reorders stages, keeping the hired stage last, and logs each change', async () => {
    const { stages } = workspace.services
    await stages.add({ postingId, name: 'Take-home' })
    expect(await names()).toEqual(['Applied', 'Screen', 'Interview', 'Offer', 'Take-home', 'Hired'])
    const added = await stages.add({ postingId, name: 'Reference check', position: 1 })
    expect(added.map((stage) => stage.name)).toEqual([
      'Applied',
      'Reference check',
      'Screen',
      'Interview',
      'Offer',
      'Take-home',
      'Hired',
    ])
    expect(added.map((stage) => stage.position)).toEqual([0, 1, 2, 3, 4, 5, 6])
    const screen = added.find((stage) => stage.name === 'Screen')
    await stages.rename(screen?.id ?? 0, 'Phone screen')
    const open = added.filter((stage) => stage.kind === 'open').map((stage) => stage.id)
    const reordered = await stages.reorder(postingId, [...open].reverse())
    expect(reordered.map((stage) => stage.name)).toEqual([
      'Take-home',
      'Offer',
      'Interview',
      'Phone screen',
      'Reference check',
      'Applied',
      'Hired',
    ])
    const activity = await workspace.context.db
      .selectFrom('activity')
      .select('action')
      .where('entity_type', '=', 'posting')
      .where('entity_id', '=', postingId)
      .where('action', 'like', 'stage%')
      .orderBy('id')
      .execute()
    expect(activity.map((row) => row.action)).toEqual([
      'stage_added',
      'stage_added',
      'stage_renamed',
      'stages_reordered',
    ])
  })

  it('refuses a second stage with the same name, whatever its case, and a reorder that is not complete', async () => {
    const { stages } = workspace.services
    const same = await failure(stages.add({ postingId, name: 'screen' }))
    expect(same).toMatchObject({ code: 'conflict', message: 'This posting already has a stage named "screen".' })
    const list = await stages.list(postingId)
    const offer = list.find((stage) => stage.name === 'Offer')
    expect(await failure(stages.rename(offer?.id ?? 0, 'INTERVIEW'))).toMatchObject({ code: 'conflict' })
    const open = list.filter((stage) => stage.kind === 'open').map((stage) => stage.id)
    const hired = list.find((stage) => stage.kind === 'hired')?.id ?? 0
    expect(await failure(stages.reorder(postingId, open.slice(1)))).toMatchObject({ code: 'invalid_input' })
    expect(await failure(stages.reorder(postingId, [hired, ...open]))).toMatchObject({ code: 'invalid_input' })
    expect(await names()).toEqual(['Applied', 'Screen', 'Interview', 'Offer', 'Hired'])
  })

  it('refuses to remove a stage while applications sit in it, and the hired or only open stage ever', async () => {
    const { stages, applications } = workspace.services
    const list = await stages.list(postingId)
    const [applied, screen, interview, offer, hired] = list
    const application = await applications.add({ candidateId: await candidate('Ola Berg'), postingId })
    await applications.move(application.id, screen?.id ?? 0)
    await applications.setStatus(application.id, 'rejected', 'No Go experience')

    const busy = await failure(stages.remove(screen?.id ?? 0))
    expect(busy).toMatchObject({ code: 'conflict' })
    expect(busy.message).toBe('1 application is in "Screen" (0 active, 1 closed). Move it to another stage first.')
    expect(await failure(stages.remove(hired?.id ?? 0))).toMatchObject({
      code: 'conflict',
      message: '"Hired" is where hired applicants go; it cannot be removed.',
    })
    expect(await names()).toEqual(['Applied', 'Screen', 'Interview', 'Offer', 'Hired'])

    // Applied was passed through: archived, so the history still names it. Interview never was: deleted.
    await stages.remove(applied?.id ?? 0)
    await stages.remove(interview?.id ?? 0)
    expect(await names()).toEqual(['Screen', 'Offer', 'Hired'])
    const detail = await applications.get(application.id)
    expect(detail.events.map((event) => event.toStage.name)).toEqual(['Applied', 'Screen', 'Screen'])
    const kept = await workspace.context.db
      .selectFrom('stages')
      .select('name')
      .where('id', '=', applied?.id ?? 0)
      .execute()
    expect(kept).toEqual([{ name: 'Applied' }])
    expect(
      await workspace.context.db
        .selectFrom('stages')
        .select('id')
        .where('id', '=', interview?.id ?? 0)
        .execute(),
    ).toEqual([])
    // An archived name can be used again.
    await stages.add({ postingId, name: 'Applied', position: 0 })
    expect(await names()).toEqual(['Applied', 'Screen', 'Offer', 'Hired'])

    await stages.remove(offer?.id ?? 0)
    await applications.setStatus(application.id, 'active', '', (await stages.list(postingId))[0]?.id)
    await stages.remove(screen?.id ?? 0)
    const only = (await stages.list(postingId))[0]
    expect(await failure(stages.remove(only?.id ?? 0))).toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('is the only stage before hiring') as string,
    })
  })

  it('copies the stages of a posting it duplicates', async () => {
    const { stages, postings } = workspace.services
    await stages.add({ postingId, name: 'Pairing session', position: 2 })
    const copy = await postings.duplicate(postingId)
    expect(await names(copy.id)).toEqual(['Applied', 'Screen', 'Pairing session', 'Interview', 'Offer', 'Hired'])
    expect((await stages.list(copy.id)).at(-1)?.kind).toBe('hired')
  })

  it.each([
    ['an empty name', 'stages:add', () => ({ postingId, name: '   ' }), /^name: Required/],
    ['a multi-line name', 'stages:add', () => ({ postingId, name: 'Screen\nTwo' }), /single line/],
    ['a name too long', 'stages:add', () => ({ postingId, name: 'x'.repeat(81) }), /at most 80/],
    ['a stage twice in an order', 'stages:reorder', () => ({ postingId, stageIds: [1, 1] }), /appears twice/],
    ['an unknown posting', 'stages:list', () => ({ postingId: 99_999 }), /Posting 99999 does not exist/],
    ['a negative stage id', 'stages:remove', () => ({ id: -3 }), /^id: /],
  ])('refuses %s with a clear message and changes nothing', async (_case, channel, input, message) => {
    const result = await dispatch(channel, input(), { services: workspace.services })
    expect(result).toMatchObject({ ok: false, error: { message: expect.stringMatching(message) as string } })
    expect(await names()).toEqual(['Applied', 'Screen', 'Interview', 'Offer', 'Hired'])
  })
})
