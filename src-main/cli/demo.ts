import { type CliCommand, optionalString, UsageError } from './command'

function wholeNumber(value: string | undefined, option: string, fallback: number, max: number): number {
  if (value === undefined) return fallback
  const number = Number(value)
  if (!/^\d+$/.test(value) || number > max)
    throw new UsageError(`--${option} must be a whole number up to ${max}, got "${value}".`)
  return number
}

export const demoCommands: CliCommand[] = [
  {
    name: 'demo init',
    usage: 'demo init',
    summary: 'Create the demo workspace (ladder, people) in the data folder; adds only what is missing.',
    positionals: 0,
    run: async ({ services, dataDir }) => ({ dataDir, ...(await services.demo.init()) }),
  },
  {
    name: 'demo generate',
    usage: 'demo generate --candidates N [--seed S]',
    summary: 'Fill an empty data folder with a realistic workspace at scale; the same seed gives the same data.',
    positionals: 0,
    options: { candidates: { type: 'string' }, seed: { type: 'string' } },
    run: async ({ services, args, dataDir }) => {
      const candidates = wholeNumber(optionalString(args, 'candidates'), 'candidates', 1000, 1_000_000)
      const seed = wholeNumber(optionalString(args, 'seed'), 'seed', 1, 4_294_967_295)
      const started = Date.now()
      const summary = await services.demo.generate({
        candidates,
        seed,
        onProgress: (done, total) => process.stderr.write(`\r${done}/${total} candidates`),
      })
      process.stderr.write('\n')
      return { dataDir, ...summary, seconds: Math.round((Date.now() - started) / 100) / 10 }
    },
  },
]
