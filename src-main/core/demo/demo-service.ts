import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { insertApplicationRows } from '../applications/application-row-writer'
import { insertCandidateRows } from '../candidates/candidate-row-writer'
import { normaliseCandidate } from '../candidates/candidate-input'
import type { CoreContext } from '../context'
import type { ApplicationStatus } from '../db/schema'
import { StageRepository } from '../stages/repository'
import { LadderRepository } from '../ladders/repository'
import { parseLadderFile } from '../ladders/ladder-file'
import { asciiLocal, generateDemoWorkspace, resumeText, type GenerateOptions, type GenerateSummary } from './generate'
import { showcaseDemoPosting } from './demo-showcase'
import { scriptedHistory } from './pipeline-history'
import { createRandom } from './random'
import type { InterviewService } from '../interviews/service'
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

/**
 * Applicants of the demo posting, written for the project: where each one stands on the board.
 * `reach` counts the stages passed after "Applied" (4 = hired with the default pipeline).
 */
const DEMO_APPLICANTS: readonly {
  name: string
  city: string
  skills: string[]
  source: string
  reach: number
  end: ApplicationStatus
  reason?: string
}[] = [
  {
    name: 'Ines Carvalho',
    city: 'Lisbon',
    skills: ['Go', 'PostgreSQL', 'Kafka'],
    source: 'LinkedIn',
    reach: 0,
    end: 'active',
  },
  {
    name: 'Tobias Brandt',
    city: 'Berlin',
    skills: ['Kotlin', 'AWS'],
    source: 'Company website',
    reach: 0,
    end: 'active',
  },
  {
    name: 'Wen Li',
    city: 'Amsterdam',
    skills: ['Rust', 'gRPC', 'Observability'],
    source: 'Referral',
    reach: 0,
    end: 'active',
  },
  {
    name: 'Yara Nasser',
    city: 'Madrid',
    skills: ['Python', 'Data pipelines'],
    source: 'Job board',
    reach: 0,
    end: 'active',
  },
  {
    name: 'Kofi Asante',
    city: 'Dublin',
    skills: ['Java', 'Kubernetes', 'SRE'],
    source: 'LinkedIn',
    reach: 1,
    end: 'active',
  },
  {
    name: 'Marta Nowak',
    city: 'Warsaw',
    skills: ['TypeScript', 'PostgreSQL'],
    source: 'Meetup',
    reach: 1,
    end: 'active',
  },
  {
    name: 'Rohan Mehta',
    city: 'London',
    skills: ['Scala', 'Kafka'],
    source: 'Agency',
    reach: 1,
    end: 'rejected',
    reason: 'Not enough production experience with PostgreSQL for this level',
  },
  {
    name: 'Lena Hoffmann',
    city: 'Munich',
    skills: ['Go', 'Distributed systems'],
    source: 'Referral',
    reach: 2,
    end: 'active',
  },
  { name: 'Diego Ramos', city: 'Barcelona', skills: ['Elixir', 'Redis'], source: 'LinkedIn', reach: 2, end: 'active' },
  {
    name: 'Aisha Bello',
    city: 'Paris',
    skills: ['Java', 'System design'],
    source: 'Welcome to the Jungle',
    reach: 2,
    end: 'withdrawn',
    reason: 'Accepted another offer',
  },
  {
    name: 'Sven Larsen',
    city: 'Copenhagen',
    skills: ['Go', 'Terraform', 'GCP'],
    source: 'Referral',
    reach: 3,
    end: 'active',
  },
  {
    name: 'Clara Fontaine',
    city: 'Lyon',
    skills: ['Python', 'Security', 'Mentoring'],
    source: 'Company website',
    reach: 4,
    end: 'hired',
  },
]

export interface DemoSummary {
  ladders: number
  people: number
  postings: number
  candidates: number
}

export class DemoService {
  constructor(
    private readonly ctx: CoreContext,
    private readonly workspace: WorkspaceService,
    private readonly ladders: LadderService,
    private readonly postings: PostingService,
    private readonly interviews: InterviewService,
  ) {}

  /**
   * Fills an empty workspace with a living example; safe to run twice (adds only what is missing). The demo
   * posting comes with applicants across its stages, their history dated back from `now` (the clock's now).
   */
  async init(options: { now?: Date; showcase?: boolean } = {}): Promise<DemoSummary> {
    const now = options.now ?? this.ctx.clock.now()
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
    // Scripts and tests that skip the first-run question act as the first demo person; a person who answered
    // it is already themselves.
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
    const posting = await this.addPosting(ladder.name)
    const candidates = posting === null ? 0 : await this.addApplicants(posting, now)
    if (posting !== null && options.showcase) {
      const skills = new Map(DEMO_APPLICANTS.map((applicant) => [applicant.name, applicant.skills]))
      await showcaseDemoPosting(
        this.ctx,
        { workspace: this.workspace, interviews: this.interviews },
        posting.id,
        skills,
        now,
      )
    }
    return { ladders: addedLadders, people: addedPeople, postings: posting === null ? 0 : 1, candidates }
  }

  /** Imported through the same parse-and-save path as a user's posting. */
  private async addPosting(ladderName: string): Promise<{ id: number; title: string } | null> {
    const demoLadder = (await this.ladders.list()).find((candidate) => candidate.name === ladderName)
    const level = demoLadder?.levels.find((candidate) => candidate.code === DEMO_POSTING_LEVEL)
    if (!level) return null
    if ((await this.postings.list({ levelId: level.id })).length > 0) return null
    const file = join(this.ctx.resourcesDir, 'demo', DEMO_POSTING)
    return this.postings.importPosting(
      { fileName: DEMO_POSTING, bytes: await readFile(file) },
      {
        levelId: level.id,
        status: 'open',
        details: { team: 'Payments Platform', countries: ['DE', 'ES', 'FR', 'NL', 'PT'], remotePolicy: 'remote' },
      },
    )
  }

  /** The demo posting's applicants, with a résumé each and a history that put them where they stand. */
  private async addApplicants(posting: { id: number; title: string }, now: Date): Promise<number> {
    const stages = await new StageRepository(this.ctx.db).listStages(posting.id)
    const actor = await this.workspace.currentPersonId()
    const random = createRandom(7)
    const region = await this.workspace.phoneRegion()
    // A dozen applicants: Kysely's per-query cost does not matter here, and it runs on both databases.
    await this.ctx.db.transaction().execute(async (trx) => {
      for (const [index, applicant] of DEMO_APPLICANTS.entries()) {
        const [first = '', last = ''] = applicant.name.split(' ')
        const email = `${asciiLocal(first)}.${asciiLocal(last)}@example.net`
        const phone = `+44 20 7946 0${String(100 + index * 7)}`
        const text = resumeText(applicant.name, email, phone, applicant.city, applicant.skills, random)
        const stored = await this.ctx.files.store(new TextEncoder().encode(text))
        const steps = scriptedHistory(stages, applicant, now.getTime(), 3 + (index % 4), 1 + (index % 6), actor)
        const created = steps[0]?.at ?? now.toISOString()
        const candidateId = await insertCandidateRows(
          trx,
          {
            ...normaliseCandidate(
              {
                name: applicant.name,
                emails: [email],
                phones: [phone],
                links: [],
                location: applicant.city,
                source: applicant.source,
                tags: applicant.skills.slice(0, 2),
              },
              region,
            ),
            notes: [],
            documents: [
              {
                sha256: stored.sha256,
                fileName: `${asciiLocal(first)}-${asciiLocal(last)}-cv.txt`,
                size: stored.size,
                kind: 'text',
                text,
              },
            ],
          },
          actor,
          created,
          { via: 'demo' },
        )
        await insertApplicationRows(trx, {
          candidateId,
          postingId: posting.id,
          postingTitle: posting.title,
          source: applicant.source,
          steps,
        })
      }
    })
    return DEMO_APPLICANTS.length
  }

  /** A large realistic workspace, the same for the same seed: for trying the app at scale and for the bench. */
  generate(options: GenerateOptions): Promise<GenerateSummary> {
    return generateDemoWorkspace(this.ctx, { demo: this, postings: this.postings, workspace: this.workspace }, options)
  }
}
