import { readFileSync } from 'node:fs'
import { join } from 'node:path'

/** Paths for the entry points that run from the source tree under Node (CLI, web mode, bench). */
export const repoRoot = join(import.meta.dirname, '..')
export const resourcesDir = join(repoRoot, 'resources')
export const rendererDir = join(repoRoot, 'out', 'renderer')

export function appVersion(): string {
  const pkg: unknown = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'))
  return typeof pkg === 'object' && pkg !== null && 'version' in pkg && typeof pkg.version === 'string'
    ? pkg.version
    : '0.0.0'
}
