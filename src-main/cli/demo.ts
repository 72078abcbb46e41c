import type { CliCommand } from './command'

export const demoCommands: CliCommand[] = [
  {
    name: 'demo init',
    usage: 'demo init',
    summary: 'Create the demo workspace (ladder, people) in the data folder; adds only what is missing.',
    positionals: 0,
    run: async ({ services, dataDir }) => ({ dataDir, ...(await services.demo.init()) }),
  },
]
