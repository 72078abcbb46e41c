import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { reportDefinitions } from '../core/reports/registry'
import { tempDir } from '../core/testing/temp-workspace'
import { commands } from './commands'
import { runCli } from './run'

const dir = tempDir()
const data = join(dir.path, 'data')
const file = (name: string) => join(dir.path, name)

/** Runs the command line in this process; the exit code and what it printed. */
async function cli(...argv: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli([...argv, '--data-dir', data], {
    out: (text) => out.push(text),
    err: (text) => err.push(text),
  })
  return { code, stdout: out.join('\n'), stderr: err.join('\n') }
}

/** One wrong argument per command, the exit code it gives, and what the message must say. */
const misuses: Record<string, [string[], number, RegExp]> = {
  'ladders list': [['--format', 'xml'], 2, /--format must be json or table, got "xml"/],
  'people add': [
    ['--email', 'ada@example.com', '--name', 'Ada', '--role', 'admin', '--password-file', file('no-such-password')],
    1,
    /The password file .*no-such-password cannot be read/,
  ],
  'people list': [['--format', 'xml'], 2, /--format must be json or table, got "xml"/],
  'ladders import': [[file('ladder.yaml'), '--name', ' '], 2, /--name: Required/],
  'ladders export': [['abc', '--out', file('l.yaml')], 2, /ID: Expected number \(got "abc"\)/],
  'postings parse': [[file('missing.txt')], 1, /Cannot read .*missing\.txt: no such file/],
  'postings import': [[file('posting.txt'), '--level', '0'], 2, /--level: Must be more than 0 \(got "0"\)/],
  'postings list': [['--status', 'archived'], 2, /--status: Must be one of draft, open/],
  'postings show': [['abc'], 2, /ID: Expected number/],
  'candidates list': [['--sort', 'age'], 2, /--sort: Must be one of name, .* \(got "age"\)/],
  'candidates show': [['0'], 2, /ID: Must be more than 0/],
  'candidates create': [['--name', 'Ana', '--email', 'nope'], 2, /--email: Not an email address/],
  'candidates import': [[file('people.csv'), '--mode', 'sometimes'], 2, /--mode: Must be one of all_or_nothing/],
  'candidates import-folder': [[file('resumes'), '--posting', 'abc'], 2, /--posting: Expected number/],
  'candidates extract': [[file('photo.png')], 1, /not a résumé file/],
  'applications message': [
    ['--application', '1', '--template', 'hello', '--out', file('m.eml')],
    2,
    /--template: Must be one of rejection_after_screen/,
  ],
  'applications add': [['--posting', '1', '--candidate', 'x'], 2, /--candidate: Expected number \(got "x"\)/],
  'stages list': [['--posting', '1.5'], 2, /--posting: Must be a whole number/],
  'applications list': [['--posting', '1', '--status', 'ghosted'], 2, /--status: Must be one of active/],
  'applications assess': [['--posting', 'x'], 2, /--posting ID is required/],
  'applications suggest': [['--application', 'x'], 2, /--application: Expected number/],
  'interviews invite': [['--interview', 'x', '--out', file('i.ics')], 2, /--interview: Expected number/],
  'interviews list': [['--posting', 'x'], 2, /--posting: Expected number/],
  'interviews packet': [['--interview', '0', '--out', file('p.json')], 2, /--interview: Must be more than 0/],
  'interviews kit': [
    ['--interview', '1', '--out', file('k.pdf'), '--language', 'de'],
    2,
    /--language: Must be one of en, fr \(got "de"\)/,
  ],
  'interviews calibration': [['--posting', 'x'], 2, /--posting: Expected number/],
  'scorecards import': [[file('missing.json')], 1, /Cannot read .*missing\.json/],
  'demo init': [['extra'], 2, /Expected: demo init/],
  'demo generate': [['--candidates', '0'], 2, /--candidates: Must be at least 1/],
  'reports list': [['--format', 'xml'], 2, /--format must be json or table/],
  'reports packet': [['--application', 'x', '--out', file('p.pdf')], 2, /--application: Expected number/],
  'reports heatmap': [
    ['--posting', '1', '--applications', '1', '--out', file('h.pdf')],
    2,
    /--applications: Give at least 2/,
  ],
  'privacy due': [['extra'], 2, /Expected: privacy due/],
  'privacy apply': [['--colour'], 2, /Unknown option '--colour'/],
  'privacy backups': [['--keep', 'x'], 2, /--keep: Say why the backups are kept \(got "x"\)/],
  'candidates export-data': [
    ['1', '--out', file('x.pdf'), '--language', 'it'],
    2,
    /--language: Must be one of en, fr, de, es \(got "it"\)/,
  ],
  'candidates erase': [['1'], 2, /--yes: Confirm the erasure/],
  'database migrate': [['--database', 'postgres://db.example/x'], 2, /Give either --database/],
  'workspace copy': [['--from', data], 2, /--to DIR\|URL is required/],
}
for (const definition of reportDefinitions)
  misuses[`reports ${definition.name}`] = [['--from', '2026-13-01'], 2, /--from: Not a date in the calendar/]

beforeAll(async () => {
  expect((await cli('demo', 'init')).code).toBe(0)
  writeFileSync(file('ladder.yaml'), 'name: L\nlevels: []\n')
  writeFileSync(file('posting.txt'), 'Senior Backend Engineer II\n\nRequirements\n- Go\n')
  writeFileSync(file('people.csv'), 'Full name,E-mail\nAna Silva,ana@example.org\n')
  writeFileSync(file('photo.png'), new Uint8Array([0x89, 0x50, 0x4e, 0x47]))
  mkdirSync(file('resumes'))
})
afterAll(() => dir.remove())

describe('command line misuse', () => {
  it('has a wrong-argument case for every command', () => {
    expect(Object.keys(misuses).sort()).toEqual(commands.map((command) => command.name).sort())
  })

  it.each(Object.entries(misuses))(
    '%s: one wrong argument gives a specific message',
    async (name, [args, code, message]) => {
      const result = await cli(...name.split(' '), ...args)
      expect(result.stderr).toMatch(message)
      expect(result.code).toBe(code)
      expect(result.stdout).toBe('')
    },
  )
})
