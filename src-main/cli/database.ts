import { openDatabaseAt } from '../core/db/open-database'
import { type CliCommand, targetFromFlags } from './command'

export const databaseCommands: CliCommand[] = [
  {
    name: 'database migrate',
    usage: 'database migrate [--database postgres://… | --data-dir DIR]',
    summary: 'Create or upgrade the schema of a workspace database (a data folder or PostgreSQL); print its version.',
    positionals: 0,
    tooling: true,
    runWithoutWorkspace: async (args) => {
      const target = targetFromFlags(args.values)
      const opened = await openDatabaseAt(target, { holder: 'the command line ("database migrate")' })
      await opened.close()
      return { database: opened.kind, location: opened.location, schemaVersion: opened.schemaVersion }
    },
  },
]
