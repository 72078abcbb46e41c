import type { Api, RequirementChangeDto, RequirementDto, RequirementSection, Result } from '@contract'
import { requirementSections } from './posting-enums'

export type RequirementApi = Pick<
  Api['postings'],
  'addRequirement' | 'updateRequirement' | 'removeRequirement' | 'restoreRequirement' | 'moveRequirement'
>

/** An item's fields as the form gives them, section included. */
export type RequirementValues = Omit<Parameters<RequirementApi['addRequirement']>[0], 'postingId' | 'position'>

/** What restores the state before the last change; run once, then forgotten. */
export type Inverse =
  | { kind: 'remove'; id: number }
  | { kind: 'restore'; requirement: RequirementDto; archived: boolean }
  | { kind: 'rewrite'; requirement: RequirementDto }
  | { kind: 'move'; id: number; section: RequirementSection; position: number }

export interface UndoEntry {
  inverse: Inverse
  /** The change in words, for the Undo button's tooltip. */
  label: string
}

/** The editor's side of the commands: where the list lives, and how results and failures are shown. */
export interface CommandHost {
  api: RequirementApi
  postingId: number
  /** The list as the last applied change left it (not as the last render saw it). */
  current(): RequirementDto[]
  /** Turns a result envelope into data, or throws the error to show. */
  unwrap<T>(request: Promise<Result<T>>): Promise<T>
  applied(change: RequirementChangeDto): void
  failed(error: unknown): void
  /** After every command, whether it ran, failed or had nothing to do (e.g. to drop a drag preview). */
  settled(): void
  undoChanged(entry: UndoEntry | null): void
}

type Request = (list: RequirementDto[]) => Promise<Result<RequirementChangeDto>> | null
type InverseOf = (change: RequirementChangeDto, before: RequirementDto[]) => Inverse

export const requirementFields = (requirement: RequirementDto) => ({
  text: requirement.text,
  mustHave: requirement.mustHave,
  preferred: requirement.preferred,
  weight: requirement.weight,
  minYears: requirement.minYears,
  skills: requirement.skills,
  competencyId: requirement.competencyId,
})

const sectionSize = (list: RequirementDto[], section: RequirementSection, except?: number) =>
  list.filter((entry) => entry.section === section && entry.id !== except).length

/** Where a move should go, or null when the item is already there (or gone). */
export function planMove(
  list: RequirementDto[],
  id: number,
  section: RequirementSection,
  position?: number,
): { id: number; section: RequirementSection; position: number } | null {
  const item = list.find((entry) => entry.id === id)
  if (!item) return null
  const size = sectionSize(list, section, id)
  const target = Math.min(position ?? size, size)
  if (item.section === section && item.position === target) return null
  return { id, section, position: target }
}

/** One step up or down; past the end of a section it continues into the neighbouring one. */
export function planStep(
  list: RequirementDto[],
  id: number,
  delta: -1 | 1,
): { id: number; section: RequirementSection; position: number } | null {
  const item = list.find((entry) => entry.id === id)
  if (!item) return null
  const target = item.position + delta
  if (target >= 0 && target < sectionSize(list, item.section)) return planMove(list, id, item.section, target)
  const neighbour = requirementSections[requirementSections.indexOf(item.section) + delta]
  if (!neighbour) return null
  return planMove(list, id, neighbour, delta < 0 ? sectionSize(list, neighbour) : 0)
}

/**
 * The posting's item commands: each runs after the previous one finished, against the list as that one left it
 * (a second Alt+↓ pressed before the first answered moves the item one step further, not to the same place).
 * One level of undo: the last successful change, forgotten once undone; an undo is not itself undoable.
 */
export class RequirementCommands {
  private queue: Promise<unknown> = Promise.resolve()
  private last: UndoEntry | null = null

  constructor(private current: CommandHost) {}

  /** The editor renders again with new callbacks; queued commands use the latest ones. */
  rebind(host: CommandHost): void {
    this.current = host
  }

  private host(): CommandHost {
    return this.current
  }

  get undoEntry(): UndoEntry | null {
    return this.last
  }

  private setUndo(entry: UndoEntry | null): void {
    this.last = entry
    this.host().undoChanged(entry)
  }

  private perform(request: Request, inverse: InverseOf | null, label: string): Promise<boolean> {
    const run = async (): Promise<boolean> => {
      const host = this.host()
      const before = host.current()
      try {
        const pending = request(before)
        if (!pending) return true
        const change = await host.unwrap(pending)
        host.applied(change)
        if (inverse) this.setUndo({ inverse: inverse(change, before), label })
        else this.setUndo(null)
        return true
      } catch (error) {
        host.failed(error)
        return false
      } finally {
        host.settled()
      }
    }
    const next = this.queue.then(run)
    this.queue = next
    return next
  }

  private moveInverse =
    (id: number): InverseOf =>
    (_change, before) => {
      const was = before.find((entry) => entry.id === id)
      return { kind: 'move', id, section: was?.section ?? 'other', position: was?.position ?? 0 }
    }

  private move(plan: ReturnType<typeof planMove>) {
    return plan ? this.host().api.moveRequirement(plan) : null
  }

  moveTo(id: number, section: RequirementSection, position: number | undefined, label: string): Promise<boolean> {
    return this.perform((list) => this.move(planMove(list, id, section, position)), this.moveInverse(id), label)
  }

  moveBy(id: number, delta: -1 | 1, label: string): Promise<boolean> {
    return this.perform((list) => this.move(planStep(list, id, delta)), this.moveInverse(id), label)
  }

  remove(id: number, label: string): Promise<boolean> {
    return this.perform(
      () => this.host().api.removeRequirement({ id }),
      (change) => ({ kind: 'restore', requirement: change.requirement, archived: change.archived === true }),
      label,
    )
  }

  update(before: RequirementDto, values: RequirementValues, label: string): Promise<boolean> {
    // The section is not the form's to change here: moves are their own (undoable) commands.
    const { section: _section, ...fields } = values
    return this.perform(
      () => this.host().api.updateRequirement({ id: before.id, ...requirementFields(before), ...fields }),
      () => ({ kind: 'rewrite', requirement: before }),
      label,
    )
  }

  add(values: RequirementValues, label: string): Promise<boolean> {
    return this.perform(
      () => this.host().api.addRequirement({ postingId: this.host().postingId, ...values }),
      (change) => ({ kind: 'remove', id: change.requirement.id }),
      label,
    )
  }

  /** Undoes the last change that succeeded; nothing to undo resolves to false without a request. */
  undo(): Promise<boolean> {
    const entry = this.last
    if (!entry) return Promise.resolve(false)
    this.setUndo(null)
    return this.perform(() => this.inverseRequest(entry.inverse), null, '')
  }

  private inverseRequest(inverse: Inverse): Promise<Result<RequirementChangeDto>> {
    const { api, postingId } = this.host()
    switch (inverse.kind) {
      case 'remove':
        return api.removeRequirement({ id: inverse.id })
      case 'rewrite':
        return api.updateRequirement({ id: inverse.requirement.id, ...requirementFields(inverse.requirement) })
      case 'restore':
        // An archived item comes back with its ratings; a deleted one is added again.
        if (inverse.archived) {
          return api.restoreRequirement({ id: inverse.requirement.id, position: inverse.requirement.position })
        }
        return api.addRequirement({
          postingId,
          section: inverse.requirement.section,
          position: inverse.requirement.position,
          ...requirementFields(inverse.requirement),
        })
      case 'move':
        return api.moveRequirement({ id: inverse.id, section: inverse.section, position: inverse.position })
    }
  }
}
