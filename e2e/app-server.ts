import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

const root = join(import.meta.dirname, '..')
const tsx = join(root, 'node_modules', '.bin', 'tsx')
const run = promisify(execFile)

/** Runs the command line in the repository and returns its stdout. */
export async function cli(...args: string[]): Promise<string> {
  const { stdout } = await run(tsx, ['src-main/cli.ts', ...args], { cwd: root })
  return stdout
}

/**
 * Starts `tsx <args>` in the repository (web mode, the team server) and resolves with what `ready` captures in
 * its output, once it says so; rejects with its errors if it exits first.
 */
export async function startServer(args: string[], ready: RegExp, what: string): Promise<[ChildProcess, string]> {
  const child = spawn(tsx, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
  let errors = ''
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()))
  const captured = await new Promise<string>((resolve, reject) => {
    let output = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const match = ready.exec(output)
      if (match?.[1]) resolve(match[1])
    })
    child.once('exit', (code) => reject(new Error(`${what} exited with ${code}: ${errors}`)))
  })
  return [child, captured]
}

/** Stops a server started by `startServer` (SIGTERM, as an operator would) and waits for it to exit. */
export async function stopServer(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })
}

export interface TeamMember {
  name: string
  email: string
  role: string
  password: string
}

/**
 * Adds a team member with the command line, as the README tells an operator: the password in a file of its own
 * (in `dir`, readable by its owner only). `where` is `--data-dir DIR` or `--database URL`.
 */
export async function addTeamMember(dir: string, member: TeamMember, where: string[]): Promise<void> {
  const passwordFile = join(dir, `${member.email}-password`)
  writeFileSync(passwordFile, `${member.password}\n`)
  chmodSync(passwordFile, 0o600)
  await cli(
    'people',
    'add',
    '--email',
    member.email,
    '--name',
    member.name,
    '--role',
    member.role,
    '--password-file',
    passwordFile,
    ...where,
  )
}

/** `npm run server` on `where` (`--data-dir DIR`, or `--database URL --files-dir DIR`), on a free port: [process, URL]. */
export const startTeamServer = (where: string[]) =>
  startServer(['src-main/server.ts', ...where, '--port', '0'], /team server on (http:\/\/\S+)/, 'the team server')

/** The app in web mode on a temporary data folder: what a user gets from `npm run web`. */
export class AppServer {
  /** "ask" shows the first-run question; the other specs start on the plain demo without it. */
  constructor(private readonly firstRun: 'ask' | 'demo' = 'demo') {}

  readonly dataDir = mkdtempSync(join(tmpdir(), 'yardstick-e2e-'))
  private process: ChildProcess | undefined
  url = ''
  launchUrl = ''
  token = ''

  async start(): Promise<void> {
    ;[this.process, this.launchUrl] = await startServer(
      ['src-main/serve.ts', '--data-dir', this.dataDir, '--port', '0', '--first-run', this.firstRun],
      /open (http:\/\/\S+)/,
      'web mode',
    )
    const parsed = new URL(this.launchUrl)
    this.token = parsed.searchParams.get('token') ?? ''
    this.url = `${parsed.origin}/`
  }

  stop(): Promise<void> {
    return stopServer(this.process)
  }

  async restart(): Promise<void> {
    await this.stop()
    await this.start()
  }

  /** Runs the command line on the same data folder and returns its stdout. */
  cli(...args: string[]): Promise<string> {
    return cli(...args, '--data-dir', this.dataDir)
  }

  dispose(): void {
    rmSync(this.dataDir, { recursive: true, force: true })
  }
}
