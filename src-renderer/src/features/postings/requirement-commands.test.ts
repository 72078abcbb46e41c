import type { RequirementChangeDto, RequirementDto, RequirementSection, Result } from '@contract'
import { describe, expect, it } from 'vitest'
import { requirementSections } from './posting-enums'
import {
  createRequirementCommands,
  type RequirementApi,
  type RequirementCommandOptions,
  type RequirementValues,
  type UndoEntry,
} from './requirement-commands'

const POSTING = 7

/**
 * A posting's items kept the way the service keeps them: positions numbered within each section, a removed
 * item deleted unless marked as rated (then archived and restorable). Every call is recorded.
 */
function fakeServer(initial: { id: number; section: RequirementSection; text: string; rated?: boolean }[]) {
  let nextId = 100
  const rated = new Set(initial.filter((item) => item.rated).map((item) => item.id))
  const archived = new Map<number, RequirementDto>()
  let items: RequirementDto[] = initial.map((item) => ({
    id: item.id,
    postingId: POSTING,
    section: item.section,
    position: 0,
    text: item.text,
    mustHave: false,
    preferred: false,
    weight: 1,
    minYears: null,
    skills: [],
    competencyId: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  }))
  const calls: string[] = []
  let failNext: string | null = null

  const renumber = () => {
    items = requirementSections.flatMap((section) =>
      items
        .filter((item) => item.section === section)
        .sort((a, b) => a.position - b.position)
        .map((item, position) => ({ ...item, position })),
    )
  }
  /** Puts `item` at `position` of its section, before the one there. */
  const place = (item: RequirementDto, position: number) => {
    const others = items.filter((entry) => entry.id !== item.id)
    const section = others.filter((entry) => entry.section === item.section).sort((a, b) => a.position - b.position)
    section.splice(Math.min(position, section.length), 0, item)
    items = [
      ...others.filter((entry) => entry.section !== item.section),
      ...section.map((entry, index) => ({ ...entry, position: index })),
    ]
    renumber()
  }
  renumber()
  const answer = (id: number, extra: Partial<RequirementChangeDto> = {}): Result<RequirementChangeDto> => {
    const requirement = items.find((item) => item.id === id) ?? archived.get(id) ?? extra.requirement
    if (!requirement) throw new Error(`no requirement ${id}`)
    return { ok: true, data: { requirement, requirements: structuredClone(items), ...extra } }
  }
  const respond = async (name: string, work: () => Result<RequirementChangeDto>) => {
    calls.push(name)
    // A real round trip: the answer comes after the caller's synchronous code has run.
    await new Promise((resolve) => setTimeout(resolve, 1))
    if (failNext === name) {
      failNext = null
      return { ok: false, error: { code: 'conflict', message: `${name} refused` } } as const
    }
    return work()
  }

  const api: RequirementApi = {
    addRequirement: (input) =>
      respond('add', () => {
        const item: RequirementDto = {
          ...items[0]!,
          id: nextId++,
          section: input.section,
          position: 0,
          text: input.text,
          mustHave: input.mustHave ?? false,
          preferred: input.preferred ?? false,
          weight: input.weight ?? 1,
          minYears: input.minYears ?? null,
          skills: (input.skills ?? []).map((skill) => ({ name: skill.name, alternatives: skill.alternatives ?? [] })),
          competencyId: input.competencyId ?? null,
        }
        place(item, input.position ?? Number.MAX_SAFE_INTEGER)
        return answer(item.id)
      }),
    updateRequirement: (input) =>
      respond('update', () => {
        const skills = (input.skills ?? []).map((skill) => ({
          name: skill.name,
          alternatives: skill.alternatives ?? [],
        }))
        items = items.map((item) => (item.id === input.id ? { ...item, ...input, skills, id: item.id } : item))
        return answer(input.id)
      }),
    removeRequirement: ({ id }) =>
      respond('remove', () => {
        const item = items.find((entry) => entry.id === id)
        if (!item) throw new Error(`no requirement ${id}`)
        items = items.filter((entry) => entry.id !== id)
        renumber()
        if (rated.has(id)) archived.set(id, item)
        return answer(id, { requirement: item, archived: rated.has(id) })
      }),
    restoreRequirement: ({ id, position }) =>
      respond('restore', () => {
        const item = archived.get(id)
        if (!item) throw new Error(`not archived ${id}`)
        archived.delete(id)
        place(item, position ?? item.position)
        return answer(id)
      }),
    moveRequirement: ({ id, section, position }) =>
      respond('move', () => {
        const item = items.find((entry) => entry.id === id)
        if (!item) throw new Error(`no requirement ${id}`)
        place({ ...item, section }, position)
        return answer(id)
      }),
  }
  return {
    api,
    calls,
    list: () => items,
    failOn: (name: string) => {
      failNext = name
    },
    layout: () =>
      Object.fromEntries(
        requirementSections.map((section) => [
          section,
          items.filter((item) => item.section === section).map((item) => item.text),
        ]),
      ),
  }
}

function harness(server: ReturnType<typeof fakeServer>) {
  let shown = structuredClone(server.list())
  const undoSeen: (UndoEntry | null)[] = []
  const errors: unknown[] = []
  let settled = 0
  const options: RequirementCommandOptions = {
    postingId: POSTING,
    api: server.api,
    call: async (request) => {
      const result = await request
      if (!result.ok) throw new Error(result.error.message)
      return result.data
    },
    current: () => shown,
    apply: (change) => {
      shown = change.requirements
    },
    onError: (error) => errors.push(error),
    onUndoable: (entry) => undoSeen.push(entry),
    onSettled: () => {
      settled++
    },
    labels: { move: 'move', remove: 'remove', edit: 'edit', add: 'add' },
  }
  return {
    commands: createRequirementCommands(options),
    undoSeen,
    errors,
    shown: () => shown,
    settled: () => settled,
  }
}

const values = (section: RequirementSection, text: string): RequirementValues => ({
  section,
  text,
  mustHave: true,
  preferred: false,
  weight: 3,
  minYears: 2,
  skills: [{ name: 'SQL', alternatives: [] }],
  competencyId: null,
})

const start = () =>
  fakeServer([
    { id: 1, section: 'responsibility', text: 'R1' },
    { id: 2, section: 'responsibility', text: 'R2' },
    { id: 3, section: 'requirement', text: 'Q1', rated: true },
    { id: 4, section: 'requirement', text: 'Q2' },
  ])

describe('requirement commands', () => {
  it('undoes an addition by removing the item it added', async () => {
    const server = start()
    const { commands, undoSeen } = harness(server)
    expect(await commands.add(values('benefit', 'Lunch'))).toBe(true)
    expect(server.layout().benefit).toEqual(['Lunch'])
    expect(commands.undoable?.label).toBe('add')
    expect(await commands.undo()).toBe(true)
    expect(server.layout().benefit).toEqual([])
    expect(server.calls).toEqual(['add', 'remove'])
    expect(commands.undoable).toBeNull()
    expect(undoSeen.at(-1)).toBeNull()
  })

  it('undoes a removal of an item nobody was rated on by adding it again where it was', async () => {
    const server = start()
    const { commands } = harness(server)
    await commands.remove(1)
    expect(server.layout().responsibility).toEqual(['R2'])
    await commands.undo()
    expect(server.layout().responsibility).toEqual(['R1', 'R2'])
    expect(server.calls).toEqual(['remove', 'add'])
  })

  it('undoes a removal of a rated item by restoring it, so its ratings come back', async () => {
    const server = start()
    const { commands } = harness(server)
    await commands.remove(3)
    expect(server.layout().requirement).toEqual(['Q2'])
    await commands.undo()
    expect(server.calls).toEqual(['remove', 'restore'])
    expect(server.layout().requirement).toEqual(['Q1', 'Q2'])
    expect(server.list().find((item) => item.text === 'Q1')?.id).toBe(3)
  })

  it('undoes an edit by writing back every field as it was', async () => {
    const server = start()
    const { commands, shown } = harness(server)
    const before = structuredClone(shown().find((item) => item.id === 4)!)
    await commands.edit(before, values('requirement', 'Q2, rewritten'))
    expect(server.list().find((item) => item.id === 4)).toMatchObject({ text: 'Q2, rewritten', minYears: 2 })
    await commands.undo()
    const after = server.list().find((item) => item.id === 4)
    expect(after).toMatchObject({ text: 'Q2', mustHave: false, weight: 1, minYears: null, skills: [] })
  })

  it('moves one step past the end of a section into the next, and undo brings it back', async () => {
    const server = start()
    const { commands } = harness(server)
    await commands.moveBy(2, 1)
    expect(server.layout()).toMatchObject({ responsibility: ['R1'], requirement: ['R2', 'Q1', 'Q2'] })
    await commands.moveBy(4, -1)
    expect(server.layout().requirement).toEqual(['R2', 'Q2', 'Q1'])
    await commands.undo()
    expect(server.layout().requirement).toEqual(['R2', 'Q1', 'Q2'])
    // Only the last change is remembered.
    expect(await commands.undo()).toBe(false)
    expect(server.calls).toEqual(['move', 'move', 'move'])
  })

  it('runs quick commands in turn, each on the list the previous one left', async () => {
    const server = start()
    const { commands } = harness(server)
    const first = commands.moveBy(1, 1)
    const second = commands.moveBy(1, 1)
    expect(await Promise.all([first, second])).toEqual([true, true])
    // Against a stale list the second step would have repeated the first one's move.
    expect(server.layout()).toMatchObject({ responsibility: ['R2'], requirement: ['R1', 'Q1', 'Q2'] })
  })

  it('sends nothing for a move to where the item already is, and leaves nothing to undo', async () => {
    const server = start()
    const { commands, settled } = harness(server)
    expect(await commands.moveTo(2, 'responsibility', 1)).toBe(true)
    expect(await commands.moveBy(1, -1)).toBe(true)
    expect(server.calls).toEqual([])
    expect(commands.undoable).toBeNull()
    expect(settled()).toBe(2)
  })

  it('moves to the end of another section when no position is given', async () => {
    const server = start()
    const { commands } = harness(server)
    await commands.moveTo(1, 'requirement')
    expect(server.layout().requirement).toEqual(['Q1', 'Q2', 'R1'])
    await commands.undo()
    expect(server.layout()).toMatchObject({ responsibility: ['R1', 'R2'], requirement: ['Q1', 'Q2'] })
  })

  it('reports a refused change, keeps the previous undo, and the queue carries on', async () => {
    const server = start()
    const { commands, errors, settled } = harness(server)
    await commands.add(values('other', 'Note'))
    server.failOn('move')
    const refused = commands.moveBy(1, 1)
    const next = commands.remove(2)
    expect(await refused).toBe(false)
    expect(await next).toBe(true)
    expect(errors.map((error) => (error as Error).message)).toEqual(['move refused'])
    expect(commands.undoable?.label).toBe('remove')
    expect(server.layout().responsibility).toEqual(['R1'])
    expect(settled()).toBe(3)
  })

  it('keeps nothing to undo when the undo itself is refused', async () => {
    const server = start()
    const { commands, errors } = harness(server)
    await commands.remove(1)
    server.failOn('add')
    expect(await commands.undo()).toBe(false)
    expect(errors).toHaveLength(1)
    expect(commands.undoable).toBeNull()
    expect(server.layout().responsibility).toEqual(['R2'])
  })
})
