import { useQuery } from '@tanstack/react-query'
import { api } from '../../api/client'
import { call } from '../../api/query'

export const ladderKeys = {
  all: ['ladders'] as const,
  list: ['ladders', 'list'] as const,
  detail: (id: number) => ['ladders', 'detail', id] as const,
}

export const useLadders = () => useQuery({ queryKey: ladderKeys.list, queryFn: () => call(api.ladders.list({})) })
export const useLadder = (id: number) =>
  useQuery({ queryKey: ladderKeys.detail(id), queryFn: () => call(api.ladders.get({ id })) })
