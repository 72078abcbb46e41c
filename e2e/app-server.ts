import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

const root = join(import.meta.dirname, '..')
const tsx = join(root, 'node_modules', '.bin', 'tsx')
const run = promisify(execFile)

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
    const child = spawn(
      tsx,
      ['src-main/serve.ts', '--data-dir', this.dataDir, '--port', '0', '--first-run', this.firstRun],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    this.process = child
    let errors = ''
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()))
    this.launchUrl = await new Promise<string>((resolve, reject) => {
      let output = ''
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString()
        const match = /open (http:\/\/\S+)/.exec(output)
        if (match?.[1]) resolve(match[1])
      })
      child.once('exit', (code) => reject(new Error(`web mode exited with ${code}: ${errors}`)))
    })
    const parsed = new URL(this.launchUrl)
    this.token = parsed.searchParams.get('token') ?? ''
    this.url = `${parsed.origin}/`
  }

  async stop(): Promise<void> {
    const child = this.process
    if (!child || child.exitCode !== null) return
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve())
      child.kill('SIGTERM')
    })
  }

  async restart(): Promise<void> {
    await this.stop()
    await this.start()
  }

  /** Runs the command line on the same data folder and returns its stdout. */
  async cli(...args: string[]): Promise<string> {
    const { stdout } = await run(tsx, ['src-main/cli.ts', ...args, '--data-dir', this.dataDir], { cwd: root })
    return stdout
  }

  dispose(): void {
    rmSync(this.dataDir, { recursive: true, force: true })
  }
}
