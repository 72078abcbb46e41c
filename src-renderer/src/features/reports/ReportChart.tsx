import type { ReportChartDto, ReportRowDto, ReportTableDto } from '@contract'
import { BarChart, LineChart } from '@mantine/charts'
import { Alert } from '@mantine/core'
import { IconChartBarOff } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { formatCell } from './format-cell'

const COLORS = ['blue', 'orange', 'teal', 'red', 'violet', 'gray'] as const
/** Approximate width of one character of an axis label (12 px font), to give the label column room for the longest. */
const CHAR_PX = 7
const MAX_LABEL_PX = 340
/** Characters on one line of the widest label column. */
const LINE_CHARS = Math.floor((MAX_LABEL_PX - 16) / CHAR_PX)
/**
 * A label wraps onto two lines beside its bar; only beyond that is it shortened (the tooltip and the table show
 * it whole). A tilted label stays on one line.
 */
const shortened = (max: number) => (value: unknown) => {
  const text = String(value)
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}
const barLabel = shortened(2 * LINE_CHARS - 6)
const tiltedLabel = shortened(LINE_CHARS)

interface ReportChartProps {
  chart: ReportChartDto
  table: ReportTableDto
  language: string
  label: string
  onSegment: (row: ReportRowDto) => void
}

/** The report's chart (Mantine charts on recharts); a click on a bar or point opens the rows behind it. */
export function ReportChart({ chart, table, language, label, onSegment }: ReportChartProps) {
  const { t } = useTranslation('reports')
  const values = table.rows.flatMap((row) => chart.series.map((key) => row.cells[key]))
  const drawable = values.some((value) => typeof value === 'number' && value !== 0)
  if (!drawable) {
    // An empty chart looks like a broken one: say why there is nothing to draw.
    return (
      <Alert variant="light" color="gray" icon={<IconChartBarOff size={18} />} aria-label={label}>
        {table.rows.length === 0 ? t('view.noChartRows') : t('view.noChartValues')}
      </Alert>
    )
  }
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
  const longest = Math.max(0, ...data.map((row) => String(row[chart.category] ?? '').length))
  const labelWidth = Math.min(MAX_LABEL_PX, Math.max(80, longest * CHAR_PX + 16))
  // Vertical bars with many or long categories tilt their labels so that every bar keeps its own.
  const tilt = !horizontal && (data.length > 6 || longest > 10)
  const height = horizontal
    ? Math.max(240, (longest > LINE_CHARS ? 44 : 36) * table.rows.length + 40)
    : tilt
      ? 380
      : 320
  // A share never goes past 100 %, whatever the rounding of the figures.
  // Counts step by whole numbers: a 0.5 step printed as an integer would show "1, 1, 2, 2".
  const valueAxis =
    chart.format === 'percent'
      ? { domain: [0, 1] as [number, number], allowDataOverflow: true }
      : { allowDecimals: chart.format !== 'integer' }
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
        yAxisProps={valueAxis}
        xAxisProps={{ interval: 'preserveStartEnd' }}
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
      yAxisProps={horizontal ? { width: labelWidth, tickFormatter: barLabel, interval: 0 } : { ...valueAxis }}
      xAxisProps={
        horizontal
          ? { ...valueAxis }
          : tilt
            ? {
                interval: 0,
                angle: -35,
                textAnchor: 'end',
                height: Math.min(140, 12 + longest * 5),
                tickFormatter: tiltedLabel,
              }
            : { interval: 0 }
      }
      barProps={{ onClick: (_entry, index) => open(index), cursor: 'pointer' }}
    />
  )
}
