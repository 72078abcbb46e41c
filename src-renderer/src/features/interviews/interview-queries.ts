import { useQuery } from '@tanstack/react-query'
import { api } from '../../api/client'
import { call } from '../../api/query'

export const interviewKeys = {
  all: ['interviews'] as const,
  plan: (postingId: number) => ['interviews', 'plan', postingId] as const,
  external: ['interviews', 'external'] as const,
  externalOne: (id: number) => ['interviews', 'external', id] as const,
}

export const useInterviewPlan = (postingId: number) =>
  useQuery({ queryKey: interviewKeys.plan(postingId), queryFn: () => call(api.interviews.plan({ postingId })) })

export const useExternalInterviews = () =>
  useQuery({ queryKey: interviewKeys.external, queryFn: () => call(api.scorecards.externalList({})) })

export const useExternalInterview = (id: number) =>
  useQuery({ queryKey: interviewKeys.externalOne(id), queryFn: () => call(api.scorecards.external({ id })) })
