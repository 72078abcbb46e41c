import type { LadderDetailDto } from '@contract'
import { Badge, Box, ScrollArea, Table, Text, Textarea } from '@mantine/core'
import { useRef, useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/client'
import { useApiMutation } from '../../api/query'
import { ladderKeys } from './ladder-queries'

interface Position {
  row: number
  column: number
}

/**
 * Levels × competencies, edited like a spreadsheet: arrows move, Enter or F2 edits,
 * Enter saves and moves down, Tab saves and moves right, Shift+Enter adds a line, Escape cancels.
 */
export function ExpectationsGrid({ ladder }: { ladder: LadderDetailDto }) {
  const { t } = useTranslation(['ladders', 'common'])
  const [active, setActive] = useState<Position>({ row: 0, column: 0 })
  const [editing, setEditingState] = useState<Position | null>(null)
  // Mirrors `editing` synchronously, so a blur right after Enter cannot save the cell twice.
  const editingRef = useRef<Position | null>(null)
  const setEditing = (position: Position | null) => {
    editingRef.current = position
    setEditingState(position)
  }
  const [draft, setDraft] = useState('')
  const cells = useRef(new Map<string, HTMLTableCellElement>())
  const save = useApiMutation(api.ladders.setExpectation, { invalidate: [ladderKeys.detail(ladder.id)] })
  const { levels, competencies } = ladder

  if (levels.length === 0 || competencies.length === 0) {
    return <Text c="dimmed">{t('grid.empty')}</Text>
  }

  const textOf = (levelId: number, competencyId: number) =>
    ladder.expectations.find((entry) => entry.levelId === levelId && entry.competencyId === competencyId)?.text ?? ''
  const key = ({ row, column }: Position) => `${row}:${column}`
  const focus = (position: Position) => {
    const next = {
      row: Math.max(0, Math.min(levels.length - 1, position.row)),
      column: Math.max(0, Math.min(competencies.length - 1, position.column)),
    }
    setActive(next)
    requestAnimationFrame(() => cells.current.get(key(next))?.focus())
  }
  const startEditing = (position: Position) => {
    const level = levels[position.row]
    const competency = competencies[position.column]
    if (!level || !competency) return
    setDraft(textOf(level.id, competency.id))
    setEditing(position)
  }
  const commit = (then?: Position) => {
    const current = editingRef.current
    if (!current) return
    const level = levels[current.row]
    const competency = competencies[current.column]
    if (level && competency && draft.trim() !== textOf(level.id, competency.id)) {
      save.mutate({ levelId: level.id, competencyId: competency.id, text: draft })
    }
    setEditing(null)
    focus(then ?? current)
  }

  const onCellKeyDown = (event: KeyboardEvent, position: Position) => {
    const moves: Record<string, Position> = {
      ArrowUp: { ...position, row: position.row - 1 },
      ArrowDown: { ...position, row: position.row + 1 },
      ArrowLeft: { ...position, column: position.column - 1 },
      ArrowRight: { ...position, column: position.column + 1 },
      Home: { ...position, column: 0 },
      End: { ...position, column: competencies.length - 1 },
    }
    const target = moves[event.key]
    if (target) {
      event.preventDefault()
      focus(target)
    } else if (event.key === 'Enter' || event.key === 'F2') {
      event.preventDefault()
      startEditing(position)
    }
  }

  const onEditorKeyDown = (event: KeyboardEvent, position: Position) => {
    if (event.key === 'Escape') {
      event.preventDefault()
      setEditing(null)
      focus(position)
    } else if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault()
      commit({ ...position, row: position.row + 1 })
    } else if (event.key === 'Tab') {
      event.preventDefault()
      commit({ ...position, column: position.column + (event.shiftKey ? -1 : 1) })
    }
  }

  return (
    <Box>
      <Text size="sm" c="dimmed" mb="xs">
        {t('grid.hint')}
      </Text>
      <ScrollArea>
        <Table
          withTableBorder
          withColumnBorders
          role="grid"
          aria-label={t('grid.label')}
          style={{ minWidth: 200 + competencies.length * 220 }}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={200}>{t('grid.level')}</Table.Th>
              {competencies.map((competency) => (
                <Table.Th key={competency.id} w={220} title={competency.description}>
                  {competency.name}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {levels.map((level, row) => (
              <Table.Tr key={level.id}>
                <Table.Th scope="row">
                  <Badge variant="light" mb={4}>
                    {level.code}
                  </Badge>
                  <Text size="sm" fw={600}>
                    {level.title}
                  </Text>
                </Table.Th>
                {competencies.map((competency, column) => {
                  const position = { row, column }
                  const isActive = active.row === row && active.column === column
                  const isEditing = editing?.row === row && editing.column === column
                  const text = textOf(level.id, competency.id)
                  const label = t('grid.cell', { level: level.title, competency: competency.name })
                  return (
                    <Table.Td
                      key={competency.id}
                      p={isEditing ? 0 : 'xs'}
                      ref={(element: HTMLTableCellElement | null) => {
                        if (element) cells.current.set(key(position), element)
                        else cells.current.delete(key(position))
                      }}
                      aria-label={label}
                      tabIndex={isEditing ? undefined : isActive ? 0 : -1}
                      onFocus={(event) => {
                        if (event.target === event.currentTarget) setActive(position)
                      }}
                      onKeyDown={(event) => {
                        if (!isEditing) onCellKeyDown(event, position)
                      }}
                      onDoubleClick={() => startEditing(position)}
                      style={{ verticalAlign: 'top', cursor: 'text', outlineOffset: -2, height: 72 }}
                    >
                      {isEditing ? (
                        <Textarea
                          aria-label={label}
                          autoFocus
                          autosize
                          minRows={3}
                          maxLength={10_000}
                          value={draft}
                          onChange={(event) => setDraft(event.currentTarget.value)}
                          onKeyDown={(event) => onEditorKeyDown(event, position)}
                          onBlur={() => commit()}
                          variant="filled"
                          radius={0}
                        />
                      ) : text ? (
                        <Text size="sm" lineClamp={5}>
                          {text}
                        </Text>
                      ) : (
                        <Text size="sm" c="dimmed" fs="italic">
                          {t('grid.emptyCell')}
                        </Text>
                      )}
                    </Table.Td>
                  )
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
    </Box>
  )
}
