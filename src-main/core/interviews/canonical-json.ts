import { createHash, createHmac, timingSafeEqual } from 'node:crypto'

/** No file the app writes nests deeper; a deeper one is refused before it is walked, so it cannot exhaust the stack. */
export const MAX_JSON_DEPTH = 32

/** True when a parsed JSON value nests deeper than `limit` (walked without recursion). */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]]
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [item, depth] = next
    if (typeof item !== 'object' || item === null) continue
    if (depth >= limit) return true
    for (const child of Array.isArray(item) ? item : Object.values(item)) stack.push([child, depth + 1])
  }
  return false
}

/**
 * One fixed text for a JSON value: object keys sorted by code unit, no whitespace, numbers and strings as
 * JSON.stringify writes them. The same data always hashes the same, whoever wrote the file and however it
 * was pretty-printed.
 */
export function canonicalJson(value: unknown, depth = 0): string {
  if (depth > MAX_JSON_DEPTH) throw new RangeError(`canonical JSON is limited to ${MAX_JSON_DEPTH} levels of nesting`)
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('canonical JSON has no representation for NaN or Infinity')
    return JSON.stringify(value)
  }
  if (Array.isArray(value)) return `[${value.map((child) => canonicalJson(child, depth + 1)).join(',')}]`
  if (typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, child]) => child !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([key, child]) => `${JSON.stringify(key)}:${canonicalJson(child, depth + 1)}`).join(',')}}`
  }
  throw new TypeError(`canonical JSON cannot represent a ${typeof value}`)
}

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex')

export const hmacHex = (key: string, text: string): string =>
  createHmac('sha256', Buffer.from(key, 'base64url')).update(text, 'utf8').digest('hex')

/** Compares two hex digests in constant time (a mismatch of length is simply false). */
export function sameDigest(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex')
  const right = Buffer.from(b, 'hex')
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right)
}
