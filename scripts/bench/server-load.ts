import autocannon from 'autocannon'
import { performance } from 'node:perf_hooks'

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
  requests: number
  requestsPerSecond: number
  p50: number
  p95: number
  p99: number
  max: number
  /** Transport errors, timeouts, non-2xx answers and answers whose body says `ok: false`. */
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

/** The call in flight on a connection (one at a time: no pipelining); autocannon keeps it from setup to answer. */
interface ConnectionState {
  kind?: LoadKind
  started?: number
}

/**
 * Runs the mix with one connection per session for the given time. Latencies are timed here, from the moment a
 * request is built to its answer, per kind; with one request in flight per connection that is the answer time.
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

  const instance = autocannon({
    url: options.url,
    connections: options.cookies.length,
    duration: options.durationSeconds,
    pipelining: 1,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        setupRequest: (request, context) => {
          const state = context as ConnectionState
          const n = sent++
          const kind: LoadKind = MIX[n % MIX.length] ?? 'applicants page'
          const { channel, input } = body(kind, n)
          state.kind = kind
          state.started = performance.now()
          return {
            ...request,
            path: `/api/${channel}`,
            headers: {
              'content-type': 'application/json',
              // autocannon clears a connection's context between calls: the sessions take turns instead.
              cookie: options.cookies[n % options.cookies.length] ?? '',
              'sec-fetch-site': 'same-origin',
            },
            body: JSON.stringify(input),
          }
        },
        onResponse: (status, responseBody, context) => {
          const state = context as ConnectionState
          const kind = state.kind ?? 'applicants page'
          latencies[kind].push(performance.now() - (state.started ?? performance.now()))
          const refused = status !== 200 || !responseBody.startsWith('{"ok":true')
          if (refused) {
            errors[kind]++
            if (errorSamples.length < 5) errorSamples.push(`${kind}: ${status} ${responseBody.slice(0, 200)}`)
          }
        },
      },
    ],
  })
  const result = await instance
  const all = LOAD_KINDS.flatMap((kind) => latencies[kind]).sort((a, b) => a - b)
  const answered = all.length
  const refusals = LOAD_KINDS.reduce((sum, kind) => sum + errors[kind], 0)
  return {
    connections: options.cookies.length,
    durationSeconds: options.durationSeconds,
    requests: answered,
    requestsPerSecond: Math.round((answered / options.durationSeconds) * 10) / 10,
    p50: percentile(all, 50),
    p95: percentile(all, 95),
    p99: percentile(all, 99),
    max: Math.round((all.at(-1) ?? 0) * 10) / 10,
    // autocannon counts the transport's failures itself; refusals in a 200 answer are counted above.
    errors: refusals + result.errors + result.timeouts,
    errorSamples,
    byKind: Object.fromEntries(LOAD_KINDS.map((kind) => [kind, figures(latencies[kind], errors[kind])])) as Record<
      LoadKind,
      KindFigures
    >,
  }
}
