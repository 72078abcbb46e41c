import { readdir, stat } from 'node:fs/promises'
import { basename, join, resolve, sep } from 'node:path'
import type { CandidateDetailDto, CandidatePageDto, CsvField, ImportMode } from '@contract'
import { candidateSortColumns, csvFields, importModes } from '@contract/candidates'
import { textEncodings } from '@contract/text-encodings'
import { checkResumeFileName } from '../core/candidates/service'
import { extractResume, toResumeExtractJson } from '../core/documents/extract-resume'
import { DEFAULT_EXTRACT_LIMITS } from '../core/documents/limits'
import { AppError } from '../core/errors'
import { readRegularFile } from '../core/files/read-input'
import { type CliCommand, type CommandArgs, optionalString, parseId, requireString, UsageError } from './command'
import { consentFromFlags, consentOptions } from './privacy'

const readInput = (file: string | Buffer, what?: string): Promise<Uint8Array> =>
  readRegularFile(file, { maxBytes: DEFAULT_EXTRACT_LIMITS.maxBytes, what })

function list(args: CommandArgs, option: string): string[] {
  const value = args.values[option]
  if (value === undefined) return []
  return (Array.isArray(value) ? value : [value]).filter((entry): entry is string => typeof entry === 'string')
}

function positiveInt(args: CommandArgs, option: string, fallback: number, max: number): number {
  const raw = optionalString(args, option)
  if (raw === undefined) return fallback
  const value = Number(raw)
  if (!/^\d+$/.test(raw) || value > max)
    throw new UsageError(`--${option} must be a whole number up to ${max}, got "${raw}".`)
  return value
}

/** "--map 'E-mail=email,Full name=name,Ignored=-'": headers to fields; unnamed headers keep the suggestion. */
function parseMap(raw: string | undefined): Map<string, CsvField | null> | null {
  if (raw === undefined) return null
  const entries = new Map<string, CsvField | null>()
  for (const pair of raw.split(',')) {
    const at = pair.lastIndexOf('=')
    const header = pair.slice(0, at).trim()
    const field = pair.slice(at + 1).trim()
    if (at < 1 || !header) throw new UsageError(`--map entries look like "Header=field", got "${pair}".`)
    if (field === '-' || field === '') entries.set(header.toLowerCase(), null)
    else if ((csvFields as readonly string[]).includes(field)) entries.set(header.toLowerCase(), field as CsvField)
    else throw new UsageError(`Unknown field "${field}" in --map; fields are ${csvFields.join(', ')} (or - to ignore).`)
  }
  return entries
}

const RESUME_FILE = /\.(pdf|docx|txt|text|md|markdown)$/i

export const candidateCommands: CliCommand[] = [
  {
    name: 'candidates list',
    usage:
      'candidates list [--sort name|created|updated|source|location] [--desc] [--text T] [--tag T] [--source S] [--limit N] [--offset N]',
    summary: 'One page of candidates, sorted and filtered like the all-candidates table.',
    positionals: 0,
    options: {
      sort: { type: 'string' },
      desc: { type: 'boolean' },
      text: { type: 'string' },
      tag: { type: 'string' },
      source: { type: 'string' },
      limit: { type: 'string' },
      offset: { type: 'string' },
    },
    run: ({ services, args }) => {
      const sort = optionalString(args, 'sort') ?? 'name'
      const column = candidateSortColumns.find((entry) => entry === sort)
      if (!column) throw new UsageError(`--sort must be one of ${candidateSortColumns.join(', ')}, got "${sort}".`)
      return services.candidates.list({
        sort: column,
        direction: args.values.desc === true ? 'desc' : 'asc',
        text: optionalString(args, 'text') ?? '',
        tag: optionalString(args, 'tag') ?? '',
        source: optionalString(args, 'source') ?? '',
        limit: positiveInt(args, 'limit', 50, 500),
        offset: positiveInt(args, 'offset', 0, 10_000_000),
      })
    },
    table: (page: CandidatePageDto) =>
      page.rows.map((row) => ({
        id: row.id,
        name: row.name,
        email: row.email,
        phone: row.phone,
        location: row.location,
        source: row.source,
        tags: row.tags.join(', '),
      })),
  },
  {
    name: 'candidates show',
    usage: 'candidates show ID',
    summary: 'A candidate profile: contacts, documents, notes, activity and likely duplicates.',
    positionals: 1,
    run: ({ services, args }) => services.candidates.get(parseId(args.positionals[0])),
    table: (candidate: CandidateDetailDto) => [
      {
        id: candidate.id,
        name: candidate.name,
        emails: candidate.emails.join(', '),
        phones: candidate.phones.join(', '),
        documents: candidate.documents.length,
        notes: candidate.notes.length,
        duplicates: candidate.duplicates.map((entry) => entry.id).join(', '),
      },
    ],
  },
  {
    name: 'candidates create',
    usage:
      'candidates create --name NAME [--email E]... [--phone P]... [--link URL]... [--tag T]... [--location L] [--source S] [--origin applied|sourced|referred|imported] [--basis consent|legitimate_interest] [--consent-given DATE] [--consent-expires DATE] [--privacy-note TEXT] [--allow-duplicate]',
    summary: 'Create a candidate; refused when the e-mail or phone belongs to someone known, unless --allow-duplicate.',
    positionals: 0,
    options: {
      name: { type: 'string' },
      email: { type: 'string', multiple: true },
      phone: { type: 'string', multiple: true },
      link: { type: 'string', multiple: true },
      tag: { type: 'string', multiple: true },
      location: { type: 'string' },
      source: { type: 'string' },
      'allow-duplicate': { type: 'boolean' },
      ...consentOptions,
    },
    run: ({ services, args }) =>
      services.candidates.create(
        {
          consent: consentFromFlags(args),
          name: requireString(args, 'name'),
          emails: list(args, 'email'),
          phones: list(args, 'phone'),
          links: list(args, 'link'),
          tags: list(args, 'tag'),
          location: optionalString(args, 'location') ?? '',
          source: optionalString(args, 'source') ?? '',
          ifDuplicate: args.values['allow-duplicate'] === true ? 'create' : 'refuse',
        },
        { via: 'cli' },
      ),
  },
  {
    name: 'candidates import',
    usage: 'candidates import FILE.csv [--mode all_or_nothing|skip_invalid] [--map "Header=field,…"] [--encoding NAME]',
    summary:
      'Import candidates from CSV: columns mapped from their headers (en/fr); encoding detected unless given; all-or-nothing by default.',
    positionals: 1,
    options: { mode: { type: 'string' }, map: { type: 'string' }, encoding: { type: 'string' } },
    run: async ({ services, args }) => {
      const file = args.positionals[0] ?? ''
      const modeFlag = optionalString(args, 'mode') ?? 'all_or_nothing'
      const mode = importModes.find((entry) => entry === modeFlag)
      if (!mode) throw new UsageError(`--mode must be one of ${importModes.join(', ')}, got "${modeFlag}".`)
      const overrides = parseMap(optionalString(args, 'map'))
      const encodingFlag = optionalString(args, 'encoding')?.toLowerCase()
      const encoding = textEncodings.find((entry) => entry === encodingFlag)
      if (encodingFlag !== undefined && !encoding)
        throw new UsageError(`--encoding must be one of ${textEncodings.join(', ')}, got "${encodingFlag}".`)
      await stat(file).catch(() => {
        throw new AppError('not_found', `Cannot read ${file}: no such file.`)
      })
      return services.csvImport.importFile(resolve(file), {
        fileName: basename(file),
        mode: mode satisfies ImportMode,
        mapping: overrides
          ? await services.csvImport.mappingFor(resolve(file), basename(file), overrides, encoding)
          : null,
        encoding,
      })
    },
  },
  {
    name: 'candidates import-folder',
    usage: 'candidates import-folder DIR [--posting ID]',
    summary:
      'One candidate per résumé file (PDF, DOCX, TXT, MD) in DIR; a known e-mail or phone gets the file attached. With --posting, each one also applies to that posting.',
    positionals: 1,
    options: { posting: { type: 'string' } },
    run: async ({ services, args }) => {
      const dir = args.positionals[0] ?? ''
      const postingFlag = optionalString(args, 'posting')
      const postingId = postingFlag === undefined ? undefined : parseId(postingFlag, '--posting')
      const posting = postingId === undefined ? null : await services.applications.checkOpenPosting(postingId)
      // Names are read as bytes: a file named in another encoding than UTF-8 is still found by its own bytes.
      let files: { name: string; path: Buffer }[]
      try {
        files = (await readdir(dir, { withFileTypes: true, encoding: 'buffer' }))
          .filter((entry) => entry.isFile() && entry.name[0] !== 0x2e)
          .map((entry) => ({
            name: entry.name.toString('utf8'),
            path: Buffer.concat([Buffer.from(join(dir, sep)), entry.name]),
          }))
          .sort((a, b) => Buffer.compare(a.path, b.path))
      } catch (error) {
        throw new AppError(
          'not_found',
          `Cannot read the folder ${dir}: ${error instanceof Error ? error.message : String(error)}`,
        )
      }
      const outcome = {
        files: files.length,
        created: 0,
        attached: 0,
        unreadable: 0,
        refused: [] as { file: string; reason: string }[],
      }
      const applications = { applied: 0, alreadyApplied: 0 }
      for (const [index, { name, path }] of files.entries()) {
        process.stderr.write(`\r${index + 1}/${files.length} ${name.slice(0, 60).padEnd(60)}`)
        if (!RESUME_FILE.test(name)) {
          outcome.refused.push({ file: name, reason: 'not a résumé file (PDF, DOCX, TXT or Markdown)' })
          continue
        }
        try {
          const result = await services.candidates.importResume({
            fileName: name,
            bytes: await readInput(path, name),
            postingId,
          })
          if (result.outcome === 'created') outcome.created++
          else if (result.outcome === 'attached') outcome.attached++
          if (result.document.status === 'failed') outcome.unreadable++
          if (result.application?.added) applications.applied++
          else if (result.application) applications.alreadyApplied++
        } catch (error) {
          if (!(error instanceof AppError)) throw error
          outcome.refused.push({ file: name, reason: error.message })
        }
      }
      if (files.length > 0) process.stderr.write('\n')
      return posting ? { ...outcome, posting, ...applications } : outcome
    },
  },
  {
    name: 'candidates extract',
    usage: 'candidates extract FILE [--format json]',
    summary: 'Print the name, e-mails, phones, links and text found in a résumé (PDF, DOCX, TXT, MD); changes nothing.',
    positionals: 1,
    runWithoutWorkspace: async (args) => {
      const file = args.positionals[0] ?? ''
      checkResumeFileName(basename(file))
      return toResumeExtractJson(await extractResume(await readInput(file), basename(file)))
    },
  },
]
