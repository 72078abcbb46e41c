import { z } from 'zod'
import { validationError } from '../core/validation'
import { type CliCommand, CliFailure, numberFlag } from './command'

/** Local tooling has no channel to validate its flags; these schemas do it with the contract's wording. */
const generateFlags = z
  .object({
    candidates: z.number().int().min(1).max(1_000_000).default(1000),
    seed: z.number().int().min(0).max(4_294_967_295).default(1),
  })
  .strict()

export const demoCommands: CliCommand[] = [
  {
    name: 'demo init',
    usage: 'demo init',
    summary: 'Create the demo workspace (ladder, people) in the data folder; adds only what is missing.',
    positionals: 0,
    tooling: true,
    run: async ({ services, dataDir }) => ({ dataDir, ...(await services.demo.init()) }),
  },
  {
    name: 'demo generate',
    usage: 'demo generate --candidates N [--seed S]',
    summary: 'Fill an empty data folder with a realistic workspace at scale; the same seed gives the same data.',
    positionals: 0,
    options: { candidates: { type: 'string' }, seed: { type: 'string' } },
    tooling: true,
    run: async ({ services, args, dataDir }) => {
      const parsed = generateFlags.safeParse({
        candidates: numberFlag(args, 'candidates'),
        seed: numberFlag(args, 'seed'),
      })
      if (!parsed.success) throw new CliFailure(validationError(parsed.error))
      const started = Date.now()
      const summary = await services.demo.generate({
        ...parsed.data,
        onProgress: (done, total) => process.stderr.write(`\r${done}/${total} candidates`),
      })
      process.stderr.write('\n')
      return { dataDir, ...summary, seconds: Math.round((Date.now() - started) / 100) / 10 }
    },
  },
]
