import { basename } from 'node:path'
import type { PostingDto, PostingStatus, PostingSummaryDto } from '@contract'
import { languageCodes } from '@contract/iso-codes'
import { parsedPostingSchema, type ParsedPosting } from '@contract/posting-parse'
import { POSTING_FILE_MAX_BYTES, postingStatuses } from '@contract/postings'
import { readRegularFile } from '../core/files/read-input'
import { parsePosting } from '../core/postings/parse'
import { readPostingText } from '../core/postings/read-posting'
import { type CliCommand, optionalString, parseId, UsageError } from './command'

/** Reads a posting file with the same limits as the app; refuses an oversized one before reading it. */
async function readPostingFile(file: string): Promise<{ fileName: string; bytes: Uint8Array }> {
  const bytes = await readRegularFile(file, { maxBytes: POSTING_FILE_MAX_BYTES, accepted: 'postings' })
  return { fileName: basename(file), bytes }
}

function statusOption(value: string | undefined, allowed: readonly PostingStatus[]): PostingStatus | undefined {
  if (value === undefined) return undefined
  const status = allowed.find((candidate) => candidate === value)
  if (!status) throw new UsageError(`--status must be one of ${allowed.join(', ')}, got "${value}".`)
  return status
}

const summaryRow = (posting: PostingSummaryDto) => ({
  id: posting.id,
  title: posting.title,
  level: posting.levelTitle,
  status: posting.status,
  language: posting.language,
  responsibilities: posting.requirementCounts.responsibility,
  requirements: posting.requirementCounts.requirement,
  niceToHave: posting.requirementCounts.nice_to_have,
  benefits: posting.requirementCounts.benefit,
  other: posting.requirementCounts.other,
})

export const postingCommands: CliCommand[] = [
  {
    name: 'postings parse',
    usage: 'postings parse FILE',
    summary: 'Parse a posting (.txt, .md, .html, .pdf, .docx) into sections and items; saves nothing.',
    positionals: 1,
    runWithoutWorkspace: async (args) => {
      const { text } = await readPostingText(await readPostingFile(args.positionals[0] ?? ''))
      // Parsing through the schema pins the printed JSON to the documented fields and their order.
      return parsedPostingSchema.parse(parsePosting(text))
    },
    table: (parsed: ParsedPosting) =>
      parsed.sections.map((section) => ({
        kind: section.kind,
        heading: section.heading ?? '',
        items: section.items.length,
        mustHave: section.items.filter((item) => item.mustHave).length,
        preferred: section.items.filter((item) => item.preferred).length,
      })),
  },
  {
    name: 'postings import',
    usage: 'postings import FILE [--level ID] [--status draft|open]',
    summary: 'Parse a posting and save it (target level: --level, else the level title found in it); prints its id.',
    positionals: 1,
    options: { level: { type: 'string' }, status: { type: 'string' } },
    run: async ({ services, args }) => {
      const level = optionalString(args, 'level')
      const status = statusOption(optionalString(args, 'status'), ['draft', 'open'])
      const posting = await services.postings.importPosting(await readPostingFile(args.positionals[0] ?? ''), {
        levelId: level === undefined ? undefined : parseId(level, '--level'),
        status: status === 'open' ? 'open' : 'draft',
      })
      return posting.id
    },
    table: (id: number) => [{ id }],
  },
  {
    name: 'postings list',
    usage: 'postings list [--status S] [--level ID] [--language CODE]',
    summary: 'List postings, newest change first, with the number of items per section.',
    positionals: 0,
    options: { status: { type: 'string' }, level: { type: 'string' }, language: { type: 'string' } },
    run: ({ services, args }) => {
      const level = optionalString(args, 'level')
      const language = optionalString(args, 'language')?.toLowerCase()
      if (language !== undefined && !languageCodes.includes(language)) {
        throw new UsageError(`--language must be an ISO 639-1 code such as en or fr, got "${language}".`)
      }
      return services.postings.list({
        status: statusOption(optionalString(args, 'status'), postingStatuses),
        levelId: level === undefined ? undefined : parseId(level, '--level'),
        language,
      })
    },
    table: (postings: PostingSummaryDto[]) => postings.map(summaryRow),
  },
  {
    name: 'postings show',
    usage: 'postings show ID',
    summary: 'Show a posting with its requirements in section order.',
    positionals: 1,
    run: ({ services, args }) => services.postings.get(parseId(args.positionals[0])),
    table: (posting: PostingDto) =>
      posting.requirements.map((requirement) => ({
        id: requirement.id,
        section: requirement.section,
        position: requirement.position,
        mustHave: requirement.mustHave,
        preferred: requirement.preferred,
        weight: requirement.weight,
        minYears: requirement.minYears,
        text: requirement.text,
      })),
  },
]
