import type { RequirementDto } from '@contract'
import { ActionIcon, Badge, Popover, ScrollArea, Table, Text, Tooltip } from '@mantine/core'
import { IconListDetails } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { requirementHeaders } from './requirement-headers'

/** The short header of each requirement column beside the item's full text, opened next to the table. */
export function RequirementLegend({ requirements }: { requirements: RequirementDto[] }) {
  const { t } = useTranslation('applications')
  const headers = requirementHeaders(requirements)
  if (requirements.length === 0) return null
  return (
    <Popover position="bottom-end" width={520} shadow="md" withinPortal trapFocus>
      <Popover.Target>
        <Tooltip label={t('legend.open')}>
          <ActionIcon
            variant="subtle"
            aria-label={t('legend.open')}
            data-testid="requirement-legend-count"
            data-count={requirements.length}
          >
            <IconListDetails size={18} />
          </ActionIcon>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown p="xs">
        <Text fw={600} fz="sm" mb={4}>
          {t('legend.title')}
        </Text>
        <ScrollArea.Autosize mah={420}>
          <Table
            verticalSpacing={4}
            horizontalSpacing="xs"
            fz="xs"
            aria-label={t('legend.title')}
            data-testid="requirement-legend"
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('legend.column')}</Table.Th>
                <Table.Th>{t('legend.requirement')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {requirements.map((requirement) => (
                <Table.Tr key={requirement.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap', fontWeight: 600, verticalAlign: 'top' }}>
                    {requirement.mustHave ? '★ ' : ''}
                    {headers.get(requirement.id)}
                  </Table.Td>
                  <Table.Td>
                    {requirement.text}
                    {requirement.mustHave && (
                      <Badge size="xs" variant="light" color="red" ml={6}>
                        {t('legend.mustHave')}
                      </Badge>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
      </Popover.Dropdown>
    </Popover>
  )
}
