import { parseArgs, type ParseArgsOptionsConfig } from 'node:util'
import type { Channel } from '@contract'
import { commands } from './commands'
import { type ChannelCall, type CliCommand, CliFailure, type CommandArgs, targetFromFlags, UsageError } from './command'
import { failureLines } from './messages'
import { render, type OutputFormat } from './output'
import { asBusy } from '../core/db/connection'
import { AppError } from '../core/errors'
import { openWorkspace } from '../core/services'
import { UNFINISHED_DEMO_MESSAGE } from '../core/workspace/service'
import { dispatch } from '../dispatch'
import { appVersion, resourcesDir } from '../node-entry'
import { workspacePlace } from '../core/db/open-database'

const globalOptions = {
  'data-dir': { type: 'string' },
  database: { type: 'string' },
  format: { type: 'string', default: 'json' },
  help: { type: 'boolean', short: 'h' },
} satisfies ParseArgsOptionsConfig

function helpText(): string {
  const lines = commands.map((command) => `  ${command.usage.padEnd(44)} ${command.summary}`)
  return [
    'Usage: npm run -s cli -- <command> [--data-dir DIR] [--format json|table]',
    '',
    'Commands:',
    ...lines,
    '',
    'The data folder is --data-dir, else $YARDSTICK_DATA_DIR, else the desktop app’s folder.',
    'A PostgreSQL workspace is --database postgres://… or $YARDSTICK_DATABASE_URL.',
  ].join('\n')
}

function findCommand(argv: string[]): { command: CliCommand; rest: string[] } {
  const words = argv
    .filter((arg) => !arg.startsWith('-'))
    .slice(0, 2)
    .join(' ')
  const command = commands.find((candidate) => words === candidate.name)
  if (!command) {
    const hint = argv.length === 0 ? 'No command given.' : `Unknown command "${words}".`
    throw new UsageError(`${hint}\n\n${helpText()}`)
  }
  const [first, second] = command.name.split(' ')
  const rest = [...argv]
  rest.splice(rest.indexOf(first ?? ''), 1)
  rest.splice(rest.indexOf(second ?? ''), 1)
  return { command, rest }
}

/** Where a run prints: stdout for results, stderr for messages. */
export interface CliOutput {
  out(text: string): void
  err(text: string): void
}

const processOutput: CliOutput = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
}

/** Runs one command line and returns its exit code: 0, 1 for a failed operation, 2 for a usage mistake. */
export async function runCli(argv: string[], output: CliOutput = processOutput): Promise<number> {
  const current: { command: CliCommand | null; args: CommandArgs | null } = { command: null, args: null }
  try {
    return await main(argv, output, current)
  } catch (thrown) {
    const error = asBusy(thrown) ?? thrown
    if (error instanceof UsageError) {
      output.err(`error: ${error.message}`)
      return 2
    }
    if (error instanceof CliFailure || error instanceof AppError) {
      const dto = error instanceof CliFailure ? error.error : error.toDto()
      for (const line of failureLines(dto, current.command, current.args)) output.err(line)
      return error instanceof CliFailure && error.isUsage ? 2 : 1
    }
    output.err(error instanceof Error ? (error.stack ?? error.message) : String(error))
    return 1
  }
}

async function main(
  argv: string[],
  output: CliOutput,
  current: { command: CliCommand | null; args: CommandArgs | null },
): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    output.out(helpText())
    return argv.length === 0 ? 2 : 0
  }
  const { command, rest } = findCommand(argv)
  let parsed: ReturnType<typeof parseArgs>
  try {
    parsed = parseArgs({
      args: rest,
      options: { ...globalOptions, ...command.options },
      allowPositionals: true,
      strict: true,
    })
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error))
  }
  current.command = command
  current.args = parsed
  if (parsed.values.help) {
    output.out(`Usage: npm run -s cli -- ${command.usage}\n\n${command.summary}`)
    return 0
  }
  const format = parsed.values.format
  if (command.formats) {
    // The command reads --format itself (file formats); what it prints is JSON.
    if (typeof format !== 'string' || !command.formats.includes(format))
      throw new UsageError(`--format must be one of ${command.formats.join(', ')}, got "${String(format)}".`)
  } else if (format !== 'json' && format !== 'table')
    throw new UsageError(`--format must be json or table, got "${String(format)}".`)
  if (command.positionals !== undefined && parsed.positionals.length !== command.positionals) {
    throw new UsageError(`Expected: ${command.usage}`)
  }
  const result = await runCommand(command, parsed, output)
  const printed: OutputFormat = format === 'table' ? 'table' : 'json'
  const rows = printed === 'table' && command.table ? command.table(result as never) : undefined
  output.out(render(result, printed, rows))
  return 0
}

async function runCommand(command: CliCommand, args: CommandArgs, output: CliOutput): Promise<unknown> {
  if ('runWithoutWorkspace' in command) return command.runWithoutWorkspace(args, (line) => output.err(line))
  const place = await workspacePlace(targetFromFlags(args.values))
  const dataDir = place.location
  const workspace = await openWorkspace({
    dataDir: place.dataDir,
    ...(place.postgresUrl !== undefined ? { postgresUrl: place.postgresUrl } : {}),
    resourcesDir,
    appVersion: appVersion(),
    demoOnFirstRun: false,
    holder: `the command line ("${command.name}")`,
  }).catch((error: unknown) => {
    place.release()
    throw error
  })
  try {
    // On stderr, so the JSON on stdout stays readable by scripts.
    if (await workspace.services.workspace.demoGenerationUnfinished()) output.err(`warning: ${UNFINISHED_DEMO_MESSAGE}`)
    const { services } = workspace
    if (command.tooling) return await command.run?.({ services, args, dataDir })
    const call = (async (channel: Channel, input: Record<string, unknown> = {}) => {
      const result = await dispatch(channel, input, { services })
      if (!result.ok) throw new CliFailure(result.error)
      return result.data
    }) as ChannelCall
    return await command.run({ call, args, dataDir })
  } finally {
    await workspace.close()
    place.release()
  }
}
