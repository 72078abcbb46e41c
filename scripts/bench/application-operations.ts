import type { ApplicantSortColumn, ApplicationStatus, SortDirection } from '@contract'
import {
  ApplicantPageRepository,
  type ApplicantQuery,
} from '../../src-main/core/applications/applicant-page-repository'
import { AssessmentRepository } from '../../src-main/core/assessments/repository'
import { searchMatch } from '../../src-main/core/candidates/search-repository'
import type { BenchWorkspaces } from './bench-databases'
import type { BenchOperation } from './harness'
import type { RawDatabase } from './raw-database'

const QUERY_FLOORS = { p95Ms: 25, maxRatio: 1.5 }
const PAGE = 50

interface Variant {
  sort: ApplicantSortColumn
  direction: SortDirection
  status?: ApplicationStatus
  /** A stage by its position in the pipeline. */
  stage?: number
  text?: string
}

/** What people do with a posting's applicants table (and its board's columns), in turn. */
const VARIANTS: Variant[] = [
  { sort: 'name', direction: 'asc', status: 'active' },
  { sort: 'name', direction: 'asc', status: 'rejected' },
  { sort: 'stage', direction: 'asc' },
  { sort: 'applied', direction: 'desc', stage: 1 },
  { sort: 'inStage', direction: 'desc', status: 'active', stage: 0 },
  { sort: 'name', direction: 'desc', text: 'varga' },
  { sort: 'activity', direction: 'desc' },
]

/** The posting with the most applications: the worst case of "a posting's first page". */
export async function largestPosting(raw: RawDatabase): Promise<{ id: number; applications: number }> {
  const [row] = await raw.rows<{ id: number; applications: number }>(
    `SELECT posting_id AS id, count(*) AS applications FROM applications WHERE merged_into_id IS NULL
     GROUP BY posting_id ORDER BY applications DESC, posting_id LIMIT 1`,
  )
  return row ?? { id: 0, applications: 0 }
}

export async function applicationOperations({ workspace, raw }: BenchWorkspaces): Promise<BenchOperation[]> {
  const { services, context } = workspace
  const repo = new ApplicantPageRepository(context.db)
  const posting = await largestPosting(raw)
  if (posting.applications === 0) return []
  const stageIds = (
    await raw.rows<{ id: number }>(
      'SELECT id FROM stages WHERE posting_id = ? AND archived_at IS NULL ORDER BY position',
      posting.id,
    )
  ).map((row) => row.id)

  const queries = VARIANTS.map((variant) => {
    const query: ApplicantQuery = {
      postingId: posting.id,
      offset: 0,
      limit: PAGE,
      sort: variant.sort,
      direction: variant.direction,
      stageId: variant.stage === undefined ? null : (stageIds[variant.stage] ?? null),
      status: variant.status ?? null,
      source: '',
      match: variant.text ? searchMatch(context.db, variant.text, ['name', 'contact']) : null,
      ratingOf: null,
      mustHaves: null,
      mustTotal: 0,
      atLeast: [],
    }
    const ids = repo.pageIdsQuery(query).compile()
    const count = repo.countQuery(query).compile()
    return {
      input: {
        postingId: posting.id,
        offset: 0,
        limit: PAGE,
        sort: variant.sort,
        direction: variant.direction,
        stageId: query.stageId ?? undefined,
        status: variant.status,
        source: '',
        text: variant.text ?? '',
      },
      ids: { statement: raw.prepare(ids.sql), parameters: [...ids.parameters] },
      count: { statement: raw.prepare(count.sql), parameters: [...count.parameters] },
    }
  })
  // Placeholder ids -1…-50 mark where the page's ids go among the statement's parameters.
  const rows = repo.rowsForQuery(Array.from({ length: PAGE }, (_, i) => -(i + 1))).compile()
  const rowsStatement = raw.prepare(rows.sql)
  // Each page also reads the posting's assessed requirements and the page's ratings.
  const assessments = new AssessmentRepository(context.db)
  const flags = assessments.liveRequirementFlagsQuery(posting.id).compile()
  const flagsStatement = raw.prepare(flags.sql)
  const ratings = assessments.ratingsOfQuery(Array.from({ length: PAGE }, (_, i) => -(i + 1))).compile()
  const ratingsStatement = raw.prepare(ratings.sql)
  const withPage = (parameters: readonly unknown[], page: number[]) =>
    parameters.map((value) => (typeof value === 'number' && value < 0 ? (page[-value - 1] ?? 0) : value))
  const [first] = queries
  if (!first) return []
  const pick = (i: number) => queries[i % queries.length] ?? first

  return [
    {
      name: `applicants: a posting's first page filtered and sorted (${posting.applications.toLocaleString('en-US')} applications)`,
      iterations: 210,
      floors: QUERY_FLOORS,
      run: (i) => services.applications.list(pick(i).input),
      raw: async (i) => {
        const query = pick(i)
        await flagsStatement.all(flags.parameters)
        const page = (await query.ids.statement.all(query.ids.parameters)).map((row) => (row as { id: number }).id)
        await query.count.statement.all(query.count.parameters)
        // The app reads a short last page with a shorter statement; padding with id 0 matches no row.
        await ratingsStatement.all(withPage(ratings.parameters, page))
        return rowsStatement.all(withPage(rows.parameters, page))
      },
    },
  ]
}
