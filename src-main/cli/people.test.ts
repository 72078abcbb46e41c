import { chmodSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openWorkspace } from '../core/services'
import { resourcesDir, tempDir } from '../core/testing/temp-workspace'
import { runCaptured } from './captured'

const dir = tempDir()
const data = join(dir.path, 'data')
afterAll(() => dir.remove())

const cli = (...args: string[]) => runCaptured([...args, '--data-dir', data])

function passwordFile(name: string, content: string, mode: number): string {
  const path = join(dir.path, name)
  writeFileSync(path, content)
  chmodSync(path, mode)
  return path
}

const add = (file: string, email = 'ada@example.com') =>
  cli(
    'people',
    'add',
    '--email',
    email,
    '--name',
    'Ada Admin',
    '--role',
    'admin',
    '--role',
    'recruiter',
    '--password-file',
    file,
  )

describe('people add', () => {
  it('refuses a password file other users can read, and one too short, creating nobody', async () => {
    const shared = await add(passwordFile('shared.txt', 'a long enough password\n', 0o644))
    expect(shared.code).toBe(1)
    expect(shared.stderr).toMatch(/can be read by other users: make it private first \(chmod 600\)/)
    const short = await add(passwordFile('short.txt', 'short\n', 0o600))
    expect(short.code).toBe(2)
    expect(short.stderr).toMatch(/--password-file: Too short \(at least 12 characters\)/)
    expect(short.stderr).not.toContain('short\n')
    const missing = await cli('people', 'add', '--email', 'ada@example.com', '--name', 'Ada', '--role', 'admin')
    expect(missing.code).toBe(2)
    const listed = await cli('people', 'list')
    expect(JSON.parse(listed.stdout)).toEqual([])
  })

  it('creates the first administrator, who can then sign in with the password from the file', async () => {
    const file = passwordFile('admin.txt', 'correct horse battery staple\n', 0o600)
    const created = await add(file)
    expect(created.code).toBe(0)
    const member = JSON.parse(created.stdout) as { personId: number; email: string; roles: string[] }
    expect(member).toEqual({
      personId: member.personId,
      email: 'ada@example.com',
      roles: ['administrator', 'recruiter'],
    })
    // The password is never printed.
    expect(created.stdout + created.stderr).not.toContain('horse')
    expect((await add(file, 'ADA@example.com')).stderr).toMatch(/An account with this e-mail already exists/)
    const workspace = await openWorkspace({
      dataDir: data,
      resourcesDir,
      appVersion: '0.0.0-test',
      demoOnFirstRun: false,
    })
    try {
      const issued = await workspace.services.accounts.signIn(
        { email: 'ada@example.com', password: 'correct horse battery staple' },
        '127.0.0.1',
      )
      expect(issued.session.person?.id).toBe(member.personId)
    } finally {
      await workspace.close()
    }
  })
})
