import {
  closestCenter,
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type DragEndEvent,
} from '@dnd-kit/core'
import {
  arrayMove,
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from '@dnd-kit/sortable'
import { CSS } from '@dnd-kit/utilities'
import { ActionIcon, Group, Paper } from '@mantine/core'
import { IconArrowDown, IconArrowUp, IconGripVertical } from '@tabler/icons-react'
import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

interface SortableListProps<T extends { id: number }> {
  items: T[]
  /** Names the item for screen readers and the move buttons. */
  label: (item: T) => string
  onReorder: (ids: number[]) => void
  children: (item: T, index: number) => ReactNode
  actions?: (item: T) => ReactNode
}

/** A list reordered by dragging, by keyboard on the handle (space, arrows, space), or with the move buttons. */
export function SortableList<T extends { id: number }>({
  items,
  label,
  onReorder,
  children,
  actions,
}: SortableListProps<T>) {
  // The moved order shows at once; it gives way to the saved order when new items arrive.
  const saved = items.map((item) => item.id)
  const [moved, setMoved] = useState<{ basis: string; order: number[] } | null>(null)
  const order = moved?.basis === saved.join(',') ? moved.order : saved
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  )
  const byId = new Map(items.map((item) => [item.id, item]))
  const move = (from: number, to: number) => {
    if (to < 0 || to >= order.length || from === to) return
    const next = arrayMove(order, from, to)
    setMoved({ basis: saved.join(','), order: next })
    onReorder(next)
  }
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (over) move(order.indexOf(Number(active.id)), order.indexOf(Number(over.id)))
  }
  return (
    <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
      <SortableContext items={order} strategy={verticalListSortingStrategy}>
        <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {order.map((id, index) => {
            const item = byId.get(id)
            return item ? (
              <SortableRow
                key={id}
                id={id}
                label={label(item)}
                first={index === 0}
                last={index === order.length - 1}
                onMove={(delta) => move(index, index + delta)}
                actions={actions?.(item)}
              >
                {children(item, index)}
              </SortableRow>
            ) : null
          })}
        </ul>
      </SortableContext>
    </DndContext>
  )
}

interface SortableRowProps {
  id: number
  label: string
  first: boolean
  last: boolean
  onMove: (delta: -1 | 1) => void
  actions: ReactNode
  children: ReactNode
}

function SortableRow({ id, label, first, last, onMove, actions, children }: SortableRowProps) {
  const { t } = useTranslation()
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id,
  })
  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Transform.toString(transform), transition, opacity: isDragging ? 0.6 : 1 }}
      aria-label={label}
    >
      <Paper withBorder p="xs" mb={6}>
        <Group wrap="nowrap" align="flex-start" gap="xs">
          <ActionIcon
            ref={setActivatorNodeRef}
            variant="subtle"
            color="gray"
            aria-label={t('reorder.handle', { name: label })}
            style={{ cursor: 'grab' }}
            {...attributes}
            {...listeners}
          >
            <IconGripVertical size={16} />
          </ActionIcon>
          <div style={{ flex: 1, minWidth: 0 }}>{children}</div>
          <Group gap={4} wrap="nowrap">
            <ActionIcon
              variant="subtle"
              disabled={first}
              aria-label={t('reorder.up', { name: label })}
              onClick={() => onMove(-1)}
            >
              <IconArrowUp size={16} />
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              disabled={last}
              aria-label={t('reorder.down', { name: label })}
              onClick={() => onMove(1)}
            >
              <IconArrowDown size={16} />
            </ActionIcon>
            {actions}
          </Group>
        </Group>
      </Paper>
    </li>
  )
}
