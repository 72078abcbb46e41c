import type { PostingDto, RequirementDto } from '@contract'
import { sql } from 'kysely'
import type { TestWorkspace } from '../testing/temp-workspace'

/** Test helpers: a posting with assessed items, candidates with a text résumé, applications. */
export function assessmentFixtures(workspace: () => TestWorkspace) {
  const services = () => workspace().services

  const item = (section: RequirementDto['section'], text: string, extra: Partial<RequirementDto> = {}) => ({
    section,
    text,
    mustHave: false,
    preferred: false,
    minYears: null,
    skills: [],
    competencyId: null,
    weight: undefined,
    ...extra,
  })

  async function posting(requirements: ReturnType<typeof item>[], title = 'Backend Engineer'): Promise<PostingDto> {
    const ladder = (await services().ladders.list())[0]
    const level = ladder?.levels.find((entry) => entry.code === 'SBE2')
    if (!level) throw new Error('run demo.init() first')
    return services().postings.create({
      title,
      levelId: level.id,
      team: 'Core',
      language: 'en',
      countries: [],
      remotePolicy: 'remote',
      summary: '',
      status: 'open',
      originalText: '',
      originalFileName: null,
      requirements,
    })
  }

  async function candidate(name: string, resume?: string): Promise<number> {
    const created = await services().candidates.create(
      { name, emails: [], phones: [], links: [], location: '', source: '', tags: [], ifDuplicate: 'create' },
      { via: 'test' },
    )
    if (resume !== undefined) {
      await services().candidates.attachDocument({
        candidateId: created.id,
        fileName: `${name.replace(/\W+/g, '-').toLowerCase()}-cv.txt`,
        bytes: new TextEncoder().encode(resume),
      })
    }
    return created.id
  }

  /** An application in the posting's first stage. */
  async function apply(candidateId: number, postingId: number): Promise<number> {
    return (await services().applications.add({ candidateId, postingId })).id
  }

  async function historyCount(): Promise<number> {
    const row = await sql<{ n: number }>`SELECT count(*) AS n FROM assessment_history`.execute(workspace().context.db)
    return Number(row.rows[0]?.n ?? 0)
  }

  return { item, posting, candidate, apply, historyCount }
}
