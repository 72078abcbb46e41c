import { z } from 'zod'
import { applicantSortColumns, applicationStatuses, mustHaveFilters } from './applications'
import { ratings } from './assessments'
import { byId, id, name } from './common'
import { hiringTeam } from './access'
import { returns } from './define'

/** The tables whose arrangement a person can save under a name. */
export const viewTables = ['applicants'] as const
export type ViewTable = (typeof viewTables)[number]

export const VIEW_NAME_MAX = 80
export const VIEWS_PER_TABLE_MAX = 50

const requirementColumn = /^req:\d{1,12}$/
const columnId = z.string().regex(/^[a-zA-Z][\w:-]{0,40}$/, 'Not a column name')

/** A column the applicants table sorts by: one of its own columns, or a requirement's (`req:ID`). */
const sortColumn = z
  .string()
  .refine(
    (value) => (applicantSortColumns as readonly string[]).includes(value) || requirementColumn.test(value),
    'Not a column of the applicants table',
  )

/** What a saved view of the applicants table holds: its filters, its sort and the columns it hides. */
export const applicantViewStateSchema = z
  .object({
    filters: z
      .object({
        text: z.string().trim().max(200).default(''),
        stageId: id.nullable().default(null),
        status: z.enum(applicationStatuses).nullable().default(null),
        source: z.string().trim().max(100).nullable().default(null),
        mustHaves: z.enum(mustHaveFilters).nullable().default(null),
        atLeast: z
          .array(z.object({ requirementId: id, rating: z.enum(ratings).exclude(['unknown']) }).strict())
          .max(20, 'At most 20 rating filters')
          .default([]),
      })
      .strict(),
    sort: z.object({ column: sortColumn, direction: z.enum(['asc', 'desc']) }).strict(),
    hidden: z.array(columnId).max(200).default([]),
  })
  .strict()

export type ApplicantViewState = z.output<typeof applicantViewStateSchema>

/** What a saved view held that the posting no longer has, so opening it left that part out. */
export type DroppedPart = 'stage' | 'sort' | 'ratingFilter' | 'column' | 'state'

export interface SavedViewDto {
  id: number
  table: ViewTable
  postingId: number
  name: string
  state: ApplicantViewState
  /** Empty unless the view referred to stages or requirements since deleted. */
  dropped: DroppedPart[]
  createdAt: string
  updatedAt: string
}

const viewName = name(VIEW_NAME_MAX)
const scope = { table: z.enum(viewTables), postingId: id }

export const viewsContract = {
  /** My saved views of one table of a posting, by name. */
  list: { access: hiringTeam, input: z.object(scope).strict(), output: returns<SavedViewDto[]>() },
  /** Refused when I already have a view of that name for this table (names ignore case). */
  create: {
    access: hiringTeam,
    input: z.object({ ...scope, name: viewName, state: applicantViewStateSchema }).strict(),
    output: returns<SavedViewDto>(),
  },
  /** Replaces what the view holds with the table as it is now. */
  update: {
    access: hiringTeam,
    input: z.object({ id, state: applicantViewStateSchema }).strict(),
    output: returns<SavedViewDto>(),
  },
  rename: { access: hiringTeam, input: z.object({ id, name: viewName }).strict(), output: returns<SavedViewDto>() },
  remove: { access: hiringTeam, input: byId, output: returns<{ id: number }>() },
}
