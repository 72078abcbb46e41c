import type { ParseArgsOptionsConfig } from 'node:util'
import type { Services } from '../core/services'
import { AppError } from '../core/errors'

export interface CommandArgs {
  positionals: string[]
  values: Record<string, string | boolean | (string | boolean)[] | undefined>
}

export interface CommandContext {
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
  /** Rows for --format table, when the result is not already a flat list. */
  table?(result: never): Record<string, unknown>[]
}

/**
 * A command runs against the workspace, or (when it only reads files) without it: then the database is never
 * opened, created or migrated.
 */
export type CliCommand = CommandBase &
  ({ run(context: CommandContext): Promise<unknown> } | { runWithoutWorkspace(args: CommandArgs): Promise<unknown> })

/** A usage mistake: reported with the command's usage line, exit code 2. */
export class UsageError extends Error {}

export function parseId(value: string | undefined, label = 'ID'): number {
  const id = Number(value)
  if (value === undefined || !/^\d+$/.test(value) || !Number.isSafeInteger(id) || id < 1) {
    throw new UsageError(`${label} must be a positive whole number, got "${value ?? ''}".`)
  }
  return id
}

export function requireString(args: CommandArgs, option: string): string {
  const value = args.values[option]
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${option} is required.`)
  return value
}

export function optionalString(args: CommandArgs, option: string): string | undefined {
  const value = args.values[option]
  return typeof value === 'string' ? value : undefined
}

export function invalid(message: string): never {
  throw new AppError('invalid_input', message)
}
