import { extname } from 'node:path'
import type { RetentionListDto } from '@contract'
import { reportLanguages } from '@contract/closed-lists'
import { writeFileAtomically } from '../core/exports/output-file'
import { type CliCommand, type CommandArgs, numeric, optionalString, UsageError } from './command'
import { writeFile } from 'node:fs/promises'

/** The consent flags of `candidates create` as the contract's consent input; undefined when none is given. */
export function consentFromFlags(args: CommandArgs) {
  const origin = optionalString(args, 'origin')
  const basis = optionalString(args, 'basis')
  const given = optionalString(args, 'consent-given')
  const expires = optionalString(args, 'consent-expires')
  const note = optionalString(args, 'privacy-note')
  if ([origin, basis, given, expires, note].every((value) => value === undefined)) return undefined
  return {
    origin,
    legalBasis: basis,
    consentGivenOn: given ?? null,
    consentExpiresOn: expires ?? null,
    note: note ?? '',
  }
}

export const consentOptions = {
  origin: { type: 'string' },
  basis: { type: 'string' },
  'consent-given': { type: 'string' },
  'consent-expires': { type: 'string' },
  'privacy-note': { type: 'string' },
} as const

export const privacyCommands: CliCommand[] = [
  {
    name: 'privacy due',
    usage: 'privacy due',
    summary: 'Candidates past retention: in the grace period, or due for erasure, with why.',
    positionals: 0,
    channel: 'privacy:retention',
    run: ({ call }) => call('privacy:retention'),
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
    channel: 'privacy:apply',
    run: ({ call, args }) => call('privacy:apply', { confirmed: args.values.yes === true }),
  },
  {
    name: 'privacy backups',
    usage: 'privacy backups [--purge --yes | --keep REASON]',
    summary: 'List the backups that may hold erased data; purge them, or record why they are kept.',
    positionals: 0,
    options: { purge: { type: 'boolean' }, keep: { type: 'string' }, yes: { type: 'boolean' } },
    fields: { reason: '--keep' },
    channel: 'privacy:backups',
    run: async ({ call, args }) => {
      const keep = optionalString(args, 'keep')
      if (args.values.purge === true && keep !== undefined) throw new UsageError('Choose --purge or --keep, not both.')
      if (args.values.purge === true) {
        if (args.values.yes !== true)
          throw new UsageError('Purging the backups cannot be undone: add --yes to confirm.')
        return call('privacy:purgeBackups')
      }
      if (keep !== undefined) return call('privacy:keepBackups', { reason: keep })
      return call('privacy:backups')
    },
  },
  {
    name: 'candidates export-data',
    usage: `candidates export-data ID [--language ${reportLanguages.join('|')}] --out FILE.json|FILE.pdf`,
    summary: 'Everything held about a candidate (an access request), as JSON or a readable PDF.',
    positionals: 1,
    options: { out: { type: 'string' }, language: { type: 'string' } },
    fields: { id: 'ID' },
    channel: 'privacy:exportData',
    run: async ({ call, args }) => {
      const out = optionalString(args, 'out') ?? ''
      const extension = extname(out).toLowerCase()
      if (extension !== '.json' && extension !== '.pdf')
        throw new UsageError(`--out FILE is required and must end in .json or .pdf, got "${out}".`)
      const format = extension === '.json' ? 'json' : 'pdf'
      const id = numeric(args.positionals[0])
      const bytes = await writeFileAtomically(out, async (temp) => {
        const file = await call('privacy:exportData', { id, format, language: optionalString(args, 'language') })
        await writeFile(temp, Buffer.from(file.contentBase64, 'base64'))
      })
      return { candidate: id, format, out, bytes }
    },
  },
  {
    name: 'candidates erase',
    usage: 'candidates erase ID --yes',
    summary: 'Erase a candidate and everything that identifies them; the anonymous application history stays.',
    positionals: 1,
    options: { yes: { type: 'boolean' } },
    fields: { ids: 'ID', 'ids.0': 'ID', confirm: '--yes' },
    channel: 'privacy:anonymise',
    run: async ({ call, args }) => {
      const erased = await call('privacy:anonymise', {
        ids: [numeric(args.positionals[0])],
        confirm: args.values.yes === true ? true : undefined,
      })
      return erased[0]
    },
  },
]
