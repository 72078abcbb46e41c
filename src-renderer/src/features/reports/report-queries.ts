import type { ReportFiltersDto, ReportLanguage } from '@contract'
import { reportLanguages } from '@contract/closed-lists'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { api } from '../../api/client'
import { call } from '../../api/query'

export const emptyFilters: ReportFiltersDto = { postingId: null, levelId: null, source: null, from: null, to: null }

export const reportKeys = {
  all: ['reports'] as const,
  list: (language: ReportLanguage) => ['reports', 'list', language] as const,
  sources: ['reports', 'sources'] as const,
  run: (name: string, filters: ReportFiltersDto, language: ReportLanguage) =>
    ['reports', 'run', name, filters, language] as const,
}

export const reportLanguage = (language: string): ReportLanguage =>
  reportLanguages.find((candidate) => language.startsWith(candidate)) ?? 'en'

export const useReportList = (language: ReportLanguage) =>
  useQuery({ queryKey: reportKeys.list(language), queryFn: () => call(api.reports.list({ language })) })

/** Keeps the previous figures on screen while new filters are computed. */
export const useReport = (name: string, filters: ReportFiltersDto, language: ReportLanguage, enabled: boolean) =>
  useQuery({
    queryKey: reportKeys.run(name, filters, language),
    queryFn: () => call(api.reports.run({ name, filters, language })),
    placeholderData: keepPreviousData,
    enabled,
  })

export const useReportSources = () =>
  useQuery({ queryKey: reportKeys.sources, queryFn: () => call(api.reports.sources({})), staleTime: 30_000 })
