import type { ReportFiltersDto } from '@contract'
import { Group, Select, TextInput } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useLadders } from '../ladders/ladder-queries'
import { levelOptions } from '../postings/display-names'
import { usePostings } from '../postings/posting-queries'
import { useReportSources } from './report-queries'

interface ReportFiltersProps {
  value: ReportFiltersDto
  onChange: (value: ReportFiltersDto) => void
  /** Shown under the start date when the range is reversed. */
  rangeError: string | null
}

const dateOrNull = (value: string) => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null)

export function ReportFilters({ value, onChange, rangeError }: ReportFiltersProps) {
  const { t } = useTranslation('reports')
  const postings = usePostings({})
  const ladders = useLadders()
  const sources = useReportSources()
  return (
    <Group role="search" aria-label={t('filters.label')} align="flex-start">
      <Select
        label={t('filters.posting')}
        placeholder={t('filters.allPostings')}
        clearable
        searchable
        w={260}
        data={(postings.data ?? []).map((posting) => ({ value: String(posting.id), label: posting.title }))}
        value={value.postingId === null ? null : String(value.postingId)}
        onChange={(next) => onChange({ ...value, postingId: next ? Number(next) : null })}
      />
      <Select
        label={t('filters.level')}
        placeholder={t('filters.allLevels')}
        clearable
        searchable
        w={220}
        data={levelOptions(ladders.data)}
        value={value.levelId === null ? null : String(value.levelId)}
        onChange={(next) => onChange({ ...value, levelId: next ? Number(next) : null })}
      />
      <Select
        label={t('filters.source')}
        placeholder={t('filters.allSources')}
        clearable
        searchable
        w={180}
        data={sources.data ?? []}
        value={value.source}
        onChange={(next) => onChange({ ...value, source: next })}
      />
      <TextInput
        type="date"
        label={t('filters.from')}
        value={value.from ?? ''}
        error={rangeError}
        onChange={(event) => onChange({ ...value, from: dateOrNull(event.currentTarget.value) })}
      />
      <TextInput
        type="date"
        label={t('filters.to')}
        value={value.to ?? ''}
        onChange={(event) => onChange({ ...value, to: dateOrNull(event.currentTarget.value) })}
      />
    </Group>
  )
}
