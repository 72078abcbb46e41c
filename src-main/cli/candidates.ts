import { readdir } from 'node:fs/promises'
import { basename, join, sep } from 'node:path'
import type { CandidateDetailDto, CandidatePageDto, CsvField } from '@contract'
import { csvFields, CSV_MAX_BYTES, RESUME_MAX_BYTES } from '@contract/candidates'
import { candidateOrigins, candidateSortColumns, importModes, legalBases } from '@contract/closed-lists'
import { checkResumeFileName } from '../core/candidates/service'
import { extractResume, toResumeExtractJson } from '../core/documents/extract-resume'
import { DEFAULT_EXTRACT_LIMITS } from '../core/documents/limits'
import { AppError } from '../core/errors'
import { readRegularFile } from '../core/files/read-input'
import { type CliCommand, CliFailure, list, numberFlag, numeric, optionalString, UsageError } from './command'
import { consentFromFlags, consentOptions } from './privacy'
import { finishedJob, uploadOf } from './transfers'

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

/** The preview's suggested mapping with the --map overrides applied by header name. */
function applyMap(
  fileName: string,
  headers: string[],
  suggested: (CsvField | null)[],
  overrides: Map<string, CsvField | null>,
) {
  const known = new Set(headers.map((header) => header.trim().toLowerCase()))
  const unknown = [...overrides.keys()].filter((key) => !known.has(key))
  if (unknown.length > 0)
    throw AppError.of('csv_unknown_columns', {
      fileName,
      unknown: unknown.map((key) => `"${key}"`).join(', '),
      columns: headers.join(', '),
    })
  return headers.map((header, index) => {
    const key = header.trim().toLowerCase()
    return overrides.has(key) ? (overrides.get(key) ?? null) : (suggested[index] ?? null)
  })
}

export const candidateCommands: CliCommand[] = [
  {
    name: 'candidates list',
    usage: `candidates list [--sort ${candidateSortColumns.join('|')}] [--desc] [--text T] [--tag T] [--source S] [--limit N] [--offset N]`,
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
    channel: 'candidates:list',
    run: ({ call, args }) =>
      call('candidates:list', {
        sort: optionalString(args, 'sort'),
        direction: args.values.desc === true ? 'desc' : 'asc',
        text: optionalString(args, 'text'),
        tag: optionalString(args, 'tag'),
        source: optionalString(args, 'source'),
        limit: numberFlag(args, 'limit'),
        offset: numberFlag(args, 'offset'),
      }),
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
    fields: { id: 'ID' },
    channel: 'candidates:get',
    run: ({ call, args }) => call('candidates:get', { id: numeric(args.positionals[0]) }),
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
    usage: `candidates create --name NAME [--email E]... [--phone P]... [--link URL]... [--tag T]... [--location L] [--source S] [--origin ${candidateOrigins.join('|')}] [--basis ${legalBases.join('|')}] [--consent-given DATE] [--consent-expires DATE] [--privacy-note TEXT] [--allow-duplicate]`,
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
    fields: {
      emails: '--email',
      phones: '--phone',
      links: '--link',
      tags: '--tag',
      'consent.origin': '--origin',
      'consent.legalBasis': '--basis',
      'consent.consentGivenOn': '--consent-given',
      'consent.consentExpiresOn': '--consent-expires',
      'consent.note': '--privacy-note',
    },
    channel: 'candidates:create',
    run: ({ call, args }) =>
      call('candidates:create', {
        consent: consentFromFlags(args),
        name: optionalString(args, 'name'),
        emails: list(args, 'email'),
        phones: list(args, 'phone'),
        links: list(args, 'link'),
        tags: list(args, 'tag'),
        location: optionalString(args, 'location'),
        source: optionalString(args, 'source'),
        ifDuplicate: args.values['allow-duplicate'] === true ? 'create' : 'refuse',
      }),
  },
  {
    name: 'candidates import',
    usage: `candidates import FILE.csv [--mode ${importModes.join('|')}] [--map "Header=field,…"] [--encoding NAME]`,
    summary:
      'Import candidates from CSV: columns mapped from their headers (en/fr); encoding detected unless given; all-or-nothing by default.',
    positionals: 1,
    options: { mode: { type: 'string' }, map: { type: 'string' }, encoding: { type: 'string' } },
    channel: 'candidates:csvImport',
    run: async ({ call, args }) => {
      const overrides = parseMap(optionalString(args, 'map'))
      const encoding = optionalString(args, 'encoding')?.toLowerCase()
      const mode = optionalString(args, 'mode') ?? 'all_or_nothing'
      const upload = await uploadOf(args.positionals[0] ?? '', { maxBytes: CSV_MAX_BYTES })
      let preview = await call('candidates:csvUpload', upload)
      if (encoding !== undefined)
        preview = await call('candidates:csvPreview', {
          uploadId: preview.uploadId,
          mapping: preview.mapping,
          encoding,
        })
      const mapping = overrides
        ? applyMap(upload.fileName, preview.headers, preview.mapping, overrides)
        : preview.mapping
      const job = await call('candidates:csvImport', {
        uploadId: preview.uploadId,
        mapping,
        mode,
        rowCount: preview.rowCount,
        fileName: upload.fileName,
        encoding,
      })
      return (await finishedJob(call, job)).result
    },
  },
  {
    name: 'candidates import-folder',
    usage: 'candidates import-folder DIR [--posting ID]',
    summary:
      'One candidate per résumé file (PDF, DOCX, TXT, MD) in DIR; a known e-mail or phone gets the file attached. With --posting, each one also applies to that posting.',
    positionals: 1,
    options: { posting: { type: 'string' } },
    fields: { id: '--posting' },
    channel: 'candidates:importResume',
    run: async ({ call, args }) => {
      const dir = args.positionals[0] ?? ''
      const postingId = numberFlag(args, 'posting')
      let posting: { id: number; title: string } | null = null
      if (postingId !== undefined) {
        const found = await call('postings:get', { id: postingId })
        if (found.status === 'closed') throw AppError.of('posting_closed_for_candidates', { title: found.title })
        posting = { id: found.id, title: found.title }
      }
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
        throw AppError.of('folder_unreadable', {
          folder: dir,
          detail: error instanceof Error ? error.message : String(error),
        })
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
        try {
          const upload = await uploadOf(path, { maxBytes: RESUME_MAX_BYTES, what: name, fileName: name })
          const result = await call('candidates:importResume', { ...upload, postingId: posting?.id })
          if (result.outcome === 'created') outcome.created++
          else if (result.outcome === 'attached') outcome.attached++
          if (result.document.status === 'failed') outcome.unreadable++
          if (result.application?.added) applications.applied++
          else if (result.application) applications.alreadyApplied++
        } catch (error) {
          if (error instanceof AppError || error instanceof CliFailure)
            outcome.refused.push({ file: name, reason: error.message })
          else throw error
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
    tooling: true,
    runWithoutWorkspace: async (args) => {
      const file = args.positionals[0] ?? ''
      checkResumeFileName(basename(file))
      const bytes = await readRegularFile(file, { maxBytes: DEFAULT_EXTRACT_LIMITS.maxBytes })
      return toResumeExtractJson(await extractResume(bytes, basename(file)))
    },
  },
]
