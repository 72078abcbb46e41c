import type {
  ApplicantViewState,
  SavedViewDto,
  ApplicantRowDto,
  ApplicantSortColumn,
  ApplicationStatus,
  MustHaveFilter,
  PostingDto,
  Rating,
} from '@contract'
import { givenRatings, mustHaveFilters } from '@contract/closed-lists'
import { Button, Group, Select, Stack, TextInput, Tooltip } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { modals } from '@mantine/modals'
import { IconFiles, IconLayoutGrid, IconSearch } from '@tabler/icons-react'
import { useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useLocation, useSearch } from 'wouter'
import { api } from '../../api/client'
import { call } from '../../api/query'
import { DataTable, type DataColumn, type SortDirection } from '../../components/data-table/DataTable'
import classes from '../../components/data-table/data-table.module.css'
import i18n from '../../i18n'
import { rememberApplicantOrder } from '../assessments/applicant-order'
import { assessmentColumns, type requirementColumnId } from '../assessments/ApplicantColumns'
import { comparePath } from '../assessments/ComparePage'
import { assessedSections, isOneOf } from '../postings/posting-enums'
import { ResumeImportDialog } from '../candidates/ResumeImportDialog'
import { applicationStatuses, statusColors } from './application-enums'
import { applicationKeys, useApplicantFacets, useStages } from './application-queries'
import { ApplicationDrawer } from './ApplicationDrawer'
import { BulkActions } from './BulkActions'
import { RequirementLegend } from './RequirementLegend'
import { SavedViews } from './SavedViews'
import { useTablePrefs } from '../../components/data-table/table-prefs'
import { formatDate } from '../../i18n/format'

const baseColumns: DataColumn<ApplicantRowDto>[] = [
  {
    id: 'name',
    header: () => i18n.t('applications:columns.name'),
    sortable: true,
    pinned: true,
    size: 220,
    render: (row) => <span className={classes.strong}>{row.name}</span>,
  },
  { id: 'email', header: () => i18n.t('applications:columns.email'), size: 240, render: (row) => row.email ?? '' },
  { id: 'stage', header: () => i18n.t('applications:columns.stage'), sortable: true, render: (row) => row.stageName },
  {
    id: 'status',
    header: () => i18n.t('applications:columns.status'),
    sortable: true,
    size: 130,
    // A plain badge with the browser's tooltip for the reason: a Mantine Badge and Tooltip per new row are too
    // heavy for a table scrolled down fast.
    render: (row) => (
      <span className={classes.badge} data-color={statusColors[row.status]} title={row.reason ?? undefined}>
        {i18n.t(`applications:status.${row.status}`)}
      </span>
    ),
  },
  { id: 'source', header: () => i18n.t('applications:columns.source'), sortable: true, render: (row) => row.source },
  {
    id: 'applied',
    header: () => i18n.t('applications:columns.applied'),
    sortable: true,
    size: 120,
    render: (row) => formatDate(row.appliedAt),
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
    render: (row) => formatDate(row.updatedAt),
  },
]

type TableSort = ApplicantSortColumn | ReturnType<typeof requirementColumnId>

const ratedLevels = givenRatings
const MAX_COMPARE = 20

/** The server's sort for a column: a requirement's column sorts by its rating. */
function serverSort(column: TableSort): { sort: ApplicantSortColumn; ratingOf?: number } {
  const requirement = /^req:(\d+)$/.exec(column)?.[1]
  if (requirement) return { sort: 'rating', ratingOf: Number(requirement) }
  return { sort: isOneOf(applicantSortColumns, column) ? column : 'applied' }
}

const applicantSortColumns: ApplicantSortColumn[] = [
  'name',
  'stage',
  'status',
  'source',
  'applied',
  'inStage',
  'activity',
  'fit',
  'rating',
]

/**
 * A posting's applicants: filtered, sorted and paged by SQLite, only the rows in view rendered; with their fit
 * and a coloured column per assessed requirement, and a comparison of the ones ticked.
 */
export function ApplicantsTable({ posting }: { posting: PostingDto }) {
  const { t } = useTranslation(['applications', 'assessments', 'candidates', 'common'])
  const [, navigate] = useLocation()
  const search = useSearch()
  const stages = useStages(posting.id)
  const facets = useApplicantFacets(posting.id)
  const [text, setText] = useState('')
  // The start page links to one stage's applicants with ?stage=ID.
  const [stageId, setStageId] = useState<string | null>(() => new URLSearchParams(search).get('stage'))
  const [status, setStatus] = useState<ApplicationStatus | null>(() => {
    const fromLink = new URLSearchParams(search).get('status')
    return isOneOf(applicationStatuses, fromLink) ? fromLink : null
  })
  const [source, setSource] = useState<string | null>(null)
  const [mustHaves, setMustHaves] = useState<MustHaveFilter | null>(null)
  const [ratingRequirement, setRatingRequirement] = useState<string | null>(null)
  const [ratingLevel, setRatingLevel] = useState<Exclude<Rating, 'unknown'>>('partial')
  const [sort, setSort] = useState<{ column: TableSort; direction: SortDirection }>({
    column: 'applied',
    direction: 'desc',
  })
  const [opened, setOpened] = useState<number | null>(null)
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set())
  const [allMatching, setAllMatching] = useState(false)
  const [total, setTotal] = useState(0)
  const [debouncedText] = useDebouncedValue(text, 250)
  const assessed = posting.requirements.filter((requirement) => assessedSections.includes(requirement.section))
  const requirementFilter = assessed.find((requirement) => String(requirement.id) === ratingRequirement)
  const filter = {
    text: debouncedText.trim(),
    source: source ?? '',
    ...(stageId ? { stageId: Number(stageId) } : {}),
    ...(status ? { status } : {}),
    ...(mustHaves ? { mustHaves } : {}),
    atLeast: requirementFilter ? [{ requirementId: requirementFilter.id, rating: ratingLevel }] : [],
  }
  const requirementsKey = JSON.stringify(
    assessed.map((requirement) => [requirement.id, requirement.text, requirement.mustHave]),
  )
  // Columns change only with the posting's requirements, so the table keeps its layout between renders.
  const columns = useMemo(
    () => [...baseColumns, ...assessmentColumns(posting.id, assessed)],
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed by the requirements' content
    [posting.id, requirementsKey],
  )
  const tablePrefs = useTablePrefs('applicants')
  const viewState: ApplicantViewState = {
    filters: {
      text: text.trim(),
      stageId: stageId ? Number(stageId) : null,
      status,
      source,
      mustHaves,
      atLeast: requirementFilter ? [{ requirementId: requirementFilter.id, rating: ratingLevel }] : [],
    },
    sort,
    hidden: tablePrefs.prefs?.hidden ?? [],
  }
  const applyView = ({ state }: SavedViewDto) => {
    setText(state.filters.text)
    setStageId(state.filters.stageId === null ? null : String(state.filters.stageId))
    setStatus(state.filters.status)
    setSource(state.filters.source)
    setMustHaves(state.filters.mustHaves)
    const [atLeast] = state.filters.atLeast
    setRatingRequirement(atLeast ? String(atLeast.requirementId) : null)
    if (atLeast) setRatingLevel(atLeast.rating)
    setSort({ column: state.sort.column as TableSort, direction: state.sort.direction })
    tablePrefs.save({ hidden: state.hidden, widths: tablePrefs.prefs?.widths ?? {} })
  }
  // The ids of the pages loaded for this filter and sort, so n/p in the assessment view follow the table.
  const pages = useRef<{ key: string; ids: Map<number, number[]> }>({ key: '', ids: new Map() })
  const orderKey = JSON.stringify([filter, sort])
  const toggle = (row: ApplicantRowDto) => {
    setAllMatching(false)
    setSelected((current) => {
      const next = new Set(current)
      if (next.has(row.id)) next.delete(row.id)
      else next.add(row.id)
      return next
    })
  }
  const selectRange = (rows: ApplicantRowDto[]) => {
    setAllMatching(false)
    setSelected((current) => new Set([...current, ...rows.map((row) => row.id)]))
  }
  const clearSelection = () => {
    setAllMatching(false)
    setSelected(new Set())
  }
  // A change of filter changes what "all matching" means: the selection starts again.
  const [selectionKey, setSelectionKey] = useState(JSON.stringify(filter))
  if (selectionKey !== JSON.stringify(filter)) {
    setSelectionKey(JSON.stringify(filter))
    if (allMatching) setAllMatching(false)
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
          <Select
            aria-label={t('assessments:table.mustHaves')}
            placeholder={t('assessments:table.mustHaves')}
            data={mustHaveFilters.map((value) => ({
              value,
              label: t(value === 'all_met' ? 'assessments:table.allMet' : 'assessments:table.knockedOut'),
            }))}
            value={mustHaves}
            onChange={(value) => setMustHaves(isOneOf(mustHaveFilters, value) ? value : null)}
            clearable
          />
          <Group gap={4}>
            <Select
              aria-label={t('assessments:table.ratingFilter')}
              placeholder={t('assessments:table.ratingFilter')}
              data={assessed.map((requirement) => ({ value: String(requirement.id), label: requirement.text }))}
              value={ratingRequirement}
              onChange={setRatingRequirement}
              clearable
              searchable
              w={240}
              comboboxProps={{ width: 420 }}
            />
            <Select
              aria-label={t('assessments:table.atLeast')}
              data={ratedLevels.map((value) => ({
                value,
                label: t('assessments:table.atLeastOption', { rating: t(`assessments:rating.${value}`) }),
              }))}
              value={ratingLevel}
              onChange={(value) => {
                if (isOneOf(ratedLevels, value)) setRatingLevel(value)
              }}
              allowDeselect={false}
              w={140}
            />
          </Group>
        </Group>
        <Group gap="xs">
          <Tooltip label={t('assessments:table.compareHelp')}>
            <Button
              variant="default"
              leftSection={<IconLayoutGrid size={16} />}
              disabled={selected.size < 2 || selected.size > MAX_COMPARE || allMatching}
              onClick={() => navigate(comparePath(posting.id, [...selected]))}
            >
              {t('assessments:table.compare', { count: selected.size })}
            </Button>
          </Tooltip>
          <Button
            variant="default"
            leftSection={<IconFiles size={16} />}
            onClick={openImport}
            disabled={posting.status === 'closed'}
          >
            {t('applicants.importResumes')}
          </Button>
        </Group>
      </Group>
      {(selected.size > 0 || allMatching) && posting.status !== 'closed' && (
        <BulkActions
          target={{
            postingId: posting.id,
            ids: allMatching ? null : [...selected],
            filter,
            count: allMatching ? total : selected.size,
          }}
          stages={stages.data ?? []}
          total={total}
          onSelectAll={() => setAllMatching(true)}
          onDone={clearSelection}
        />
      )}
      <DataTable
        tableId="applicants"
        label={t('applicants.title')}
        columns={columns}
        queryKey={applicationKeys.table(posting.id, filter)}
        fetchPage={async (page) => {
          const result = await call(
            api.applications.list({ ...page, ...serverSort(page.sort), ...filter, postingId: posting.id }),
          )
          if (pages.current.key !== orderKey) pages.current = { key: orderKey, ids: new Map() }
          pages.current.ids.set(
            page.offset,
            result.rows.map((row) => row.id),
          )
          const order: number[] = []
          for (let offset = 0; pages.current.ids.has(offset); offset += page.limit)
            order.push(...(pages.current.ids.get(offset) ?? []))
          rememberApplicantOrder(posting.id, order)
          return result
        }}
        sort={sort}
        onSortChange={setSort}
        selection={{
          selected,
          all: allMatching,
          onToggle: toggle,
          onRange: selectRange,
        }}
        onTotal={setTotal}
        toolbar={
          <>
            <SavedViews postingId={posting.id} current={viewState} onApply={applyView} />
            <RequirementLegend requirements={assessed} />
          </>
        }
        onRowClick={(row) => setOpened(row.id)}
        rowLabel={(row) => row.name}
        height="calc(100vh - 330px)"
        empty={t('applicants.empty')}
      />
      <ApplicationDrawer applicationId={opened} onClose={() => setOpened(null)} />
    </Stack>
  )
}
