import type { ErrorDto, IssueDto } from '@contract'
import { englishMessage } from '@contract/error-messages'
import type { CliCommand, CommandArgs } from './command'

const kebab = (name: string) => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)

/** The flag or argument that filled a field of the channel's input, so a refusal names what the user typed. */
export function flagFor(path: string, command: CliCommand): string {
  const explicit = command.fields?.[path]
  if (explicit) return explicit
  const options = Object.keys(command.options ?? {})
  const segments = path.split('.').filter((segment) => !/^\d+$/.test(segment))
  for (const segment of segments.reverse()) {
    const explicitSegment = command.fields?.[segment]
    if (explicitSegment) return explicitSegment
    for (const name of [kebab(segment), kebab(segment.replace(/Ids?$/, ''))])
      if (options.includes(name)) return `--${name}`
  }
  return path
}

/** One issue in English, from its key when it has one (the wording the app shows, in English). */
export const issueText = (issue: IssueDto) => (issue.key ? englishMessage(issue.key, issue.params) : issue.message)

/** What the user typed for a flag, when there is one value to show. */
function typed(flag: string, args: CommandArgs): string | undefined {
  if (!flag.startsWith('--')) return args.positionals.length === 1 ? args.positionals[0] : undefined
  const value = args.values[flag.slice(2)]
  return typeof value === 'string' ? value : undefined
}

/** The lines printed on stderr for a refused call: the error, then each further issue (at most 20). */
export function failureLines(error: ErrorDto, command: CliCommand | null, args: CommandArgs | null): string[] {
  const issues = error.issues ?? []
  if (error.key === 'invalid_field' && command && args) {
    return issues.slice(0, 20).map((issue, index) => {
      const flag = flagFor(issue.path, command)
      const value = typed(flag, args)
      const got = value === undefined ? '' : ` (got "${value}")`
      return `${index === 0 ? 'error: ' : '  '}${flag}: ${issueText(issue)}${got}`
    })
  }
  const message = error.key ? englishMessage(error.key, error.params) : error.message
  return [`error: ${message}`, ...issues.slice(1, 20).map((issue) => `  ${issue.path}: ${issueText(issue)}`)]
}
