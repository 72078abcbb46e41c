import { writeFile } from 'node:fs/promises'
import { basename, extname } from 'node:path'
import type { LadderDto } from '@contract'
import { AppError } from '../core/errors'
import { readRegularFile } from '../core/files/read-input'
import { type CliCommand, optionalString, parseId, requireString, UsageError } from './command'

const readInput = (file: string): Promise<Uint8Array> => readRegularFile(file)

async function writeOutput(file: string, content: Buffer): Promise<void> {
  try {
    await writeFile(file, content)
  } catch (error) {
    throw new AppError(
      'invalid_input',
      `Cannot write ${file}: ${error instanceof Error ? error.message : String(error)}`,
    )
  }
}

export const ladderCommands: CliCommand[] = [
  {
    name: 'ladders list',
    usage: 'ladders list',
    summary: 'List role ladders with their levels and competencies.',
    positionals: 0,
    run: ({ services }) => services.ladders.list(),
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
    run: async ({ services, args }) => {
      const file = args.positionals[0] ?? ''
      const ladder = await services.ladders.importFile({
        fileName: basename(file),
        bytes: await readInput(file),
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
    run: async ({ services, args }) => {
      const id = parseId(args.positionals[0])
      const out = requireString(args, 'out')
      const extension = extname(out).toLowerCase()
      if (!['.yaml', '.yml', '.csv'].includes(extension)) throw new UsageError('--out must end in .yaml, .yml or .csv.')
      const file = await services.ladders.exportFile(id, extension === '.csv' ? 'csv' : 'yaml')
      await writeOutput(out, Buffer.from(file.contentBase64, 'base64'))
      return { id, out }
    },
  },
]
