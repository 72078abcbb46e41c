import type { ParseArgsOptionsConfig } from 'node:util'
import type { Channel, Contract, Domain, ErrorDto } from '@contract'
import type { ChannelOutput } from '@contract/define'
import type { DatabaseTarget } from '../core/db/open-database'
import { AppError } from '../core/errors'
import type { Services } from '../core/services'
import { resolveTarget } from '../paths'

export interface CommandArgs {
  positionals: string[]
  values: Record<string, string | boolean | (string | boolean)[] | undefined>
}

type SpecOf<C extends Channel> = C extends `${infer D extends Domain}:${infer A}`
  ? A extends keyof Contract[D]
    ? Contract[D][A]
    : never
  : never

/**
 * Calls a channel through `dispatch()`, like IPC and HTTP: the contract validates the input and fills its
 * defaults; a refusal is thrown as a CliFailure.
 */
export type ChannelCall = <C extends Channel>(
  channel: C,
  input?: Record<string, unknown>,
) => Promise<ChannelOutput<SpecOf<C>>>

export interface CommandContext {
  call: ChannelCall
  args: CommandArgs
  dataDir: string
}

export interface ToolingContext {
  services: Services
  args: CommandArgs
  dataDir: string
}

interface CommandBase {
  /** Words that select the command, e.g. "ladders list". */
  name: string
  usage: string
  summary: string
  options?: ParseArgsOptionsConfig
  /** Exact number of positional arguments after the command words. */
  positionals?: number
  /** The values --format takes, when the command writes files rather than printing json or a table. */
  formats?: readonly string[]
  /**
   * The flag or argument that fills a field of the channel's input, where the field's name does not say it
   * (`postingId` is `--posting` without being listed): refusals of the contract then name what the user typed.
   */
  fields?: Record<string, string>
  /** Rows for --format table, when the result is not already a flat list. */
  table?(result: never): Record<string, unknown>[]
}

/**
 * A command turns its arguments into the input of a contract channel and calls it (it may call more channels
 * to finish, e.g. to poll a job). The few commands that are local tooling, listed with their reason in
 * `tooling.ts`, use the services directly, or no workspace at all.
 */
export type CliCommand = CommandBase &
  (
    | { channel: Channel; tooling?: never; run(context: CommandContext): Promise<unknown> }
    | { tooling: true; channel?: never; run(context: ToolingContext): Promise<unknown> }
    | {
        tooling: true
        channel?: never
        run?: never
        runWithoutWorkspace(args: CommandArgs, log: (line: string) => void): Promise<unknown>
      }
  )

/** A usage mistake: reported with the command's usage line, exit code 2. */
export class UsageError extends Error {}

/** The workspace named by --database or --data-dir (or the environment); a wrong pair of flags is a usage mistake. */
export function targetFromFlags(values: Record<string, unknown>): DatabaseTarget {
  const flag = (name: string) => (typeof values[name] === 'string' ? values[name] : undefined)
  try {
    return resolveTarget({ database: flag('database'), dataDir: flag('data-dir') })
  } catch (error) {
    if (error instanceof AppError && error.code === 'invalid_input') throw new UsageError(error.message)
    throw error
  }
}

/** A channel refused the call: exit code 2 when the contract refused the input, else 1. */
export class CliFailure extends Error {
  constructor(readonly error: ErrorDto) {
    super(error.message)
    this.name = 'CliFailure'
  }

  get isUsage(): boolean {
    return this.error.key === 'invalid_field'
  }
}

export function optionalString(args: CommandArgs, option: string): string | undefined {
  const value = args.values[option]
  return typeof value === 'string' ? value : undefined
}

/** Every value of a repeatable flag. */
export function list(args: CommandArgs, option: string): string[] {
  const value = args.values[option]
  if (value === undefined) return []
  return (Array.isArray(value) ? value : [value]).filter((entry): entry is string => typeof entry === 'string')
}

/**
 * A number typed on the command line, as a number when it reads as one; anything else is passed on as typed,
 * so the contract refuses it with its own message.
 */
export function numeric(value: string | undefined): number | string | undefined {
  if (value === undefined) return undefined
  return /^[+-]?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value
}

/** The number a flag holds (see `numeric`). */
export const numberFlag = (args: CommandArgs, option: string) => numeric(optionalString(args, option))

/** Drops the fields left undefined, so the contract's defaults apply to them. */
export function defined(input: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined))
}
