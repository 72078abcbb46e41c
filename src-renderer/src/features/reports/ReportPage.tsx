import type { ReportFiltersDto, ReportRowDto, ReportTableDto } from '@contract'
import { Alert, Anchor, Card, Grid, Group, Loader, ScrollArea, Stack, Text, Title } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'wouter'
import { api } from '../../api/client'
import { DrilldownDrawer } from './DrilldownDrawer'
import { ExportButtons } from './ExportButtons'
import { ReportChart } from './ReportChart'
import { ReportFilters } from './ReportFilters'
import { ReportTable } from './ReportTable'
import { emptyFilters, reportLanguage, useReport } from './report-queries'
import { formatWhen } from '../../i18n/format'

const LONG_TABLE = 16
/** Beside a chart, a table has about a third of a laptop screen: more columns than this would be cut off. */
const NARROW_TABLE = 3

/**
 * Beside its chart only when the table is narrow and short enough to sit there whole; otherwise under it, and a
 * long one (weeks) scrolls instead of stretching the page.
 */
function layoutOf(table: ReportTableDto, withChart: boolean): 'beside' | 'under' | 'scrolling' {
  if (table.rows.length > LONG_TABLE) return 'scrolling'
  return withChart && table.columns.length <= NARROW_TABLE ? 'beside' : 'under'
}

/** Why a report has no rows: most count applications, calibration only decided ones with scorecards. */
function emptyReason(name: string): 'view.emptyWhy.calibration' | 'view.emptyWhy.coverage' | 'view.emptyWhy.default' {
  if (name === 'calibration') return 'view.emptyWhy.calibration'
  if (name === 'requirement-coverage') return 'view.emptyWhy.coverage'
  return 'view.emptyWhy.default'
}

export function ReportPage({ name }: { name: string }) {
  const { t, i18n } = useTranslation('reports')
  const language = reportLanguage(i18n.language)
  const [filters, setFilters] = useState<ReportFiltersDto>(emptyFilters)
  const rangeError =
    filters.from !== null && filters.to !== null && filters.from > filters.to ? t('filters.fromAfterTo') : null
  const report = useReport(name, filters, language, rangeError === null)
  const data = report.data
  const chartTable = data?.chart ? data.tables.find((table) => table.id === data.chart?.table) : undefined
  const [segment, setSegment] = useState<{ key: string; label: string } | null>(null)
  const category = data?.chart?.category
  const open = (row: ReportRowDto) => {
    if (!data?.drilldown || row.segment === null) return
    const first = Object.values(row.cells)[0]
    const label = category !== undefined ? row.cells[category] : first
    setSegment({ key: row.segment, label: String(label ?? row.segment) })
  }

  return (
    <Stack>
      {/* The description wraps beside the export buttons, which keep the top right however long it is. */}
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div style={{ flex: 1, minWidth: 0 }}>
          <Anchor component={Link} href="/reports" size="sm">
            {t('view.back')}
          </Anchor>
          <Title order={2}>{data?.title ?? ''}</Title>
          <Text c="dimmed" size="sm">
            {data?.description}
          </Text>
        </div>
        <ExportButtons
          disabled={rangeError !== null || !data}
          start={(format) => api.reports.export({ name, filters, format, language })}
        />
      </Group>
      <ReportFilters value={filters} onChange={setFilters} rangeError={rangeError} />
      {report.error && <Alert color="red">{report.error.message}</Alert>}
      {!data && report.isFetching && (
        <Group>
          <Loader size="sm" />
          <Text size="sm">{t('view.loading')}</Text>
        </Group>
      )}
      {data && (
        <>
          <Text size="xs" c="dimmed">
            {data.filtersText} · {t('view.generatedAt', { date: formatWhen(data.generatedAt) })}
            {data.drilldown && ` · ${t('view.drillHint')}`}
          </Text>
          {data.tables.map((table) => {
            const chart = data.chart !== null && table === chartTable && table.rows.length > 0 ? data.chart : null
            const layout = layoutOf(table, chart !== null)
            const tableView = (
              <ReportTable
                table={table}
                language={i18n.language}
                label={t('view.table', { name: table.title })}
                empty={t(emptyReason(name))}
                onSegment={open}
              />
            )
            return (
              <Card withBorder key={table.id}>
                <Title order={4} mb="sm">
                  {table.title}
                </Title>
                <Grid>
                  {chart && (
                    <Grid.Col span={{ base: 12, lg: layout === 'beside' ? 7 : 12 }}>
                      <ReportChart
                        chart={chart}
                        table={table}
                        language={i18n.language}
                        label={t('view.chart', { name: table.title })}
                        onSegment={open}
                      />
                    </Grid.Col>
                  )}
                  <Grid.Col span={{ base: 12, lg: layout === 'beside' ? 5 : 12 }}>
                    {layout === 'scrolling' ? (
                      <ScrollArea.Autosize mah={420}>{tableView}</ScrollArea.Autosize>
                    ) : (
                      tableView
                    )}
                  </Grid.Col>
                </Grid>
              </Card>
            )
          })}
        </>
      )}
      <DrilldownDrawer
        name={name}
        filters={filters}
        language={language}
        segment={segment}
        onClose={() => setSegment(null)}
      />
    </Stack>
  )
}
