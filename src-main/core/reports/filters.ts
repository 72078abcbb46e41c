import type { ReportFiltersDto, ReportLanguage } from '@contract'
import { AppError } from '../errors'
import type { CohortRepository } from './cohort-repository'
import { labelsFor } from './labels'
import type { ResolvedFilters } from './report-definition'

const DAY_MS = 86_400_000

/** The day after `date` (YYYY-MM-DD) at 00:00 UTC: the exclusive end of a range that includes `date`. */
export const dayAfter = (date: string): string => new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString()

/**
 * Checks that the posting and level exist and turns the dates into instants. Dates are UTC days: an
 * application made on `to` at 23:59 UTC is in the range.
 */
export async function resolveFilters(cohort: CohortRepository, filters: ReportFiltersDto): Promise<ResolvedFilters> {
  if (filters.from !== null && filters.to !== null && filters.from > filters.to) {
    throw AppError.of('report_dates_reversed', { from: filters.from, to: filters.to }, [
      { path: 'from', message: 'The start date is after the end date', key: 'v_date_range' },
    ])
  }
  if (filters.postingId !== null && (await cohort.postingTitle(filters.postingId)) === undefined)
    throw AppError.of('report_no_posting', { id: filters.postingId })
  if (filters.levelId !== null && (await cohort.levelTitle(filters.levelId)) === undefined)
    throw AppError.of('report_no_level', { id: filters.levelId })
  return {
    ...filters,
    fromInstant: filters.from === null ? null : `${filters.from}T00:00:00.000Z`,
    toInstant: filters.to === null ? null : dayAfter(filters.to),
  }
}

/** The filters in words, for the screen and for every export's provenance. */
export async function describeFilters(
  cohort: CohortRepository,
  filters: ReportFiltersDto,
  language: ReportLanguage,
): Promise<string> {
  const label = labelsFor(language)
  const posting = filters.postingId === null ? undefined : await cohort.postingTitle(filters.postingId)
  const level = filters.levelId === null ? undefined : await cohort.levelTitle(filters.levelId)
  const range =
    filters.from && filters.to
      ? label('filters.range', { from: filters.from, to: filters.to })
      : filters.from
        ? label('filters.since', { from: filters.from })
        : filters.to
          ? label('filters.until', { to: filters.to })
          : label('filters.anyTime')
  const all = label('filters.all')
  return [
    `${label('filters.posting')}: ${posting !== undefined ? `${posting} (#${filters.postingId})` : all}`,
    `${label('filters.level')}: ${level ?? all}`,
    `${label('filters.source')}: ${filters.source ?? all}`,
    `${label('filters.applied')}: ${range}`,
  ].join('; ')
}
