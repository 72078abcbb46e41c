import type { ReportFiltersDto, ReportLanguage } from '@contract'
import { Alert, Anchor, Button, Drawer, Group, Loader, Pagination, Table, Text } from '@mantine/core'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'wouter'
import { api } from '../../api/client'
import { call } from '../../api/query'
import { ApplicationDrawer } from '../applications/ApplicationDrawer'
import { formatDate } from '../../i18n/format'

const PAGE = 50

interface DrilldownDrawerProps {
  name: string
  filters: ReportFiltersDto
  language: ReportLanguage
  /** The segment opened, with the label of the bar or row it came from; null when closed. */
  segment: { key: string; label: string } | null
  onClose: () => void
}

/** The applications behind a bar or row, paged by SQLite, each linking to its candidate. */
export function DrilldownDrawer({ name, filters, language, segment, onClose }: DrilldownDrawerProps) {
  const { t } = useTranslation('reports')
  const [page, setPage] = useState(1)
  const [opened, setOpened] = useState<number | null>(null)
  const rows = useQuery({
    queryKey: ['reports', 'drilldown', name, filters, segment?.key, page, language],
    queryFn: () =>
      call(
        api.reports.drilldown({
          name,
          filters,
          segment: segment?.key ?? '',
          offset: (page - 1) * PAGE,
          limit: PAGE,
          language,
        }),
      ),
    enabled: segment !== null,
    placeholderData: keepPreviousData,
  })
  const data = rows.data
  return (
    <Drawer
      opened={segment !== null}
      onClose={() => {
        setPage(1)
        onClose()
      }}
      position="right"
      size="xl"
      title={data?.title ?? segment?.label ?? ''}
    >
      {rows.error && <Alert color="red">{rows.error.message}</Alert>}
      {rows.isFetching && !data && <Loader size="sm" />}
      {data && (
        <>
          <Text size="sm" c="dimmed" mb="sm">
            {t('drilldown.count', { count: data.total })}
          </Text>
          <Table striped aria-label={t('drilldown.table')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('drilldown.candidate')}</Table.Th>
                <Table.Th>{t('drilldown.posting')}</Table.Th>
                <Table.Th>{t('drilldown.stage')}</Table.Th>
                <Table.Th>{t('drilldown.source')}</Table.Th>
                <Table.Th>{t('drilldown.applied')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.rows.map((row) => (
                <Table.Tr key={row.applicationId}>
                  <Table.Td>
                    <Anchor component={Link} href={`/candidates/${row.candidateId}`} dir="auto">
                      {row.candidateName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} href={`/postings/${row.postingId}`} dir="auto">
                      {row.postingTitle}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    {row.stage}
                    {row.status !== 'active' && row.status !== 'hired' && (
                      <Text span size="xs" c="dimmed">
                        {' '}
                        · {t(row.status === 'rejected' ? 'drilldown.status.rejected' : 'drilldown.status.withdrawn')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td dir="auto">{row.source || '—'}</Table.Td>
                  <Table.Td>{formatDate(row.appliedAt)}</Table.Td>
                  <Table.Td>
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      onClick={() => setOpened(row.applicationId)}
                      aria-label={t('drilldown.openNamed', { name: row.candidateName })}
                    >
                      {t('drilldown.open')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {data.total > PAGE && (
            <Group justify="center" mt="md">
              <Pagination total={Math.ceil(data.total / PAGE)} value={page} onChange={setPage} />
            </Group>
          )}
        </>
      )}
      <ApplicationDrawer applicationId={opened} onClose={() => setOpened(null)} />
    </Drawer>
  )
}
