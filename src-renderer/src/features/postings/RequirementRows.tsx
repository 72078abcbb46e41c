import type { RequirementDto, RequirementSection } from '@contract'
import { useDroppable } from '@dnd-kit/core'
import { SortableContext, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable'
import { CSS } from '@dnd-kit/utilities'
import { ActionIcon, Badge, Button, Group, Menu, Paper, Text, Title } from '@mantine/core'
import {
  IconArrowDown,
  IconArrowUp,
  IconGripVertical,
  IconPencil,
  IconPlus,
  IconSwitchVertical,
  IconTrash,
} from '@tabler/icons-react'
import type { KeyboardEvent, ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { assessedSections, requirementSections } from './posting-enums'

/** What an item asks for beyond its text, as badges: the years of experience and the skills (with alternatives). */
export function RequirementFacts({ minYears, skills }: Pick<RequirementDto, 'minYears' | 'skills'>) {
  const { t } = useTranslation('postings')
  return (
    <>
      {minYears !== null && (
        <Badge size="sm" color="grape" variant="light">
          {t('editor.years', { count: minYears })}
        </Badge>
      )}
      {skills.map((skill) => (
        <Badge key={skill.name} size="sm" color="teal" variant="light" tt="none">
          {skill.alternatives.length > 0
            ? t('editor.skillOr', { name: skill.name, alternatives: skill.alternatives.join(', ') })
            : skill.name}
        </Badge>
      ))}
    </>
  )
}

export const containerId = (section: RequirementSection) => `section:${section}`

/** One section of the requirements editor: a drop target for dragged items, with its "Add" button. */
export function SectionList({
  section,
  shortcut,
  ids,
  onAdd,
  children,
}: {
  section: RequirementSection
  shortcut: number
  ids: number[]
  onAdd: () => void
  children: ReactNode
}) {
  const { t } = useTranslation('postings')
  const { setNodeRef, isOver } = useDroppable({ id: containerId(section) })
  const headingId = `requirements-${section}`
  return (
    <section aria-labelledby={headingId}>
      <Group justify="space-between" mb={6}>
        <Group gap="xs">
          <Title order={4} id={headingId}>
            {t(`sections.${section}`)}
          </Title>
          <Badge variant="light" color="gray" aria-label={t('editor.count', { count: ids.length })}>
            {ids.length}
          </Badge>
          {!assessedSections.includes(section) && (
            <Text size="xs" c="dimmed">
              {t('editor.notAssessedShort')}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            Alt+{shortcut}
          </Text>
        </Group>
        <Button size="xs" variant="subtle" leftSection={<IconPlus size={14} />} onClick={onAdd}>
          {t('editor.add', { section: t(`sections.${section}`) })}
        </Button>
      </Group>
      <SortableContext id={section} items={ids} strategy={verticalListSortingStrategy}>
        <ul
          ref={setNodeRef}
          aria-label={t(`sections.${section}`)}
          style={{
            listStyle: 'none',
            padding: ids.length === 0 ? 'var(--mantine-spacing-xs)' : 0,
            margin: 0,
            minHeight: 36,
            borderRadius: 'var(--mantine-radius-sm)',
            outline: isOver ? '2px dashed var(--mantine-color-blue-4)' : undefined,
          }}
        >
          {children}
          {ids.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('editor.emptySection')}
            </Text>
          )}
        </ul>
      </SortableContext>
    </section>
  )
}

/** One item: a drag handle, its text and badges, and buttons for what the keyboard also does. */
interface RowProps {
  requirement: RequirementDto
  competency: string | undefined
  first: boolean
  last: boolean
  tabbable: boolean
  rowRef: (element: HTMLLIElement | null) => void
  onFocus: () => void
  onKeyDown: (event: KeyboardEvent<HTMLLIElement>) => void
  onEdit: () => void
  onMove: (delta: -1 | 1) => void
  onMoveTo: (section: RequirementSection) => void
  onRemove: () => void
}

export function RequirementRow({ requirement, competency, first, last, tabbable, rowRef, ...handlers }: RowProps) {
  const { t } = useTranslation('postings')
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: requirement.id,
  })
  const assessed = assessedSections.includes(requirement.section)
  return (
    <li
      ref={(element) => {
        setNodeRef(element)
        rowRef(element)
      }}
      tabIndex={tabbable ? 0 : -1}
      aria-label={requirement.text}
      data-section={requirement.section}
      onFocus={(event) => {
        if (event.target === event.currentTarget) handlers.onFocus()
      }}
      onKeyDown={handlers.onKeyDown}
      style={{
        transform: CSS.Transform.toString(transform),
        transition,
        opacity: isDragging ? 0.6 : 1,
        marginBottom: 6,
        borderRadius: 'var(--mantine-radius-sm)',
      }}
    >
      <Paper withBorder p="xs">
        <Group wrap="nowrap" align="flex-start" gap="xs">
          <ActionIcon
            ref={setActivatorNodeRef}
            variant="subtle"
            color="gray"
            aria-label={t('editor.drag')}
            style={{ cursor: 'grab' }}
            {...attributes}
            {...listeners}
            tabIndex={-1}
          >
            <IconGripVertical size={16} />
          </ActionIcon>
          <div style={{ flex: 1, minWidth: 0 }}>
            <Text size="sm">{requirement.text}</Text>
            <Group gap={4} mt={4}>
              {assessed && requirement.mustHave && (
                <Badge size="sm" color="red" variant="light">
                  {t('fields.mustHave')}
                </Badge>
              )}
              {assessed && requirement.preferred && (
                <Badge size="sm" color="blue" variant="light">
                  {t('fields.preferred')}
                </Badge>
              )}
              {assessed && (
                <Badge size="sm" color="gray" variant="outline">
                  {t('editor.weight', { weight: requirement.weight })}
                </Badge>
              )}
              <RequirementFacts minYears={requirement.minYears} skills={requirement.skills} />
              {competency && (
                <Badge size="sm" color="indigo" variant="dot" tt="none">
                  {competency}
                </Badge>
              )}
            </Group>
          </div>
          <Group gap={2} wrap="nowrap">
            <ActionIcon variant="subtle" aria-label={t('editor.edit')} onClick={handlers.onEdit} tabIndex={-1}>
              <IconPencil size={16} />
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              aria-label={t('editor.moveUp')}
              disabled={first && requirement.section === 'responsibility'}
              onClick={() => handlers.onMove(-1)}
              tabIndex={-1}
            >
              <IconArrowUp size={16} />
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              aria-label={t('editor.moveDown')}
              disabled={last && requirement.section === 'other'}
              onClick={() => handlers.onMove(1)}
              tabIndex={-1}
            >
              <IconArrowDown size={16} />
            </ActionIcon>
            <Menu position="bottom-end">
              <Menu.Target>
                <ActionIcon variant="subtle" aria-label={t('editor.moveTo')} tabIndex={-1}>
                  <IconSwitchVertical size={16} />
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{t('editor.moveTo')}</Menu.Label>
                {requirementSections
                  .filter((section) => section !== requirement.section)
                  .map((section) => (
                    <Menu.Item
                      key={section}
                      onClick={() => handlers.onMoveTo(section)}
                      rightSection={
                        <Text size="xs" c="dimmed">
                          Alt+{requirementSections.indexOf(section) + 1}
                        </Text>
                      }
                    >
                      {t(`sections.${section}`)}
                    </Menu.Item>
                  ))}
              </Menu.Dropdown>
            </Menu>
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={t('editor.remove')}
              onClick={handlers.onRemove}
              tabIndex={-1}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        </Group>
      </Paper>
    </li>
  )
}
