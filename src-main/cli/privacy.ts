import type { RetentionListDto } from '@contract'
import { candidateOrigins, consentInput, legalBases } from '@contract/privacy'
import { extname } from 'node:path'
import { writeFileAtomically } from '../core/exports/output-file'
import { type CliCommand, type CommandArgs, optionalString, parseId, requireString, UsageError } from './command'

/** The consent flags of `candidates create`, checked like the app's form; undefined when none is given. */
export function consentFromFlags(args: CommandArgs) {
  const origin = optionalString(args, 'origin')
  const basis = optionalString(args, 'basis')
  const given = optionalString(args, 'consent-given')
  const expires = optionalString(args, 'consent-expires')
  const note = optionalString(args, 'privacy-note')
  if ([origin, basis, given, expires, note].every((value) => value === undefined)) return undefined
  if (origin !== undefined && !(candidateOrigins as readonly string[]).includes(origin))
    throw new UsageError(`--origin must be one of ${candidateOrigins.join(', ')}, got "${origin}".`)
  if (basis !== undefined && !(legalBases as readonly string[]).includes(basis))
    throw new UsageError(`--basis must be one of ${legalBases.join(', ')}, got "${basis}".`)
  const parsed = consentInput.safeParse({
    ...(origin === undefined ? {} : { origin }),
    ...(basis === undefined ? {} : { legalBasis: basis }),
    consentGivenOn: given ?? null,
    consentExpiresOn: expires ?? null,
    note: note ?? '',
  })
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new UsageError(`${issue?.path.join('.') ?? 'consent'}: ${issue?.message ?? 'invalid'}`)
  }
  return parsed.data
}

export const consentOptions = {
  origin: { type: 'string' },
  basis: { type: 'string' },
  'consent-given': { type: 'string' },
  'consent-expires': { type: 'string' },
  'privacy-note': { type: 'string' },
} as const

function requireYes(args: CommandArgs, what: string): void {
  if (args.values.yes !== true) throw new UsageError(`${what} cannot be undone: add --yes to confirm.`)
}

export const privacyCommands: CliCommand[] = [
  {
    name: 'privacy due',
    usage: 'privacy due',
    summary: 'Candidates past retention: in the grace period, or due for erasure, with why.',
    positionals: 0,
    run: ({ services }) => services.privacy.retention(),
    table: (list: RetentionListDto) =>
      list.entries.map((entry) => ({
        id: entry.candidateId,
        name: entry.name,
        state: entry.state,
        reason: entry.reason,
        basis: entry.legalBasis,
        ended: entry.retentionEndedOn,
        graceEnds: entry.graceEndsOn,
      })),
  },
  {
    name: 'privacy apply',
    usage: 'privacy apply [--yes]',
    summary:
      'Erase every candidate due under the retention policy; without --yes only when the owner turned automatic application on.',
    positionals: 0,
    options: { yes: { type: 'boolean' } },
    run: ({ services, args }) => services.privacy.apply({ confirmed: args.values.yes === true }),
  },
  {
    name: 'privacy backups',
    usage: 'privacy backups [--purge --yes | --keep REASON]',
    summary: 'List the backups that may hold erased data; purge them, or record why they are kept.',
    positionals: 0,
    options: { purge: { type: 'boolean' }, keep: { type: 'string' }, yes: { type: 'boolean' } },
    run: async ({ services, args }) => {
      const keep = optionalString(args, 'keep')
      if (args.values.purge === true && keep !== undefined) throw new UsageError('Choose --purge or --keep, not both.')
      if (args.values.purge === true) {
        requireYes(args, 'Purging the backups')
        return services.privacy.purgeBackups()
      }
      if (keep !== undefined) {
        if (keep.trim().length < 3) throw new UsageError('--keep needs a reason.')
        return services.privacy.keepBackups(keep.trim())
      }
      return services.privacy.backups()
    },
  },
  {
    name: 'candidates export-data',
    usage: 'candidates export-data ID --out FILE.json|FILE.pdf',
    summary: 'Everything held about a candidate (an access request), as JSON or a readable PDF.',
    positionals: 1,
    options: { out: { type: 'string' } },
    run: async ({ services, args }) => {
      const id = parseId(args.positionals[0])
      const out = requireString(args, 'out')
      const extension = extname(out).toLowerCase()
      if (extension !== '.json' && extension !== '.pdf')
        throw new UsageError(`--out must end in .json or .pdf, got "${out}".`)
      const format = extension === '.json' ? 'json' : 'pdf'
      await services.candidates.get(id)
      const bytes = await writeFileAtomically(out, (temp) => services.privacy.exportFile(id, format, temp))
      return { candidate: id, format, out, bytes }
    },
  },
  {
    name: 'candidates erase',
    usage: 'candidates erase ID --yes',
    summary: 'Erase a candidate and everything that identifies them; the anonymous application history stays.',
    positionals: 1,
    options: { yes: { type: 'boolean' } },
    run: ({ services, args }) => {
      const id = parseId(args.positionals[0])
      requireYes(args, 'Erasing a candidate')
      return services.privacy.erase(id)
    },
  },
]
