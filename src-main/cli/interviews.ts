import type { CalibrationDto, InterviewSummaryDto, ScorecardImportResultDto } from '@contract'
import { kitLanguages } from '@contract/closed-lists'
import { SCORECARD_MAX_BYTES } from '../core/interviews/exchange-files'
import { type CliCommand, type CommandArgs, numberFlag, optionalString, UsageError } from './command'
import { uploadOf, writeDownload } from './transfers'

/** --out, required and with the extension the file's kind needs. */
function outFile(args: CommandArgs, extension?: string): string {
  const out = optionalString(args, 'out')
  if (!out || (extension && !out.toLowerCase().endsWith(extension)))
    throw new UsageError(`--out FILE is required${extension ? ` and must end in ${extension}` : ''}.`)
  return out
}

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

export const interviewCommands: CliCommand[] = [
  {
    name: 'interviews invite',
    usage: 'interviews invite --interview ID --out FILE.ics',
    summary: 'Write the interview as an .ics calendar invitation for the candidate and the interviewer.',
    positionals: 0,
    options: { interview: { type: 'string' }, out: { type: 'string' } },
    fields: { id: '--interview' },
    channel: 'messages:invite',
    run: async ({ call, args }) => {
      const out = outFile(args, '.ics')
      return writeDownload(await call('messages:invite', { id: numberFlag(args, 'interview') }), out)
    },
  },
  {
    name: 'interviews list',
    usage: 'interviews list [--posting ID]',
    summary: 'Interviews, soonest first, with their application, step, interviewer and scorecard status.',
    positionals: 0,
    options: { posting: { type: 'string' } },
    channel: 'interviews:list',
    run: async ({ call, args }) =>
      (await call('interviews:list', { postingId: numberFlag(args, 'posting') })).map(interviewJson),
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
    fields: { id: '--interview' },
    channel: 'interviews:packet',
    run: async ({ call, args }) => {
      const out = outFile(args)
      const packet = await call('interviews:packet', { id: numberFlag(args, 'interview') })
      return { interview: numberFlag(args, 'interview'), ...(await writeDownload(packet, out)) }
    },
  },
  {
    name: 'interviews kit',
    usage: `interviews kit --interview ID --out FILE.pdf [--language ${kitLanguages.join('|')}]`,
    summary: 'Print the interview kit: candidate, focus items with the level expectations, questions, an empty scale.',
    positionals: 0,
    options: { interview: { type: 'string' }, out: { type: 'string' }, language: { type: 'string' } },
    fields: { id: '--interview' },
    channel: 'interviews:kit',
    run: async ({ call, args }) => {
      const out = outFile(args, '.pdf')
      const kit = await call('interviews:kit', {
        id: numberFlag(args, 'interview'),
        language: optionalString(args, 'language'),
      })
      return { interview: numberFlag(args, 'interview'), ...(await writeDownload(kit, out)) }
    },
  },
  {
    name: 'interviews calibration',
    usage: 'interviews calibration [--posting ID]',
    summary:
      'Per interviewer, over decided applications: scorecards, ratings, distance from the panel, hire rate of their yes.',
    positionals: 0,
    options: { posting: { type: 'string' } },
    channel: 'interviews:calibration',
    run: ({ call, args }) => call('interviews:calibration', { postingId: numberFlag(args, 'posting') }),
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
    channel: 'scorecards:import',
    run: async ({ call, args }) => {
      const file = await uploadOf(args.positionals[0] ?? '', {
        maxBytes: SCORECARD_MAX_BYTES,
        accepted: 'scorecards',
      })
      return call('scorecards:import', { file })
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
