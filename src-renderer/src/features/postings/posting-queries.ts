import type { PostingDto, PostingStatus, RequirementChangeDto, RequirementSection } from '@contract'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../../api/client'
import { call } from '../../api/query'

export interface PostingFilter {
  status?: PostingStatus | undefined
  levelId?: number | undefined
  language?: string | undefined
}

export const postingKeys = {
  all: ['postings'] as const,
  list: (filter: PostingFilter) => ['postings', 'list', filter] as const,
  detail: (id: number) => ['postings', 'detail', id] as const,
  reference: ['postings', 'reference'] as const,
}

export const usePostings = (filter: PostingFilter) =>
  useQuery({ queryKey: postingKeys.list(filter), queryFn: () => call(api.postings.list(filter)) })

export const usePosting = (id: number) =>
  useQuery({ queryKey: postingKeys.detail(id), queryFn: () => call(api.postings.get({ id })) })

/** Country and language lists and the status rules: fixed for the app's lifetime. */
export const usePostingReference = () =>
  useQuery({
    queryKey: postingKeys.reference,
    queryFn: () => call(api.postings.reference({})),
    staleTime: Infinity,
  })

/** Puts a requirement change's list into the cached posting at once; lists refresh in the background. */
export function useApplyRequirementChange(postingId: number) {
  const client = useQueryClient()
  return (change: RequirementChangeDto) => {
    client.setQueryData<PostingDto>(postingKeys.detail(postingId), (posting) => {
      if (!posting) return posting
      const counts: Record<RequirementSection, number> = {
        responsibility: 0,
        requirement: 0,
        nice_to_have: 0,
        benefit: 0,
        other: 0,
      }
      for (const requirement of change.requirements) counts[requirement.section]++
      return { ...posting, requirements: change.requirements, requirementCounts: counts }
    })
    void client.invalidateQueries({ queryKey: ['postings', 'list'] })
    // Assessment views and the applicants' columns list the posting's requirements.
    void client.invalidateQueries({ queryKey: ['assessments'] })
    void client.invalidateQueries({ queryKey: ['applications'] })
  }
}
