import { useQuery } from '@tanstack/react-query'
import { api } from '../../api/client'
import { call } from '../../api/query'

export const privacyKeys = {
  all: ['privacy'] as const,
  retention: ['privacy', 'retention'] as const,
  policy: ['privacy', 'policy'] as const,
  backups: ['privacy', 'backups'] as const,
}

/** Checked when the app starts (the navigation badge) and whenever the Privacy page is open. */
/** `enabled: false` where the person may not read it (the app shell's badge for everyone but administrators). */
export const useRetention = (enabled = true) =>
  useQuery({
    queryKey: privacyKeys.retention,
    queryFn: () => call(api.privacy.retention({})),
    staleTime: 60_000,
    enabled,
  })

export const usePolicy = () => useQuery({ queryKey: privacyKeys.policy, queryFn: () => call(api.privacy.policy({})) })

export const useBackups = () =>
  useQuery({ queryKey: privacyKeys.backups, queryFn: () => call(api.privacy.backups({})) })
