import type { ApplicantRowDto, ApplicantSortColumn, ApplicationStatus, PostingDto } from '@contract'
import { Button, Group, Select, Stack, Text, TextInput, Tooltip } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { modals } from '@mantine/modals'
import { IconFiles, IconSearch } from '@tabler/icons-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/client'
import { call } from '../../api/query'
import { DataTable, type DataColumn, type SortDirection } from '../../components/data-table/DataTable'
import i18n from '../../i18n'
import { isOneOf } from '../postings/posting-enums'
import { ResumeImportDialog } from '../candidates/ResumeImportDialog'
import { applicationStatuses } from './application-enums'
import { applicationKeys, useApplicantFacets, useStages } from './application-queries'
import { ApplicationDrawer, ApplicationStatusBadge } from './ApplicationDrawer'

const date = (iso: string) => new Date(iso).toLocaleDateString(i18n.language)

const columns: DataColumn<ApplicantRowDto>[] = [
  {
    id: 'name',
    header: () => i18n.t('applications:columns.name'),
    sortable: true,
    size: 220,
    render: (row) => (
      <Text fw={600} fz="sm" truncate>
        {row.name}
      </Text>
    ),
  },
  { id: 'email', header: () => i18n.t('applications:columns.email'), size: 240, render: (row) => row.email ?? '' },
  { id: 'stage', header: () => i18n.t('applications:columns.stage'), sortable: true, render: (row) => row.stageName },
  {
    id: 'status',
    header: () => i18n.t('applications:columns.status'),
    sortable: true,
    size: 130,
    render: (row) =>
      row.reason ? (
        <Tooltip label={row.reason} multiline maw={320}>
          <span>
            <ApplicationStatusBadge status={row.status} />
          </span>
        </Tooltip>
      ) : (
        <ApplicationStatusBadge status={row.status} />
      ),
  },
  { id: 'source', header: () => i18n.t('applications:columns.source'), sortable: true, render: (row) => row.source },
  {
    id: 'applied',
    header: () => i18n.t('applications:columns.applied'),
    sortable: true,
    size: 120,
    render: (row) => date(row.appliedAt),
  },
  {
    id: 'inStage',
    header: () => i18n.t('applications:columns.inStage'),
    sortable: true,
    size: 130,
    render: (row) => String(row.daysInStage),
  },
  {
    id: 'activity',
    header: () => i18n.t('applications:columns.activity'),
    sortable: true,
    size: 130,
    hiddenByDefault: true,
    render: (row) => date(row.updatedAt),
  },
]

/** A posting's applicants: filtered, sorted and paged by SQLite, only the rows in view rendered. */
export function ApplicantsTable({ posting }: { posting: PostingDto }) {
  const { t } = useTranslation(['applications', 'candidates', 'common'])
  const stages = useStages(posting.id)
  const facets = useApplicantFacets(posting.id)
  const [text, setText] = useState('')
  const [stageId, setStageId] = useState<string | null>(null)
  const [status, setStatus] = useState<ApplicationStatus | null>(null)
  const [source, setSource] = useState<string | null>(null)
  const [sort, setSort] = useState<{ column: ApplicantSortColumn; direction: SortDirection }>({
    column: 'applied',
    direction: 'desc',
  })
  const [opened, setOpened] = useState<number | null>(null)
  const [debouncedText] = useDebouncedValue(text, 250)
  const filter = {
    text: debouncedText.trim(),
    source: source ?? '',
    ...(stageId ? { stageId: Number(stageId) } : {}),
    ...(status ? { status } : {}),
  }
  const openImport = () =>
    modals.open({
      title: t('candidates:resumes.titleInto', { title: posting.title }),
      size: 'lg',
      children: <ResumeImportDialog postingId={posting.id} onOpen={() => modals.closeAll()} />,
    })

  return (
    <Stack>
      <Group justify="space-between">
        <Group role="search" aria-label={t('applicants.filters')}>
          <TextInput
            aria-label={t('applicants.filter')}
            placeholder={t('applicants.filter')}
            leftSection={<IconSearch size={16} />}
            value={text}
            onChange={(event) => setText(event.currentTarget.value)}
            w={260}
          />
          <Select
            aria-label={t('columns.stage')}
            placeholder={t('columns.stage')}
            data={(stages.data ?? []).map((stage) => ({ value: String(stage.id), label: stage.name }))}
            value={stageId}
            onChange={setStageId}
            clearable
          />
          <Select
            aria-label={t('columns.status')}
            placeholder={t('columns.status')}
            data={applicationStatuses.map((value) => ({ value, label: t(`status.${value}`) }))}
            value={status}
            onChange={(value) => setStatus(isOneOf(applicationStatuses, value) ? value : null)}
            clearable
          />
          <Select
            aria-label={t('columns.source')}
            placeholder={t('columns.source')}
            data={facets.data?.sources ?? []}
            value={source}
            onChange={setSource}
            clearable
            searchable
          />
        </Group>
        <Button
          variant="default"
          leftSection={<IconFiles size={16} />}
          onClick={openImport}
          disabled={posting.status === 'closed'}
        >
          {t('applicants.importResumes')}
        </Button>
      </Group>
      <DataTable
        tableId="applicants"
        label={t('applicants.title')}
        columns={columns}
        queryKey={applicationKeys.table(posting.id, filter)}
        fetchPage={(page) => call(api.applications.list({ ...page, ...filter, postingId: posting.id }))}
        sort={sort}
        onSortChange={setSort}
        onRowClick={(row) => setOpened(row.id)}
        rowLabel={(row) => row.name}
        height="calc(100vh - 330px)"
        empty={t('applicants.empty')}
      />
      <ApplicationDrawer applicationId={opened} onClose={() => setOpened(null)} />
    </Stack>
  )
}
