import { useQuery } from '@tanstack/react-query'
import { api } from './client'
import { call } from './query'

export const workspaceKeys = { info: ['workspace'] as const, people: ['people'] as const }

export const useWorkspace = () =>
  useQuery({ queryKey: workspaceKeys.info, queryFn: () => call(api.workspace.info({})) })
export const usePeople = () =>
  useQuery({ queryKey: workspaceKeys.people, queryFn: () => call(api.people.list({ includeArchived: false })) })
