// SQLite-only suite: the dispatcher and IPC layer above the core, the same on both databases; the core's suites run on both.
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contract, type Result } from '@contract'
import type { ChannelSpec } from '@contract/define'
import { DATABASE_FILE } from './core/db/connection'
import { openTestWorkspace, type TestWorkspace } from './core/testing/temp-workspace'
import { dispatch } from './dispatch'

/**
 * Every channel of the contract, fed hostile values of every JSON type: whatever comes in, the answer is a
 * result envelope with an expected code (never `internal`), and a refused call writes nothing.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_205)
const RUNS_PER_CHANNEL = 60

let workspace: TestWorkspace
beforeAll(async () => {
  workspace = await openTestWorkspace({ demo: true })
  observer = new BetterSqlite3(join(workspace.dataDir, DATABASE_FILE), { readonly: true })
}, 60_000)
afterAll(async () => {
  observer.close()
  await workspace.dispose()
})

/** Strings that broke or could break a handler: controls, dates out of range, encodings, sizes. */
const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('\u0000', 'a\u0000b', '\u0007bell', '\u001b[31m', '\u0085', '\u202eevil') },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '9999-12-01',
      '9999-12-31',
      '0001-01-01',
      '+010000-01-01',
      '2026-02-30',
      '9999-12-31T23:59:59Z',
      '0001-01-01T00:00:00Z',
      'week:9999-12-27',
    ),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      '\ud800',
      '%E0%A4%A',
      '../../etc/passwd',
      "'; DROP TABLE candidates; --",
      '__proto__',
      'x'.repeat(5_000),
      'stage:',
      '=1+2',
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
)

const hostileNumber = fc.oneof(
  fc.constantFrom(
    0,
    -1,
    1,
    2,
    0.5,
    -0,
    2 ** 31,
    2 ** 53,
    Number.MAX_SAFE_INTEGER,
    -Number.MAX_SAFE_INTEGER,
    1e308,
    -1e308,
  ),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
)

const deep = (levels: number): unknown => {
  let value: unknown = 1
  for (let level = 0; level < levels; level++) value = [value]
  return value
}

const hostileLeaf = fc.oneof(
  { weight: 5, arbitrary: hostileString },
  { weight: 2, arbitrary: hostileNumber },
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
  fc.constant(deep(2_000)),
  fc.array(hostileNumber, { maxLength: 4 }),
  fc.array(hostileString, { maxLength: 4 }),
  fc.dictionary(hostileString, hostileNumber, { maxKeys: 3 }),
)

type Def = Record<string, unknown> & { type?: string }
const defOf = (schema: unknown): Def | undefined => (schema as { def?: Def } | undefined)?.def

/** Values that pass most scalar schemas, so that a hostile value in another field reaches the handler. */
const plausibleScalar = fc.oneof(
  fc.integer({ min: 1, max: 4 }),
  fc.constantFrom('Name', 'en', 'open', '2026-01-05', '2026-03-02T09:30:00Z', true, false, null),
)

const isOptional = (schema: unknown): boolean => {
  const type = defOf(schema)?.type
  return type === 'optional' || type === 'default' || type === 'prefault'
}

/**
 * Follows the schema: objects get their own keys, arrays their element, enums their values, and at every
 * level a hostile value of any JSON type may take the place of a plausible one.
 */
function inputFor(schema: unknown, depth = 0): fc.Arbitrary<unknown> {
  const def = defOf(schema)
  if (!def || depth > 6) return fc.oneof(hostileLeaf, plausibleScalar)
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
      return inputFor(def.innerType, depth + 1)
    case 'pipe':
      return inputFor(def.in, depth + 1)
    case 'lazy':
      return fc.oneof(hostileLeaf, plausibleScalar)
    case 'object': {
      const shape = (def.shape ?? {}) as Record<string, unknown>
      const fields = Object.fromEntries(Object.entries(shape).map(([key, child]) => [key, inputFor(child, depth + 1)]))
      const required = Object.keys(shape).filter((key) => !isOptional(shape[key]))
      return fc.oneof(
        { weight: 3, arbitrary: fc.record(fields) },
        { weight: 3, arbitrary: fc.record(fields, { requiredKeys: required }) },
        { weight: 2, arbitrary: fc.record(fields, { requiredKeys: [] }) },
        { weight: 1, arbitrary: hostileLeaf },
      )
    }
    case 'array':
      return fc.oneof(
        { weight: 4, arbitrary: fc.array(inputFor(def.element, depth + 1), { maxLength: 3 }) },
        { weight: 1, arbitrary: hostileLeaf },
      )
    case 'union': {
      const options = (def.options ?? []) as unknown[]
      return fc.oneof(...options.map((option) => inputFor(option, depth + 1)), hostileLeaf)
    }
    case 'enum': {
      const values = Object.values((def.entries ?? {}) as Record<string, unknown>)
      return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: hostileLeaf })
    }
    case 'literal': {
      const values = (def.values ?? []) as unknown[]
      return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: hostileLeaf })
    }
    case 'record':
      return fc.oneof(fc.dictionary(hostileString, inputFor(def.valueType, depth + 1), { maxKeys: 3 }), hostileLeaf)
    case 'string':
      return fc.oneof(
        { weight: 3, arbitrary: hostileString },
        { weight: 2, arbitrary: fc.constantFrom('Name', '2026-01-05', '2026-03-02T09:30:00Z', 'en') },
        { weight: 1, arbitrary: hostileLeaf },
      )
    case 'number':
      return fc.oneof(
        { weight: 4, arbitrary: fc.integer({ min: 1, max: 4 }) },
        { weight: 2, arbitrary: hostileNumber },
        { weight: 1, arbitrary: hostileLeaf },
      )
    default:
      return fc.oneof({ weight: 1, arbitrary: hostileLeaf }, { weight: 1, arbitrary: plausibleScalar })
  }
}

const hostileInput = (schema: unknown) =>
  fc.oneof({ weight: 8, arbitrary: inputFor(schema) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) })

/**
 * A second connection on the same file: its `data_version` moves whenever the workspace's connection commits,
 * and only then (a transaction rolled back leaves it as it was).
 */
let observer: BetterSqlite3.Database
const fingerprint = (): number => Number(observer.pragma('data_version', { simple: true }))

const channels = Object.entries(contract).flatMap(([domain, actions]) =>
  Object.entries<ChannelSpec>(actions).map(([action, spec]) => ({ channel: `${domain}:${action}`, spec })),
)

describe('every channel under hostile input', () => {
  it.each(channels)(
    '$channel answers with an expected error and writes nothing when it refuses',
    async ({ channel, spec }) => {
      await fc.assert(
        fc.asyncProperty(hostileInput(spec.input), async (input) => {
          const before = fingerprint()
          const result: Result<unknown> = await dispatch(channel, input, { services: workspace.services })
          if (!result.ok) {
            expect(result.error.code, `${channel}: ${result.error.message}`).not.toBe('internal')
            expect(fingerprint(), `${channel} wrote although it refused: ${result.error.message}`).toBe(before)
          }
        }),
        { seed: SEED, numRuns: RUNS_PER_CHANNEL, endOnFailure: true },
      )
    },
    60_000,
  )
})
