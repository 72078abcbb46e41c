import type { CandidateRowDto, CandidateSortColumn } from '@contract'
import { Badge, Button, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { modals } from '@mantine/modals'
import { IconFileImport, IconFiles, IconPlus, IconSearch, IconUserPlus, IconX } from '@tabler/icons-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useLocation, useSearch } from 'wouter'
import { api } from '../../api/client'
import { call } from '../../api/query'
import { DataTable, type DataColumn, type SortDirection } from '../../components/data-table/DataTable'
import i18n from '../../i18n'
import { AddManyToPosting } from '../applications/AddManyToPosting'
import { CandidateForm } from './CandidateForm'
import { candidateKeys, useFacets } from './candidate-queries'
import { CsvImportDialog } from './CsvImportDialog'
import { ResumeImportDialog } from './ResumeImportDialog'
import { PhoneRegionSelect } from './PhoneRegionSelect'
import { PhoneText } from './PhoneText'
import { formatDate } from '../../i18n/format'

const columns: DataColumn<CandidateRowDto>[] = [
  {
    id: 'name',
    header: () => i18n.t('candidates:columns.name'),
    sortable: true,
    size: 220,
    render: (row) => (
      <Text fw={600} fz="sm" truncate>
        {row.name}
      </Text>
    ),
  },
  { id: 'email', header: () => i18n.t('candidates:columns.email'), size: 260, render: (row) => row.email ?? '' },
  {
    id: 'phone',
    header: () => i18n.t('candidates:columns.phone'),
    size: 150,
    render: (row) => (row.phone ? <PhoneText value={row.phone} /> : ''),
  },
  {
    id: 'location',
    header: () => i18n.t('candidates:columns.location'),
    sortable: true,
    render: (row) => row.location,
  },
  { id: 'source', header: () => i18n.t('candidates:columns.source'), sortable: true, render: (row) => row.source },
  {
    id: 'tags',
    header: () => i18n.t('candidates:columns.tags'),
    size: 200,
    render: (row) => (
      <Group gap={4} wrap="nowrap">
        {row.tags.map((tag) => (
          <Badge key={tag} size="sm" variant="light">
            {tag}
          </Badge>
        ))}
      </Group>
    ),
  },
  {
    id: 'documents',
    header: () => i18n.t('candidates:columns.documents'),
    size: 110,
    render: (row) => String(row.documents),
  },
  {
    id: 'created',
    header: () => i18n.t('candidates:columns.created'),
    sortable: true,
    size: 130,
    render: (row) => formatDate(row.createdAt),
  },
  {
    id: 'updated',
    header: () => i18n.t('candidates:columns.updated'),
    sortable: true,
    size: 130,
    hiddenByDefault: true,
    render: (row) => formatDate(row.updatedAt),
  },
]

/** The search palette opens this page on a tag (/candidates?tag=Go): a new link starts the list afresh. */
export function CandidatesPage() {
  const search = useSearch()
  return <CandidateList key={search} initialTag={new URLSearchParams(search).get('tag')} />
}

function CandidateList({ initialTag }: { initialTag: string | null }) {
  const { t } = useTranslation(['candidates', 'common'])
  const [, navigate] = useLocation()
  const [text, setText] = useState('')
  const [tag, setTag] = useState<string | null>(initialTag)
  const [source, setSource] = useState<string | null>(null)
  const [sort, setSort] = useState<{ column: CandidateSortColumn; direction: SortDirection }>({
    column: 'name',
    direction: 'asc',
  })
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set())
  const [debouncedText] = useDebouncedValue(text, 250)
  const facets = useFacets()
  const filter = { text: debouncedText.trim(), tag: tag ?? '', source: source ?? '' }

  const openCreate = () =>
    modals.open({
      title: t('create.title'),
      size: 'lg',
      children: <CandidateForm onSaved={(id) => navigate(`/candidates/${id}`)} />,
    })
  const toggle = (row: CandidateRowDto) => {
    const next = new Set(selected)
    if (!next.delete(row.id)) next.add(row.id)
    setSelected(next)
  }
  const openAddSelected = () =>
    modals.open({
      title: t('list.addSelectedTitle'),
      children: (
        <AddManyToPosting
          candidateIds={[...selected]}
          onDone={() => {
            modals.closeAll()
            setSelected(new Set())
          }}
        />
      ),
    })
  const openCsv = () => modals.open({ title: t('csv.title'), size: 'xl', children: <CsvImportDialog /> })
  const openResumes = () =>
    modals.open({
      title: t('resumes.title'),
      size: 'lg',
      children: (
        <ResumeImportDialog
          onOpen={(id) => {
            modals.closeAll()
            navigate(`/candidates/${id}`)
          }}
        />
      ),
    })

  return (
    <Stack>
      <Group justify="space-between">
        <div>
          <Title order={2}>{t('list.title')}</Title>
          <Text c="dimmed" size="sm">
            {t('list.description')}
          </Text>
        </div>
        <PhoneRegionSelect />
        <Group>
          <Button variant="default" leftSection={<IconFiles size={16} />} onClick={openResumes}>
            {t('list.importResumes')}
          </Button>
          <Button variant="default" leftSection={<IconFileImport size={16} />} onClick={openCsv}>
            {t('list.importCsv')}
          </Button>
          <Button leftSection={<IconPlus size={16} />} onClick={openCreate}>
            {t('list.create')}
          </Button>
        </Group>
      </Group>
      <Group>
        <TextInput
          aria-label={t('list.filter')}
          placeholder={t('list.filter')}
          leftSection={<IconSearch size={16} />}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          w={280}
        />
        <Select
          aria-label={t('list.tag')}
          placeholder={t('list.tag')}
          data={facets.data?.tags ?? []}
          value={tag}
          onChange={setTag}
          clearable
          searchable
        />
        <Select
          aria-label={t('list.source')}
          placeholder={t('list.source')}
          data={facets.data?.sources ?? []}
          value={source}
          onChange={setSource}
          clearable
          searchable
        />
        {selected.size > 0 && (
          <Group gap="xs" ml="auto">
            <Button leftSection={<IconUserPlus size={16} />} onClick={openAddSelected}>
              {t('list.addSelected', { count: selected.size })}
            </Button>
            <Button
              variant="subtle"
              leftSection={<IconX size={16} />}
              onClick={() => setSelected(new Set())}
              aria-label={t('list.clearSelection')}
            >
              {selected.size}
            </Button>
          </Group>
        )}
      </Group>
      <DataTable
        tableId="candidates"
        label={t('list.title')}
        columns={columns}
        queryKey={candidateKeys.list(filter)}
        fetchPage={(page) => call(api.candidates.list({ ...page, ...filter }))}
        sort={sort}
        onSortChange={setSort}
        onRowClick={(row) => navigate(`/candidates/${row.id}`)}
        rowLabel={(row) => row.name}
        selection={{ selected, onToggle: toggle }}
        empty={t('list.empty')}
      />
    </Stack>
  )
}
