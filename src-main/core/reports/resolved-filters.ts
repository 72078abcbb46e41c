/** The filters after validation, with the instants the SQL compares against. */
export interface ResolvedFilters {
  postingId: number | null
  levelId: number | null
  source: string | null
  from: string | null
  to: string | null
  /** Inclusive start of the date range: `from` at 00:00 UTC, as ISO text. */
  fromInstant: string | null
  /** Exclusive end of the date range: the day after `to` at 00:00 UTC, as ISO text. */
  toInstant: string | null
}
