import { performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'

/** A call not answered in this time counts as an error (and its time as its latency). */
const CALL_TIMEOUT_MS = 10_000

/** The three kinds of call the load mixes, in the proportion a team's working day has them. */
export const LOAD_KINDS = ['applicants page', 'rating', 'search'] as const
export type LoadKind = (typeof LOAD_KINDS)[number]

/** Two applicants pages for each rating and each search: the page is what every screen of a posting opens on. */
const MIX: readonly LoadKind[] = ['applicants page', 'rating', 'applicants page', 'search']

/** What the mix needs from the workspace: read once before the run, so no lookup runs during it. */
export interface LoadInputs {
  /** The postings with the most applications: their first pages are the applicants page calls. */
  postingIds: number[]
  /** Words that find candidates of the generated workspace. */
  searches: string[]
  /** Items to rate, each once, from the version they had before the run: a conflicting rating would be an error. */
  items: { applicationId: number; requirementId: number; expectedVersion: number }[]
}

export interface LoadOptions {
  url: string
  /** As many session cookies (`yardstick_session=…`) as connections. */
  cookies: string[]
  durationSeconds: number
  /** Load before the measured time: pools open their connections, caches fill. Its errors still count. */
  warmupSeconds: number
  /** Each session's mean pause before each call, in ms; 0 sends the next call as soon as the last is answered. */
  thinkMs: number
  inputs: LoadInputs
}

export interface KindFigures {
  requests: number
  errors: number
  p50: number
  p95: number
  p99: number
}

export interface LoadResult {
  connections: number
  durationSeconds: number
  thinkMs: number
  requests: number
  requestsPerSecond: number
  p50: number
  p95: number
  p99: number
  max: number
  /** Transport errors, timeouts, non-2xx answers and answers whose body does not say `ok: true`. */
  errors: number
  /** The first few refusals, to say why when there are some. */
  errorSamples: string[]
  byKind: Record<LoadKind, KindFigures>
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return Math.round((sorted[rank] ?? 0) * 10) / 10
}

function figures(latencies: number[], errors: number): KindFigures {
  const sorted = [...latencies].sort((a, b) => a - b)
  return {
    requests: latencies.length,
    errors,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
  }
}

/** An exponentially distributed pause of the given mean: people do not click in step with each other. */
function thinkTime(meanMs: number): number {
  return meanMs <= 0 ? 0 : -Math.log(1 - Math.random()) * meanMs
}

/**
 * Runs the mix with one loop per session for the given time: each session pauses (`thinkMs` on average,
 * exponentially distributed; 0 sends back to back), sends one call on its own keep-alive connection and waits for
 * its answer before the next. Latency is timed per call, from sending to the whole answer read, for the calls sent
 * after the warm-up.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const { inputs } = options
  const latencies = Object.fromEntries(LOAD_KINDS.map((kind) => [kind, [] as number[]])) as Record<LoadKind, number[]>
  const errors = Object.fromEntries(LOAD_KINDS.map((kind) => [kind, 0])) as Record<LoadKind, number>
  const errorSamples: string[] = []
  let sent = 0
  let nextRating = 0

  const body = (kind: LoadKind, n: number): { channel: string; input: unknown } => {
    if (kind === 'applicants page') {
      return {
        channel: 'applications:list',
        input: { postingId: inputs.postingIds[n % inputs.postingIds.length], offset: 0, limit: 50 },
      }
    }
    if (kind === 'search') {
      return { channel: 'candidates:search', input: { query: inputs.searches[n % inputs.searches.length], limit: 20 } }
    }
    const item = inputs.items[nextRating++]
    if (!item) throw new Error('The load ran out of unrated items: give it a larger workspace or a shorter run.')
    return {
      channel: 'assessments:rate',
      input: { ...item, rating: (['met', 'partial', 'exceeds'] as const)[n % 3] },
    }
  }

  const refuse = (kind: LoadKind, reason: string) => {
    errors[kind]++
    if (errorSamples.length < 5) errorSamples.push(`${kind}: ${reason.slice(0, 200)}`)
  }
  const measuredFrom = performance.now() + options.warmupSeconds * 1000
  const endsAt = measuredFrom + options.durationSeconds * 1000
  const time = (kind: LoadKind, started: number) => {
    if (started >= measuredFrom) latencies[kind].push(performance.now() - started)
  }
  const session = async (cookie: string) => {
    for (;;) {
      await sleep(thinkTime(options.thinkMs))
      if (performance.now() >= endsAt) return
      const n = sent++
      const kind: LoadKind = MIX[n % MIX.length] ?? 'applicants page'
      const { channel, input } = body(kind, n)
      const started = performance.now()
      try {
        const response = await fetch(new URL(`/api/${channel}`, options.url), {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie, 'sec-fetch-site': 'same-origin' },
          body: JSON.stringify(input),
          signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
        })
        const text = await response.text()
        time(kind, started)
        if (response.status !== 200 || !text.startsWith('{"ok":true')) refuse(kind, `${response.status} ${text}`)
      } catch (error) {
        time(kind, started)
        refuse(kind, error instanceof Error ? error.message : String(error))
      }
    }
  }
  // Each session pauses before its first call too: they do not all start at the same instant.
  await Promise.all(options.cookies.map(async (cookie) => session(cookie)))
  const all = LOAD_KINDS.flatMap((kind) => latencies[kind]).sort((a, b) => a - b)
  const answered = all.length
  return {
    connections: options.cookies.length,
    durationSeconds: options.durationSeconds,
    thinkMs: options.thinkMs,
    requests: answered,
    requestsPerSecond: Math.round((answered / options.durationSeconds) * 10) / 10,
    p50: percentile(all, 50),
    p95: percentile(all, 95),
    p99: percentile(all, 99),
    max: Math.round((all.at(-1) ?? 0) * 10) / 10,
    errors: LOAD_KINDS.reduce((sum, kind) => sum + errors[kind], 0),
    errorSamples,
    byKind: Object.fromEntries(LOAD_KINDS.map((kind) => [kind, figures(latencies[kind], errors[kind])])) as Record<
      LoadKind,
      KindFigures
    >,
  }
}
