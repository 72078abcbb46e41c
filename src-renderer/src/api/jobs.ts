import { useQuery } from '@tanstack/react-query'
import { api } from './client'
import { call } from './query'

/** Polls a background job until it finishes. */
export function useJob(id: string | null) {
  return useQuery({
    queryKey: ['jobs', id],
    queryFn: () => call(api.jobs.get({ id: id ?? '' })),
    enabled: id !== null,
    refetchInterval: (query) => (query.state.data?.status === 'running' || !query.state.data ? 250 : false),
    staleTime: 0,
  })
}
