import type { ApplicantPageDto, StageDto } from '@contract'
import { applicantSortColumns, applicationStatuses, givenRatings, mustHaveFilters } from '@contract/closed-lists'
import { messageTemplates } from '@contract/messages'
import { AppError } from '../core/errors'
import { type CliCommand, list, numberFlag, numeric, optionalString, UsageError } from './command'
import { writeDownload } from './transfers'

const stageRow = (stage: StageDto) => ({
  id: stage.id,
  position: stage.position,
  name: stage.name,
  kind: stage.kind,
  ...stage.counts,
})

/** "REQ_ID:rating", split into the fields of one rating filter; the contract checks both halves. */
function ratingFilter(value: string) {
  const at = value.lastIndexOf(':')
  if (at < 1) throw new UsageError(`--at-least takes REQ_ID:rating, got "${value}".`)
  return { requirementId: numeric(value.slice(0, at)), rating: value.slice(at + 1) }
}

export const applicationCommands: CliCommand[] = [
  {
    name: 'applications message',
    usage: `applications message --application ID --template ${messageTemplates.join('|')} --out FILE.eml`,
    summary: "Write a message from a template, in the posting's language, as an .eml draft; recorded as sent.",
    positionals: 0,
    options: { application: { type: 'string' }, template: { type: 'string' }, out: { type: 'string' } },
    channel: 'messages:send',
    run: async ({ call, args }) => {
      const out = optionalString(args, 'out')
      if (!out?.toLowerCase().endsWith('.eml')) throw new UsageError('--out FILE is required and must end in .eml.')
      const sent = await call('messages:send', {
        applicationId: numberFlag(args, 'application'),
        template: optionalString(args, 'template'),
        via: 'eml',
      })
      if (!sent.file) throw AppError.of('no_file_made')
      return writeDownload(sent.file, out)
    },
  },
  {
    name: 'applications add',
    usage: 'applications add --posting ID --candidate ID [--source S]',
    summary:
      "Adds a candidate to a posting's first stage; the application keeps the candidate's source unless given one.",
    positionals: 0,
    options: { posting: { type: 'string' }, candidate: { type: 'string' }, source: { type: 'string' } },
    channel: 'applications:add',
    run: ({ call, args }) =>
      call('applications:add', {
        postingId: numberFlag(args, 'posting'),
        candidateId: numberFlag(args, 'candidate'),
        source: optionalString(args, 'source'),
      }),
  },
  {
    name: 'stages list',
    usage: 'stages list --posting ID',
    summary: "A posting's pipeline: its stages in order, with the applications in each by status.",
    positionals: 0,
    options: { posting: { type: 'string' } },
    channel: 'stages:list',
    run: ({ call, args }) => call('stages:list', { postingId: numberFlag(args, 'posting') }),
    table: (stages: StageDto[]) => stages.map(stageRow),
  },
  {
    name: 'applications list',
    usage: `applications list --posting ID [--stage NAME] [--status ${applicationStatuses.join('|')}] [--source S] [--text T] [--must-haves ${mustHaveFilters.join('|')}] [--at-least REQ_ID:${givenRatings.join('|')}]… [--sort ${applicantSortColumns.join('|')}] [--rating-of REQ_ID] [--desc] [--limit N] [--offset N]`,
    summary: "One page of a posting's applicants, filtered and sorted like its applicants table.",
    positionals: 0,
    options: {
      posting: { type: 'string' },
      stage: { type: 'string' },
      status: { type: 'string' },
      source: { type: 'string' },
      text: { type: 'string' },
      sort: { type: 'string' },
      desc: { type: 'boolean' },
      limit: { type: 'string' },
      offset: { type: 'string' },
      'must-haves': { type: 'string' },
      'at-least': { type: 'string', multiple: true },
      'rating-of': { type: 'string' },
    },
    channel: 'applications:list',
    run: async ({ call, args }) => {
      const postingId = numberFlag(args, 'posting')
      const stageName = optionalString(args, 'stage')
      let stageId: number | undefined
      if (stageName !== undefined) {
        // A stage is named on the command line; the channel takes its id.
        const stages = await call('stages:list', { postingId })
        const stage = stages.find((entry) => entry.name.toLowerCase() === stageName.trim().toLowerCase())
        if (!stage) {
          throw AppError.of('stage_name_unknown', {
            name: stageName,
            stages: stages.map((entry) => entry.name).join(', '),
          })
        }
        stageId = stage.id
      }
      return call('applications:list', {
        postingId,
        stageId,
        status: optionalString(args, 'status'),
        source: optionalString(args, 'source'),
        text: optionalString(args, 'text'),
        sort: optionalString(args, 'sort'),
        direction: args.values.desc === true ? 'desc' : 'asc',
        limit: numberFlag(args, 'limit'),
        offset: numberFlag(args, 'offset'),
        mustHaves: optionalString(args, 'must-haves'),
        ratingOf: numberFlag(args, 'rating-of'),
        atLeast: list(args, 'at-least').map(ratingFilter),
      })
    },
    table: (page: ApplicantPageDto) =>
      page.rows.map((row) => ({
        id: row.id,
        candidate: row.candidateId,
        name: row.name,
        email: row.email,
        stage: row.stageName,
        status: row.status,
        reason: row.reason,
        source: row.source,
        applied: row.appliedAt.slice(0, 10),
        daysInStage: row.daysInStage,
        mustHaves: `${row.fit.mustHavesMet}/${row.fit.mustHavesTotal}`,
        score: row.fit.score,
        knockedOut: row.fit.knockedOut,
      })),
  },
]
