import { cpus, platform, release, totalmem } from 'node:os'
import { performance } from 'node:perf_hooks'

export interface Floors {
  /** Highest acceptable p95 of the app's call, in ms. */
  p95Ms?: number
  /** Highest acceptable p50(app) / p50(raw). */
  maxRatio?: number
  /** Lowest acceptable rows per second (p50 run). */
  minRowsPerSecond?: number
}

/**
 * One measured operation: the app's own call (service → repository → Kysely) next to the same work done
 * with raw better-sqlite3 prepared statements, run alternately in the same process on the same data.
 */
export interface BenchOperation {
  name: string
  iterations: number
  warmup?: number
  /** Rows handled per run, to report rows per second (imports). */
  rows?: number
  floors: Floors
  /** A figure the timings do not show, printed under the table once the runs are done. */
  note?: () => string
  run(iteration: number): Promise<unknown>
  raw(iteration: number): unknown
}

export interface BenchResult {
  name: string
  iterations: number
  p50: number
  p95: number
  rawP50: number
  rawP95: number
  ratio: number
  rowsPerSecond: number | null
  floors: Floors
  note?: string
  pass: boolean
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[rank] ?? 0
}

const round = (value: number) => Math.round(value * 100) / 100

export async function measure(operation: BenchOperation): Promise<BenchResult> {
  const warmup = operation.warmup ?? Math.min(20, operation.iterations)
  for (let i = 0; i < warmup; i++) {
    await operation.run(i)
    await operation.raw(i)
  }
  const app: number[] = []
  const raw: number[] = []
  for (let i = 0; i < operation.iterations; i++) {
    const index = warmup + i
    let start = performance.now()
    await operation.run(index)
    app.push(performance.now() - start)
    start = performance.now()
    await operation.raw(index)
    raw.push(performance.now() - start)
  }
  app.sort((a, b) => a - b)
  raw.sort((a, b) => a - b)
  const p50 = percentile(app, 50)
  const rawP50 = percentile(raw, 50)
  const result: BenchResult = {
    name: operation.name,
    iterations: operation.iterations,
    p50: round(p50),
    p95: round(percentile(app, 95)),
    rawP50: round(rawP50),
    rawP95: round(percentile(raw, 95)),
    ratio: round(rawP50 > 0 ? p50 / rawP50 : 0),
    rowsPerSecond: operation.rows ? Math.round(operation.rows / (p50 / 1000)) : null,
    floors: operation.floors,
    pass: true,
    ...(operation.note ? { note: operation.note() } : {}),
  }
  const { p95Ms, maxRatio, minRowsPerSecond } = operation.floors
  result.pass =
    (p95Ms === undefined || result.p95 <= p95Ms) &&
    (maxRatio === undefined || result.ratio <= maxRatio) &&
    (minRowsPerSecond === undefined || (result.rowsPerSecond ?? 0) >= minRowsPerSecond)
  return result
}

export function machine() {
  const cpu = cpus()
  return {
    cpu: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    os: `${platform()} ${release()}`,
    node: process.version,
  }
}

export function table(results: BenchResult[]): string {
  const header = ['operation', 'p50 ms', 'p95 ms', 'raw p50', 'raw p95', 'ratio', 'rows/s', 'floors']
  const rows = results.map((r) => [
    r.name,
    r.p50.toFixed(2),
    r.p95.toFixed(2),
    r.rawP50.toFixed(2),
    r.rawP95.toFixed(2),
    r.ratio.toFixed(2),
    r.rowsPerSecond === null ? '' : String(r.rowsPerSecond),
    r.pass ? 'ok' : 'MISSED',
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)))
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ')
  const notes = results.flatMap((r) => (r.note ? [`${r.name}: ${r.note}`] : []))
  return [
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    ...(notes.length ? ['', ...notes] : []),
  ].join('\n')
}
