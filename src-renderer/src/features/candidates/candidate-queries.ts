import { useQuery } from '@tanstack/react-query'
import { api } from '../../api/client'
import { call } from '../../api/query'

export const candidateKeys = {
  all: ['candidates'] as const,
  list: (filter: { text: string; tag: string; source: string }) => ['candidates', 'list', filter] as const,
  facets: ['candidates', 'facets'] as const,
  detail: (id: number) => ['candidates', 'detail', id] as const,
  text: (documentId: number) => ['candidates', 'document-text', documentId] as const,
  search: (query: string) => ['candidates', 'search', query] as const,
}

export const useCandidate = (id: number) =>
  useQuery({ queryKey: candidateKeys.detail(id), queryFn: () => call(api.candidates.get({ id })) })

export const useFacets = () =>
  useQuery({ queryKey: candidateKeys.facets, queryFn: () => call(api.candidates.facets({})), staleTime: 30_000 })

export const useDocumentText = (documentId: number | null) =>
  useQuery({
    queryKey: candidateKeys.text(documentId ?? 0),
    queryFn: () => call(api.candidates.documentText({ id: documentId ?? 0 })),
    enabled: documentId !== null,
  })

export const useCandidateSearch = (query: string) =>
  useQuery({
    queryKey: candidateKeys.search(query),
    queryFn: () => call(api.candidates.search({ query, limit: 20 })),
    enabled: query.trim().length > 0,
    placeholderData: (previous) => previous,
  })
