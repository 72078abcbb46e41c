import { writeFile } from 'node:fs/promises'
import { basename } from 'node:path'
import type { CalibrationDto, FileDownloadDto, InterviewSummaryDto, ScorecardImportResultDto } from '@contract'
import { kitLanguages } from '@contract/interviews'
import { AppError } from '../core/errors'
import { readRegularFile } from '../core/files/read-input'
import { SCORECARD_MAX_BYTES } from '../core/interviews/exchange-files'
import { type CliCommand, optionalString, parseId, requireString, UsageError } from './command'

/** The documented JSON of one interview in `interviews list`: fields may be added, never renamed. */
const interviewJson = (interview: InterviewSummaryDto) => ({
  id: interview.id,
  application: { id: interview.applicationId, candidate: interview.candidateName, status: interview.applicationStatus },
  posting: { id: interview.postingId, title: interview.postingTitle },
  step: { id: interview.stepId, name: interview.stepName, position: interview.stepPosition },
  interviewer: { id: interview.interviewerId, name: interview.interviewerName },
  scheduledAt: interview.scheduledAt,
  durationMinutes: interview.durationMinutes,
  scorecard: {
    status: interview.scorecardState,
    version: interview.submittedVersion,
    submittedAt: interview.submittedAt,
  },
})
type InterviewJson = ReturnType<typeof interviewJson>

export async function writeDownload(file: FileDownloadDto, out: string): Promise<{ file: string; bytes: number }> {
  const bytes = Buffer.from(file.contentBase64, 'base64')
  try {
    await writeFile(out, bytes)
  } catch (error) {
    throw new AppError(
      'invalid_input',
      `Cannot write ${out}: ${error instanceof Error ? error.message : String(error)}`,
    )
  }
  return { file: out, bytes: bytes.length }
}

export const interviewCommands: CliCommand[] = [
  {
    name: 'interviews invite',
    usage: 'interviews invite --interview ID --out FILE.ics',
    summary: 'Write the interview as an .ics calendar invitation for the candidate and the interviewer.',
    positionals: 0,
    options: { interview: { type: 'string' }, out: { type: 'string' } },
    run: async ({ services, args }) => {
      const out = requireString(args, 'out')
      if (!out.toLowerCase().endsWith('.ics')) throw new UsageError('--out must end in .ics.')
      const file = await services.messages.invite(parseId(requireString(args, 'interview'), '--interview'))
      return writeDownload(file, out)
    },
  },
  {
    name: 'interviews list',
    usage: 'interviews list [--posting ID]',
    summary: 'Interviews, soonest first, with their application, step, interviewer and scorecard status.',
    positionals: 0,
    options: { posting: { type: 'string' } },
    run: async ({ services, args }) => {
      const posting = optionalString(args, 'posting')
      const list = await services.interviews.list({
        postingId: posting === undefined ? undefined : parseId(posting, '--posting'),
      })
      return list.map(interviewJson)
    },
    table: (interviews: InterviewJson[]) =>
      interviews.map((interview) => ({
        id: interview.id,
        candidate: interview.application.candidate,
        posting: interview.posting.title,
        step: interview.step.name,
        interviewer: interview.interviewer.name,
        when: interview.scheduledAt.slice(0, 16).replace('T', ' '),
        scorecard: interview.scorecard.status,
      })),
  },
  {
    name: 'interviews packet',
    usage: 'interviews packet --interview ID --out FILE',
    summary: 'Export the packet an interviewer without this workspace opens in their own Yardstick.',
    positionals: 0,
    options: { interview: { type: 'string' }, out: { type: 'string' } },
    run: async ({ services, args }) => {
      const id = parseId(requireString(args, 'interview'), '--interview')
      const out = requireString(args, 'out')
      return { interview: id, ...(await writeDownload(await services.interviews.packet(id), out)) }
    },
  },
  {
    name: 'interviews kit',
    usage: 'interviews kit --interview ID --out FILE.pdf [--language en|fr]',
    summary: 'Print the interview kit: candidate, focus items with the level expectations, questions, an empty scale.',
    positionals: 0,
    options: { interview: { type: 'string' }, out: { type: 'string' }, language: { type: 'string' } },
    run: async ({ services, args }) => {
      const id = parseId(requireString(args, 'interview'), '--interview')
      const out = requireString(args, 'out')
      if (!out.toLowerCase().endsWith('.pdf')) throw new UsageError('--out must end in .pdf.')
      const raw = optionalString(args, 'language') ?? 'en'
      const language = kitLanguages.find((entry) => entry === raw)
      if (!language) throw new UsageError(`--language must be one of ${kitLanguages.join(', ')}, got "${raw}".`)
      return { interview: id, ...(await writeDownload(await services.interviews.kit(id, language), out)) }
    },
  },
  {
    name: 'interviews calibration',
    usage: 'interviews calibration [--posting ID]',
    summary:
      'Per interviewer, over decided applications: scorecards, ratings, distance from the panel, hire rate of their yes.',
    positionals: 0,
    options: { posting: { type: 'string' } },
    run: ({ services, args }) => {
      const posting = optionalString(args, 'posting')
      return services.interviews.calibration(posting === undefined ? undefined : parseId(posting, '--posting'))
    },
    table: (calibration: CalibrationDto) =>
      calibration.interviewers.map((entry) => ({
        name: entry.name,
        scorecards: entry.scorecards,
        rated1: entry.ratingCounts[1],
        rated2: entry.ratingCounts[2],
        rated3: entry.ratingCounts[3],
        rated4: entry.ratingCounts[4],
        mean: entry.meanRating,
        vsPanel: entry.meanDifferenceFromPanel,
        unrated: entry.unratedShare,
        yesHireRate: entry.yesHireRate,
      })),
  },
  {
    name: 'scorecards import',
    usage: 'scorecards import FILE',
    summary:
      "Attach a scorecard file (filled from one of this workspace's packets) to its interview; the same file twice counts once.",
    positionals: 1,
    run: async ({ services, args }) => {
      const file = args.positionals[0] ?? ''
      const bytes = await readRegularFile(file, { maxBytes: SCORECARD_MAX_BYTES, accepted: 'scorecard files' })
      return services.scorecards.importFile(basename(file), bytes)
    },
    table: (result: ScorecardImportResultDto) => [
      {
        outcome: result.outcome,
        interview: result.interview.id,
        version: result.version,
        candidate: result.interview.candidateName,
      },
    ],
  },
]
