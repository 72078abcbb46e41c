import type { HistoricApplication } from '../applications/bulk-writer'
import type { CoreContext } from '../context'
import type { StageRow } from '../db/schema'
import { LadderRepository } from '../ladders/repository'
import type { PostingService } from '../postings/service'
import { StageRepository } from '../stages/repository'
import { DemoWriter } from './demo-writer'
import type { Random } from './random'
import { simulateHistory } from './pipeline-history'

const DAY = 86_400_000
const MONTH = 30 * DAY

/**
 * The generated workspace's postings: level, team, share of the applicants, and when each was open (months
 * before the generation's fixed instant; `to: null` is still open). The first one is the demo posting.
 */
const POSTING_PLAN = [
  { level: 'SBE2', team: null, weight: 16, from: 24, to: null },
  { level: 'BE1', team: 'Checkout', weight: 14, from: 24, to: null },
  { level: 'BE2', team: 'Identity', weight: 12, from: 20, to: null },
  { level: 'SBE1', team: 'Search', weight: 12, from: 18, to: null },
  { level: 'SBE2', team: 'Data Platform', weight: 10, from: 12, to: null },
  { level: 'STAFF', team: 'Platform', weight: 6, from: 15, to: null },
  { level: 'SSTAFF', team: 'Reliability', weight: 3, from: 10, to: null },
  { level: 'PRIN', team: 'Architecture', weight: 2, from: 24, to: 6 },
  { level: 'BE1', team: 'Growth', weight: 10, from: 24, to: 9 },
  { level: 'SBE1', team: 'Payments', weight: 8, from: 24, to: 14 },
  { level: 'BE2', team: 'Mobile API', weight: 7, from: 12, to: 3 },
] as const

const APPLICATION_SOURCES = ['LinkedIn', 'Referral', 'Job board', 'Company website', 'Agency', 'Sourced'] as const
/** Share of candidates who apply to a second posting later on. */
const SECOND_APPLICATION = 0.15

interface PlannedPosting {
  id: number
  title: string
  stages: StageRow[]
  weight: number
  opensAt: number
  closesAt: number | null
}

/**
 * Creates the plan's postings (from their level, so with requirements; the demo posting already exists),
 * dated to when they opened and, for some, closed.
 */
export async function createPlannedPostings(
  ctx: CoreContext,
  postings: PostingService,
  epoch: number,
): Promise<PlannedPosting[]> {
  const existing = await postings.list({})
  const levels = await new LadderRepository(ctx.db).listLevels()
  const writer = new DemoWriter(ctx.db, ctx.sqlite)
  const stages = new StageRepository(ctx.db)
  const planned: PlannedPosting[] = []
  for (const plan of POSTING_PLAN) {
    const level = levels.find((entry) => entry.code === plan.level)
    if (!level) throw new Error(`The demo ladder has no level ${plan.level}.`)
    const posting =
      plan.team === null
        ? existing.find((entry) => entry.levelId === level.id)
        : await postings.createFromLevel({
            levelId: level.id,
            title: `${level.title} — ${plan.team}`,
            team: plan.team,
            language: 'en',
            countries: ['DE', 'ES', 'FR', 'NL', 'PT'],
            remotePolicy: 'hybrid',
            summary: '',
            status: 'open',
          })
    if (!posting) throw new Error('The demo posting is missing.')
    const opensAt = epoch - plan.from * MONTH
    const closesAt = plan.to === null ? null : epoch - plan.to * MONTH
    await writer.datePosting(posting.id, {
      createdAt: new Date(opensAt).toISOString(),
      updatedAt: new Date(closesAt ?? opensAt).toISOString(),
      closedAt: closesAt === null ? null : new Date(closesAt).toISOString(),
    })
    planned.push({
      id: posting.id,
      title: posting.title,
      stages: await stages.listStages(posting.id),
      weight: plan.weight,
      opensAt,
      closesAt,
    })
  }
  return planned
}

/** Decides who applies where and what happened since, from its own random stream. */
export class PipelinePlanner {
  constructor(
    private readonly random: Random,
    private readonly postings: readonly PlannedPosting[],
    private readonly people: readonly (number | null)[],
    private readonly epoch: number,
  ) {}

  applicationsFor(candidateId: number, createdAt: string): HistoricApplication[] {
    const created = Date.parse(createdAt)
    const first = this.apply(candidateId, created + this.random.int(0, 3 * 24 * 60) * 60_000, [])
    if (!first) return []
    if (this.random.next() >= SECOND_APPLICATION) return [first]
    const later = created + this.random.int(20, 200) * DAY
    const second = later < this.epoch ? this.apply(candidateId, later, [first.postingId]) : null
    return second ? [first, second] : [first]
  }

  private apply(candidateId: number, start: number, exclude: number[]): HistoricApplication | null {
    const open = this.postings.filter(
      (posting) =>
        !exclude.includes(posting.id) &&
        start >= posting.opensAt &&
        start < (posting.closesAt ?? this.epoch) &&
        start < this.epoch,
    )
    const total = open.reduce((sum, posting) => sum + posting.weight, 0)
    let roll = this.random.next() * total
    const posting = open.find((entry) => (roll -= entry.weight) < 0)
    if (!posting) return null
    return {
      candidateId,
      postingId: posting.id,
      postingTitle: posting.title,
      source: this.random.pick(APPLICATION_SOURCES),
      steps: simulateHistory(this.random, posting.stages, start, this.epoch, this.people, posting.closesAt),
    }
  }
}
