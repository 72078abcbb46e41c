import { ActionIcon, Box, Checkbox, Group, Menu, Paper, Skeleton, Text, UnstyledButton } from '@mantine/core'
import { IconArrowDown, IconArrowUp, IconColumns } from '@tabler/icons-react'
import { useQueries, useQuery, type QueryKey } from '@tanstack/react-query'
import {
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type ColumnSizingState,
  type Updater,
  type VisibilityState,
} from '@tanstack/react-table'
import { useVirtualizer } from '@tanstack/react-virtual'
import { Fragment, useEffect, useMemo, useRef, type CSSProperties, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useTablePrefs } from './table-prefs'

export type SortDirection = 'asc' | 'desc'

/** A column of a server-driven table; define the list at module scope. */
export interface DataColumn<Row> {
  id: string
  /** Called at render time, so headers follow the language. */
  header: () => string
  /** A longer description shown on hover over the header (a short header's full text). */
  title?: () => string
  render: (row: Row) => ReactNode
  /** Sortable columns are sorted by the server under this id. */
  sortable?: boolean
  size?: number
  /** Hidden until the user shows it in the column chooser. */
  hiddenByDefault?: boolean
  /** The direction of the first click on the header (best first for a score). */
  firstDirection?: SortDirection
  /** Stays in view while the table scrolls sideways; pinned columns come first. */
  pinned?: boolean
}

export interface PageRequest<Sort extends string> {
  offset: number
  limit: number
  sort: Sort
  direction: SortDirection
}

export interface DataTableProps<Row extends { id: number }, Sort extends string> {
  /** Names the layout kept per person (visible columns, widths). */
  tableId: string
  label: string
  columns: DataColumn<Row>[]
  /** Identifies the filter; pages are cached under it. */
  queryKey: QueryKey
  fetchPage: (request: PageRequest<Sort>) => Promise<{ rows: Row[]; total: number }>
  sort: { column: Sort; direction: SortDirection }
  onSortChange: (sort: { column: Sort; direction: SortDirection }) => void
  onRowClick?: (row: Row) => void
  rowLabel?: (row: Row) => string
  pageSize?: number
  rowHeight?: number
  height?: number | string
  empty?: ReactNode
  /** Rows the user ticked (by id), with a checkbox at the start of each row. */
  selection?: {
    selected: ReadonlySet<number>
    /** Every row matching counts as ticked. */
    all?: boolean
    onToggle: (row: Row) => void
    /** Shift-click: every loaded row from the last one clicked to this one, to be selected together. */
    onRange?: (rows: Row[]) => void
  }
  /** Told the number of rows matching, whenever it changes. */
  onTotal?: (total: number) => void
  /** Controls shown beside the column chooser (a legend, saved views). */
  toolbar?: ReactNode
}

const CHECKBOX_WIDTH = 40

const apply = <T,>(updater: Updater<T>, value: T): T =>
  typeof updater === 'function' ? (updater as (old: T) => T)(value) : updater

/**
 * A table whose sorting, filtering and paging happen in SQL: only the pages in view are fetched, and only
 * the rows in view are rendered, so it stays smooth at 100,000 rows. Columns can be hidden and resized;
 * the layout is saved per person.
 */
export function DataTable<Row extends { id: number }, Sort extends string>({
  tableId,
  label,
  columns,
  queryKey,
  fetchPage,
  sort,
  onSortChange,
  onRowClick,
  rowLabel,
  pageSize = 100,
  rowHeight = 40,
  height = 'calc(100vh - 260px)',
  empty,
  selection,
  onTotal,
  toolbar,
}: DataTableProps<Row, Sort>) {
  const { t } = useTranslation()
  const { prefs, save } = useTablePrefs(tableId)
  const columnVisibility: VisibilityState = useMemo(() => {
    const hidden = new Set(
      prefs?.hidden ?? columns.filter((column) => column.hiddenByDefault).map((column) => column.id),
    )
    return Object.fromEntries(columns.map((column) => [column.id, !hidden.has(column.id)]))
  }, [prefs, columns])
  const columnSizing: ColumnSizingState = prefs?.widths ?? {}
  const definitions = useMemo<ColumnDef<Row>[]>(
    () => columns.map((column) => ({ id: column.id, header: column.header, size: column.size ?? 160, minSize: 60 })),
    [columns],
  )
  // TanStack Table hands out plain functions that the React Compiler cannot memoise; this component opts out.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable<Row>({
    data: [],
    columns: definitions,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualPagination: true,
    manualFiltering: true,
    enableColumnResizing: true,
    columnResizeMode: 'onChange',
    state: { columnVisibility, columnSizing },
    onColumnVisibilityChange: (updater) => {
      const next = apply(updater, columnVisibility)
      save({
        hidden: columns.filter((column) => next[column.id] === false).map((column) => column.id),
        widths: columnSizing,
      })
    },
    onColumnSizingChange: (updater) => {
      save({
        hidden: columns.filter((column) => columnVisibility[column.id] === false).map((column) => column.id),
        widths: Object.fromEntries(
          Object.entries(apply(updater, columnSizing)).map(([id, width]) => [id, Math.round(width)]),
        ),
      })
    },
  })

  const fetchAt = (page: number) => ({
    queryKey: [...queryKey, sort.column, sort.direction, page],
    queryFn: () =>
      fetchPage({ offset: page * pageSize, limit: pageSize, sort: sort.column, direction: sort.direction }),
    placeholderData: (previous: { rows: Row[]; total: number } | undefined) => previous,
    staleTime: 10_000,
  })
  const first = useQuery(fetchAt(0))
  const total = first.data?.total ?? 0
  useEffect(() => onTotal?.(total), [onTotal, total])
  const lastClicked = useRef<number | null>(null)
  const scrollRef = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  })
  const items = virtualizer.getVirtualItems()
  const pages = [...new Set(items.map((item) => Math.floor(item.index / pageSize)))].filter((page) => page > 0)
  const loaded = useQueries({ queries: pages.map(fetchAt) })
  const rowAt = (index: number): Row | undefined => {
    const page = Math.floor(index / pageSize)
    const data = page === 0 ? first.data : loaded[pages.indexOf(page)]?.data
    return data?.rows[index - page * pageSize]
  }

  const byId = new Map(columns.map((column) => [column.id, column]))
  const leaves = table.getVisibleLeafColumns()
  const visible = [
    ...leaves.filter((column) => byId.get(column.id)?.pinned),
    ...leaves.filter((column) => !byId.get(column.id)?.pinned),
  ]
  // Pinned cells stick at their offset from the left edge, behind the checkbox column.
  const pinnedLeft = new Map<string, number>()
  let pinnedWidth = selection ? CHECKBOX_WIDTH : 0
  for (const column of visible) {
    if (!byId.get(column.id)?.pinned) break
    pinnedLeft.set(column.id, pinnedWidth)
    pinnedWidth += column.getSize()
  }
  const stick = (left: number | undefined, header = false): CSSProperties =>
    left === undefined
      ? {}
      : {
          position: 'sticky',
          left,
          zIndex: header ? 3 : 1,
          background: 'var(--mantine-color-body)',
        }
  const width = visible.reduce((sum, column) => sum + column.getSize(), selection ? CHECKBOX_WIDTH : 0)
  // Columns are virtualized like rows: with many requirement columns, only those in view (and the pinned ones)
  // are in the DOM, so sideways scrolling stays smooth.
  const scrolling = visible.filter((column) => !pinnedLeft.has(column.id))
  const columnVirtualizer = useVirtualizer({
    horizontal: true,
    count: scrolling.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => scrolling[index]?.getSize() ?? 160,
    paddingStart: pinnedWidth,
    overscan: 2,
  })
  const sizesKey = scrolling.map((column) => `${column.id}=${column.getSize()}`).join()
  useEffect(() => columnVirtualizer.measure(), [columnVirtualizer, sizesKey])
  const columnItems = columnVirtualizer.getVirtualItems()
  const leading = (columnItems[0]?.start ?? pinnedWidth) - pinnedWidth
  const inView = [
    ...visible.filter((column) => pinnedLeft.has(column.id)),
    ...columnItems.flatMap((item) => scrolling[item.index] ?? []),
  ]
  const columnIndex = new Map(visible.map((column, index) => [column.id, index + (selection ? 2 : 1)]))
  const spacer = leading > 0 && <div aria-hidden style={{ width: leading, flexShrink: 0 }} />
  const toggleSort = (id: Sort) =>
    onSortChange({
      column: id,
      direction:
        sort.column === id ? (sort.direction === 'asc' ? 'desc' : 'asc') : (byId.get(id)?.firstDirection ?? 'asc'),
    })

  return (
    <Paper withBorder>
      <Group justify="space-between" px="sm" py={6}>
        <Text size="sm" c="dimmed" aria-live="polite">
          {t('table.rows', { count: total })}
        </Text>
        <Group gap={4}>
          {toolbar}
          <Menu closeOnItemClick={false} position="bottom-end" withinPortal>
            <Menu.Target>
              <ActionIcon variant="subtle" aria-label={t('table.columns')}>
                <IconColumns size={18} />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Label>{t('table.columns')}</Menu.Label>
              {table.getAllLeafColumns().map((column) => (
                <Menu.Item key={column.id}>
                  <Checkbox
                    label={byId.get(column.id)?.header() ?? column.id}
                    checked={column.getIsVisible()}
                    onChange={column.getToggleVisibilityHandler()}
                  />
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
        </Group>
      </Group>
      <Box
        ref={scrollRef}
        role="table"
        aria-label={label}
        aria-rowcount={total + 1}
        aria-colcount={visible.length + (selection ? 1 : 0)}
        style={{ height, overflow: 'auto', position: 'relative' }}
      >
        <div style={{ width: Math.max(width, 300), minWidth: '100%' }}>
          {table.getHeaderGroups().map((group) => (
            <div
              key={group.id}
              role="row"
              aria-rowindex={1}
              style={{
                display: 'flex',
                position: 'sticky',
                top: 0,
                zIndex: 1,
                background: 'var(--mantine-color-body)',
                borderBottom: '1px solid var(--mantine-color-default-border)',
              }}
            >
              {selection && (
                <div
                  role="columnheader"
                  aria-label={t('table.selected')}
                  style={{ width: CHECKBOX_WIDTH, flexShrink: 0, ...stick(0, true) }}
                />
              )}
              {inView
                .flatMap((column) => group.headers.find((header) => header.column.id === column.id) ?? [])
                .map((header, index) => {
                  const column = byId.get(header.column.id)
                  const sorted = sort.column === header.column.id ? sort.direction : null
                  return (
                    <Fragment key={header.id}>
                      {index === pinnedLeft.size && spacer}
                      <div
                        role="columnheader"
                        aria-colindex={columnIndex.get(header.column.id)}
                        aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                        title={column?.title?.()}
                        style={{
                          width: header.getSize(),
                          position: 'relative',
                          padding: '8px 10px',
                          flexShrink: 0,
                          ...stick(pinnedLeft.get(header.column.id), true),
                        }}
                      >
                        {column?.sortable ? (
                          <UnstyledButton
                            onClick={() => toggleSort(header.column.id as Sort)}
                            fw={600}
                            fz="sm"
                            style={{ display: 'flex', alignItems: 'center', gap: 4 }}
                          >
                            <span style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                              {column.header()}
                            </span>
                            {sorted === 'asc' && <IconArrowUp size={14} />}
                            {sorted === 'desc' && <IconArrowDown size={14} />}
                          </UnstyledButton>
                        ) : (
                          <Text fw={600} fz="sm" truncate>
                            {column?.header()}
                          </Text>
                        )}
                        <div
                          role="separator"
                          aria-orientation="vertical"
                          aria-label={t('table.resize', { name: column?.header() ?? '' })}
                          onMouseDown={header.getResizeHandler()}
                          onTouchStart={header.getResizeHandler()}
                          onDoubleClick={() => header.column.resetSize()}
                          style={{
                            position: 'absolute',
                            right: 0,
                            top: 0,
                            height: '100%',
                            width: 6,
                            cursor: 'col-resize',
                            userSelect: 'none',
                            background: header.column.getIsResizing()
                              ? 'var(--mantine-primary-color-filled)'
                              : 'transparent',
                          }}
                        />
                      </div>
                    </Fragment>
                  )
                })}
              {pinnedLeft.size === inView.length && spacer}
            </div>
          ))}
          {total === 0 && !first.isPending ? (
            <Text c="dimmed" ta="center" p="xl">
              {empty}
            </Text>
          ) : (
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {items.map((item) => {
                const row = rowAt(item.index)
                return (
                  <div
                    key={item.key}
                    role="row"
                    aria-rowindex={item.index + 2}
                    aria-label={row && rowLabel ? rowLabel(row) : undefined}
                    tabIndex={row && onRowClick ? 0 : undefined}
                    onClick={() => row && onRowClick?.(row)}
                    onKeyDown={(event) => {
                      if (row && event.key === 'Enter') onRowClick?.(row)
                    }}
                    style={{
                      display: 'flex',
                      position: 'absolute',
                      top: 0,
                      left: 0,
                      width: '100%',
                      height: rowHeight,
                      transform: `translateY(${item.start}px)`,
                      cursor: onRowClick ? 'pointer' : undefined,
                      borderBottom: '1px solid var(--mantine-color-default-border)',
                    }}
                  >
                    {selection && (
                      <div
                        role="cell"
                        style={{
                          width: CHECKBOX_WIDTH,
                          flexShrink: 0,
                          display: 'flex',
                          alignItems: 'center',
                          paddingLeft: 10,
                          ...stick(0),
                        }}
                      >
                        {row && (
                          <Checkbox
                            size="xs"
                            aria-label={t('table.select', { name: rowLabel?.(row) ?? String(row.id) })}
                            checked={selection.all === true || selection.selected.has(row.id)}
                            onClick={(event) => {
                              event.stopPropagation()
                              const from = lastClicked.current
                              lastClicked.current = item.index
                              if (!event.shiftKey || from === null || !selection.onRange) return
                              event.preventDefault()
                              const range: Row[] = []
                              for (
                                let index = Math.min(from, item.index);
                                index <= Math.max(from, item.index);
                                index++
                              ) {
                                const inRange = rowAt(index)
                                if (inRange) range.push(inRange)
                              }
                              selection.onRange(range)
                            }}
                            onKeyDown={(event) => event.stopPropagation()}
                            onChange={() => selection.onToggle(row)}
                          />
                        )}
                      </div>
                    )}
                    {inView.map((column, index) => (
                      <Fragment key={column.id}>
                        {index === pinnedLeft.size && spacer}
                        <div
                          role="cell"
                          aria-colindex={columnIndex.get(column.id)}
                          style={{
                            width: column.getSize(),
                            flexShrink: 0,
                            padding: '0 10px',
                            display: 'flex',
                            alignItems: 'center',
                            overflow: 'hidden',
                            whiteSpace: 'nowrap',
                            textOverflow: 'ellipsis',
                            fontSize: 'var(--mantine-font-size-sm)',
                            ...stick(pinnedLeft.get(column.id)),
                          }}
                        >
                          {row ? byId.get(column.id)?.render(row) : <Skeleton height={12} width="70%" />}
                        </div>
                      </Fragment>
                    ))}
                  </div>
                )
              })}
            </div>
          )}
        </div>
      </Box>
    </Paper>
  )
}
