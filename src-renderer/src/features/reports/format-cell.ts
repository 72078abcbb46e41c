import type { ReportCell, ReportColumnType } from '@contract'

/** A report cell for the screen, in the reader's language; the exports keep the raw numbers. */
export function formatCell(value: ReportCell, type: ReportColumnType, language: string): string {
  if (value === null) return '—'
  if (typeof value === 'string') return type === 'date' ? new Date(value).toLocaleDateString(language) : value
  switch (type) {
    case 'percent':
      return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 }).format(value)
    case 'integer':
      return new Intl.NumberFormat(language, { maximumFractionDigits: 0 }).format(value)
    case 'days':
      return new Intl.NumberFormat(language, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value)
    default:
      return new Intl.NumberFormat(language, { maximumFractionDigits: 2 }).format(value)
  }
}

export const isNumeric = (type: ReportColumnType) => type !== 'text' && type !== 'date'
