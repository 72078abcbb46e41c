import { copyWorkspace } from '../core/db/copy-workspace'
import type { DatabaseTarget } from '../core/db/open-database'
import { type CliCommand, optionalString, UsageError } from './command'

/** A PostgreSQL URL, else a data folder: `workspace copy` names both ends explicitly, never from the environment. */
function place(value: string | undefined, flag: string): DatabaseTarget {
  if (value === undefined || value.trim() === '') throw new UsageError(`${flag} DIR|URL is required.`)
  const trimmed = value.trim()
  return /^postgres(?:ql)?:\/\//i.test(trimmed)
    ? { kind: 'postgres', url: trimmed }
    : { kind: 'sqlite', dataDir: trimmed }
}

export const workspaceCommands: CliCommand[] = [
  {
    name: 'workspace copy',
    usage: 'workspace copy --from DIR|postgres://… --to DIR|postgres://…',
    summary:
      'Copy a whole workspace (ids, history, files) into an empty database or folder, then check the row counts.',
    options: { from: { type: 'string' }, to: { type: 'string' } },
    positionals: 0,
    tooling: true,
    runWithoutWorkspace: (args, log) => {
      const from = place(optionalString(args, 'from'), '--from')
      const to = place(optionalString(args, 'to'), '--to')
      return copyWorkspace(from, to, log)
    },
    table: (result: Awaited<ReturnType<typeof copyWorkspace>>) => [
      ...result.tables.map((count) => ({ ...count })),
      { table: '(files)', ...result.files },
    ],
  },
]
