import type { ApplicantSortColumn, MustHaveFilter, SortDirection } from '@contract'
import {
  ApplicantPageRepository,
  type ApplicantQuery,
} from '../../src-main/core/applications/applicant-page-repository'
import type { ApplicantListInput } from '../../src-main/core/applications/applicant-list'
import { AssessmentRepository } from '../../src-main/core/assessments/repository'
import type { OpenWorkspace } from '../../src-main/core/services'
import { largestPosting } from './application-operations'
import type { BenchWorkspaces } from './bench-databases'
import type { BenchOperation } from './harness'
import type { RawDatabase } from './raw-database'

const QUERY_FLOORS = { p95Ms: 25, maxRatio: 1.5 }
const PAGE = 50

interface Variant {
  sort: ApplicantSortColumn
  direction: SortDirection
  /** Index of the posting's requirement that sorts (sort "rating") or filters ("≥ partial"). */
  requirement?: number
  atLeast?: 'partial' | 'met'
  mustHaves?: MustHaveFilter
  status?: 'active'
}

/** The applicants page with fit and a column per requirement, as each operation reads it. */
function page(
  workspace: OpenWorkspace,
  raw: RawDatabase,
  postingId: number,
  requirements: { id: number; must_have: number }[],
  variant: Variant,
) {
  const { context } = workspace
  const repo = new ApplicantPageRepository(context.db)
  const assessments = new AssessmentRepository(context.db)
  const requirement = variant.requirement === undefined ? undefined : requirements[variant.requirement]?.id
  const atLeast = variant.atLeast && requirement ? [{ requirementId: requirement, rating: variant.atLeast }] : []
  const input: ApplicantListInput = {
    postingId,
    offset: 0,
    limit: PAGE,
    sort: variant.sort,
    direction: variant.direction,
    status: variant.status,
    source: '',
    text: '',
    ratingOf: variant.sort === 'rating' ? requirement : undefined,
    mustHaves: variant.mustHaves,
    atLeast,
  }
  const query: ApplicantQuery = {
    postingId,
    offset: 0,
    limit: PAGE,
    sort: variant.sort,
    direction: variant.direction,
    stageId: null,
    status: variant.status ?? null,
    source: '',
    match: null,
    ratingOf: input.ratingOf ?? null,
    mustHaves: variant.mustHaves ?? null,
    mustTotal: requirements.filter((entry) => entry.must_have === 1).length,
    atLeast: atLeast.map((filter) => ({ requirementId: filter.requirementId, value: filter.rating === 'met' ? 3 : 2 })),
  }
  const prepare = (compiled: { sql: string; parameters: readonly unknown[] }) => ({
    statement: raw.prepare(compiled.sql),
    parameters: [...compiled.parameters],
  })
  return {
    input,
    flags: prepare(assessments.liveRequirementFlagsQuery(postingId).compile()),
    ids: prepare(repo.pageIdsQuery(query).compile()),
    count: prepare(repo.countQuery(query).compile()),
  }
}

/**
 * The applicants page carrying fit and one column per requirement, on the posting with the most applications,
 * sorted and filtered by them; next to the same statements run with the driver alone.
 */
export async function assessmentOperations({ workspace, raw }: BenchWorkspaces): Promise<BenchOperation[]> {
  const { services, context } = workspace
  const posting = await largestPosting(raw)
  if (posting.applications === 0) return []
  const requirements = await raw.rows<{ id: number; must_have: number }>(
    `SELECT id, must_have FROM requirements WHERE posting_id = ? AND archived_at IS NULL
     AND section IN ('responsibility', 'requirement', 'nice_to_have') ORDER BY section, position, id`,
    posting.id,
  )
  if (requirements.length === 0) return []
  const repo = new ApplicantPageRepository(context.db)
  const assessments = new AssessmentRepository(context.db)
  // Placeholder ids -1…-50 mark where the page's ids go among the statements' parameters.
  const placeholders = Array.from({ length: PAGE }, (_, i) => -(i + 1))
  const rows = repo.rowsForQuery(placeholders).compile()
  const rowsStatement = raw.prepare(rows.sql)
  const ratings = assessments.ratingsOfQuery(placeholders).compile()
  const ratingsStatement = raw.prepare(ratings.sql)
  const withPage = (parameters: readonly unknown[], ids: number[]) =>
    parameters.map((value) => (typeof value === 'number' && value < 0 ? (ids[-value - 1] ?? 0) : value))
  const label = `${posting.applications.toLocaleString('en-US')} applications × ${requirements.length} requirements`

  const operation = (name: string, variants: Variant[]): BenchOperation => {
    const pages = variants.map((variant) => page(workspace, raw, posting.id, requirements, variant))
    const pick = (i: number) => pages[i % pages.length] ?? pages[0]
    return {
      name: `applicants with fit and requirement columns: ${name} (${label})`,
      iterations: 200,
      floors: QUERY_FLOORS,
      run: (i) => services.applications.list(pick(i)!.input),
      raw: async (i) => {
        const query = pick(i)!
        await query.flags.statement.all(query.flags.parameters)
        const ids = (await query.ids.statement.all(query.ids.parameters)).map((row) => (row as { id: number }).id)
        await query.count.statement.all(query.count.parameters)
        await ratingsStatement.all(withPage(ratings.parameters, ids))
        return rowsStatement.all(withPage(rows.parameters, ids))
      },
    }
  }

  return [
    operation('sorted by fit', [
      { sort: 'fit', direction: 'desc' },
      { sort: 'fit', direction: 'asc' },
      { sort: 'fit', direction: 'desc', status: 'active' },
    ]),
    operation('all must-haves met, or knocked out', [
      { sort: 'fit', direction: 'desc', mustHaves: 'all_met' },
      { sort: 'name', direction: 'asc', mustHaves: 'all_met' },
      { sort: 'fit', direction: 'desc', mustHaves: 'knocked_out' },
    ]),
    operation('a requirement ≥ partial or ≥ met', [
      { sort: 'name', direction: 'asc', requirement: 1, atLeast: 'partial' },
      { sort: 'fit', direction: 'desc', requirement: 3, atLeast: 'met' },
      { sort: 'applied', direction: 'desc', requirement: 0, atLeast: 'met', status: 'active' },
    ]),
    operation("sorted by a requirement's rating", [
      { sort: 'rating', direction: 'desc', requirement: 0 },
      { sort: 'rating', direction: 'asc', requirement: 2 },
      { sort: 'rating', direction: 'desc', requirement: 4, status: 'active' },
    ]),
  ]
}
