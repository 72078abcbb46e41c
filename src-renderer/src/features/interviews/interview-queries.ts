import { useQuery } from '@tanstack/react-query'
import { api } from '../../api/client'
import { call } from '../../api/query'

export const interviewKeys = {
  all: ['interviews'] as const,
  plan: (postingId: number) => ['interviews', 'plan', postingId] as const,
  list: (filter: { applicationId?: number; postingId?: number }) => ['interviews', 'list', filter] as const,
  mine: ['interviews', 'mine'] as const,
  scorecard: (interviewId: number, reveal: boolean) => ['interviews', 'scorecard', interviewId, reveal] as const,
  debrief: (applicationId: number, reveal: boolean) => ['interviews', 'debrief', applicationId, reveal] as const,
  calibration: (postingId: number | null) => ['interviews', 'calibration', postingId] as const,
  external: ['interviews', 'external'] as const,
  externalOne: (id: number) => ['interviews', 'external', id] as const,
}

export const useInterviewPlan = (postingId: number, enabled = true) =>
  useQuery({
    queryKey: interviewKeys.plan(postingId),
    queryFn: () => call(api.interviews.plan({ postingId })),
    enabled,
  })

export const useExternalInterviews = () =>
  useQuery({ queryKey: interviewKeys.external, queryFn: () => call(api.scorecards.externalList({})) })

export const useExternalInterview = (id: number) =>
  useQuery({ queryKey: interviewKeys.externalOne(id), queryFn: () => call(api.scorecards.external({ id })) })

export const useApplicationInterviews = (applicationId: number) =>
  useQuery({
    queryKey: interviewKeys.list({ applicationId }),
    queryFn: () => call(api.interviews.list({ applicationId })),
  })

export const useMyInterviews = () =>
  useQuery({ queryKey: interviewKeys.mine, queryFn: () => call(api.interviews.mine({})) })

export const useScorecardPage = (interviewId: number, reveal: boolean) =>
  useQuery({
    queryKey: interviewKeys.scorecard(interviewId, reveal),
    queryFn: () => call(api.scorecards.get({ interviewId, reveal })),
  })

export const useDebrief = (applicationId: number, reveal: boolean) =>
  useQuery({
    queryKey: interviewKeys.debrief(applicationId, reveal),
    queryFn: () => call(api.interviews.debrief({ applicationId, reveal })),
  })

export const useCalibration = (postingId: number | null) =>
  useQuery({
    queryKey: interviewKeys.calibration(postingId),
    queryFn: () => call(api.interviews.calibration(postingId === null ? {} : { postingId })),
  })
