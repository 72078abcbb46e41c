import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'

export interface PasswordParams {
  N: number
  r: number
  p: number
  keylen: number
}

/**
 * About 64 MiB and a few tenths of a second per hash on a server core: costly for a guesser with a stolen
 * database, affordable at sign-in. Stored with every hash, so raising it later leaves old hashes readable.
 */
export const PASSWORD_PARAMS: PasswordParams = { N: 2 ** 16, r: 8, p: 1, keylen: 32 }

/** Above this a stored cost is refused: a tampered row must not make one sign-in eat the server's memory. */
const MAX_MEMORY = 256 * 1_048_576

export interface PasswordHash {
  hash: string
  salt: string
  params: PasswordParams
}

function derive(password: string, salt: Buffer, params: PasswordParams): Promise<Buffer> {
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: MAX_MEMORY }
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, params.keylen, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  )
}

export async function hashPassword(password: string, params: PasswordParams = PASSWORD_PARAMS): Promise<PasswordHash> {
  const salt = randomBytes(16)
  const key = await derive(password, salt, params)
  return { hash: key.toString('base64'), salt: salt.toString('base64'), params }
}

export function parsePasswordParams(json: string): PasswordParams | null {
  const value: unknown = JSON.parse(json)
  if (typeof value !== 'object' || value === null) return null
  const { N, r, p, keylen } = value as Record<string, unknown>
  const whole = (x: unknown, max: number): x is number =>
    Number.isInteger(x) && (x as number) > 0 && (x as number) <= max
  if (!whole(N, 2 ** 20) || !whole(r, 32) || !whole(p, 16) || !whole(keylen, 128)) return null
  return { N, r, p, keylen }
}

/** Compares in constant time; false on any malformed stored value rather than throwing. */
export async function verifyPassword(password: string, stored: PasswordHash): Promise<boolean> {
  const expected = Buffer.from(stored.hash, 'base64')
  if (expected.length !== stored.params.keylen) return false
  try {
    const key = await derive(password, Buffer.from(stored.salt, 'base64'), stored.params)
    return timingSafeEqual(key, expected)
  } catch {
    return false
  }
}
