import type { ApplicantRowDto, ApplicationStatus, PostingDto, StageDto } from '@contract'
import {
  DndContext,
  DragOverlay,
  PointerSensor,
  pointerWithin,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
  type DragEndEvent,
} from '@dnd-kit/core'
import {
  ActionIcon,
  Alert,
  Badge,
  Box,
  Button,
  Group,
  Loader,
  Menu,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  VisuallyHidden,
} from '@mantine/core'
import { IconDots } from '@tabler/icons-react'
import { useInfiniteQuery } from '@tanstack/react-query'
import { createContext, useContext, useEffect, useRef, useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/client'
import { call, useApiMutation } from '../../api/query'
import { candidateKeys } from '../candidates/candidate-queries'
import { applicationKeys, useStages } from './application-queries'
import { ApplicationDrawer } from './ApplicationDrawer'
import { notifyWithUndo, singleUndo } from './undo'
import { openStatusDialog } from './StatusDialog'

type View = 'active' | 'rejected' | 'withdrawn'
const views: View[] = ['active', 'rejected', 'withdrawn']
/** Cards fetched per column at a time: a stage with thousands of applicants stays quick to show. */
const COLUMN_PAGE = 30

interface BoardActions {
  stages: StageDto[]
  readOnly: boolean
  /** True once for the card that was moved, when it shows up in its new column: it takes the focus. */
  claimFocus: (card: ApplicantRowDto) => boolean
  /** True while a drag ends, so the click that follows it does not open the card. */
  dragging: () => boolean
  moveTo: (card: ApplicantRowDto, stage: StageDto) => void
  moveBy: (card: ApplicantRowDto, delta: -1 | 1) => void
  open: (card: ApplicantRowDto) => void
}

const BoardContext = createContext<BoardActions | null>(null)

function useBoard(): BoardActions {
  const board = useContext(BoardContext)
  if (!board) throw new Error('Board cards must be inside a board.')
  return board
}

/**
 * A posting's pipeline: one column per stage, a card per application. Mouse: drag a card to another column.
 * Keyboard, on a focused card: Alt+←/→ moves it to the previous/next stage, ↑/↓ and ←/→ move the focus,
 * Enter opens it; its menu moves it anywhere, hires, rejects or withdraws it.
 */
export function PipelineBoard({ posting }: { posting: PostingDto }) {
  const { t } = useTranslation('applications')
  const stages = useStages(posting.id)
  const [view, setView] = useState<View>('active')
  const [opened, setOpened] = useState<number | null>(null)
  const [announcement, setAnnouncement] = useState('')
  const [dragged, setDragged] = useState<ApplicantRowDto | null>(null)
  const pendingFocus = useRef<{ id: number; stageId: number } | null>(null)
  const dragging = useRef(false)
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }))
  const move = useApiMutation(api.applications.move, {
    invalidate: [applicationKeys.all, applicationKeys.allStages, candidateKeys.all],
  })
  if (stages.isPending) return <Loader />
  if (stages.isError) return <Alert color="red">{stages.error.message}</Alert>
  const list = stages.data
  const readOnly = posting.status === 'closed'

  const moveTo = (card: ApplicantRowDto, stage: StageDto) => {
    if (readOnly || card.status !== 'active' || stage.id === card.stageId) return
    const target = { id: card.id, name: card.name, stageId: card.stageId }
    pendingFocus.current = { id: card.id, stageId: stage.id }
    if (stage.kind === 'hired') {
      openStatusDialog(target, 'hired', list, () =>
        setAnnouncement(t('board.moved', { name: card.name, stage: stage.name })),
      )
      return
    }
    move.mutate(
      { id: card.id, stageId: stage.id, fromStageId: card.stageId },
      {
        onSuccess: (moved) => {
          const message = t('board.moved', { name: card.name, stage: stage.name })
          setAnnouncement(message)
          notifyWithUndo(message, singleUndo(moved))
        },
      },
    )
  }
  const actions: BoardActions = {
    stages: list,
    readOnly,
    claimFocus: (card) => {
      const pending = pendingFocus.current
      if (pending?.id !== card.id || pending.stageId !== card.stageId) return false
      pendingFocus.current = null
      return true
    },
    dragging: () => dragging.current,
    moveTo,
    moveBy: (card, delta) => {
      const index = list.findIndex((stage) => stage.id === card.stageId)
      const next = list[index + delta]
      if (next) moveTo(card, next)
    },
    open: (card) => setOpened(card.id),
  }
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    setTimeout(() => (dragging.current = false), 0)
    setDragged(null)
    const card = active.data.current?.card as ApplicantRowDto | undefined
    const stage = list.find((entry) => `stage:${entry.id}` === over?.id)
    if (card && stage) moveTo(card, stage)
  }
  const shown = view === 'active' ? list : list.filter((stage) => stage.kind === 'open')

  return (
    <BoardContext.Provider value={actions}>
      <Stack>
        <Group justify="space-between">
          <SegmentedControl
            aria-label={t('board.view')}
            value={view}
            onChange={(value) => setView(views.find((entry) => entry === value) ?? 'active')}
            data={views.map((value) => ({ value, label: t(`board.views.${value}`) }))}
          />
          <Text size="xs" c="dimmed">
            {t('board.keyboardHint')}
          </Text>
        </Group>
        <VisuallyHidden aria-live="polite">{announcement}</VisuallyHidden>
        <DndContext
          sensors={sensors}
          collisionDetection={pointerWithin}
          onDragStart={({ active }) => {
            dragging.current = true
            setDragged((active.data.current?.card as ApplicantRowDto | undefined) ?? null)
          }}
          onDragEnd={onDragEnd}
          onDragCancel={() => {
            dragging.current = false
            setDragged(null)
          }}
        >
          <Group
            align="flex-start"
            wrap="nowrap"
            gap="sm"
            style={{ overflowX: 'auto', paddingBottom: 8 }}
            role="group"
            aria-label={t('board.label', { title: posting.title })}
          >
            {shown.map((stage) => (
              <BoardColumn
                key={stage.id}
                postingId={posting.id}
                stage={stage}
                status={view === 'active' ? (stage.kind === 'hired' ? 'hired' : 'active') : view}
              />
            ))}
          </Group>
          {/* Drawn above the columns, whose scrolling would otherwise clip the card being dragged. */}
          <DragOverlay>
            {dragged && (
              <Paper withBorder shadow="md" p="xs" w={240}>
                <Text fw={600} size="sm" truncate>
                  {dragged.name}
                </Text>
              </Paper>
            )}
          </DragOverlay>
        </DndContext>
      </Stack>
      <ApplicationDrawer applicationId={opened} onClose={() => setOpened(null)} />
    </BoardContext.Provider>
  )
}

function BoardColumn({ postingId, stage, status }: { postingId: number; stage: StageDto; status: ApplicationStatus }) {
  const { t } = useTranslation('applications')
  const { setNodeRef, isOver } = useDroppable({ id: `stage:${stage.id}`, data: { stage } })
  const cards = useInfiniteQuery({
    queryKey: applicationKeys.column(postingId, stage.id, status),
    queryFn: ({ pageParam }) =>
      call(
        api.applications.list({
          postingId,
          stageId: stage.id,
          status,
          sort: 'inStage',
          direction: 'desc',
          offset: pageParam,
          limit: COLUMN_PAGE,
        }),
      ),
    initialPageParam: 0,
    getNextPageParam: (last) => {
      const loaded = last.offset + last.rows.length
      return loaded < last.total ? loaded : undefined
    },
  })
  const rows = cards.data?.pages.flatMap((page) => page.rows) ?? []
  const total = cards.data?.pages[0]?.total ?? 0
  return (
    <Paper
      ref={setNodeRef}
      withBorder
      p="xs"
      // Columns share the width (five fit beside the navigation at 1440 px) and scroll sideways only below 200 px.
      miw={200}
      style={{ flex: '1 1 0' }}
      bg={isOver ? 'var(--mantine-primary-color-light)' : 'var(--mantine-color-default-hover)'}
      aria-label={t('board.column', { name: stage.name, total })}
      role="region"
    >
      <Group justify="space-between" mb="xs">
        <Text fw={600} size="sm">
          {stage.name}
        </Text>
        <Badge variant="light" color="gray">
          {total}
        </Badge>
      </Group>
      <Box style={{ maxHeight: 'calc(100vh - 340px)', overflowY: 'auto' }}>
        <Stack gap={6} role="list" aria-label={stage.name} mih={60}>
          {rows.map((card) => (
            <BoardCard key={card.id} card={card} />
          ))}
          {cards.isPending && <Loader size="sm" />}
          {!cards.isPending && total === 0 && (
            <Text size="xs" c="dimmed" ta="center" py="sm">
              {t('board.empty')}
            </Text>
          )}
        </Stack>
      </Box>
      {cards.hasNextPage && (
        <Button
          variant="subtle"
          size="xs"
          fullWidth
          mt="xs"
          loading={cards.isFetchingNextPage}
          onClick={() => void cards.fetchNextPage()}
        >
          {t('board.showMore', { count: total - rows.length })}
        </Button>
      )}
    </Paper>
  )
}

/** Focus moves between the cards as they are laid out: within a column, then across columns. */
function focusNeighbour(element: HTMLElement, key: string): void {
  const column = element.closest('[role="list"]')
  const board = element.closest('[role="group"]')
  if (!column || !board) return
  const inColumn = [...column.querySelectorAll<HTMLElement>('[data-application-id]')]
  const index = inColumn.indexOf(element)
  if (key === 'ArrowDown' || key === 'ArrowUp') {
    inColumn[index + (key === 'ArrowDown' ? 1 : -1)]?.focus()
    return
  }
  const columns = [...board.querySelectorAll<HTMLElement>('[role="list"]')]
  const step = key === 'ArrowRight' ? 1 : -1
  for (let next = columns.indexOf(column as HTMLElement) + step; next >= 0 && next < columns.length; next += step) {
    const cards = columns[next]?.querySelectorAll<HTMLElement>('[data-application-id]')
    const target = cards?.[Math.min(index, cards.length - 1)]
    if (target) {
      target.focus()
      return
    }
  }
}

function BoardCard({ card }: { card: ApplicantRowDto }) {
  const { t } = useTranslation(['applications', 'assessments'])
  const board = useBoard()
  const movable = !board.readOnly && card.status === 'active'
  const { setNodeRef, listeners, isDragging } = useDraggable({
    id: card.id,
    data: { card },
    disabled: !movable,
  })
  const element = useRef<HTMLDivElement | null>(null)
  useEffect(() => {
    if (board.claimFocus(card)) element.current?.focus()
  })
  const target = { id: card.id, name: card.name, stageId: card.stageId }
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget) return
    if (event.altKey && (event.key === 'ArrowRight' || event.key === 'ArrowLeft')) {
      event.preventDefault()
      if (movable) board.moveBy(card, event.key === 'ArrowRight' ? 1 : -1)
    } else if (['ArrowDown', 'ArrowUp', 'ArrowLeft', 'ArrowRight'].includes(event.key)) {
      event.preventDefault()
      focusNeighbour(event.currentTarget, event.key)
    } else if (event.key === 'Enter') {
      event.preventDefault()
      board.open(card)
    }
  }
  return (
    <Paper
      ref={(node) => {
        setNodeRef(node)
        element.current = node
      }}
      withBorder
      p="xs"
      role="listitem"
      tabIndex={0}
      aria-label={card.name}
      data-application-id={card.id}
      onKeyDown={onKeyDown}
      onClick={() => {
        if (!board.dragging()) board.open(card)
      }}
      style={{ cursor: movable ? 'grab' : 'pointer', opacity: isDragging ? 0.4 : 1 }}
      {...listeners}
    >
      <Group justify="space-between" wrap="nowrap" gap={4}>
        <Text fw={600} size="sm" truncate>
          {card.name}
        </Text>
        {!board.readOnly && <CardMenu card={card} target={target} />}
      </Group>
      {/* A knock-out is what decides a card's fate: it shows on the card, not only in the table. */}
      {card.fit.knockedOut && (
        <Badge size="xs" color="red" data-testid="card-knocked-out">
          {t('assessments:fit.knockedOut')}
        </Badge>
      )}
      <Text size="xs" c="dimmed">
        {[
          t('board.fit', { score: Math.round(card.fit.score) }),
          t('board.days', { days: card.daysInStage }),
          card.source,
        ]
          .filter(Boolean)
          .join(' · ')}
      </Text>
      {card.reason && (
        <Text size="xs" lineClamp={2}>
          {card.reason}
        </Text>
      )}
    </Paper>
  )
}

function CardMenu({ card, target }: { card: ApplicantRowDto; target: { id: number; name: string; stageId: number } }) {
  const { t } = useTranslation('applications')
  const board = useBoard()
  const stopDrag = { onPointerDown: (event: { stopPropagation: () => void }) => event.stopPropagation() }
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon
          variant="subtle"
          size="sm"
          aria-label={t('board.menu', { name: card.name })}
          onClick={(event) => event.stopPropagation()}
          {...stopDrag}
        >
          <IconDots size={16} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown onClick={(event) => event.stopPropagation()}>
        {card.status === 'active' ? (
          <>
            <Menu.Label>{t('actions.moveTo')}</Menu.Label>
            {board.stages
              .filter((stage) => stage.kind === 'open' && stage.id !== card.stageId)
              .map((stage) => (
                <Menu.Item key={stage.id} onClick={() => board.moveTo(card, stage)}>
                  {stage.name}
                </Menu.Item>
              ))}
            <Menu.Divider />
            <Menu.Item onClick={() => openStatusDialog(target, 'hired', board.stages)}>{t('actions.hire')}</Menu.Item>
            <Menu.Item color="red" onClick={() => openStatusDialog(target, 'rejected', board.stages)}>
              {t('actions.reject')}
            </Menu.Item>
            <Menu.Item onClick={() => openStatusDialog(target, 'withdrawn', board.stages)}>
              {t('actions.withdraw')}
            </Menu.Item>
          </>
        ) : (
          <Menu.Item onClick={() => openStatusDialog(target, 'active', board.stages)}>{t('actions.reopen')}</Menu.Item>
        )}
      </Menu.Dropdown>
    </Menu>
  )
}
