import { basename } from 'node:path'
import type { PostingDto, PostingSummaryDto } from '@contract'
import { initialPostingStatuses } from '@contract/closed-lists'
import { parsedPostingSchema, type ParsedPosting } from '@contract/posting-parse'
import { POSTING_FILE_MAX_BYTES } from '@contract/postings'
import { AppError } from '../core/errors'
import { readRegularFile } from '../core/files/read-input'
import { postingFromParsed } from '../core/postings/from-parsed'
import { parsePosting } from '../core/postings/parse'
import { readPostingText } from '../core/postings/read-posting'
import { type CliCommand, numberFlag, numeric, optionalString } from './command'
import { uploadOf } from './transfers'

/** Reads a posting file with the same limits as the app; refuses an oversized one before reading it. */
const postingFile = (file: string) => uploadOf(file, { maxBytes: POSTING_FILE_MAX_BYTES, accepted: 'postings' })

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
    tooling: true,
    runWithoutWorkspace: async (args) => {
      const file = args.positionals[0] ?? ''
      const bytes = await readRegularFile(file, { maxBytes: POSTING_FILE_MAX_BYTES, accepted: 'postings' })
      const { text } = await readPostingText({ fileName: basename(file), bytes })
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
    usage: `postings import FILE [--level ID] [--status ${initialPostingStatuses.join('|')}]`,
    summary: 'Parse a posting and save it (target level: --level, else the level title found in it); prints its id.',
    positionals: 1,
    options: { level: { type: 'string' }, status: { type: 'string' } },
    channel: 'postings:create',
    run: async ({ call, args }) => {
      const result = await call('postings:parse', { file: await postingFile(args.positionals[0] ?? '') })
      const levelId = numberFlag(args, 'level') ?? result.suggestedLevel?.id
      if (levelId === undefined) {
        throw AppError.of('posting_level_needed')
      }
      const levels = (await call('ladders:list')).flatMap((ladder) => ladder.levels)
      const level = levels.find((entry) => entry.id === levelId)
      const posting = await call('postings:create', {
        ...postingFromParsed(result.parsed, {
          levelId: typeof levelId === 'number' ? levelId : Number.NaN,
          levelTitle: level?.title ?? result.parsed.title ?? 'Posting',
          originalText: result.originalText,
          originalFileName: result.fileName,
          status: 'draft',
        }),
        levelId,
        status: optionalString(args, 'status') ?? 'draft',
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
    channel: 'postings:list',
    run: ({ call, args }) =>
      call('postings:list', {
        status: optionalString(args, 'status'),
        levelId: numberFlag(args, 'level'),
        language: optionalString(args, 'language')?.toLowerCase(),
      }),
    table: (postings: PostingSummaryDto[]) => postings.map(summaryRow),
  },
  {
    name: 'postings show',
    usage: 'postings show ID',
    summary: 'Show a posting with its requirements in section order.',
    positionals: 1,
    fields: { id: 'ID' },
    channel: 'postings:get',
    run: ({ call, args }) => call('postings:get', { id: numeric(args.positionals[0]) }),
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
