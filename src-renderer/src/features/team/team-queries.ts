import { useQuery } from '@tanstack/react-query'
import { api } from '../../api/client'
import { call } from '../../api/query'

export const teamKeys = { session: ['session'] as const, members: ['team'] as const }

/** The raw result, so the gate can tell "not signed in" from other failures. */
export const useSessionResult = () =>
  useQuery({ queryKey: teamKeys.session, queryFn: () => api.session.current({}), staleTime: 60_000 })

export const useSession = () => {
  const result = useSessionResult()
  return result.data?.ok ? result.data.data : undefined
}

export const useTeam = () => useQuery({ queryKey: teamKeys.members, queryFn: () => call(api.accounts.list({})) })
