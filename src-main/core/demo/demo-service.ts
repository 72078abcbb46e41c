import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { CoreContext } from '../context'
import { LadderRepository } from '../ladders/repository'
import { parseLadderFile } from '../ladders/ladder-file'
import { generateDemoWorkspace, type GenerateOptions, type GenerateSummary } from './generate'
import type { LadderService } from '../ladders/service'
import type { PostingService } from '../postings/service'
import type { WorkspaceService } from '../workspace/service'

const DEMO_LADDER = 'backend-engineering.yaml'
const DEMO_POSTING = 'senior-backend-engineer-ii-posting.md'
const DEMO_POSTING_LEVEL = 'SBE2'
const DEMO_PEOPLE = [
  { name: 'Alex Morgan', email: 'alex.morgan@example.com', role: 'hiring_manager' },
  { name: 'Sam Rivera', email: 'sam.rivera@example.com', role: 'interviewer' },
  { name: 'Priya Natarajan', email: 'priya.natarajan@example.com', role: 'recruiter' },
  { name: 'Jordan Lee', email: 'jordan.lee@example.com', role: 'interviewer' },
] as const

export interface DemoSummary {
  ladders: number
  people: number
  postings: number
}

export class DemoService {
  constructor(
    private readonly ctx: CoreContext,
    private readonly workspace: WorkspaceService,
    private readonly ladders: LadderService,
    private readonly postings: PostingService,
  ) {}

  /** Fills an empty workspace with a living example; safe to run twice (adds only what is missing). */
  async init(): Promise<DemoSummary> {
    const file = join(this.ctx.resourcesDir, 'demo', DEMO_LADDER)
    const ladder = parseLadderFile(await readFile(file, 'utf8'), DEMO_LADDER, 'yaml')
    await this.workspace.ensure()
    const people = await this.workspace.listPeople(true)
    let addedPeople = 0
    for (const person of DEMO_PEOPLE) {
      if (people.some((known) => known.email === person.email)) continue
      await this.workspace.createPerson({ ...person })
      addedPeople++
    }
    if ((await this.workspace.currentPersonId()) === null) {
      const first = (await this.workspace.listPeople(false))[0]
      if (first) await this.workspace.setMe(first.id)
    }
    let addedLadders = 0
    const actor = await this.workspace.currentPersonId()
    await this.ctx.db.transaction().execute(async (trx) => {
      const repo = new LadderRepository(trx)
      if (await repo.findLadderByName(ladder.name)) return
      await this.ladders.insertLadderFile(repo, ladder, actor)
      addedLadders++
    })
    return { ladders: addedLadders, people: addedPeople, postings: await this.addPosting(ladder.name) }
  }

  /** Imported through the same parse-and-save path as a user's posting. */
  private async addPosting(ladderName: string): Promise<number> {
    const demoLadder = (await this.ladders.list()).find((candidate) => candidate.name === ladderName)
    const level = demoLadder?.levels.find((candidate) => candidate.code === DEMO_POSTING_LEVEL)
    if (!level) return 0
    if ((await this.postings.list({ levelId: level.id })).length > 0) return 0
    const file = join(this.ctx.resourcesDir, 'demo', DEMO_POSTING)
    await this.postings.importPosting(
      { fileName: DEMO_POSTING, bytes: await readFile(file) },
      {
        levelId: level.id,
        status: 'open',
        details: { team: 'Payments Platform', countries: ['DE', 'ES', 'FR', 'NL', 'PT'], remotePolicy: 'remote' },
      },
    )
    return 1
  }

  /** A large realistic workspace, the same for the same seed: for trying the app at scale and for the bench. */
  generate(options: GenerateOptions): Promise<GenerateSummary> {
    return generateDemoWorkspace(this.ctx, this, () => this.workspace.currentPersonId(), options)
  }
}
