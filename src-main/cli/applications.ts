import type { ApplicantPageDto, StageDto } from '@contract'
import { applicantSortColumns, applicationStatuses } from '@contract/applications'
import { AppError } from '../core/errors'
import { type CliCommand, type CommandArgs, optionalString, parseId, requireString, UsageError } from './command'

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
      'applications list --posting ID [--stage NAME] [--status active|hired|rejected|withdrawn] [--source S] [--text T] [--sort name|stage|status|source|applied|inStage|activity] [--desc] [--limit N] [--offset N]',
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
    },
    run: async ({ services, args }) => {
      const postingId = parseId(requireString(args, 'posting'), '--posting')
      const status = oneOf(args, 'status', applicationStatuses)
      const sort = oneOf(args, 'sort', applicantSortColumns) ?? 'applied'
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
      })),
  },
]
