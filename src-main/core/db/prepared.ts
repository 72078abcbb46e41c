import type { Compilable, CompiledQuery, Kysely } from 'kysely'
import { dialectOf } from './dialect'

const SLOT = Symbol('slot')

interface Slot {
  readonly [SLOT]: number
}

const isSlot = (value: unknown): value is Slot => typeof value === 'object' && value !== null && SLOT in value

/**
 * A placeholder for the `index`-th argument of a prepared query. Kysely passes values through to the
 * compiled query's parameter list untouched, so the placeholder marks where each argument goes.
 */
export function slot<T>(index: number): T {
  const marker: Slot = { [SLOT]: index }
  // The marker only stands in for a T while the query is compiled; `runPrepared` swaps in the real value.
  return marker as unknown as T
}

const compiledByKey = new Map<string, CompiledQuery<unknown>>()

/**
 * Runs a Kysely query built and compiled once per `key` (its shape), with new arguments bound to its
 * `slot`s. Building and compiling a query with JSON sub-selects costs more than SQLite takes to run it;
 * hot reads (the candidate list, the profile) skip that work after the first call. The same `key` must
 * always build the same SQL.
 */
export async function runPrepared<DB, O>(
  db: Kysely<DB>,
  key: string,
  build: () => Compilable<O>,
  args: readonly unknown[],
): Promise<O[]> {
  // The same shape compiles to different SQL on each database, and a process may hold both (the tests do).
  const dialectKey = `${dialectOf(db)}:${key}`
  let compiled = compiledByKey.get(dialectKey) as CompiledQuery<O> | undefined
  if (!compiled) {
    compiled = build().compile()
    compiledByKey.set(dialectKey, compiled)
  }
  const parameters = compiled.parameters.map((value) => (isSlot(value) ? args[value[SLOT]] : value))
  return (await db.executeQuery<O>({ ...compiled, parameters })).rows
}
