import { ActionIcon, Box, Checkbox, Group, Menu, Paper, Text, UnstyledButton } from '@mantine/core'
import { IconArrowDown, IconArrowUp, IconColumns } from '@tabler/icons-react'
import { useQueries, useQuery, type QueryKey } from '@tanstack/react-query'
import {
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type ColumnSizingState,
  type Header,
  type Updater,
  type VisibilityState,
} from '@tanstack/react-table'
import { useVirtualizer } from '@tanstack/react-virtual'
import { memo, useEffect, useMemo, useRef, type CSSProperties, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import classes from './data-table.module.css'
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
  const { t, i18n } = useTranslation()
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
    // Three rows come into view a frame at the fastest scrolling measured: three more on each side are enough, and
    // every row in the page is one more sticky layer for the browser to composite on each frame.
    overscan: 3,
    // Two virtualizers follow the same scroll: rendering synchronously in the first one's scroll handler would
    // make the second one's read of the scroll position lay the page out again. One render for both instead.
    useFlushSync: false,
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
    useFlushSync: false,
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
  const cells: CellLayout<Row>[] = inView.map((column) => ({
    id: column.id,
    width: column.getSize(),
    style: widthStyle(column.getSize()),
    colIndex: columnIndex.get(column.id) ?? 0,
    render: byId.get(column.id)?.render ?? (() => null),
  }))
  // What decides how rows look besides their own data: a row re-renders only when this or its data changes.
  const layoutKey = `${cells.map((cell) => `${cell.id}:${cell.width}`).join()}|${columns.length}|${i18n.language}`
  const latest = useRef({ onRowClick, selection, rowAt, rowLabel })
  latest.current = { onRowClick, selection, rowAt, rowLabel }
  const actions = useRef<RowActions<Row>>({
    selectLabel: (row) => i18n.t('table.select', { name: latest.current.rowLabel?.(row) ?? String(row.id) }),
    open: (row) => latest.current.onRowClick?.(row),
    toggle: (row) => latest.current.selection?.onToggle(row),
    // Shift-click: every loaded row between the last one clicked and this one.
    click: (index, shift) => {
      const from = lastClicked.current
      lastClicked.current = index
      const current = latest.current
      if (!shift || from === null || !current.selection?.onRange) return false
      const range: Row[] = []
      for (let at = Math.min(from, index); at <= Math.max(from, index); at++) {
        const inRange = current.rowAt(at)
        if (inRange) range.push(inRange)
      }
      current.selection.onRange(range)
      return true
    },
  }).current
  const toggleSort = (id: Sort) =>
    onSortChange({
      column: id,
      direction:
        sort.column === id ? (sort.direction === 'asc' ? 'desc' : 'asc') : (byId.get(id)?.firstDirection ?? 'asc'),
    })

  const headersInView = inView.flatMap(
    (column) => table.getFlatHeaders().find((header) => header.column.id === column.id) ?? [],
  )
  const headerCell = (header: Header<Row, unknown>) => {
    const column = byId.get(header.column.id)
    const sorted = sort.column === header.column.id ? sort.direction : null
    return (
      <div
        key={header.id}
        role="columnheader"
        aria-colindex={columnIndex.get(header.column.id)}
        aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
        title={column?.title?.()}
        style={{
          width: header.getSize(),
          position: 'relative',
          padding: '8px 10px',
          flexShrink: 0,
        }}
      >
        {column?.sortable ? (
          <UnstyledButton
            onClick={() => toggleSort(header.column.id as Sort)}
            fw={600}
            fz="sm"
            style={{ display: 'flex', alignItems: 'center', gap: 4, maxWidth: '100%' }}
          >
            <span
              style={{
                overflow: 'hidden',
                textOverflow: 'ellipsis',
                whiteSpace: 'nowrap',
                minWidth: 0,
              }}
            >
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
            background: header.column.getIsResizing() ? 'var(--mantine-primary-color-filled)' : 'transparent',
          }}
        />
      </div>
    )
  }

  return (
    <Paper withBorder>
      <Frozen deps={[total, toolbar, columnVisibility, columns, i18n.language]}>
        {() => (
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
        )}
      </Frozen>
      <Box
        ref={scrollRef}
        role="table"
        aria-label={label}
        aria-rowcount={total + 1}
        aria-colcount={visible.length + (selection ? 1 : 0)}
        style={{
          height,
          overflow: 'auto',
          position: 'relative',
          // An opaque scroller is scrolled by the compositor (the page is not painted again for each pixel
          // scrolled), even where the browser would otherwise keep subpixel text by painting it itself.
          background: 'var(--mantine-color-body)',
          willChange: 'scroll-position',
        }}
      >
        <div style={{ width: Math.max(width, 300), minWidth: '100%' }}>
          <Frozen
            deps={[
              layoutKey,
              sort.column,
              sort.direction,
              table.getState().columnSizingInfo.isResizingColumn,
              selection !== undefined,
              pinnedLeft.size,
              leading,
            ]}
          >
            {() =>
              table.getHeaderGroups().map((group) => (
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
                  {(selection || pinnedLeft.size > 0) && (
                    <div role="none" className={classes.pinned}>
                      {selection && (
                        <div
                          role="columnheader"
                          aria-label={t('table.selected')}
                          style={{ width: CHECKBOX_WIDTH, flexShrink: 0 }}
                        />
                      )}
                      {headersInView.slice(0, pinnedLeft.size).map(headerCell)}
                    </div>
                  )}
                  {spacer}
                  {headersInView.slice(pinnedLeft.size).map(headerCell)}
                </div>
              ))
            }
          </Frozen>
          {total === 0 && !first.isPending ? (
            <Text c="dimmed" ta="center" p="xl">
              {empty}
            </Text>
          ) : (
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {items.map((item) => {
                const row = rowAt(item.index)
                return (
                  <RowView
                    // By the row's id: a row that stays in view keeps its elements even when the rows above change.
                    key={row ? row.id : `index:${item.index}`}
                    row={row}
                    index={item.index}
                    start={item.start}
                    height={rowHeight}
                    label={row && rowLabel ? rowLabel(row) : undefined}
                    clickable={onRowClick !== undefined}
                    checked={
                      selection ? row !== undefined && (selection.all === true || selection.selected.has(row.id)) : null
                    }
                    cells={cells}
                    layoutKey={layoutKey}
                    language={i18n.language}
                    pinnedCount={pinnedLeft.size}
                    leading={leading}
                    actions={actions}
                  />
                )
              })}
            </div>
          )}
        </div>
      </Box>
    </Paper>
  )
}

interface CellLayout<Row> {
  id: string
  width: number
  /** Shared by the column's cells in every row, so React compares one object rather than creating one a cell. */
  style: CSSProperties
  colIndex: number
  render: (row: Row) => ReactNode
}

interface RowActions<Row> {
  /** The accessible name of the row's checkbox, made only when the row renders. */
  selectLabel: (row: Row) => string
  open: (row: Row) => void
  toggle: (row: Row) => void
  /** Returns true when the click selected a range (and so must not toggle). */
  click: (index: number, shift: boolean) => boolean
}

interface RowViewProps<Row extends { id: number }> {
  row: Row | undefined
  index: number
  start: number
  height: number
  label: string | undefined
  clickable: boolean
  /** Whether the row's checkbox is ticked; null without a selection. */
  checked: boolean | null
  cells: CellLayout<Row>[]
  layoutKey: string
  /** Cells render translated text: a change of language renders them again. */
  language: string
  pinnedCount: number
  leading: number
  actions: RowActions<Row>
}

/**
 * Renders its children again only when one of its deps changes: the toolbar and the header stay as they are while
 * the rows scroll (the virtualizer renders the table on every frame).
 */
const Frozen = memo(
  function Frozen({ children }: { deps: unknown[]; children: () => ReactNode }) {
    return children()
  },
  (before, after) =>
    before.deps.length === after.deps.length && before.deps.every((dep, index) => Object.is(dep, after.deps[index])),
)

const widthStyles = new Map<number, CSSProperties>()
/** One style object per width, for every cell of that width. */
const widthStyle = (width: number): CSSProperties => {
  let style = widthStyles.get(width)
  if (!style) {
    style = { width }
    widthStyles.set(width, style)
  }
  return style
}

/**
 * One row in view. Scrolling re-renders the table on every frame; a row whose data, place and columns are
 * unchanged is skipped, so a frame only renders the rows and columns that came into view.
 */
const RowView = memo(
  function RowView<Row extends { id: number }>({
    row,
    index,
    start,
    height,
    label,
    clickable,
    checked,
    cells,
    pinnedCount,
    leading,
    actions,
    language,
  }: RowViewProps<Row>) {
    const spacer = leading > 0 && <div aria-hidden className={classes.spacer} style={widthStyle(leading)} />
    return (
      <div
        role="row"
        aria-rowindex={index + 2}
        aria-label={label}
        tabIndex={row && clickable ? 0 : undefined}
        onClick={() => row && actions.open(row)}
        onKeyDown={(event) => {
          if (row && event.key === 'Enter') actions.open(row)
        }}
        className={clickable ? `${classes.row} ${classes.clickable}` : classes.row}
        style={{ height, transform: `translateY(${start}px)` }}
      >
        {(checked !== null || pinnedCount > 0) && (
          <div role="none" className={classes.pinned}>
            {checked !== null && (
              <div role="cell" className={classes.checkboxCell}>
                {row && (
                  <input
                    type="checkbox"
                    className={classes.checkbox}
                    aria-label={actions.selectLabel(row)}
                    checked={checked}
                    onClick={(event) => {
                      event.stopPropagation()
                      if (actions.click(index, event.shiftKey)) event.preventDefault()
                    }}
                    onKeyDown={(event) => event.stopPropagation()}
                    onChange={() => actions.toggle(row)}
                  />
                )}
              </div>
            )}
            {cells.slice(0, pinnedCount).map((cell) => (
              <CellView key={cell.id} row={row} cell={cell} language={language} />
            ))}
          </div>
        )}
        {spacer}
        {cells.slice(pinnedCount).map((cell) => (
          <CellView key={cell.id} row={row} cell={cell} language={language} />
        ))}
      </div>
    )
  },
  (before, after) =>
    before.row === after.row &&
    before.index === after.index &&
    before.start === after.start &&
    before.height === after.height &&
    before.label === after.label &&
    before.clickable === after.clickable &&
    before.checked === after.checked &&
    before.layoutKey === after.layoutKey &&
    before.language === after.language &&
    before.pinnedCount === after.pinnedCount &&
    before.leading === after.leading,
) as <Row extends { id: number }>(props: RowViewProps<Row>) => ReactNode

interface CellViewProps<Row> {
  row: Row | undefined
  cell: CellLayout<Row>
  language: string
}

/**
 * One cell. When a column comes into view while scrolling sideways every row renders again to add it, but the
 * cells already there are skipped: only the new column's cells render.
 */
const CellView = memo(
  function CellView<Row>({ row, cell }: CellViewProps<Row>) {
    return (
      <div role="cell" aria-colindex={cell.colIndex} className={classes.cell} style={cell.style}>
        {row ? cell.render(row) : <div className={classes.skeleton} />}
      </div>
    )
  },
  (before, after) =>
    before.row === after.row &&
    before.language === after.language &&
    before.cell.render === after.cell.render &&
    before.cell.style === after.cell.style &&
    before.cell.colIndex === after.cell.colIndex,
) as <Row>(props: CellViewProps<Row>) => ReactNode
