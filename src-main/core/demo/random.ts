/** A small, fast, seedable generator (mulberry32): the same seed gives the same workspace. */
export function createRandom(seed: number) {
  let state = seed >>> 0
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1))
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)] as T
  const some = <T>(values: readonly T[], count: number): T[] => {
    const chosen = new Set<T>()
    while (chosen.size < Math.min(count, values.length)) chosen.add(pick(values))
    return [...chosen]
  }
  return { next, int, pick, some }
}
export type Random = ReturnType<typeof createRandom>
