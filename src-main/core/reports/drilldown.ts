import type { DrilldownDto } from '@contract'
import { isoDate } from '@contract/common'
import { sql, type RawBuilder } from 'kysely'
import { AppError } from '../errors'
import { cohortWhere, type DateField } from './cohort'
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
  if (!key.startsWith(prefix))
    throw new AppError('invalid_input', `"${key.slice(0, 80)}" is not a ${kind} of this report.`)
  const value = key.slice(prefix.length)
  if (kind === 'week' && !isoDate.safeParse(value).success)
    throw new AppError('invalid_input', `"${value.slice(0, 80)}" is not a week.`)
  if ((kind === 'requirement' || kind === 'interviewer') && !/^[1-9]\d{0,15}$/.test(value))
    throw new AppError('invalid_input', `"${value.slice(0, 80)}" is not the id of a ${kind}.`)
  return { kind, value }
}

interface DrillRow {
  id: number
  candidate_id: number
  candidate_name: string
  posting_id: number
  posting_title: string
  stage: string
  status: string
  source: string
  created_at: string
}

/** One page of the cohort's applications that also meet `restriction`, newest first. */
export async function drilldownPage(
  query: ReportQuery,
  restriction: RawBuilder<unknown>,
  title: string,
  page: { offset: number; limit: number },
  dates: DateField = 'created',
): Promise<DrilldownDto> {
  const where = sql`${cohortWhere(query.filters, dates)} AND ${restriction}`
  const rows = await sql<DrillRow>`SELECT a.id, a.candidate_id, c.name AS candidate_name, a.posting_id,
      p.title AS posting_title, s.name AS stage, a.status, a.source, a.created_at
    FROM applications a
    JOIN postings p ON p.id = a.posting_id
    JOIN candidates c ON c.id = a.candidate_id
    JOIN stages s ON s.id = a.stage_id
    WHERE ${where}
    ORDER BY a.created_at DESC, a.id DESC
    LIMIT ${page.limit} OFFSET ${page.offset}`.execute(query.db)
  const total = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM applications a
    JOIN postings p ON p.id = a.posting_id WHERE ${where}`.execute(query.db)
  return {
    title,
    total: Number(total.rows[0]?.n ?? 0),
    offset: page.offset,
    rows: rows.rows.map((row) => ({
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
