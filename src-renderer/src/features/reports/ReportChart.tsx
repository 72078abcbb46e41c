import type { ReportChartDto, ReportRowDto, ReportTableDto } from '@contract'
import { BarChart, LineChart } from '@mantine/charts'
import { formatCell } from './format-cell'

const COLORS = ['blue', 'orange', 'teal', 'red', 'violet', 'gray'] as const
/** Category labels of horizontal bars are cut to fit their column; the table beside shows them whole. */
const LABEL_CHARS = 28
const shortLabel = (value: unknown) => {
  const text = String(value)
  return text.length > LABEL_CHARS ? `${text.slice(0, LABEL_CHARS - 1)}…` : text
}

interface ReportChartProps {
  chart: ReportChartDto
  table: ReportTableDto
  language: string
  label: string
  onSegment: (row: ReportRowDto) => void
}

/** The report's chart (Mantine charts on recharts); a click on a bar or point opens the rows behind it. */
export function ReportChart({ chart, table, language, label, onSegment }: ReportChartProps) {
  const data = table.rows.map((row) => ({ ...row.cells, [chart.category]: String(row.cells[chart.category] ?? '') }))
  const series = chart.series.map((key, index) => ({
    name: key,
    label: table.columns.find((column) => column.key === key)?.label ?? key,
    color: `${chart.colors?.[index] ?? COLORS[index % COLORS.length] ?? 'blue'}.6`,
  }))
  const format = (value: number) => formatCell(value, chart.format === 'integer' ? 'integer' : chart.format, language)
  const open = (index: number) => {
    const row = table.rows[index]
    if (row?.segment) onSegment(row)
  }
  const horizontal = chart.kind === 'horizontal-bar' || chart.kind === 'stacked-horizontal-bar'
  const height = horizontal ? Math.max(240, 36 * table.rows.length + 40) : 320
  if (chart.kind === 'line') {
    return (
      <LineChart
        h={height}
        data={data}
        dataKey={chart.category}
        series={series}
        valueFormatter={format}
        withLegend={series.length > 1}
        curveType="linear"
        aria-label={label}
        lineChartProps={{ onClick: (state) => open(Number(state.activeTooltipIndex ?? -1)) }}
      />
    )
  }
  return (
    <BarChart
      h={height}
      data={data}
      dataKey={chart.category}
      series={series}
      type={chart.kind === 'stacked-bar' || chart.kind === 'stacked-horizontal-bar' ? 'stacked' : 'default'}
      orientation={horizontal ? 'vertical' : 'horizontal'}
      valueFormatter={format}
      withLegend={series.length > 1}
      aria-label={label}
      yAxisProps={horizontal ? { width: 180, tickFormatter: shortLabel } : undefined}
      barProps={{ onClick: (_entry, index) => open(index), cursor: 'pointer' }}
    />
  )
}
