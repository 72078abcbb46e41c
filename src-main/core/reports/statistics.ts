export const DAY_MS = 86_400_000

/**
 * A percentile by linear interpolation between closest ranks (Excel's PERCENTILE.INC), so a committee can
 * check it in a spreadsheet. `sorted` is ascending.
 */
export function percentile(sorted: ArrayLike<number>, p: number): number | null {
  if (sorted.length === 0) return null
  const h = (sorted.length - 1) * p
  const low = Math.floor(h)
  const below = sorted[low] ?? 0
  const above = sorted[low + 1] ?? below
  return below + (h - low) * (above - below)
}

/** ISO 8601 week of a Monday (YYYY-MM-DD), e.g. "2026-W02": the week belongs to the year of its Thursday. */
export function isoWeek(monday: string): string {
  const start = Date.parse(`${monday}T00:00:00Z`)
  const year = new Date(start + 3 * DAY_MS).getUTCFullYear()
  const january4 = Date.UTC(year, 0, 4)
  const firstMonday = january4 - ((new Date(january4).getUTCDay() + 6) % 7) * DAY_MS
  const week = 1 + Math.round((start - firstMonday) / (7 * DAY_MS))
  return `${year}-W${String(week).padStart(2, '0')}`
}

/** The Monday (YYYY-MM-DD) of the ISO week holding an instant or a date. */
export function mondayOf(value: string): string {
  const time = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value)
  const day = new Date(time).getUTCDay()
  return new Date(time - ((day + 6) % 7) * DAY_MS).toISOString().slice(0, 10)
}

export const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)

/** A share as a fraction, or null when there is nothing to divide by. */
export const rate = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null)
