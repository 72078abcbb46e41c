import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath, pathToFileURL } from 'node:url'

export interface WorkerEntry {
  url: URL
  execArgv: string[]
}

/**
 * Finds a worker's entry from the URL of the module that starts it:
 * - from TypeScript source (tsx, vitest) the URL ends in `.ts`: the worker is the sibling `source`, started with
 *   tsx's loader so that it can import `.ts` files;
 * - bundled by electron-vite that module lives in `out/main/` (or in a shared chunk one folder below it) and the
 *   worker is the separate entry `out/main/<bundle>`, a plain ES module.
 * Callers keep the file names in variables so that the bundler does not rewrite these URLs as assets.
 */
export function workerEntry(moduleUrl: string, source: string, bundle: string): WorkerEntry {
  if (/\.[cm]?ts$/.test(new URL(moduleUrl).pathname)) {
    const tsxLoader = pathToFileURL(createRequire(moduleUrl).resolve('tsx')).href
    return { url: new URL(source, moduleUrl), execArgv: ['--import', tsxLoader] }
  }
  const candidates = [new URL(`./${bundle}`, moduleUrl), new URL(`../${bundle}`, moduleUrl)]
  const found = candidates.find((url) => url.protocol !== 'file:' || existsSync(fileURLToPath(url)))
  return { url: found ?? new URL(`./${bundle}`, moduleUrl), execArgv: [] }
}
