import type { HistoryStep } from '../applications/bulk-writer'
import type { ApplicationStatus, StageKind } from '../db/schema'
import type { Random } from './random'

export const REJECTION_REASONS = [
  'Not enough production experience with PostgreSQL for this level',
  'Strong candidate, but the role needs more people leadership',
  'Take-home exercise did not cover the failure cases',
  'Salary expectations well above the band',
  'Needs visa sponsorship we cannot offer for this role',
  'System design interview below the level',
  'Another candidate was further along',
  'Position filled',
] as const

export const WITHDRAWAL_REASONS = [
  'Accepted another offer',
  'Decided to stay with the current employer',
  'Relocation did not work out',
  'No reply after three follow-ups',
  'Looking for a fully remote role',
] as const

/** Share of the applications in each stage that go on to the next one (the last one: to an offer accepted). */
const PASS_RATES = [0.45, 0.5, 0.4, 0.7]
const DAY = 86_400_000

interface PipelineStage {
  id: number
  kind: StageKind
}

function split(stages: readonly PipelineStage[]): { open: PipelineStage[]; hired: PipelineStage } {
  const open = stages.filter((stage) => stage.kind === 'open')
  const hired = stages.find((stage) => stage.kind === 'hired')
  if (open.length === 0 || !hired) throw new Error('A pipeline needs an open stage and a hired stage.')
  return { open, hired }
}

/**
 * A plausible path through the pipeline from `start`: a few days to two weeks per step; at each stage the
 * application moves on, or is rejected (mostly) or withdrawn, with a reason. A step that would fall after
 * `until` does not happen, so recent applications are still active; with `closeAt`, what is still active
 * then is rejected because the position was filled.
 */
export function simulateHistory(
  random: Random,
  stages: readonly PipelineStage[],
  start: number,
  until: number,
  people: readonly (number | null)[],
  closeAt: number | null = null,
): HistoryStep[] {
  const { open, hired } = split(stages)
  const person = () => random.pick(people)
  const step = (stageId: number, status: ApplicationStatus, at: number, reason = ''): HistoryStep => ({
    stageId,
    status,
    reason,
    at: new Date(at).toISOString(),
    personId: person(),
  })
  const first = open[0] as PipelineStage
  const steps = [step(first.id, 'active', start)]
  let at = start
  for (let index = 0; ;) {
    const next = at + random.int(1, 14) * DAY + random.int(0, 8 * 60) * 60_000
    const end = closeAt ?? until
    if (next > end) {
      if (closeAt !== null) steps.push(step(open[index]?.id ?? first.id, 'rejected', closeAt, 'Position filled'))
      return steps
    }
    at = next
    if (random.next() < (PASS_RATES[index] ?? 0.5)) {
      index++
      const stage = open[index]
      if (!stage) {
        steps.push(step(hired.id, 'hired', at))
        return steps
      }
      steps.push(step(stage.id, 'active', at))
    } else {
      const stageId = open[index]?.id ?? first.id
      steps.push(
        random.next() < 0.2
          ? step(stageId, 'withdrawn', at, random.pick(WITHDRAWAL_REASONS))
          : step(stageId, 'rejected', at, random.pick(REJECTION_REASONS)),
      )
      return steps
    }
  }
}

/**
 * A chosen path for the demo's hand-written applicants: through `reach` open stages (or to the hired stage
 * when `reach` equals their number), ending as `end`; one step every `gapDays`, the last one `ageDays` ago.
 */
export function scriptedHistory(
  stages: readonly PipelineStage[],
  path: { reach: number; end: ApplicationStatus; reason?: string },
  now: number,
  gapDays: number,
  ageDays: number,
  personId: number | null,
): HistoryStep[] {
  const { open, hired } = split(stages)
  const visited = [...open.slice(0, Math.min(path.reach, open.length - 1) + 1)]
  const hiring = path.end === 'hired'
  const closing = path.end === 'rejected' || path.end === 'withdrawn'
  const count = visited.length + (hiring || closing ? 1 : 0)
  const at = (index: number) => new Date(now - (ageDays + (count - 1 - index) * gapDays) * DAY).toISOString()
  const steps: HistoryStep[] = visited.map((stage, index) => ({
    stageId: stage.id,
    status: 'active',
    reason: '',
    at: at(index),
    personId,
  }))
  const last = visited.at(-1) ?? open[0]
  if (hiring) steps.push({ stageId: hired.id, status: 'hired', reason: '', at: at(count - 1), personId })
  if (closing && last) {
    steps.push({ stageId: last.id, status: path.end, reason: path.reason ?? '', at: at(count - 1), personId })
  }
  return steps
}
