import { runCli } from './run'

/** Runs a command line in this process (for tests): its exit code and what it printed on stdout and stderr. */
export async function runCaptured(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(argv, { out: (text) => out.push(`${text}\n`), err: (text) => err.push(`${text}\n`) })
  return { code, stdout: out.join(''), stderr: err.join('') }
}
