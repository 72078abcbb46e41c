import type { DrilldownDto } from '@contract'
import { isoDate } from '@contract/common'
import { AppError } from '../errors'
import type { DateField, Restriction } from './cohort-repository'
import type { ReportQuery } from './report-definition'

export type Segment =
  | { kind: 'stage'; value: string }
  | { kind: 'source'; value: string }
  | { kind: 'week'; value: string }
  | { kind: 'status'; value: string }
  | { kind: 'requirement'; value: string }
  | { kind: 'interviewer'; value: string }

/** Segments travel as `kind:value` (a stage name in lower case, a source, a week's Monday, a status, an id). */
export const segmentKey = (segment: Segment): string => `${segment.kind}:${segment.value}`

export function parseSegment(key: string, kind: Segment['kind']): Segment {
  const prefix = `${kind}:`
  if (!key.startsWith(prefix)) throw AppError.of('report_segment_invalid', { value: key.slice(0, 80), kind })
  const value = key.slice(prefix.length)
  if (kind === 'week' && !isoDate.safeParse(value).success)
    throw AppError.of('report_week_invalid', { value: value.slice(0, 80) })
  if ((kind === 'requirement' || kind === 'interviewer') && !/^[1-9]\d{0,15}$/.test(value))
    throw AppError.of('report_id_invalid', { value: value.slice(0, 80), kind })
  return { kind, value }
}

/** One page of the cohort's applications that also meet `restriction`, newest first. */
export async function drilldownPage(
  query: ReportQuery,
  restriction: Restriction,
  title: string,
  page: { offset: number; limit: number },
  dates: DateField = 'created',
): Promise<DrilldownDto> {
  const { rows, total } = await query.repositories.cohort.drilldown(query.filters, restriction, page, dates)
  return {
    title,
    total,
    offset: page.offset,
    rows: rows.map((row) => ({
      applicationId: row.id,
      candidateId: row.candidate_id,
      candidateName: row.candidate_name,
      postingId: row.posting_id,
      postingTitle: row.posting_title,
      stage: row.stage,
      status: row.status,
      source: row.source,
      appliedAt: row.created_at,
    })),
  }
}
