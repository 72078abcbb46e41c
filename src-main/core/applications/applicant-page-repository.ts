import type { ApplicantSortColumn, MustHaveFilter, SortDirection } from '@contract'
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely'
import { hasNameOrContactMatch } from '../candidates/search-repository'
import { dialectOf } from '../db/dialect'
import { runPrepared, slot } from '../db/prepared'
import type { ApplicationFitTable, ApplicationStatus, ApplicationsTable, Database, RatingValue } from '../db/schema'

export interface ApplicantQuery {
  postingId: number
  offset: number
  limit: number
  sort: ApplicantSortColumn
  direction: SortDirection
  stageId: number | null
  status: ApplicationStatus | null
  source: string
  /** A search expression over the candidate's name and contacts (`searchMatch`), or null. */
  match: string | null
  /** The requirement whose rating orders the rows when sorting by rating. */
  ratingOf: number | null
  mustHaves: MustHaveFilter | null
  /** The posting's live must-haves: "all met" means this many met. */
  mustTotal: number
  /** Rating filters: the requirement's rating is at least `value`. */
  atLeast: { requirementId: number; value: RatingValue }[]
}

/**
 * Every sort column is NOT NULL on both databases (as are the stage position, the fit and the rating), so SQLite's
 * NULLs-first and PostgreSQL's NULLs-last never meet; every order ends on the application id, so ties fall the
 * same way on both, and text compares byte by byte on both (SQLite's binary collation, the C collation).
 */
const sortColumn = {
  name: 'a.name_key',
  status: 'a.status',
  source: 'a.source',
  applied: 'a.created_at',
  inStage: 'a.stage_entered_at',
  activity: 'a.updated_at',
} as const satisfies Record<Exclude<ApplicantSortColumn, 'stage' | 'fit' | 'rating'>, string>

const flip = (direction: SortDirection): SortDirection => (direction === 'asc' ? 'desc' : 'asc')

/**
 * The query's shape (filters present, order) as a cache key, and its arguments; the values in `slots`
 * stand for the arguments while the shape is compiled once.
 */
function pageShape(query: ApplicantQuery): { key: string; args: unknown[]; slots: ApplicantQuery } {
  const args: unknown[] = []
  const next = <T>(value: T): T => {
    args.push(value)
    return slot<T>(args.length - 1)
  }
  const slots: ApplicantQuery = {
    postingId: next(query.postingId),
    sort: query.sort,
    direction: query.direction,
    stageId: query.stageId === null ? null : next(query.stageId),
    status: query.status === null ? null : next(query.status),
    source: query.source ? next(query.source) : '',
    match: query.match === null ? null : next(query.match),
    ratingOf: query.ratingOf === null ? null : next(query.ratingOf),
    mustHaves: query.mustHaves,
    mustTotal: query.mustHaves === 'all_met' ? next(query.mustTotal) : 0,
    atLeast: query.atLeast.map((filter) => ({ requirementId: next(filter.requirementId), value: next(filter.value) })),
    limit: next(query.limit),
    offset: next(query.offset),
  }
  const key = [
    query.sort,
    query.direction,
    query.stageId !== null,
    query.status !== null,
    Boolean(query.source),
    query.match !== null,
    query.ratingOf !== null,
    query.mustHaves ?? '',
    query.atLeast.length,
  ].join(':')
  return { key, args, slots }
}

/** The applicants table's page: ids in order, rows for those ids, the count; the bench times these shapes. */
export class ApplicantPageRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Ids of one page, in order; `rowsFor` reads their columns, so skipped rows cost only an index step. */
  async pageIds(query: ApplicantQuery): Promise<number[]> {
    const { key, args, slots } = pageShape(query)
    const rows = await runPrepared(this.db, `applications.page:${key}`, () => this.pageIdsQuery(slots), args)
    return rows.map((row) => row.id)
  }

  /**
   * Every sort reads an index of the posting's applications in order. By stage, the posting's stages are
   * walked in pipeline order (CROSS JOIN keeps SQLite from turning the loops around) and each stage's
   * applications read from its index. "Days in stage" sorts by when the application entered its stage,
   * most recent first for the fewest days. By fit, the posting's fit index is walked in rank order (applicants
   * knocked out by a must-have below all others, then by score); by a
   * requirement's rating, that requirement's ratings index (every application has a row, unknown = 0).
   */
  pageIdsQuery(query: ApplicantQuery) {
    const direction = query.sort === 'inStage' ? flip(query.direction) : query.direction
    if (query.sort === 'fit') {
      // The must-have filter tests the fit rows the rank index yields, instead of a list of the posting's
      // matches built first (13,000 ids at 100,000 candidates). SQLite is kept off the must-have index by a
      // "+"; PostgreSQL needs the plain column, whose statistics tell it that half the posting matches (a
      // "+" expression it guesses at 0.5 %, and it then sorted the whole posting: 49 ms instead of 1).
      const column = (name: 'must_met' | 'knocked_out') =>
        dialectOf(this.db) === 'postgres' ? sql.ref(`f.${name}`) : sql`+${sql.ref(`f.${name}`)}`
      const mustHaves = query.mustHaves
      return this.where(
        this.db
          .selectFrom('application_fit as f')
          .innerJoin('applications as a', 'a.id', 'f.application_id')
          .where('f.posting_id', '=', query.postingId)
          .where('f.live', '=', 1)
          .$if(mustHaves === 'all_met', (qb) => qb.where(column('must_met'), '=', query.mustTotal))
          .$if(mustHaves === 'knocked_out', (qb) => qb.where(column('knocked_out'), '=', 1)),
        { ...query, mustHaves: null },
      )
        .select('a.id')
        .orderBy('f.knocked_out', flip(direction))
        .orderBy('f.score', direction)
        .orderBy('f.application_id', direction)
        .limit(query.limit)
        .offset(query.offset)
    }
    if (query.sort === 'rating' && query.ratingOf !== null) {
      return this.where(
        this.db
          .selectFrom('assessments as x')
          .innerJoin('applications as a', 'a.id', 'x.application_id')
          .where('x.requirement_id', '=', query.ratingOf),
        query,
      )
        .select('a.id')
        .orderBy('x.rating', direction)
        .orderBy('x.application_id', direction)
        .limit(query.limit)
        .offset(query.offset)
    }
    if (query.sort === 'stage') {
      return this.where(
        this.db
          .selectFrom('stages as s')
          .crossJoin('applications as a')
          .whereRef('a.stage_id', '=', 's.id')
          .where('s.posting_id', '=', query.postingId),
        query,
      )
        .select('a.id')
        .orderBy('s.position', direction)
        .orderBy('a.id', direction)
        .limit(query.limit)
        .offset(query.offset)
    }
    const column = query.sort === 'rating' ? 'name' : query.sort
    return this.filtered(query)
      .select('a.id')
      .orderBy(sql.ref(sortColumn[column]), direction)
      .orderBy('a.id', direction)
      .limit(query.limit)
      .offset(query.offset)
  }

  rowsFor(ids: number[]) {
    const list = ids.length ? ids : [0]
    return runPrepared(
      this.db,
      `applications.rows:${list.length}`,
      () => this.rowsForQuery(list.map((_, index) => slot<number>(index))),
      list,
    )
  }

  /** The columns of the applicants table; later columns (assessments, fit) join onto `a` here. */
  rowsForQuery(ids: number[]) {
    return this.db
      .selectFrom('applications as a')
      .innerJoin('candidates as c', 'c.id', 'a.candidate_id')
      .innerJoin('stages as s', 's.id', 'a.stage_id')
      .leftJoin('application_fit as f', 'f.application_id', 'a.id')
      .select((eb) => [
        'a.id',
        'a.candidate_id',
        'c.name',
        'f.score',
        'f.must_met',
        'f.knocked_out',
        'f.assessed',
        eb
          .selectFrom('candidate_emails as e')
          .select('e.email')
          .whereRef('e.candidate_id', '=', 'a.candidate_id')
          .orderBy('e.position')
          .limit(1)
          .as('email'),
        'a.stage_id',
        's.name as stage_name',
        's.position as stage_position',
        'a.status',
        'a.reason',
        'a.source',
        'a.created_at',
        'a.stage_entered_at',
        'a.closed_at',
        'a.updated_at',
      ])
      .where('a.id', 'in', ids)
  }

  async count(query: ApplicantQuery): Promise<number> {
    const { key, args, slots } = pageShape(query)
    const rows = await runPrepared(this.db, `applications.count:${key}`, () => this.countQuery(slots), args)
    return Number(rows[0]?.total ?? 0)
  }

  /**
   * Filtered on fit or ratings alone, the count reads the narrow fit table (and the ratings index) instead of
   * the applications: thousands of matches then cost a few milliseconds.
   */
  countQuery(query: ApplicantQuery) {
    const onApplications =
      query.stageId !== null || query.status !== null || query.source !== '' || query.match !== null
    if (onApplications || (query.mustHaves === null && query.atLeast.length === 0)) {
      return this.filtered(query).select((eb) => eb.fn.countAll<number>().as('total'))
    }
    const onFit = <QB extends SelectQueryBuilder<Database & { f: ApplicationFitTable }, 'f', object>>(
      builder: QB,
      ratings: ApplicantQuery['atLeast'],
    ): QB => {
      let count = builder.where('f.posting_id', '=', query.postingId).where('f.live', '=', 1)
      if (query.mustHaves === 'all_met') count = count.where('f.must_met', '=', query.mustTotal)
      if (query.mustHaves === 'knocked_out') count = count.where('f.knocked_out', '=', 1)
      for (const filter of ratings) count = count.where('f.application_id', 'in', this.ratedIds(filter))
      // Each `where` keeps the builder's type; TypeScript cannot see that through the generic parameter.
      return count as QB
    }
    const [first, ...others] = query.atLeast
    if (first === undefined)
      return onFit(this.db.selectFrom('application_fit as f'), []).select((eb) => eb.fn.countAll<number>().as('total'))
    // With a rating filter, its index (requirement, rating, application) drives, and each match's fit row is found
    // by its key (CROSS JOIN keeps SQLite in that order): SQLite counts 20,000 matches in 6 ms instead of 12 for
    // building their list and probing the posting's 24,700 fit rows. PostgreSQL plans both forms alike.
    const driven = this.db
      .selectFrom('assessments as x')
      .crossJoin('application_fit as f')
      .whereRef('f.application_id', '=', 'x.application_id')
      .where('x.requirement_id', '=', first.requirementId)
      .where('x.rating', '>=', first.value)
    return onFit(driven, others).select((eb) => eb.fn.countAll<number>().as('total'))
  }

  private mustHaveIds(query: ApplicantQuery) {
    return this.db
      .selectFrom('application_fit')
      .select('application_id')
      .where('posting_id', '=', query.postingId)
      .where('live', '=', 1)
      .where((eb) => (query.mustHaves === 'all_met' ? eb('must_met', '=', query.mustTotal) : eb('knocked_out', '=', 1)))
  }

  private ratedIds(filter: ApplicantQuery['atLeast'][number]) {
    return this.db
      .selectFrom('assessments')
      .select('application_id')
      .where('requirement_id', '=', filter.requirementId)
      .where('rating', '>=', filter.value)
  }

  private filtered(query: ApplicantQuery) {
    return this.where(this.db.selectFrom('applications as a'), query)
  }

  /** The filters, on any query that has the applications as `a`. */
  private where<QB extends SelectQueryBuilder<Database & { a: ApplicationsTable }, 'a', object>>(
    builder: QB,
    query: ApplicantQuery,
  ): QB {
    let filtered = builder.where('a.posting_id', '=', query.postingId).where('a.merged_into_id', 'is', null)
    if (query.stageId !== null) filtered = filtered.where('a.stage_id', '=', query.stageId)
    if (query.status !== null) filtered = filtered.where('a.status', '=', query.status)
    if (query.source) filtered = filtered.where('a.source', '=', query.source)
    // "+a.id": a membership test on the rows the sort's index yields, not a list of ids that drives the
    // query (and would have to be sorted whole); each list is built once per query.
    if (query.mustHaves !== null) filtered = filtered.where(sql<number>`+a.id`, 'in', this.mustHaveIds(query))
    for (const filter of query.atLeast) filtered = filtered.where(sql<number>`+a.id`, 'in', this.ratedIds(filter))
    const match = query.match
    if (match !== null) {
      filtered = filtered.where(hasNameOrContactMatch(this.db, 'a.candidate_id', match))
    }
    // Each `where` keeps the builder's type; TypeScript cannot see that through the generic parameter.
    return filtered as QB
  }

  async sources(postingId: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('applications')
      .select('source')
      .distinct()
      .where('posting_id', '=', postingId)
      .where('merged_into_id', 'is', null)
      .where('source', '!=', '')
      .orderBy('source')
      .limit(500)
      .execute()
    return rows.map((row) => row.source)
  }
}
