import type { ApplicantPageDto, StageDto } from '@contract'
import { applicantSortColumns, applicationStatuses, mustHaveFilters } from '@contract/applications'
import { messageTemplates } from '@contract/messages'
import { AppError } from '../core/errors'
import { writeDownload } from './interviews'
import { type CliCommand, type CommandArgs, optionalString, parseId, requireString, UsageError } from './command'

const ratedLevels = ['not_met', 'partial', 'met', 'exceeds'] as const

function wholeNumber(args: CommandArgs, option: string, fallback: number, max: number): number {
  const raw = optionalString(args, option)
  if (raw === undefined) return fallback
  if (!/^\d+$/.test(raw) || Number(raw) > max)
    throw new UsageError(`--${option} must be a whole number up to ${max}, got "${raw}".`)
  return Number(raw)
}

function oneOf<T extends string>(args: CommandArgs, option: string, allowed: readonly T[]): T | undefined {
  const raw = optionalString(args, option)
  if (raw === undefined) return undefined
  const value = allowed.find((entry) => entry === raw)
  if (!value) throw new UsageError(`--${option} must be one of ${allowed.join(', ')}, got "${raw}".`)
  return value
}

const stageRow = (stage: StageDto) => ({
  id: stage.id,
  position: stage.position,
  name: stage.name,
  kind: stage.kind,
  ...stage.counts,
})

export const applicationCommands: CliCommand[] = [
  {
    name: 'applications message',
    usage: `applications message --application ID --template ${messageTemplates.join('|')} --out FILE.eml`,
    summary: "Write a message from a template, in the posting's language, as an .eml draft; recorded as sent.",
    positionals: 0,
    options: { application: { type: 'string' }, template: { type: 'string' }, out: { type: 'string' } },
    run: async ({ services, args }) => {
      const out = requireString(args, 'out')
      if (!out.toLowerCase().endsWith('.eml')) throw new UsageError('--out must end in .eml.')
      const template = oneOf(args, 'template', messageTemplates)
      if (!template) throw new UsageError('--template is required.')
      const sent = await services.messages.send({
        applicationId: parseId(requireString(args, 'application'), '--application'),
        template,
        via: 'eml',
      })
      if (!sent.file) throw new AppError('internal', 'No file was made.')
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
    run: ({ services, args }) =>
      services.applications.add({
        postingId: parseId(requireString(args, 'posting'), '--posting'),
        candidateId: parseId(requireString(args, 'candidate'), '--candidate'),
        source: optionalString(args, 'source'),
      }),
  },
  {
    name: 'stages list',
    usage: 'stages list --posting ID',
    summary: "A posting's pipeline: its stages in order, with the applications in each by status.",
    positionals: 0,
    options: { posting: { type: 'string' } },
    run: ({ services, args }) => services.stages.list(parseId(requireString(args, 'posting'), '--posting')),
    table: (stages: StageDto[]) => stages.map(stageRow),
  },
  {
    name: 'applications list',
    usage:
      'applications list --posting ID [--stage NAME] [--status active|hired|rejected|withdrawn] [--source S] [--text T] [--must-haves all_met|knocked_out] [--at-least REQ_ID:partial|met|exceeds|not_met]… [--sort name|stage|status|source|applied|inStage|activity|fit|rating] [--rating-of REQ_ID] [--desc] [--limit N] [--offset N]',
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
    run: async ({ services, args }) => {
      const postingId = parseId(requireString(args, 'posting'), '--posting')
      const ratingOf = optionalString(args, 'rating-of')
      const atLeast = (Array.isArray(args.values['at-least']) ? args.values['at-least'] : []).map((value) => {
        const [requirement, rating] = String(value).split(':')
        const level = ratedLevels.find((entry) => entry === rating)
        if (!level) throw new UsageError(`--at-least takes REQ_ID:${ratedLevels.join('|')}, got "${String(value)}".`)
        return { requirementId: parseId(requirement, '--at-least requirement'), rating: level }
      })
      const status = oneOf(args, 'status', applicationStatuses)
      const sort = oneOf(args, 'sort', applicantSortColumns) ?? 'applied'
      if (sort === 'rating' && ratingOf === undefined) throw new UsageError('--sort rating needs --rating-of REQ_ID.')
      const limit = wholeNumber(args, 'limit', 50, 500)
      const offset = wholeNumber(args, 'offset', 0, 10_000_000)
      const stageName = optionalString(args, 'stage')
      let stageId: number | undefined
      if (stageName !== undefined) {
        const stages = await services.stages.list(postingId)
        const stage = stages.find((entry) => entry.name.toLowerCase() === stageName.trim().toLowerCase())
        if (!stage) {
          throw new AppError(
            'invalid_input',
            `No stage "${stageName}" in this posting; its stages are ${stages.map((entry) => entry.name).join(', ')}.`,
          )
        }
        stageId = stage.id
      }
      return services.applications.list({
        postingId,
        stageId,
        status,
        source: optionalString(args, 'source') ?? '',
        text: optionalString(args, 'text') ?? '',
        sort,
        direction: args.values.desc === true ? 'desc' : 'asc',
        limit,
        offset,
        mustHaves: oneOf(args, 'must-haves', mustHaveFilters),
        ratingOf: ratingOf === undefined ? undefined : parseId(ratingOf, '--rating-of'),
        atLeast,
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
