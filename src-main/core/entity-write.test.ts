import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { candidateEntity } from './candidates/candidate-entity'
import type { CandidateRepository } from './candidates/repository'
import { fixedClock, type FixedClock } from './clock'
import { entityWriter, type EntityKind } from './entity-write'
import { openTestWorkspace, type TestWorkspace } from './testing/temp-workspace'

let workspace: TestWorkspace
let clock: FixedClock
beforeEach(async () => {
  clock = fixedClock('2026-03-02T09:00:00.000Z')
  workspace = await openTestWorkspace({ clock })
})
afterEach(() => workspace.dispose())

const blank = { emails: [], phones: [], links: [], location: '', source: '', tags: [], ifDuplicate: 'refuse' as const }
const minute = 60_000

const actions = async (candidateId: number) =>
  (
    await workspace.context.db
      .selectFrom('activity')
      .select('action')
      .where('entity_type', '=', 'candidate')
      .where('entity_id', '=', candidateId)
      .orderBy('id')
      .execute()
  ).map((row) => row.action)

const hits = async (text: string) => (await workspace.services.candidates.search(text, 10)).map((hit) => hit.id)

describe('write, touch, refresh, record', () => {
  it("stamps the clock's time, touches the entity, refreshes its search text and records the activity", async () => {
    const { candidates } = workspace.services
    const created = await candidates.create({ ...blank, name: 'Ada Quist' })
    expect(created.createdAt).toBe('2026-03-02T09:00:00.000Z')
    expect(created.updatedAt).toBe('2026-03-02T09:00:00.000Z')

    clock.advance(minute)
    const note = await candidates.addNote(created.id, 'Speaks Icelandic')
    expect(note.createdAt).toBe('2026-03-02T09:01:00.000Z')
    expect((await candidates.get(created.id)).updatedAt).toBe('2026-03-02T09:01:00.000Z')
    expect(await hits('icelandic')).toEqual([created.id])

    // A note's edit carries its own time; the candidate's stays where the note's addition put it.
    clock.advance(minute)
    const edited = await candidates.updateNote(note.id, 'Speaks Faroese')
    expect(edited.updatedAt).toBe('2026-03-02T09:02:00.000Z')
    expect((await candidates.get(created.id)).updatedAt).toBe('2026-03-02T09:01:00.000Z')
    expect(await hits('faroese')).toEqual([created.id])
    expect(await hits('icelandic')).toEqual([])
    expect(await actions(created.id)).toEqual(['created', 'note_added', 'note_edited'])
  })

  it('leaves nothing behind when the write or what follows it fails', async () => {
    const { candidates } = workspace.services
    const created = await candidates.create({ ...blank, name: 'Ada Quist' })
    const failing: EntityKind<CandidateRepository> = {
      ...candidateEntity,
      refresh: () => Promise.reject(new Error('search index unavailable')),
    }
    clock.advance(minute)
    const write = entityWriter(workspace.context, workspace.services.workspace, failing)
    await expect(
      write(async ({ repo, actor, at }) => {
        await repo.insertNote(created.id, 'Never kept', at, actor)
        return { entityId: created.id, action: 'note_added', result: undefined }
      }),
    ).rejects.toThrow('search index unavailable')
    const after = await candidates.get(created.id)
    expect(after.notes).toEqual([])
    expect(after.updatedAt).toBe('2026-03-02T09:00:00.000Z')
    expect(await actions(created.id)).toEqual(['created'])
  })

  it('records nothing for a write that changed nothing, and still answers', async () => {
    const created = await workspace.services.candidates.create({ ...blank, name: 'Ada Quist' })
    clock.advance(minute)
    const write = entityWriter(workspace.context, workspace.services.workspace, candidateEntity)
    const answer = await write(({ repo }) =>
      Promise.resolve({
        unchanged: true as const,
        afterwards: async () => (await repo.findCandidate(created.id))?.updated_at,
      }),
    )
    expect(answer).toBe('2026-03-02T09:00:00.000Z')
    expect(await actions(created.id)).toEqual(['created'])
  })
})
