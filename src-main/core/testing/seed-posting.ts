import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/** The posting the app must handle first, from `../shared` beside the clone (as on workstations and in CI). */
const SEED_POSTING = join(
  import.meta.dirname,
  '..',
  '..',
  '..',
  '..',
  'shared',
  'seed',
  'senior-backend-engineer-ii.txt',
)

/** The seed's path; when it is missing, the test that needs it fails and says where it looked. */
export function seedPostingPath(): string {
  if (!existsSync(SEED_POSTING))
    throw new Error(`The seed posting is missing at ${SEED_POSTING}: clone the project with ../shared beside it.`)
  return SEED_POSTING
}

export const readSeedPosting = (): string => readFileSync(seedPostingPath(), 'utf8')
