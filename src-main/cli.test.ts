import { execFile } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { tempDir } from './core/testing/temp-workspace'

const run = promisify(execFile)
const root = join(import.meta.dirname, '..')
const dir = tempDir()
afterAll(() => dir.remove())

/** Runs the real command line; resolves with exit code, stdout and stderr. */
async function cli(...args: string[]) {
  try {
    const { stdout, stderr } = await run(join(root, 'node_modules', '.bin', 'tsx'), ['src-main/cli.ts', ...args], {
      cwd: root,
    })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
}

describe('command line', () => {
  it('initialises the demo and lists ladders as JSON on stdout only', async () => {
    expect((await cli('demo', 'init', '--data-dir', dir.path)).code).toBe(0)
    const listed = await cli('ladders', 'list', '--format', 'json', '--data-dir', dir.path)
    expect(listed.code).toBe(0)
    const ladders = JSON.parse(listed.stdout) as {
      name: string
      levels: { code: string; title: string }[]
      competencies: { name: string }[]
    }[]
    expect(ladders).toHaveLength(1)
    expect(ladders[0]?.name).toBe('Backend Engineering')
    expect(ladders[0]?.levels.map((level) => level.title)).toContain('Senior Backend Engineer II')
    expect(ladders[0]?.competencies[0]).toHaveProperty('name')
  })

  it('exports a ladder and imports it back under another name', async () => {
    const out = join(dir.path, 'ladder.csv')
    expect((await cli('ladders', 'export', '1', '--out', out, '--data-dir', dir.path)).code).toBe(0)
    const imported = await cli('ladders', 'import', out, '--name', 'Copy', '--data-dir', dir.path, '--format', 'table')
    expect(imported.code).toBe(0)
    expect(imported.stdout).toMatch(/Copy\s+7\s+7/)
  })

  it('reports a bad file on stderr with the line, exit code 1 and no stdout', async () => {
    const bad = join(dir.path, 'bad.yaml')
    writeFileSync(bad, 'name: Bad\nlevels:\n  - code: B1\n')
    const result = await cli('ladders', 'import', bad, '--data-dir', dir.path)
    expect(result).toMatchObject({ code: 1, stdout: '' })
    expect(result.stderr).toMatch(/bad\.yaml: line 3: levels\[0\]\.title is missing/)
  })

  it('rejects usage mistakes with exit code 2', async () => {
    expect(await cli('ladders', 'export', 'abc', '--out', 'x.yaml', '--data-dir', dir.path)).toMatchObject({ code: 2 })
    expect(await cli('ladders', 'fly', '--data-dir', dir.path)).toMatchObject({ code: 2 })
    expect(await cli('ladders', 'list', '--colour', '--data-dir', dir.path)).toMatchObject({ code: 2 })
    expect(await cli('ladders', 'list', '--format', 'xml', '--data-dir', dir.path)).toMatchObject({ code: 2 })
  })
})
