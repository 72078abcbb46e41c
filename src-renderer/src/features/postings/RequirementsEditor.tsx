import type { PostingDto, RequirementDto, RequirementSection } from '@contract'
import {
  closestCorners,
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type DragEndEvent,
  type DragOverEvent,
  type UniqueIdentifier,
} from '@dnd-kit/core'
import { arrayMove, sortableKeyboardCoordinates } from '@dnd-kit/sortable'
import { Button, Card, Drawer, Group, Stack, Text, Title, Tooltip } from '@mantine/core'
import { IconArrowBackUp } from '@tabler/icons-react'
import { useEffect, useRef, useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useLadder } from '../ladders/ladder-queries'
import { requirementSections } from './posting-enums'
import { usePostingReference } from './posting-queries'
import { requirementFields } from './requirement-commands'
import { RequirementForm, type RequirementFormValues } from './RequirementForm'
import { containerId, RequirementRow, SectionList } from './RequirementRows'
import { useRequirementCommands } from './use-requirement-commands'

type Order = Record<RequirementSection, number[]>

type Editing = { mode: 'add'; section: RequirementSection } | { mode: 'edit'; requirement: RequirementDto }

function groupIds(requirements: RequirementDto[]): Order {
  const order: Order = { responsibility: [], requirement: [], nice_to_have: [], benefit: [], other: [] }
  for (const requirement of requirements) order[requirement.section].push(requirement.id)
  return order
}

function sectionOf(order: Order, id: UniqueIdentifier): RequirementSection | undefined {
  if (typeof id === 'string') return requirementSections.find((section) => containerId(section) === id)
  return requirementSections.find((section) => order[section].includes(id))
}

/**
 * The posting's items by section. Mouse: drag the handle (also across sections), or use the row's buttons.
 * Keyboard on a focused row: ↑/↓ select, Alt+↑/↓ move, Alt+1…5 move to a section, Enter edit, Delete remove;
 * Ctrl/Cmd+Z undoes the last change.
 */
export function RequirementsEditor({ posting }: { posting: PostingDto }) {
  const { t } = useTranslation(['postings', 'common'])
  const ladder = useLadder(posting.ladderId)
  const reference = usePostingReference()
  const [activeId, setActiveId] = useState<number | null>(null)
  const [editing, setEditing] = useState<Editing | null>(null)
  const [dragOrder, setDragOrder] = useState<Order | null>(null)
  const { commands, undo, current } = useRequirementCommands(posting, { onSettled: () => setDragOrder(null) })
  const rows = useRef(new Map<number, HTMLLIElement>())
  const competencies = ladder.data?.competencies ?? []
  const competencyName = new Map(competencies.map((competency) => [competency.id, competency.name]))
  const order = dragOrder ?? groupIds(posting.requirements)
  const byId = new Map(posting.requirements.map((requirement) => [requirement.id, requirement]))
  const flat = requirementSections.flatMap((section) => order[section])

  /*
   * Focus follows an item after it moved; a move to another section remounts its row, so the focus waits for
   * the render that shows the row in its new section.
   */
  const pendingFocus = useRef<{ id: number; section: RequirementSection } | null>(null)
  const [, setFocusRequest] = useState(0)
  useEffect(() => {
    const pending = pendingFocus.current
    const element = pending ? rows.current.get(pending.id) : undefined
    if (pending && element?.dataset.section === pending.section) {
      pendingFocus.current = null
      element.focus()
    }
  })
  const focusRow = (id: number | undefined) => {
    const section = current().find((entry) => entry.id === id)?.section
    if (id === undefined || !section) return
    setActiveId(id)
    pendingFocus.current = { id, section }
    setFocusRequest((count) => count + 1)
  }

  const moveTo = (id: number, section: RequirementSection, position?: number) =>
    commands.moveTo(id, section, position, t('undo.move')).then(() => focusRow(id))
  const moveBy = (id: number, delta: -1 | 1) => commands.moveBy(id, delta, t('undo.move')).then(() => focusRow(id))
  const remove = (id: number) => {
    const index = flat.indexOf(id)
    return commands.remove(id, t('undo.remove')).then(() => focusRow(flat[index + 1] ?? flat[index - 1]))
  }
  const save = (values: RequirementFormValues): Promise<boolean> =>
    editing?.mode === 'edit'
      ? commands.update(editing.requirement, values, t('undo.edit'))
      : commands.add(values, t('undo.add'))

  const onRowKeyDown = (event: KeyboardEvent<HTMLLIElement>, requirement: RequirementDto) => {
    if (event.target !== event.currentTarget) return
    const index = flat.indexOf(requirement.id)
    const digit = /^Digit([1-5])$/.exec(event.code)?.[1]
    let handled = true
    if (event.altKey && event.key === 'ArrowUp') void moveBy(requirement.id, -1)
    else if (event.altKey && event.key === 'ArrowDown') void moveBy(requirement.id, 1)
    else if (event.altKey && digit) {
      const section = requirementSections[Number(digit) - 1]
      if (section && section !== requirement.section) void moveTo(requirement.id, section)
    } else if (event.key === 'ArrowUp') focusRow(flat[Math.max(0, index - 1)])
    else if (event.key === 'ArrowDown') focusRow(flat[Math.min(flat.length - 1, index + 1)])
    else if (event.key === 'Home') focusRow(flat[0])
    else if (event.key === 'End') focusRow(flat.at(-1))
    else if (event.key === 'Enter' || event.key === 'F2') setEditing({ mode: 'edit', requirement })
    else if (event.key === 'Delete') void remove(requirement.id)
    else handled = false
    if (handled) event.preventDefault()
  }

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  )
  const onDragOver = ({ active, over }: DragOverEvent) => {
    if (!over) return
    const from = sectionOf(order, active.id)
    const to = sectionOf(order, over.id)
    if (!from || !to || from === to || typeof active.id !== 'number') return
    const target = order[to].filter((id) => id !== active.id)
    const at = typeof over.id === 'number' ? target.indexOf(over.id) : target.length
    target.splice(at < 0 ? target.length : at, 0, active.id)
    setDragOrder({ ...order, [from]: order[from].filter((id) => id !== active.id), [to]: target })
  }
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    const section = sectionOf(order, active.id)
    if (!section || typeof active.id !== 'number') return setDragOrder(null)
    let ids = order[section]
    if (over && typeof over.id === 'number' && ids.includes(over.id)) {
      ids = arrayMove(ids, ids.indexOf(active.id), ids.indexOf(over.id))
    }
    setDragOrder({ ...order, [section]: ids })
    void moveTo(active.id, section, ids.indexOf(active.id))
  }

  const editingValues: RequirementFormValues | null = !editing
    ? null
    : editing.mode === 'edit'
      ? { section: editing.requirement.section, ...requirementFields(editing.requirement) }
      : {
          section: editing.section,
          text: '',
          mustHave: false,
          preferred: editing.section === 'nice_to_have',
          weight: reference.data?.defaultWeights[editing.section] ?? 0,
          minYears: null,
          skills: [],
          competencyId: null,
        }

  return (
    <Card withBorder>
      <Group justify="space-between" mb="xs">
        <Title order={3}>{t('editor.title')}</Title>
        <Tooltip label={undo ? t('undo.what', { change: undo.label }) : t('undo.nothing')}>
          <Button
            variant="default"
            leftSection={<IconArrowBackUp size={16} />}
            disabled={!undo}
            onClick={() => void commands.undo()}
            aria-keyshortcuts="Control+Z"
          >
            {t('undo.action')}
          </Button>
        </Tooltip>
      </Group>
      <Text size="sm" c="dimmed" mb="md">
        {t('editor.hint')}
      </Text>
      <DndContext
        sensors={sensors}
        collisionDetection={closestCorners}
        onDragStart={() => setDragOrder(order)}
        onDragOver={onDragOver}
        onDragEnd={onDragEnd}
        onDragCancel={() => setDragOrder(null)}
      >
        <Stack gap="lg">
          {requirementSections.map((section, sectionIndex) => (
            <SectionList
              key={section}
              section={section}
              shortcut={sectionIndex + 1}
              ids={order[section]}
              onAdd={() => setEditing({ mode: 'add', section })}
            >
              {order[section].map((id, index) => {
                const requirement = byId.get(id)
                if (!requirement) return null
                return (
                  <RequirementRow
                    key={id}
                    requirement={requirement}
                    competency={
                      requirement.competencyId === null ? undefined : competencyName.get(requirement.competencyId)
                    }
                    first={index === 0}
                    last={index === order[section].length - 1}
                    tabbable={activeId === null ? flat[0] === id : activeId === id}
                    rowRef={(element) => {
                      if (element) rows.current.set(id, element)
                      else rows.current.delete(id)
                    }}
                    onFocus={() => setActiveId(id)}
                    onKeyDown={(event) => onRowKeyDown(event, requirement)}
                    onEdit={() => setEditing({ mode: 'edit', requirement })}
                    onMove={(delta) => void moveBy(id, delta)}
                    onMoveTo={(target) => void moveTo(id, target)}
                    onRemove={() => void remove(id)}
                  />
                )
              })}
            </SectionList>
          ))}
        </Stack>
      </DndContext>
      <Drawer
        opened={editing !== null}
        onClose={() => setEditing(null)}
        position="right"
        size="lg"
        title={editing?.mode === 'edit' ? t('editor.editTitle') : t('editor.addTitle')}
      >
        {editing && editingValues && (
          <RequirementForm
            initial={editingValues}
            adding={editing.mode === 'add'}
            competencies={competencies}
            defaultWeights={reference.data?.defaultWeights}
            onCancel={() => setEditing(null)}
            onSubmit={async (values) => {
              const saved = await save(values)
              if (saved) {
                const id = editing.mode === 'edit' ? editing.requirement.id : undefined
                setEditing(null)
                focusRow(id)
              }
              return saved
            }}
          />
        )}
      </Drawer>
    </Card>
  )
}
