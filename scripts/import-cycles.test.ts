import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

/**
 * Import cycles make modules half-initialised at load time and tie domains together; this keeps them out of
 * every process's source (type-only imports count too: they are how the contract circle started).
 */
const root = resolve(import.meta.dirname, '..')
const folders = ['src-main', 'src-preload', 'src-renderer/src']

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((entry) => {
    const path = join(folder, entry)
    if (statSync(path).isDirectory()) return entry === 'node_modules' ? [] : sourceFiles(path)
    return /\.tsx?$/.test(entry) && !/\.test\.tsx?$/.test(entry) && !entry.endsWith('.d.ts') ? [path] : []
  })
}

function resolveImport(from: string, specifier: string): string | null {
  const base = specifier.startsWith('.')
    ? resolve(dirname(from), specifier)
    : specifier === '@contract'
      ? join(root, 'src-preload/contract/index')
      : specifier.startsWith('@contract/')
        ? join(root, 'src-preload/contract', specifier.slice('@contract/'.length))
        : null
  if (base === null) return null
  const candidates = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]
  return candidates.find((path) => existsSync(path) && statSync(path).isFile()) ?? null
}

function importGraph(files: string[]): Map<string, string[]> {
  return new Map(
    files.map((file) => {
      const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true)
      const targets = importedFiles.flatMap(({ fileName }) => resolveImport(file, fileName) ?? [])
      return [file, [...new Set(targets)]]
    }),
  )
}

/** One cycle per strongly connected component bigger than a file (Tarjan), named by its files. */
function cycles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const found: string[][] = []
  const visit = (node: string) => {
    index.set(node, index.size)
    low.set(node, index.get(node)!)
    stack.push(node)
    onStack.add(node)
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next)
        low.set(node, Math.min(low.get(node)!, low.get(next)!))
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!))
    }
    if (low.get(node) !== index.get(node)) return
    const component: string[] = []
    let member: string | undefined
    do {
      member = stack.pop()!
      onStack.delete(member)
      component.push(relative(root, member))
    } while (member !== node)
    if (component.length > 1 || (graph.get(node) ?? []).includes(node)) found.push(component.sort())
  }
  for (const node of graph.keys()) if (!index.has(node)) visit(node)
  return found
}

describe('imports', () => {
  it('form no cycle in main, preload or renderer', () => {
    const files = folders.flatMap((folder) => sourceFiles(join(root, folder)))
    expect(files.length).toBeGreaterThan(100)
    expect(cycles(importGraph(files))).toEqual([])
  })

  it('finds a cycle when there is one', () => {
    const graph = new Map([
      ['/a.ts', ['/b.ts']],
      ['/b.ts', ['/c.ts']],
      ['/c.ts', ['/a.ts']],
      ['/d.ts', ['/a.ts']],
    ])
    expect(cycles(graph)).toHaveLength(1)
    expect(cycles(graph)[0]).toHaveLength(3)
  })
})
