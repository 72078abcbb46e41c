import { writeFile } from 'node:fs/promises'
import type { ExportFileDto, JobDto, ReportInfoDto } from '@contract'
import { MAX_COMPARE } from '@contract/assessments'
import { reportLanguages } from '@contract/closed-lists'
import { exportFormats } from '@contract/reports'
import { writeFileAtomically } from '../core/exports/output-file'
import { reportDefinitions } from '../core/reports/registry'
import {
  type ChannelCall,
  type CliCommand,
  type CommandArgs,
  numberFlag,
  numeric,
  optionalString,
  UsageError,
} from './command'
import { downloadTo, finishedJob } from './transfers'

const FORMATS = ['json', ...exportFormats] as const

function filtersFrom(args: CommandArgs) {
  return {
    postingId: numberFlag(args, 'posting') ?? null,
    levelId: numberFlag(args, 'level') ?? null,
    source: optionalString(args, 'source') ?? null,
    from: optionalString(args, 'from') ?? null,
    to: optionalString(args, 'to') ?? null,
  }
}

function requiredOut(args: CommandArgs, what: string): string {
  const out = optionalString(args, 'out')
  if (out === undefined || out.trim() === '') throw new UsageError(`--out FILE is required for ${what}.`)
  return out
}

/** Runs an export job of the workspace and writes its file to `out`, as the app downloads it. */
async function exportTo(call: ChannelCall, started: JobDto, out: string) {
  const job = await finishedJob(call, started)
  const file = job.result as ExportFileDto
  const bytes = await downloadTo(call, file.exportId, out)
  return { rows: file.rows, bytes }
}

const reportOptions = {
  posting: { type: 'string' },
  level: { type: 'string' },
  source: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  out: { type: 'string' },
  language: { type: 'string' },
} as const

export const reportCommands: CliCommand[] = [
  {
    name: 'reports list',
    usage: 'reports list',
    summary: 'List the reports (names for `reports NAME`).',
    positionals: 0,
    channel: 'reports:list',
    run: ({ call }) => call('reports:list', { language: 'en' }),
    table: (reports: ReportInfoDto[]) => reports.map(({ name, title }) => ({ name, title })),
  },
  ...reportDefinitions.map((definition): CliCommand => ({
    name: `reports ${definition.name}`,
    usage: `reports ${definition.name} [--posting ID] [--level ID] [--source S] [--from DATE] [--to DATE] [--language ${reportLanguages.join('|')}] --format ${[...exportFormats, 'json'].join('|')} --out FILE`,
    summary: definition.description.en,
    positionals: 0,
    formats: FORMATS,
    options: reportOptions,
    channel: 'reports:export',
    run: async ({ call, args }) => {
      const format = optionalString(args, 'format') ?? 'json'
      const input = { name: definition.name, filters: filtersFrom(args), language: optionalString(args, 'language') }
      const out = optionalString(args, 'out')
      if (format === 'json') {
        const report = await call('reports:run', input)
        if (out === undefined) return report
        const bytes = await writeFileAtomically(out, (temp) => writeFile(temp, `${JSON.stringify(report, null, 2)}\n`))
        return { report: definition.name, format, out, bytes }
      }
      const path = requiredOut(args, `--format ${format}`)
      const written = await exportTo(call, await call('reports:export', { ...input, format }), path)
      return { report: definition.name, format, out: path, ...written }
    },
  })),
  {
    name: 'reports packet',
    usage: `reports packet --application ID [--language ${reportLanguages.join('|')}] --out FILE.pdf`,
    summary: 'Print the candidate packet of an application (profile, requirement matrix with evidence, scorecards).',
    positionals: 0,
    options: { application: { type: 'string' }, out: { type: 'string' }, language: { type: 'string' } },
    channel: 'reports:packet',
    run: async ({ call, args }) => {
      const out = requiredOut(args, 'the packet')
      const job = await call('reports:packet', {
        applicationId: numberFlag(args, 'application'),
        language: optionalString(args, 'language'),
      })
      const { bytes } = await exportTo(call, job, out)
      return { report: 'packet', format: 'pdf', out, bytes }
    },
  },
  {
    name: 'reports heatmap',
    usage: `reports heatmap --posting ID --applications ID,ID[,…] [--language ${reportLanguages.join('|')}] --out FILE.pdf`,
    summary: `Print the comparison heatmap of 2 to ${MAX_COMPARE} applicants of a posting.`,
    positionals: 0,
    options: {
      posting: { type: 'string' },
      applications: { type: 'string' },
      out: { type: 'string' },
      language: { type: 'string' },
    },
    run: async ({ call, args }) => {
      const out = requiredOut(args, 'the heatmap')
      const applicationIds = (optionalString(args, 'applications') ?? '')
        .split(',')
        .filter((part) => part.trim() !== '')
        .map((part) => numeric(part.trim()))
      const job = await call('reports:heatmap', {
        postingId: numberFlag(args, 'posting'),
        applicationIds,
        language: optionalString(args, 'language'),
      })
      const { bytes } = await exportTo(call, job, out)
      return { report: 'heatmap', format: 'pdf', out, bytes }
    },
    channel: 'reports:heatmap',
  },
]
