import type { RequirementChangeDto, RequirementDto, RequirementSection, Result } from '@contract'
import { describe, expect, it } from 'vitest'
import { requirementSections } from './posting-enums'
import {
  planMove,
  planStep,
  RequirementCommands,
  type CommandHost,
  type RequirementApi,
  type RequirementValues,
  type UndoEntry,
} from './requirement-commands'

const POSTING = 7

/**
 * A stand-in for the postings service, with its ordering rules (0-based positions per section, renumbered after
 * every change) so that the commands can be followed through several steps. Each answer waits for `release`,
 * so a test decides when the "server" replies.
 */
class FakeServer {
  items: RequirementDto[] = []
  calls: string[] = []
  failNext = false
  /** Ids that have ratings: removing them archives instead of deleting. */
  rated = new Set<number>()
  archived: RequirementDto[] = []
  private nextId = 100
  private waiting: (() => void)[] = []
  hold = false

  constructor(layout: Partial<Record<RequirementSection, string[]>>) {
    for (const section of requirementSections) {
      for (const text of layout[section] ?? []) this.items.push(this.make(section, text))
    }
    this.renumber()
  }

  private make(section: RequirementSection, text: string, position = 999): RequirementDto {
    return {
      id: this.nextId++,
      postingId: POSTING,
      section,
      position,
      text,
      mustHave: false,
      preferred: false,
      weight: 1,
      minYears: null,
      skills: [],
      competencyId: null,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    }
  }

  private renumber(): void {
    const ordered = requirementSections.flatMap((section) =>
      this.items.filter((item) => item.section === section).sort((a, b) => a.position - b.position),
    )
    const counters = new Map<RequirementSection, number>()
    this.items = ordered.map((item) => {
      const position = counters.get(item.section) ?? 0
      counters.set(item.section, position + 1)
      return { ...item, position }
    })
  }

  /** Puts `item` at `position` of its section, before whatever is there. */
  private place(item: RequirementDto, position: number | undefined): void {
    const others = this.items.filter((entry) => entry.id !== item.id)
    const section = others.filter((entry) => entry.section === item.section).sort((a, b) => a.position - b.position)
    const at = Math.min(position ?? section.length, section.length)
    section.splice(at, 0, item)
    const placed = section.map((entry, index) => ({ ...entry, position: index }))
    this.items = [...others.filter((entry) => entry.section !== item.section), ...placed]
    this.renumber()
  }

  private async answer(name: string, change: () => RequirementDto): Promise<Result<RequirementChangeDto>> {
    this.calls.push(name)
    if (this.hold) await new Promise<void>((resolve) => this.waiting.push(resolve))
    if (this.failNext) {
      this.failNext = false
      return { ok: false, error: { code: 'conflict', message: 'changed meanwhile' } }
    }
    const requirement = change()
    const archived = name.startsWith('remove') && this.rated.has(requirement.id)
    return { ok: true, data: { requirement, requirements: this.items.map((item) => ({ ...item })), archived } }
  }

  release(): void {
    const next = this.waiting.shift()
    next?.()
  }

  get pending(): number {
    return this.waiting.length
  }

  readonly api: RequirementApi = {
    addRequirement: (input) =>
      this.answer(`add ${input.text}`, () => {
        const { postingId: _postingId, position, ...fields } = input
        const item = { ...this.make(input.section, input.text), ...fields, skills: skills(fields.skills) }
        this.place(item, position)
        return this.byId(item.id)
      }),
    updateRequirement: (input) =>
      this.answer(`update ${input.id}`, () => {
        const item = this.byId(input.id)
        this.items = this.items.map((entry) =>
          entry.id === input.id ? { ...item, ...input, skills: skills(input.skills) } : entry,
        )
        return this.byId(input.id)
      }),
    removeRequirement: (input) =>
      this.answer(`remove ${input.id}`, () => {
        const item = this.byId(input.id)
        if (this.rated.has(item.id)) this.archived.push(item)
        this.items = this.items.filter((entry) => entry.id !== input.id)
        this.renumber()
        return item
      }),
    restoreRequirement: (input) =>
      this.answer(`restore ${input.id}`, () => {
        const item = this.archived.find((entry) => entry.id === input.id)
        if (!item) throw new Error(`nothing archived under ${input.id}`)
        this.place(item, input.position)
        return this.byId(input.id)
      }),
    moveRequirement: (input) =>
      this.answer(`move ${input.id} ${input.section} ${input.position}`, () => {
        this.place({ ...this.byId(input.id), section: input.section }, input.position)
        return this.byId(input.id)
      }),
  }

  byId(id: number): RequirementDto {
    const item = this.items.find((entry) => entry.id === id)
    if (!item) throw new Error(`no item ${id}`)
    return item
  }

  idOf(text: string): number {
    const item = this.items.find((entry) => entry.text === text)
    if (!item) throw new Error(`no item "${text}"`)
    return item.id
  }

  /** The layout as texts per non-empty section, in order. */
  layout(list: RequirementDto[] = this.items): Record<string, string[]> {
    const result: Record<string, string[]> = {}
    for (const section of requirementSections) {
      const texts = list
        .filter((item) => item.section === section)
        .sort((a, b) => a.position - b.position)
        .map((item) => item.text)
      if (texts.length > 0) result[section] = texts
    }
    return result
  }
}

const skills = (list: { name: string; alternatives?: string[] }[] = []) =>
  list.map((skill) => ({ name: skill.name, alternatives: skill.alternatives ?? [] }))

/** The editor's side: a list that follows applied changes, and a record of what the user would see. */
function editor(server: FakeServer) {
  const state = {
    list: server.items.map((item) => ({ ...item })),
    failures: [] as string[],
    settled: 0,
    undo: null as UndoEntry | null,
  }
  const host: CommandHost = {
    api: server.api,
    postingId: POSTING,
    current: () => state.list,
    unwrap: async <T>(request: Promise<Result<T>>) => {
      const result = await request
      if (!result.ok) throw new Error(result.error.message)
      return result.data
    },
    applied: (change) => (state.list = change.requirements),
    failed: (error) => state.failures.push(error instanceof Error ? error.message : String(error)),
    settled: () => state.settled++,
    undoChanged: (entry) => (state.undo = entry),
  }
  return { state, commands: new RequirementCommands(host) }
}

const values = (section: RequirementSection, text: string): RequirementValues => ({
  section,
  text,
  mustHave: true,
  preferred: false,
  weight: 3,
  minYears: 2,
  skills: [{ name: 'Go', alternatives: ['Rust'] }],
  competencyId: null,
})

describe('planning a move', () => {
  const server = new FakeServer({ responsibility: ['r1', 'r2'], requirement: ['q1'], other: ['o1'] })
  const list = server.items

  it('clamps a position past the end of the target section to its end', () => {
    expect(planMove(list, server.idOf('r1'), 'requirement', 50)).toEqual({
      id: server.idOf('r1'),
      section: 'requirement',
      position: 1,
    })
  })

  it('plans nothing for an item already in place or no longer there', () => {
    expect(planMove(list, server.idOf('r2'), 'responsibility', 1)).toBeNull()
    expect(planMove(list, server.idOf('r2'), 'responsibility')).toBeNull()
    expect(planMove(list, 9999, 'other')).toBeNull()
  })

  it('steps within a section, then into the next non-empty or empty neighbour', () => {
    expect(planStep(list, server.idOf('r1'), 1)).toMatchObject({ section: 'responsibility', position: 1 })
    expect(planStep(list, server.idOf('r2'), 1)).toMatchObject({ section: 'requirement', position: 0 })
    expect(planStep(list, server.idOf('q1'), -1)).toMatchObject({ section: 'responsibility', position: 2 })
    // Past the end of "requirement" comes the empty "nice_to_have", not the next filled section.
    expect(planStep(list, server.idOf('q1'), 1)).toMatchObject({ section: 'nice_to_have', position: 0 })
  })

  it('stops at the first and the last section', () => {
    expect(planStep(list, server.idOf('r1'), -1)).toBeNull()
    expect(planStep(list, server.idOf('o1'), 1)).toBeNull()
  })
})

describe('requirement commands', () => {
  it('runs commands one after another, each against the list the previous one left', async () => {
    const server = new FakeServer({ responsibility: ['a', 'b', 'c'] })
    const { state, commands } = editor(server)
    server.hold = true
    const a = server.idOf('a')
    const first = commands.moveBy(a, 1, 'move')
    const second = commands.moveBy(a, 1, 'move')
    await Promise.resolve()
    // The second command has not even been planned: only one request is out.
    expect(server.calls).toEqual([`move ${a} responsibility 1`])
    server.release()
    await first
    await waitForRequest(() => server.pending === 1)
    expect(server.calls).toEqual([`move ${a} responsibility 1`, `move ${a} responsibility 2`])
    server.release()
    expect(await second).toBe(true)
    expect(server.layout(state.list)).toEqual({ responsibility: ['b', 'c', 'a'] })
    expect(state.settled).toBe(2)
  })

  it('undoes a move back to the section and place it came from, once', async () => {
    const server = new FakeServer({ responsibility: ['a', 'b'], requirement: ['q'] })
    const { state, commands } = editor(server)
    await commands.moveTo(server.idOf('a'), 'requirement', 0, 'Move')
    expect(server.layout(state.list)).toEqual({ responsibility: ['b'], requirement: ['a', 'q'] })
    expect(state.undo?.label).toBe('Move')

    expect(await commands.undo()).toBe(true)
    expect(server.layout(state.list)).toEqual({ responsibility: ['a', 'b'], requirement: ['q'] })
    // An undo is not itself undoable, and the same change is not undone twice.
    expect(state.undo).toBeNull()
    const calls = server.calls.length
    expect(await commands.undo()).toBe(false)
    expect(server.calls).toHaveLength(calls)
  })

  it('undoes only the last change', async () => {
    const server = new FakeServer({ responsibility: ['a', 'b', 'c'] })
    const { state, commands } = editor(server)
    await commands.moveBy(server.idOf('a'), 1, 'first')
    await commands.moveBy(server.idOf('c'), -1, 'second')
    expect(server.layout(state.list)).toEqual({ responsibility: ['b', 'c', 'a'] })
    expect(state.undo?.label).toBe('second')
    await commands.undo()
    expect(server.layout(state.list)).toEqual({ responsibility: ['b', 'a', 'c'] })
  })

  it('sends no request for a move that changes nothing, and keeps the undo it had', async () => {
    const server = new FakeServer({ responsibility: ['a', 'b'] })
    const { state, commands } = editor(server)
    await commands.moveBy(server.idOf('b'), -1, 'real')
    const calls = server.calls.length
    expect(await commands.moveBy(server.idOf('b'), -1, 'nothing')).toBe(true)
    expect(server.calls).toHaveLength(calls)
    expect(state.undo?.label).toBe('real')
    expect(state.settled).toBe(2)
  })

  it('brings a deleted item back with its fields and place, and an archived one through restore', async () => {
    const server = new FakeServer({ requirement: ['x', 'y', 'z'] })
    const { state, commands } = editor(server)
    const y = server.byId(server.idOf('y'))
    await commands.remove(y.id, 'remove')
    expect(server.layout(state.list)).toEqual({ requirement: ['x', 'z'] })
    await commands.undo()
    expect(server.layout(state.list)).toEqual({ requirement: ['x', 'y', 'z'] })
    expect(server.calls.at(-1)).toBe('add y')

    const z = server.idOf('z')
    server.rated.add(z)
    await commands.remove(z, 'remove')
    await commands.undo()
    expect(server.calls.at(-1)).toBe(`restore ${z}`)
    expect(state.list.find((item) => item.id === z)).toMatchObject({ text: 'z', position: 2 })
  })

  it('undoes an edit by writing the fields back, and an addition by removing it', async () => {
    const server = new FakeServer({ requirement: ['old'] })
    const { state, commands } = editor(server)
    const before = server.byId(server.idOf('old'))
    await commands.update(before, values('requirement', 'new'), 'edit')
    expect(state.list[0]).toMatchObject({ text: 'new', mustHave: true, minYears: 2 })
    await commands.undo()
    expect(state.list[0]).toMatchObject({ text: 'old', mustHave: false, minYears: null })

    await commands.add(values('benefit', 'Bike'), 'add')
    expect(server.layout(state.list)).toEqual({ requirement: ['old'], benefit: ['Bike'] })
    await commands.undo()
    expect(server.layout(state.list)).toEqual({ requirement: ['old'] })
  })

  it('reports a refused change, keeps the list and the previous undo, and goes on with the next command', async () => {
    const server = new FakeServer({ responsibility: ['a', 'b', 'c'] })
    const { state, commands } = editor(server)
    await commands.moveBy(server.idOf('a'), 1, 'kept')
    const layout = server.layout(state.list)
    server.failNext = true
    const failed = commands.moveBy(server.idOf('c'), -1, 'lost')
    const next = commands.moveBy(server.idOf('b'), 1, 'after')
    expect(await failed).toBe(false)
    expect(state.failures).toEqual(['changed meanwhile'])
    expect(await next).toBe(true)
    expect(layout).toEqual({ responsibility: ['b', 'a', 'c'] })
    expect(server.layout(state.list)).toEqual({ responsibility: ['a', 'b', 'c'] })
    expect(state.undo?.label).toBe('after')
    expect(state.settled).toBe(3)
  })

  it('keeps the last good undo when a change fails', async () => {
    const server = new FakeServer({ responsibility: ['a', 'b'] })
    const { state, commands } = editor(server)
    await commands.moveBy(server.idOf('a'), 1, 'good')
    server.failNext = true
    expect(await commands.remove(server.idOf('b'), 'bad')).toBe(false)
    expect(state.undo?.label).toBe('good')
    await commands.undo()
    expect(server.layout(state.list)).toEqual({ responsibility: ['a', 'b'] })
  })

  it('turns a request that throws into a reported failure, not a stuck queue', async () => {
    const server = new FakeServer({ responsibility: ['a'] })
    const { state, commands } = editor(server)
    server.api.moveRequirement = () => Promise.reject(new Error('offline'))
    expect(await commands.moveTo(server.idOf('a'), 'other', 0, 'move')).toBe(false)
    expect(state.failures).toEqual(['offline'])
    expect(await commands.remove(server.idOf('a'), 'remove')).toBe(true)
    expect(state.list).toEqual([])
  })
})

/** Waits, a bounded number of microtask turns, for the fake server to receive the next request. */
async function waitForRequest(ready: () => boolean): Promise<void> {
  for (let turn = 0; turn < 50 && !ready(); turn++) await new Promise((resolve) => setTimeout(resolve, 0))
  if (!ready()) throw new Error('the next request never came')
}
