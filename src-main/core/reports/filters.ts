import type { ReportFiltersDto, ReportLanguage } from '@contract'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import { AppError } from '../errors'
import { labelsFor } from './labels'
import type { ResolvedFilters } from './report-definition'

const DAY_MS = 86_400_000

/** The day after `date` (YYYY-MM-DD) at 00:00 UTC: the exclusive end of a range that includes `date`. */
export const dayAfter = (date: string): string => new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString()

/**
 * Checks that the posting and level exist and turns the dates into instants. Dates are UTC days: an
 * application made on `to` at 23:59 UTC is in the range.
 */
export async function resolveFilters(db: Kysely<Database>, filters: ReportFiltersDto): Promise<ResolvedFilters> {
  if (filters.from !== null && filters.to !== null && filters.from > filters.to) {
    throw new AppError('invalid_input', `The start date ${filters.from} is after the end date ${filters.to}.`, [
      { path: 'from', message: 'The start date is after the end date' },
    ])
  }
  if (filters.postingId !== null) {
    const posting = await db.selectFrom('postings').select('id').where('id', '=', filters.postingId).executeTakeFirst()
    if (!posting) throw AppError.of('report_no_posting', { id: filters.postingId })
  }
  if (filters.levelId !== null) {
    const level = await db.selectFrom('levels').select('id').where('id', '=', filters.levelId).executeTakeFirst()
    if (!level) throw AppError.of('report_no_level', { id: filters.levelId })
  }
  return {
    ...filters,
    fromInstant: filters.from === null ? null : `${filters.from}T00:00:00.000Z`,
    toInstant: filters.to === null ? null : dayAfter(filters.to),
  }
}

/** The filters in words, for the screen and for every export's provenance. */
export async function describeFilters(
  db: Kysely<Database>,
  filters: ReportFiltersDto,
  language: ReportLanguage,
): Promise<string> {
  const words = labelsFor(language)
  const posting =
    filters.postingId === null
      ? undefined
      : await db.selectFrom('postings').select('title').where('id', '=', filters.postingId).executeTakeFirst()
  const level =
    filters.levelId === null
      ? undefined
      : await db.selectFrom('levels').select('title').where('id', '=', filters.levelId).executeTakeFirst()
  const range =
    filters.from && filters.to
      ? `${filters.from} ${words.to} ${filters.to}`
      : filters.from
        ? `${words.since} ${filters.from}`
        : filters.to
          ? `${words.until} ${filters.to}`
          : words.anyTime
  return [
    `${words.posting}: ${posting ? `${posting.title} (#${filters.postingId})` : words.all}`,
    `${words.level}: ${level ? level.title : words.all}`,
    `${words.source}: ${filters.source ?? words.all}`,
    `${words.applied}: ${range}`,
  ].join('; ')
}
