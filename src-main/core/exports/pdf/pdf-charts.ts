import { COLORS, contentWidth, drawable, ensureSpace, fitLine, formatCell, PAGE_MARGIN, type Pdf } from './pdf-document'

export type ChartKind = 'bar' | 'stacked-bar' | 'horizontal-bar' | 'stacked-horizontal-bar' | 'line'
export type ChartFormat = 'integer' | 'number' | 'percent' | 'days'

/** A chart's data, already taken out of its table: one value per category for each series. */
export interface ChartData {
  kind: ChartKind
  categories: readonly string[]
  series: readonly { label: string; values: readonly (number | null)[] }[]
  format: ChartFormat
  /** A colour per series (hex); the default order when absent. */
  colors?: readonly string[]
}

const AXIS = '#8b95a3'
const GRID = '#e6e9ee'

/** A "nice" axis maximum and step (1, 2, 2.5 or 5 × 10ⁿ) with about four intervals. */
export function niceScale(max: number, format: ChartFormat): { max: number; step: number } {
  if (format === 'percent') return max <= 0.5 ? { max: 0.5, step: 0.1 } : { max: 1, step: 0.25 }
  const whole = format === 'integer'
  if (max <= 0) return whole ? { max: 1, step: 1 } : { max: 1, step: 0.25 }
  const rough = max / 4
  const power = 10 ** Math.floor(Math.log10(rough))
  const nice = ([1, 2, 2.5, 5, 10].find((factor) => factor * power >= rough) ?? 10) * power
  // Counts have whole ticks: no "0.75 applications".
  const step = whole ? Math.max(1, Math.ceil(nice)) : nice
  return { max: Math.ceil(max / step) * step, step }
}

const seriesColor = (data: ChartData, index: number): string =>
  data.colors?.[index] ?? COLORS[index % COLORS.length] ?? 'black'

const value = (number: number | null) => (number !== null && Number.isFinite(number) ? number : 0)

function legend(doc: Pdf, data: ChartData, x: number, y: number): void {
  if (data.series.length < 2) return
  let cursor = x
  doc.font('body').fontSize(8)
  data.series.forEach((series, index) => {
    const label = fitLine(doc, series.label, 140)
    doc.rect(cursor, y + 1, 8, 8).fill(seriesColor(data, index))
    doc.fillColor('black').text(label, cursor + 11, y, { lineBreak: false })
    cursor += 11 + doc.widthOfString(label) + 14
  })
}

/**
 * Draws a chart with vector primitives at the current position and moves below it. Bars for counts and
 * rates, horizontal bars when the category labels are long (stages, requirements), lines for weeks.
 */
export function drawChart(doc: Pdf, data: ChartData, height = 220): void {
  if (data.categories.length === 0 || data.series.length === 0) return
  const horizontal = data.kind === 'horizontal-bar' || data.kind === 'stacked-horizontal-bar'
  const stacked = data.kind === 'stacked-bar' || data.kind === 'stacked-horizontal-bar'
  const rows = horizontal ? data.categories.length : 0
  const barsPerRow = stacked ? 1 : Math.min(3, data.series.length)
  const chartHeight = horizontal ? Math.min(520, 26 + rows * (10 + 8 * barsPerRow)) : height
  ensureSpace(doc, chartHeight + 40)
  const top = doc.y + (data.series.length > 1 ? 16 : 4)
  legend(doc, data, PAGE_MARGIN, doc.y)
  const width = contentWidth(doc)
  const totals = data.categories.map((_, index) =>
    stacked
      ? data.series.reduce((sum, series) => sum + value(series.values[index] ?? null), 0)
      : Math.max(...data.series.map((series) => value(series.values[index] ?? null))),
  )
  const scale = niceScale(Math.max(0, ...totals), data.format)
  const tick = (number: number) => formatCell(number, data.format === 'percent' ? 'percent' : 'number')
  doc.font('body').fontSize(7.5)
  if (horizontal) drawHorizontal(doc, data, scale, tick, top, width, chartHeight, stacked)
  else drawVertical(doc, data, scale, tick, top, width, chartHeight, stacked)
  doc.x = PAGE_MARGIN
  doc.y = top + chartHeight + 8
  doc.fillColor('black')
}

function drawVertical(
  doc: Pdf,
  data: ChartData,
  scale: { max: number; step: number },
  tick: (number: number) => string,
  top: number,
  width: number,
  height: number,
  stacked: boolean,
): void {
  const left = PAGE_MARGIN + 44
  const plotWidth = width - 44
  const labelRoom = 28
  const plotHeight = height - labelRoom
  const bottom = top + plotHeight
  const y = (number: number) => bottom - (Math.min(number, scale.max) / scale.max) * plotHeight
  for (let mark = 0; mark <= scale.max + 1e-9; mark += scale.step) {
    doc
      .moveTo(left, y(mark))
      .lineTo(left + plotWidth, y(mark))
      .lineWidth(0.5)
      .strokeColor(GRID)
      .stroke()
    doc.fillColor(AXIS).text(tick(mark), PAGE_MARGIN, y(mark) - 4, { width: 40, align: 'right', lineBreak: false })
  }
  const count = data.categories.length
  const slot = plotWidth / count
  const labelEvery = Math.max(1, Math.ceil(count / Math.floor(plotWidth / 42)))
  data.categories.forEach((category, index) => {
    const x = left + index * slot
    if (index % labelEvery === 0) {
      doc.fillColor(AXIS).text(fitLine(doc, category, slot * labelEvery - 2), x, bottom + 4, {
        width: slot * labelEvery,
        align: 'center',
        lineBreak: false,
      })
    }
  })
  if (data.kind === 'line') {
    data.series.forEach((series, seriesIndex) => {
      const color = seriesColor(data, seriesIndex)
      series.values.forEach((number, index) => {
        const x = left + index * slot + slot / 2
        if (index === 0) doc.moveTo(x, y(value(number)))
        else doc.lineTo(x, y(value(number)))
      })
      doc.lineWidth(1.5).strokeColor(color).stroke()
      if (count <= 60)
        series.values.forEach((number, index) =>
          doc.circle(left + index * slot + slot / 2, y(value(number)), 1.8).fill(color),
        )
    })
  } else {
    const groups = stacked ? 1 : data.series.length
    const barWidth = Math.max(1, (slot * 0.7) / groups)
    data.categories.forEach((_, index) => {
      let base = 0
      data.series.forEach((series, seriesIndex) => {
        const number = value(series.values[index] ?? null)
        const color = seriesColor(data, seriesIndex)
        const x = left + index * slot + slot * 0.15 + (stacked ? 0 : seriesIndex * barWidth)
        const from = y(stacked ? base : 0)
        const to = y(stacked ? base + number : number)
        if (from - to > 0) doc.rect(x, to, barWidth, from - to).fill(color)
        if (stacked) base += number
      })
    })
  }
  doc
    .moveTo(left, bottom)
    .lineTo(left + plotWidth, bottom)
    .lineWidth(0.8)
    .strokeColor(AXIS)
    .stroke()
}

function drawHorizontal(
  doc: Pdf,
  data: ChartData,
  scale: { max: number; step: number },
  tick: (number: number) => string,
  top: number,
  width: number,
  height: number,
  stacked: boolean,
): void {
  const labelWidth = Math.min(200, width * 0.35)
  const left = PAGE_MARGIN + labelWidth + 6
  const plotWidth = width - labelWidth - 6 - 40
  const plotHeight = height - 16
  const x = (number: number) => left + (Math.min(number, scale.max) / scale.max) * plotWidth
  for (let mark = 0; mark <= scale.max + 1e-9; mark += scale.step) {
    doc
      .moveTo(x(mark), top)
      .lineTo(x(mark), top + plotHeight)
      .lineWidth(0.5)
      .strokeColor(GRID)
      .stroke()
    doc
      .fillColor(AXIS)
      .text(tick(mark), x(mark) - 20, top + plotHeight + 4, { width: 40, align: 'center', lineBreak: false })
  }
  const slot = plotHeight / data.categories.length
  const barHeight = Math.max(2, (slot * 0.72) / (stacked ? 1 : data.series.length))
  data.categories.forEach((category, index) => {
    const rowTop = top + index * slot
    doc.fillColor('black').text(fitLine(doc, drawable(doc, category), labelWidth), PAGE_MARGIN, rowTop + slot / 2 - 4, {
      width: labelWidth,
      lineBreak: false,
    })
    let base = 0
    data.series.forEach((series, seriesIndex) => {
      const number = value(series.values[index] ?? null)
      const barTop = rowTop + slot * 0.14 + (stacked ? 0 : seriesIndex * barHeight)
      const color = seriesColor(data, seriesIndex)
      if (number > 0) doc.rect(x(base), barTop, x(base + number) - x(base), barHeight).fill(color)
      if (stacked) base += number
      if (data.series.length === 1)
        doc.fillColor(AXIS).text(tick(number), x(number) + 3, barTop + barHeight / 2 - 4, { lineBreak: false })
    })
  })
  doc
    .moveTo(left, top)
    .lineTo(left, top + plotHeight)
    .lineWidth(0.8)
    .strokeColor(AXIS)
    .stroke()
}
