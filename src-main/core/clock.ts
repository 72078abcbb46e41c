/**
 * The core's one source of "now". Services read it from the context, so a test fixes time by opening the
 * workspace with `fixedClock` instead of waiting or comparing against the wall clock.
 */
export interface Clock {
  /** Now as a `Date`, for arithmetic and formatting. */
  now(): Date
  /** Now as ISO 8601 text in UTC: the form every time is stored in. */
  timestamp(): string
}

export const systemClock: Clock = {
  now: () => new Date(),
  timestamp: () => new Date().toISOString(),
}

export interface FixedClock extends Clock {
  set(at: Date | string): void
  advance(milliseconds: number): void
}

/** A clock that stands still until it is set or advanced. */
export function fixedClock(start: Date | string): FixedClock {
  let at = new Date(start).getTime()
  if (Number.isNaN(at)) throw new RangeError(`Not a time: ${String(start)}`)
  return {
    now: () => new Date(at),
    timestamp: () => new Date(at).toISOString(),
    set: (next) => {
      const time = new Date(next).getTime()
      if (Number.isNaN(time)) throw new RangeError(`Not a time: ${String(next)}`)
      at = time
    },
    advance: (milliseconds) => {
      at += milliseconds
    },
  }
}
