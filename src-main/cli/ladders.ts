import { extname } from 'node:path'
import type { LadderDto } from '@contract'
import { type CliCommand, numeric, optionalString, UsageError } from './command'
import { uploadOf, writeDownload } from './transfers'

export const ladderCommands: CliCommand[] = [
  {
    name: 'ladders list',
    usage: 'ladders list',
    summary: 'List role ladders with their levels and competencies.',
    positionals: 0,
    channel: 'ladders:list',
    run: ({ call }) => call('ladders:list'),
    table: (ladders: LadderDto[]) =>
      ladders.map((ladder) => ({
        id: ladder.id,
        name: ladder.name,
        levels: ladder.levels.map((level) => level.code).join(', '),
        competencies: ladder.competencies.length,
      })),
  },
  {
    name: 'ladders import',
    usage: 'ladders import FILE [--name NAME]',
    summary: 'Import a ladder from YAML or CSV (rows of level, competency, expectation).',
    positionals: 1,
    options: { name: { type: 'string' } },
    channel: 'ladders:import',
    run: async ({ call, args }) => {
      const ladder = await call('ladders:import', {
        ...(await uploadOf(args.positionals[0] ?? '')),
        name: optionalString(args, 'name'),
      })
      return {
        id: ladder.id,
        name: ladder.name,
        levels: ladder.levels.length,
        competencies: ladder.competencies.length,
      }
    },
  },
  {
    name: 'ladders export',
    usage: 'ladders export ID --out FILE',
    summary: 'Export a ladder to YAML or CSV, chosen by the extension of FILE.',
    positionals: 1,
    options: { out: { type: 'string' } },
    fields: { id: 'ID' },
    channel: 'ladders:export',
    run: async ({ call, args }) => {
      const out = optionalString(args, 'out')
      const extension = extname(out ?? '').toLowerCase()
      if (!out || !['.yaml', '.yml', '.csv'].includes(extension))
        throw new UsageError('--out FILE is required and must end in .yaml, .yml or .csv.')
      const id = numeric(args.positionals[0])
      const file = await call('ladders:export', { id, format: extension === '.csv' ? 'csv' : 'yaml' })
      await writeDownload(file, out)
      return { id, out }
    },
  },
]
