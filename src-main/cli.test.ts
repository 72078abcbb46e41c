import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import * as fx from './core/documents/fixtures/generate-fixtures'
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

  it('extracts a PDF and a DOCX résumé as exactly the documented JSON, without opening a workspace', async () => {
    const files = join(dir.path, 'extract')
    mkdirSync(files, { recursive: true })
    writeFileSync(join(files, 'elena.pdf'), await fx.onePageResumePdf())
    writeFileSync(join(files, 'elena.docx'), await fx.resumeDocx())
    for (const file of ['elena.pdf', 'elena.docx']) {
      const result = await cli(
        'candidates',
        'extract',
        join(files, file),
        '--format',
        'json',
        '--data-dir',
        join(dir.path, 'unused'),
      )
      expect(result.code).toBe(0)
      const json = JSON.parse(result.stdout) as Record<string, unknown>
      expect(Object.keys(json)).toEqual(['name', 'emails', 'phones', 'links', 'text'])
      expect(json).toMatchObject({
        name: fx.fixturePerson.name,
        emails: [fx.fixturePerson.email],
        phones: [fx.fixturePerson.phone],
      })
    }
    expect(existsSync(join(dir.path, 'unused'))).toBe(false)
    const broken = join(files, 'broken.pdf')
    writeFileSync(broken, fx.garbagePdf())
    expect(await cli('candidates', 'extract', broken)).toMatchObject({ code: 1, stdout: '' })
  })

  it('imports a CSV all-or-nothing, reporting bad rows with exit code 1, and a folder of résumés', async () => {
    const data = join(dir.path, 'people')
    const csv = join(dir.path, 'people.csv')
    writeFileSync(csv, 'Full name,E-mail,Phone\nAna Silva,ana@example.org,+351 912 345 678\nBad Row,nope,\n')
    const refused = await cli('candidates', 'import', csv, '--data-dir', data)
    expect(refused).toMatchObject({ code: 1, stdout: '' })
    expect(refused.stderr).toContain('nothing was imported')
    const skipped = await cli('candidates', 'import', csv, '--mode', 'skip_invalid', '--data-dir', data)
    expect(JSON.parse(skipped.stdout)).toMatchObject({ created: 1, skipped: 1, errorCount: 1 })
    const folder = join(dir.path, 'resumes')
    mkdirSync(folder, { recursive: true })
    writeFileSync(join(folder, 'elena.pdf'), await fx.onePageResumePdf())
    writeFileSync(join(folder, 'notes.png'), new Uint8Array([0x89, 0x50, 0x4e, 0x47]))
    const imported = await cli('candidates', 'import-folder', folder, '--data-dir', data)
    expect(JSON.parse(imported.stdout)).toMatchObject({ files: 2, created: 1, refused: [{ file: 'notes.png' }] })
    const listed = await cli('candidates', 'list', '--format', 'table', '--data-dir', data)
    expect(listed.stdout).toMatch(/Ana Silva\s+ana@example\.org/)
    expect(listed.stdout).toMatch(/Elena Varga\s+elena\.varga@example\.org/)
    expect(await cli('candidates', 'import', csv, '--mode', 'sometimes', '--data-dir', data)).toMatchObject({ code: 2 })
  })
})
