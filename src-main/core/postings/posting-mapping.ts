import type { PostingSummaryDto, RemotePolicy, RequirementSection } from '@contract'
import type { PostingRepository, PostingValues } from './repository'
import { parseJsonArray } from './requirement-mapping'

export interface PostingFields {
  title: string
  levelId: number
  team: string
  language: string
  countries: string[]
  remotePolicy: RemotePolicy
  summary: string
}

type PostingListRow = Awaited<ReturnType<PostingRepository['listPostings']>>[number]

export function toSummaryDto(row: PostingListRow, counts: Record<RequirementSection, number>): PostingSummaryDto {
  return {
    id: row.id,
    title: row.title,
    levelId: row.level_id,
    levelTitle: row.level_title,
    ladderId: row.ladder_id,
    ladderName: row.ladder_name,
    team: row.team,
    language: row.language,
    countries: parseJsonArray(row.countries).filter((code): code is string => typeof code === 'string'),
    remotePolicy: row.remote_policy,
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    closedAt: row.closed_at,
    requirementCounts: counts,
  }
}

/** Countries are stored once each, in the order given. */
export function postingColumns(fields: PostingFields): PostingValues {
  return {
    title: fields.title,
    level_id: fields.levelId,
    team: fields.team,
    language: fields.language,
    countries: JSON.stringify([...new Set(fields.countries)]),
    remote_policy: fields.remotePolicy,
    summary: fields.summary,
  }
}
