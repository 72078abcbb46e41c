import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { describe, expect, it } from 'vitest'

/** Past this, a file must be one cohesive thing and say so in docs/ARCHITECTURE.md. */
const MAX_LINES = 450
const root = join(import.meta.dirname, '..')
const sourceDirs = ['src-main', 'src-preload', 'src-renderer']
const isSource = (name: string) => /\.(c|m)?(t|j)sx?$/.test(name) && !/\.(test|spec)\.[^.]+$/.test(name)

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(path)
    return isSource(name) ? [relative(root, path).split(sep).join('/')] : []
  })
}

const lineCount = (file: string) => readFileSync(join(root, file), 'utf8').replace(/\n$/, '').split('\n').length

/** The rows of the "Files over 450 lines" table: each backticked path with the reason given on its row. */
export function allowedLongFiles(markdown: string): Map<string, string> {
  const section = /^## Files over 450 lines\n([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(markdown)?.[1]
  if (section === undefined) throw new Error('docs/ARCHITECTURE.md has no "## Files over 450 lines" section')
  const allowed = new Map<string, string>()
  for (const line of section.split('\n')) {
    const cells = /^\|(.*)\|(.*)\|\s*$/.exec(line)
    if (!cells || /^\s*-+\s*$/.test(cells[1] ?? '') || (cells[1] ?? '').trim() === 'file') continue
    const reason = (cells[2] ?? '').trim()
    for (const [, path] of (cells[1] ?? '').matchAll(/`([^`]+)`/g)) if (path) allowed.set(path, reason)
  }
  return allowed
}

describe('source file size', () => {
  const allowed = allowedLongFiles(readFileSync(join(root, 'docs', 'ARCHITECTURE.md'), 'utf8'))
  const long = sourceDirs
    .flatMap((dir) => sourceFiles(join(root, dir)))
    .map((file) => ({ file, lines: lineCount(file) }))
    .filter((entry) => entry.lines > MAX_LINES)

  it('reads the table of long files', () => {
    expect(allowed.size).toBeGreaterThan(0)
    for (const [file, reason] of allowed) expect(reason, `${file} needs a reason`).not.toBe('')
  })

  it(`keeps every source file at ${MAX_LINES} lines or fewer unless docs/ARCHITECTURE.md says why`, () => {
    const unexplained = long
      .filter((entry) => !allowed.has(entry.file))
      .map((entry) => `${entry.file} (${entry.lines})`)
    expect(unexplained, 'split these, or name them in docs/ARCHITECTURE.md with the reason').toEqual([])
  })

  it('names no file that is gone or no longer long', () => {
    const longFiles = new Set(long.map((entry) => entry.file))
    const stale = [...allowed.keys()].filter((file) => !longFiles.has(file))
    expect(stale, 'remove these rows from "Files over 450 lines" in docs/ARCHITECTURE.md').toEqual([])
  })

  it('parses paths and reasons from the table, whatever the row', () => {
    const table = allowedLongFiles(
      [
        '## Files over 450 lines',
        '',
        '| file | why it is long |',
        '|---|---|',
        '| `a/b.ts`, `c/d.tsx` | parsers |',
        '| `e.ts` | |',
        '',
        '## Next',
        '| `f.ts` | not in the section |',
      ].join('\n'),
    )
    expect([...table]).toEqual([
      ['a/b.ts', 'parsers'],
      ['c/d.tsx', 'parsers'],
      ['e.ts', ''],
    ])
  })
})
