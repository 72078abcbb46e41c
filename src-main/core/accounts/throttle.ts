/**
 * Failed sign-ins per key (an address, an account), with the wait they impose: the first few are free, then
 * each doubles the wait up to a cap. Memory is bounded: past `maxKeys` the key idle the longest is forgotten,
 * which only ever shortens a wait.
 */
export interface ThrottleOptions {
  freeFailures: number
  firstWaitMs: number
  maxWaitMs: number
  maxKeys: number
}

interface Entry {
  failures: number
  lastFailureAt: number
}

export function waitAfter(failures: number, options: Omit<ThrottleOptions, 'maxKeys'>): number {
  if (failures < options.freeFailures) return 0
  const doublings = Math.min(failures - options.freeFailures, 30)
  return Math.min(options.firstWaitMs * 2 ** doublings, options.maxWaitMs)
}

export class FailureThrottle {
  private readonly entries = new Map<string, Entry>()

  constructor(private readonly options: ThrottleOptions) {}

  /** Milliseconds to wait before this key may try again; 0 when it may now. */
  waitFor(key: string, now: number): number {
    const entry = this.entries.get(key)
    if (!entry) return 0
    return Math.max(0, entry.lastFailureAt + waitAfter(entry.failures, this.options) - now)
  }

  fail(key: string, now: number): void {
    const entry = this.entries.get(key)
    // Re-inserted, so the Map's order is least recently failed first.
    this.entries.delete(key)
    this.entries.set(key, { failures: (entry?.failures ?? 0) + 1, lastFailureAt: now })
    while (this.entries.size > this.options.maxKeys) {
      const oldest = this.entries.keys().next().value
      if (oldest === undefined) break
      this.entries.delete(oldest)
    }
  }

  succeed(key: string): void {
    this.entries.delete(key)
  }

  get size(): number {
    return this.entries.size
  }
}
