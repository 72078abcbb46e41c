import type { Api, RequirementChangeDto, RequirementDto, RequirementSection, Result } from '@contract'
import { requirementSections } from './posting-enums'

/** What restores the state before the last change; run once, then forgotten. */
export type Inverse =
  | { kind: 'remove'; id: number }
  | { kind: 'restore'; requirement: RequirementDto; archived: boolean }
  | { kind: 'rewrite'; requirement: RequirementDto }
  | { kind: 'move'; id: number; section: RequirementSection; position: number }

export interface UndoEntry {
  inverse: Inverse
  label: string
}

/** What the item form gives: where the item goes and its fields. */
export type RequirementValues = Pick<
  RequirementDto,
  'section' | 'text' | 'mustHave' | 'preferred' | 'weight' | 'minYears' | 'skills' | 'competencyId'
>

export type RequirementApi = Pick<
  Api['postings'],
  'addRequirement' | 'updateRequirement' | 'removeRequirement' | 'restoreRequirement' | 'moveRequirement'
>

export interface RequirementCommandOptions {
  postingId: number
  api: RequirementApi
  /** Unwraps a result, throwing its error. */
  call: <T>(request: Promise<Result<T>>) => Promise<T>
  /** The list as the last change left it. */
  current: () => RequirementDto[]
  apply: (change: RequirementChangeDto) => void
  onError: (error: unknown) => void
  /** Called with the change that can be undone now, or null. */
  onUndoable: (entry: UndoEntry | null) => void
  /** After every command, whether it changed anything or not. */
  onSettled: () => void
  labels: { move: string; remove: string; edit: string; add: string }
}

type Request = (list: RequirementDto[]) => Promise<Result<RequirementChangeDto>> | null

export const fieldsOf = (requirement: RequirementDto) => ({
  text: requirement.text,
  mustHave: requirement.mustHave,
  preferred: requirement.preferred,
  weight: requirement.weight,
  minYears: requirement.minYears,
  skills: requirement.skills,
  competencyId: requirement.competencyId,
})

/**
 * The editor's commands. They run one after another, each against the list as the previous one left it
 * (a quick second key press must not act on a stale list), and the last one can be undone once.
 */
export function createRequirementCommands(initial: RequirementCommandOptions) {
  let latest = initial
  const options = () => latest
  let queue: Promise<unknown> = Promise.resolve()
  let undoable: UndoEntry | null = null
  const setUndoable = (entry: UndoEntry | null) => {
    undoable = entry
    options().onUndoable(entry)
  }

  const perform = (
    request: Request,
    inverse: ((change: RequirementChangeDto, before: RequirementDto[]) => Inverse) | null,
    label: string,
  ): Promise<boolean> => {
    const run = async (): Promise<boolean> => {
      const { call, current, apply, onError, onSettled } = options()
      const before = current()
      const pending = request(before)
      if (!pending) {
        onSettled()
        return true
      }
      try {
        const change = await call(pending)
        apply(change)
        setUndoable(inverse ? { inverse: inverse(change, before), label } : null)
        return true
      } catch (error) {
        onError(error)
        return false
      } finally {
        onSettled()
      }
    }
    const next = queue.then(run)
    queue = next
    return next
  }

  const moveRequest =
    (id: number, section: RequirementSection, position: number): Request =>
    (list) => {
      const item = list.find((entry) => entry.id === id)
      if (!item || (item.section === section && item.position === position)) return null
      return options().api.moveRequirement({ id, section, position })
    }
  const moveInverse =
    (id: number) =>
    (_change: RequirementChangeDto, before: RequirementDto[]): Inverse => {
      const was = before.find((entry) => entry.id === id)
      return { kind: 'move', id, section: was?.section ?? 'other', position: was?.position ?? 0 }
    }

  const inverseRequest = (inverse: Inverse): Promise<Result<RequirementChangeDto>> => {
    const { api, postingId } = options()
    switch (inverse.kind) {
      case 'remove':
        return api.removeRequirement({ id: inverse.id })
      case 'rewrite':
        return api.updateRequirement({ id: inverse.requirement.id, ...fieldsOf(inverse.requirement) })
      case 'restore':
        // An archived item comes back with its ratings; a deleted one is added again.
        if (inverse.archived) {
          return api.restoreRequirement({ id: inverse.requirement.id, position: inverse.requirement.position })
        }
        return api.addRequirement({
          postingId,
          section: inverse.requirement.section,
          position: inverse.requirement.position,
          ...fieldsOf(inverse.requirement),
        })
      case 'move':
        return api.moveRequirement({ id: inverse.id, section: inverse.section, position: inverse.position })
    }
  }

  return {
    get undoable(): UndoEntry | null {
      return undoable
    },

    /** Commands queued earlier run with these: the list and callbacks of the latest render. */
    configure(next: RequirementCommandOptions): void {
      latest = next
    },

    /** To `section`, at `position` or its end. */
    moveTo(id: number, section: RequirementSection, position?: number): Promise<boolean> {
      return perform(
        (list) => {
          const count = list.filter((entry) => entry.section === section && entry.id !== id).length
          return moveRequest(id, section, Math.min(position ?? count, count))(list)
        },
        moveInverse(id),
        options().labels.move,
      )
    },

    /** One step up or down; past the end of a section it continues into the next one. */
    moveBy(id: number, delta: -1 | 1): Promise<boolean> {
      return perform(
        (list) => {
          const item = list.find((entry) => entry.id === id)
          if (!item) return null
          const size = (section: RequirementSection) => list.filter((entry) => entry.section === section).length
          const target = item.position + delta
          if (target >= 0 && target < size(item.section)) return moveRequest(id, item.section, target)(list)
          const neighbour = requirementSections[requirementSections.indexOf(item.section) + delta]
          if (!neighbour) return null
          return moveRequest(id, neighbour, delta < 0 ? size(neighbour) : 0)(list)
        },
        moveInverse(id),
        options().labels.move,
      )
    },

    remove(id: number): Promise<boolean> {
      return perform(
        () => options().api.removeRequirement({ id }),
        (change) => ({ kind: 'restore', requirement: change.requirement, archived: change.archived === true }),
        options().labels.remove,
      )
    },

    edit(before: RequirementDto, values: RequirementValues): Promise<boolean> {
      return perform(
        () => options().api.updateRequirement({ id: before.id, ...fieldsOf({ ...before, ...values }) }),
        () => ({ kind: 'rewrite', requirement: before }),
        options().labels.edit,
      )
    },

    add(values: RequirementValues): Promise<boolean> {
      return perform(
        () => options().api.addRequirement({ postingId: options().postingId, ...values }),
        (change) => ({ kind: 'remove', id: change.requirement.id }),
        options().labels.add,
      )
    },

    /** Reverts the last change; the reversal itself cannot be undone. */
    undo(): Promise<boolean> {
      const entry = undoable
      if (!entry) return Promise.resolve(false)
      setUndoable(null)
      return perform(() => inverseRequest(entry.inverse), null, '')
    },
  }
}

export type RequirementCommands = ReturnType<typeof createRequirementCommands>
