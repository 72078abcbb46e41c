import type { ApplicationStatus } from '@contract'
import { useQuery } from '@tanstack/react-query'
import { api } from '../../api/client'
import { call } from '../../api/query'

/** Every key starts with 'applications' or 'stages', so one invalidation refreshes boards, tables and counts. */
export const applicationKeys = {
  all: ['applications'] as const,
  table: (postingId: number, filter: object) => ['applications', 'table', postingId, filter] as const,
  column: (postingId: number, stageId: number, status: ApplicationStatus) =>
    ['applications', 'column', postingId, stageId, status] as const,
  facets: (postingId: number) => ['applications', 'facets', postingId] as const,
  detail: (id: number) => ['applications', 'detail', id] as const,
  stages: (postingId: number) => ['stages', postingId] as const,
  allStages: ['stages'] as const,
}

export const useStages = (postingId: number) =>
  useQuery({
    queryKey: applicationKeys.stages(postingId),
    queryFn: () => call(api.stages.list({ postingId })),
  })

export const useApplicantFacets = (postingId: number) =>
  useQuery({
    queryKey: applicationKeys.facets(postingId),
    queryFn: () => call(api.applications.facets({ postingId })),
    staleTime: 30_000,
  })

export const useApplication = (id: number | null) =>
  useQuery({
    queryKey: applicationKeys.detail(id ?? 0),
    queryFn: () => call(api.applications.get({ id: id ?? 0 })),
    enabled: id !== null,
  })
