import { writeFile } from 'node:fs/promises'
import type { ReportFiltersDto, ReportInfoDto, ReportLanguage } from '@contract'
import { MAX_COMPARE } from '@contract/assessments'
import { exportFormats, isoDate, reportLanguages } from '@contract/reports'
import { writeFileAtomically } from '../core/exports/output-file'
import { reportDefinitions } from '../core/reports/registry'
import { type CliCommand, type CommandArgs, optionalString, parseId, requireString, UsageError } from './command'

const FORMATS = ['json', ...exportFormats] as const
type CliReportFormat = (typeof FORMATS)[number]

function dateOption(args: CommandArgs, option: 'from' | 'to'): string | null {
  const value = optionalString(args, option)
  if (value === undefined) return null
  const parsed = isoDate.safeParse(value)
  if (!parsed.success)
    throw new UsageError(
      `--${option} must be a date as YYYY-MM-DD, got "${value}" (${parsed.error.issues[0]?.message}).`,
    )
  return parsed.data
}

function filtersFrom(args: CommandArgs): ReportFiltersDto {
  const posting = optionalString(args, 'posting')
  const level = optionalString(args, 'level')
  const source = optionalString(args, 'source')?.trim()
  const from = dateOption(args, 'from')
  const to = dateOption(args, 'to')
  if (from !== null && to !== null && from > to)
    throw new UsageError(`--from ${from} is after --to ${to}; the range would be empty.`)
  if (source !== undefined && source.length > 100) throw new UsageError('--source is longer than 100 characters.')
  return {
    postingId: posting === undefined ? null : parseId(posting, '--posting'),
    levelId: level === undefined ? null : parseId(level, '--level'),
    source: source ? source : null,
    from,
    to,
  }
}

function languageFrom(args: CommandArgs): ReportLanguage {
  const value = optionalString(args, 'language') ?? 'en'
  const language = reportLanguages.find((candidate) => candidate === value)
  if (!language) throw new UsageError(`--language must be ${reportLanguages.join(' or ')}, got "${value}".`)
  return language
}

function formatFrom(args: CommandArgs): CliReportFormat {
  const value = optionalString(args, 'format') ?? 'json'
  const format = FORMATS.find((candidate) => candidate === value)
  if (!format) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, got "${value}".`)
  return format
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
    run: ({ services }) => Promise.resolve(services.reports.list('en')),
    table: (reports: ReportInfoDto[]) => reports.map(({ name, title }) => ({ name, title })),
  },
  ...reportDefinitions.map((definition): CliCommand => ({
    name: `reports ${definition.name}`,
    usage: `reports ${definition.name} [--posting ID] [--level ID] [--source S] [--from DATE] [--to DATE] --format csv|xlsx|pdf|json --out FILE`,
    summary: definition.description.en,
    positionals: 0,
    formats: FORMATS,
    options: reportOptions,
    run: async ({ services, args }) => {
      const format = formatFrom(args)
      const filters = filtersFrom(args)
      const language = languageFrom(args)
      const out = optionalString(args, 'out')
      if (format !== 'json' && (out === undefined || out.trim() === ''))
        throw new UsageError(`--out FILE is required for --format ${format}.`)
      if (format === 'json') {
        const report = await services.reports.run(definition.name, filters, language)
        if (out === undefined) return report
        const bytes = await writeFileAtomically(out, (temp) => writeFile(temp, `${JSON.stringify(report, null, 2)}\n`))
        return { report: definition.name, format, out, bytes }
      }
      const work = await services.reports.reportExport(definition.name, filters, format, language)
      const { rows, bytes } = await services.reports.writeTo(out ?? '', work)
      return { report: definition.name, format, out, rows, bytes }
    },
  })),
  {
    name: 'reports packet',
    usage: 'reports packet --application ID --out FILE.pdf',
    summary: 'Print the candidate packet of an application (profile, requirement matrix with evidence, scorecards).',
    positionals: 0,
    options: { application: { type: 'string' }, out: { type: 'string' } },
    run: async ({ services, args }) => {
      const application = parseId(requireString(args, 'application'), '--application')
      const out = requireString(args, 'out')
      const { bytes } = await services.reports.writeTo(out, await services.reports.packetExport(application))
      return { report: 'packet', format: 'pdf', out, bytes }
    },
  },
  {
    name: 'reports heatmap',
    usage: 'reports heatmap --posting ID --applications ID,ID[,…] --out FILE.pdf',
    summary: `Print the comparison heatmap of 2 to ${MAX_COMPARE} applicants of a posting.`,
    positionals: 0,
    options: { posting: { type: 'string' }, applications: { type: 'string' }, out: { type: 'string' } },
    run: async ({ services, args }) => {
      const posting = parseId(requireString(args, 'posting'), '--posting')
      const applications = requireString(args, 'applications')
        .split(',')
        .map((part) => parseId(part.trim(), '--applications'))
      if (applications.length < 2 || applications.length > MAX_COMPARE)
        throw new UsageError(
          `--applications must list 2 to ${MAX_COMPARE} application ids, got ${applications.length}.`,
        )
      const out = requireString(args, 'out')
      const { bytes } = await services.reports.writeTo(out, await services.reports.heatmapExport(posting, applications))
      return { report: 'heatmap', format: 'pdf', out, bytes }
    },
  },
]
