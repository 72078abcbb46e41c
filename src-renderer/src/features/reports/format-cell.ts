import type { ReportCell, ReportColumnType } from '@contract'

/** A report cell for the screen, in the reader's language; the exports keep the raw numbers. */
export function formatCell(value: ReportCell, type: ReportColumnType, language: string): string {
  if (value === null) return '—'
  if (typeof value === 'string') {
    if (type !== 'date') return value
    // A bare date is a UTC day; shown in the local zone it could land on the day before.
    const bareDate = /^\d{4}-\d{2}-\d{2}$/.test(value)
    return new Date(bareDate ? `${value}T00:00:00Z` : value).toLocaleDateString(
      language,
      bareDate ? { timeZone: 'UTC' } : undefined,
    )
  }
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
