import type { AssessmentResultDto, AssessmentSheetDto } from '@contract'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../../api/client'
import { call } from '../../api/query'

export const assessmentKeys = {
  all: ['assessments'] as const,
  sheet: (applicationId: number) => ['assessments', 'sheet', applicationId] as const,
  compare: (postingId: number, applicationIds: number[]) =>
    ['assessments', 'compare', postingId, applicationIds] as const,
}

/** Always read again when the view opens: someone may have rated in another window meanwhile. */
export const useAssessmentSheet = (applicationId: number) =>
  useQuery({
    queryKey: assessmentKeys.sheet(applicationId),
    queryFn: () => call(api.assessments.get({ applicationId })),
    staleTime: 0,
  })

export const useComparison = (postingId: number, applicationIds: number[]) =>
  useQuery({
    queryKey: assessmentKeys.compare(postingId, applicationIds),
    queryFn: () => call(api.assessments.compare({ postingId, applicationIds })),
    enabled: applicationIds.length >= 2,
    staleTime: 0,
  })

/** Puts a changed item and the new fit into the cached sheet; the applicants table refreshes in the background. */
export function useApplyAssessmentResult(applicationId: number) {
  const client = useQueryClient()
  return (result: AssessmentResultDto) => {
    client.setQueryData<AssessmentSheetDto>(assessmentKeys.sheet(applicationId), (sheet) =>
      sheet
        ? {
            ...sheet,
            fit: result.fit,
            items: sheet.items.map((item) => (item.requirement.id === result.item.requirement.id ? result.item : item)),
          }
        : sheet,
    )
    void client.invalidateQueries({ queryKey: ['applications'] })
    void client.invalidateQueries({ queryKey: ['assessments', 'compare'] })
  }
}
