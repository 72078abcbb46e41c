import { applicationBatchWriter } from '../applications/bulk-writer'
import { candidateBatchWriter, type BulkCandidate } from '../candidates/bulk-writer'
import { nameKey, nameMatchKey, phoneKey } from '../candidates/normalise'
import type { CoreContext } from '../context'
import { TableRows } from '../db/table-rows-writer'
import { AppError } from '../errors'
import { storeFileSync } from '../files/file-store'
import { InterviewPlanService } from '../interviews/plan-service'
import type { PostingService } from '../postings/service'
import { WorkspaceRepository } from '../workspace/repository'
import { DEMO_GENERATION_SETTING } from '../workspace/demo-generation'
import type { WorkspaceService } from '../workspace/service'
import { DemoWriter } from './demo-writer'
import { generateAssessments } from './generate-assessments'
import { generateInterviews } from './generate-interviews'
import { createPlannedPostings, PipelinePlanner } from './generate-pipeline'
import { createRandom, type Random } from './random'

const FIRST_NAMES = [
  'Elena',
  'Marc',
  'Zoé',
  'Liam',
  'Aïcha',
  'Noah',
  'Sofia',
  'Mateo',
  'Chloé',
  'Yusuf',
  'Hana',
  'Lucas',
  'Inès',
  'Oskar',
  'Priya',
  'Tomás',
  'Mei',
  'Jonas',
  'Fatima',
  'Emil',
  'Léa',
  'Arjun',
  'Nora',
  'Hugo',
  'Amara',
  'Felix',
  'Camille',
  'Kenji',
  'Ingrid',
  'Diego',
  'Selin',
  'Ravi',
  'Maëlle',
  'Owen',
  'Zainab',
  'Björn',
  'Lucía',
  'Ethan',
  'Anaïs',
  'Kwame',
  'Sara',
  'Mikael',
  'Élise',
  'Omar',
  'Greta',
  'Rafael',
  'Yuki',
  'Théo',
  'Aylin',
  'Daniel',
] as const
const LAST_NAMES = [
  'Varga',
  'Durand',
  'Okafor',
  'Müller',
  'García',
  'Nakamura',
  'Rossi',
  'Andersson',
  'Dubois',
  'Kowalski',
  'Haddad',
  'Novak',
  'Silva',
  'Jensen',
  'Moreau',
  'Patel',
  'Yılmaz',
  'Fischer',
  'Lefèvre',
  'Nguyen',
  'Costa',
  'Horvath',
  'Schmidt',
  'Martin',
  'Bianchi',
  'Lindqvist',
  'Fernández',
  'Petit',
  'Mensah',
  'Ishikawa',
  'Brennan',
  'Zhang',
  'Roussel',
  'Kaya',
  'Ødegaard',
  'Laurent',
  'Popescu',
  'Walsh',
  'Sørensen',
  'Chevalier',
  'Ahmed',
  'Berg',
  'Duarte',
  'Tanaka',
  'Girard',
  'Kovács',
  'Oliveira',
  'Weber',
  'Marchand',
  'Ivanova',
] as const
const CITIES = [
  'Paris',
  'Lyon',
  'Berlin',
  'Lisbon',
  'Madrid',
  'Amsterdam',
  'London',
  'Dublin',
  'Stockholm',
  'Warsaw',
  'Montréal',
  'Toronto',
  'Barcelona',
  'Munich',
  'Zürich',
  'Brussels',
  'Copenhagen',
  'Remote (EU)',
  'Nantes',
  'Oslo',
] as const
const SOURCES = [
  'LinkedIn',
  'Referral',
  'Job board',
  'Company website',
  'Meetup',
  'Agency',
  'Welcome to the Jungle',
] as const
const SKILLS = [
  'Go',
  'Rust',
  'TypeScript',
  'Python',
  'Java',
  'Kotlin',
  'PostgreSQL',
  'Kafka',
  'Kubernetes',
  'Terraform',
  'AWS',
  'GCP',
  'gRPC',
  'Redis',
  'Elixir',
  'Scala',
  'C++',
  'React',
  'Observability',
  'Distributed systems',
  'SRE',
  'Data pipelines',
  'Security',
  'Mentoring',
  'System design',
] as const
const COMPANIES = [
  'Northwind Logistics',
  'Contoso Bank',
  'Fabrikam Health',
  'Tailspin Travel',
  'Globex Energy',
  'Initech Payments',
  'Umbrella Retail',
  'Wayfarer Maps',
  'Blue Yonder Air',
  'Litware Media',
  'Adventure Works',
  'Proseware Labs',
] as const
const TITLES = [
  'Backend Engineer',
  'Senior Backend Engineer',
  'Staff Engineer',
  'Software Engineer',
  'Platform Engineer',
  'Site Reliability Engineer',
  'Data Engineer',
  'Engineering Manager',
  'Principal Engineer',
  'Full-stack Developer',
] as const
const VERBS = [
  'Designed',
  'Built',
  'Led',
  'Rewrote',
  'Owned',
  'Shipped',
  'Scaled',
  'Automated',
  'Simplified',
  'Migrated',
] as const
const SYSTEMS = [
  'billing service',
  'search index',
  'payments ledger',
  'notification pipeline',
  'identity provider',
  'pricing engine',
  'warehouse scheduler',
  'feature-flag platform',
  'audit trail',
  'reporting API',
  'fraud scoring',
  'booking backend',
  'metrics store',
  'document archive',
  'routing service',
  'inventory sync',
  'customer portal',
  'release tooling',
] as const
const OUTCOMES = [
  'handling {n}k requests per second',
  'cutting p99 latency by {n}%',
  'serving {n} product teams',
  'processing {n} million events a day',
  'removing {n}% of support tickets',
  'saving {n}% of cloud spend',
  'with zero downtime over {n} releases',
  'for {n} countries',
  'reducing incidents by {n}%',
  'in {n} weeks',
] as const
const EXTRAS = [
  'Mentored {n} engineers.',
  'Ran the on-call rotation.',
  'Wrote the design review guide.',
  'Interviewed {n} candidates.',
  'Presented at {city} meetups.',
  'Introduced contract tests.',
  'Set up tracing with OpenTelemetry.',
  '',
] as const
const NOTES = [
  'Phone screen went well; strong on {skill}, a bit light on system design.',
  'Referred by a former colleague at {company}.',
  'Wants to relocate to {city} within six months.',
  'Notice period of {n} weeks. Open to a hybrid role.',
  'Great take-home: clean {skill} code, thoughtful tests.',
  'Asked about our on-call policy and the {skill} roadmap.',
] as const
const UNIVERSITIES = [
  'Université de Lyon',
  'TU München',
  'Universidad de Valencia',
  'KTH Stockholm',
  'University of Leeds',
  'Politecnico di Milano',
] as const

const fill = (template: string, random: Random) =>
  template
    .replace('{n}', String(random.int(2, 40)))
    .replace('{skill}', random.pick(SKILLS))
    .replace('{company}', random.pick(COMPANIES))
    .replace('{city}', random.pick(CITIES))

export const asciiLocal = (value: string) =>
  value
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^a-zA-Z]/g, '')
    .toLowerCase()

export function resumeText(
  name: string,
  email: string,
  phone: string,
  city: string,
  skills: string[],
  random: Random,
): string {
  const title = random.pick(TITLES)
  const lines = [name, `${title} — ${city}`, `${email} | ${phone}`, '', 'SUMMARY']
  lines.push(
    `${title} with ${random.int(3, 18)} years of experience in ${skills.join(', ')}. Enjoys reliable systems and clear writing.`,
    '',
    'EXPERIENCE',
  )
  for (let job = 0; job < random.int(2, 3); job++) {
    const from = random.int(2008, 2021)
    lines.push(`${random.pick(COMPANIES)} — ${random.pick(TITLES)}, ${from} – ${from + random.int(1, 4)}`)
    for (let bullet = 0; bullet < random.int(2, 3); bullet++) {
      const extra = fill(random.pick(EXTRAS), random)
      lines.push(
        `- ${random.pick(VERBS)} the ${random.pick(SYSTEMS)} in ${random.pick(SKILLS)}, ${fill(random.pick(OUTCOMES), random)}.${extra ? ` ${extra}` : ''}`,
      )
    }
  }
  lines.push('', 'EDUCATION', `MSc Computer Science, ${random.pick(UNIVERSITIES)}, ${random.int(2005, 2018)}`)
  lines.push('', 'SKILLS', skills.join(' · '))
  return lines.join('\n')
}

/** The part of the demo service that generation needs: it starts from the scripted demo workspace. */
interface DemoStarter {
  init(options: { now: Date }): Promise<unknown>
}

export interface GenerateOptions {
  candidates: number
  seed: number
  onProgress?: (done: number, total: number) => void
}

export interface GenerateSummary {
  candidates: number
  documents: number
  notes: number
  postings: number
  applications: number
  stageEvents: number
  /** Ratings other than unknown, each with its history entry. */
  assessments: number
  interviewPlans: number
  interviews: number
  scorecards: number
  seed: number
}

const BATCH = 5_000
/** Creation times are spread over two years before this fixed instant, so a seed gives identical data. */
const EPOCH = Date.parse('2026-01-01T00:00:00Z')

/**
 * Generates a realistic workspace into an empty data folder: the demo ladder, team and posting, ten more
 * postings at every level (some closed), then candidates with e-mails, phones, tags, a résumé text file each
 * (stored by content hash) and notes, each applying to one posting (some to two) with a history of stage
 * moves, rejections, withdrawals and hires over the months since, and most items of each application rated.
 */
export async function generateDemoWorkspace(
  ctx: CoreContext,
  services: { demo: DemoStarter; postings: PostingService; workspace: WorkspaceService },
  options: GenerateOptions,
): Promise<GenerateSummary> {
  const demoWriter = new DemoWriter(ctx.db, ctx.sqlite)
  const existing = await demoWriter.countCandidates()
  if (existing > 0) {
    throw AppError.of('demo_folder_not_empty', { count: existing })
  }
  // Marked before the first row and completed only by the last transaction: a killed run leaves 'started'.
  await new WorkspaceRepository(ctx.db).putSetting(DEMO_GENERATION_SETTING, JSON.stringify('started'))
  await services.demo.init({ now: new Date(EPOCH) })
  const person = await services.workspace.currentPersonId()
  const random = createRandom(options.seed)
  const postings = await createPlannedPostings(ctx, services.postings, EPOCH)
  const people = (await services.workspace.listPeople(false)).map((entry) => entry.id)
  // Its own stream: the candidates stay the same as without postings, for a given seed.
  const planner = new PipelinePlanner(createRandom(options.seed ^ 0x5eed), postings, people, EPOCH)
  const writer = candidateBatchWriter(ctx.sqlite)
  const applicationWriter = applicationBatchWriter(ctx.sqlite)
  const summary: GenerateSummary = {
    candidates: 0,
    documents: 0,
    notes: 0,
    postings: postings.length,
    applications: 0,
    stageEvents: 0,
    assessments: 0,
    interviewPlans: 0,
    interviews: 0,
    scorecards: 0,
    seed: options.seed,
  }
  for (let start = 0; start < options.candidates; start += BATCH) {
    const batch: { candidate: BulkCandidate; at: string }[] = []
    for (let index = start; index < Math.min(options.candidates, start + BATCH); index++) {
      const first = random.pick(FIRST_NAMES)
      const last = random.pick(LAST_NAMES)
      const name = `${first} ${last}`
      const email = `${asciiLocal(first)}.${asciiLocal(last)}.${index}@${random.pick(['example.org', 'example.net', 'example.com'])}`
      const phone = `+33${6 + (index % 2)}${String(10_000_000 + index).slice(-8)}`
      const city = random.pick(CITIES)
      const skills = random.some(SKILLS, random.int(2, 4))
      const text = resumeText(name, email, phone, city, skills, random)
      const bytes = new TextEncoder().encode(text)
      // A local workspace writes its folder synchronously (fast in this loop); a team workspace its database.
      const stored = ctx.files.kind === 'folder' ? storeFileSync(ctx.dataDir, bytes) : await ctx.files.store(bytes)
      const notes = Array.from({ length: random.int(0, 2) }, () => fill(random.pick(NOTES), random))
      const at = new Date(EPOCH - random.int(0, 2 * 365 * 24 * 60) * 60_000).toISOString()
      batch.push({
        at,
        candidate: {
          values: {
            name,
            nameKey: nameKey(name),
            nameMatch: nameMatchKey(name),
            location: city,
            source: random.pick(SOURCES),
          },
          emails: [email],
          // Already E.164: the key is the number itself, whatever the workspace's region.
          phones: [{ phone, key: phoneKey(phone, 'FR') }],
          links: random.next() < 0.4 ? [`https://github.com/${asciiLocal(first)}${asciiLocal(last)}${index}`] : [],
          tags: skills.slice(0, 2),
          notes,
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
      })
      summary.documents++
      summary.notes += notes.length
    }
    await ctx.db.transaction().execute(async (trx) => {
      // One set of rows for both, so the activity entries of candidates and applications keep their order.
      const rows = new TableRows()
      const candidates = await writer.batch(trx, [], rows)
      const applications = await applicationWriter.batch(trx, rows)
      for (const { candidate, at } of batch) {
        const id = candidates.insert(candidate, person, at, { via: 'demo' })
        for (const application of planner.applicationsFor(id, at)) {
          applications.insert(application, candidate.values.nameKey)
          summary.applications++
          summary.stageEvents += application.steps.length
        }
      }
      await candidates.write()
      await applications.write()
    })
    summary.candidates += batch.length
    options.onProgress?.(summary.candidates, options.candidates)
  }
  summary.assessments = (await generateAssessments(ctx, { seed: options.seed, people, epoch: EPOCH })).rated
  const interviews = await generateInterviews(
    ctx,
    new InterviewPlanService(ctx, services.workspace),
    await services.workspace.listPeople(false),
    postings.map((posting) => posting.id),
    createRandom(options.seed ^ 0x1e7e),
    EPOCH,
  )
  Object.assign(summary, interviews)
  await demoWriter.optimizeForReads()
  await ctx.db
    .transaction()
    .execute((trx) => new WorkspaceRepository(trx).putSetting(DEMO_GENERATION_SETTING, JSON.stringify('complete')))
  return summary
}
