import { Group, Kbd, Modal, Stack, Table, Text } from '@mantine/core'
import { useDisclosure, useHotkeys } from '@mantine/hooks'
import { useTranslation } from 'react-i18next'
import { useLocation } from 'wouter'

type Page = 'assessment' | 'board' | 'requirements' | 'ladder'
type KeyLabel =
  | 'nextItem'
  | 'previousItem'
  | 'rate'
  | 'editEvidence'
  | 'acceptSuggestion'
  | 'nextApplicant'
  | 'previousApplicant'
  | 'saveEvidence'
  | 'moveFocus'
  | 'nextStage'
  | 'previousStage'
  | 'openCard'
  | 'moveUp'
  | 'moveDown'
  | 'editItem'
  | 'removeItem'
  | 'editCell'
  | 'cancelEdit'
  | 'search'
  | 'help'

/** The keys each page answers to; the labels live in the locale files under shortcuts.keys. */
const PAGE_SHORTCUTS: Record<Page, readonly { keys: string[]; label: KeyLabel }[]> = {
  assessment: [
    { keys: ['↓', 'j'], label: 'nextItem' },
    { keys: ['↑', 'k'], label: 'previousItem' },
    { keys: ['1', '…', '5'], label: 'rate' },
    { keys: ['e'], label: 'editEvidence' },
    { keys: ['a'], label: 'acceptSuggestion' },
    { keys: ['n'], label: 'nextApplicant' },
    { keys: ['p'], label: 'previousApplicant' },
    { keys: ['Ctrl', 'Enter'], label: 'saveEvidence' },
  ],
  board: [
    { keys: ['←', '↑', '→', '↓'], label: 'moveFocus' },
    { keys: ['Alt', '→'], label: 'nextStage' },
    { keys: ['Alt', '←'], label: 'previousStage' },
    { keys: ['Enter'], label: 'openCard' },
  ],
  requirements: [
    { keys: ['↑', '↓'], label: 'moveFocus' },
    { keys: ['Alt', '↑'], label: 'moveUp' },
    { keys: ['Alt', '↓'], label: 'moveDown' },
    { keys: ['Enter'], label: 'editItem' },
    { keys: ['Delete'], label: 'removeItem' },
  ],
  ladder: [
    { keys: ['Enter'], label: 'editCell' },
    { keys: ['Esc'], label: 'cancelEdit' },
  ],
}

const GLOBAL: readonly { keys: string[]; label: KeyLabel }[] = [
  { keys: ['Ctrl', 'K'], label: 'search' },
  { keys: ['?'], label: 'help' },
]

export function pageOf(location: string): Page | null {
  if (/^\/postings\/\d+\/applications\/\d+\/assess/.test(location)) return 'assessment'
  if (/^\/postings\/\d+\/board/.test(location)) return 'board'
  if (/^\/postings\/\d+(\/details)?$/.test(location)) return 'requirements'
  if (/^\/ladders\/\d+/.test(location)) return 'ladder'
  return null
}

/** "?" anywhere outside a text field: the keys of the page in front of you, and the ones that work everywhere. */
export function ShortcutsHelp() {
  const { t } = useTranslation()
  const [location] = useLocation()
  const [opened, { open, close }] = useDisclosure(false)
  useHotkeys([
    ['shift+?', open],
    ['?', open],
  ])
  const page = pageOf(location)
  const rows = [...(page ? PAGE_SHORTCUTS[page] : []), ...GLOBAL]
  return (
    <Modal opened={opened} onClose={close} title={t('shortcuts.title')}>
      <Stack gap="xs">
        <Text size="sm" c="dimmed">
          {page ? t(`shortcuts.pages.${page}`) : t('shortcuts.pages.none')}
        </Text>
        <Table aria-label={t('shortcuts.title')}>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.label}>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    {row.keys.map((key) =>
                      key === '…' ? (
                        <Text key={key} span size="sm">
                          …
                        </Text>
                      ) : (
                        <Kbd key={key}>{key}</Kbd>
                      ),
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>{t(`shortcuts.keys.${row.label}`)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Modal>
  )
}
