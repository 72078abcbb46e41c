import type { z } from 'zod'
import type { ErrorDto, IssueDto } from '@contract/result'
import { englishMessage, type ErrorKey, type ErrorParams } from '@contract/error-messages'
import { MAX_YEAR, MIN_YEAR } from '@contract/common'

type ZodIssue = z.core.$ZodIssue

/**
 * The contract's own wordings of a refusal, each with its message key: a refinement's text names the
 * rule better than zod's issue code does. Matched on the whole English text the contract declares.
 */
const contractWordings: Record<string, ErrorKey> = {
  Required: 'v_required',
  'Must be a single line': 'v_single_line',
  'Must not contain control characters': 'v_control_characters',
  'Not an email address': 'v_email',
  'Use the form YYYY-MM-DD': 'v_date_form',
  'Not a date in the calendar': 'v_not_calendar_date',
  [`Use a year from ${MIN_YEAR} to ${MAX_YEAR}`]: 'v_year_range',
  'A date and time such as 2026-03-02T09:30:00Z': 'v_date_time',
  'A file name cannot contain path separators': 'v_file_name_separators',
  'Not base64 data': 'v_not_base64',
  'A stage appears twice': 'v_stage_twice',
  'A role appears twice': 'v_role_twice',
  'An applicant appears twice': 'v_applicant_twice',
  'A reason is required to reject': 'v_reason_to_reject',
  'A reason is required to withdraw': 'v_reason_to_withdraw',
  'Sorting by rating needs the requirement (ratingOf)': 'v_rating_sort_needs_requirement',
  'Give either the applications (ids) or a filter': 'v_ids_or_filter',
  'A candidate cannot be merged into itself': 'v_merge_into_itself',
  'The day must start before it ends': 'v_day_order',
  'A rating is 1, 2, 3 or 4 (or empty: not rated)': 'v_rating_scale',
  'Not an ISO 639-1 language code': 'v_language_code',
  'Not an ISO 3166-1 country code': 'v_country_code',
  'Not a country code (ISO 3166-1 alpha-2, e.g. FR)': 'v_country_code',
  'An item cannot be both a must-have and preferred': 'v_must_have_and_preferred',
  'Give either text or a file': 'v_text_or_file',
  'Consent cannot expire before it was given': 'v_consent_order',
  'Confirm the erasure': 'v_confirm_erasure',
  'Choose at least one candidate': 'v_choose_candidate',
  'Say why the backups are kept': 'v_backups_reason',
  'The start date is after the end date': 'v_date_range',
}

const number = (value: number | bigint) => Number(value)

/** A message key and parameters for one zod issue, so it can be shown in the user's language. */
export function issueKey(issue: ZodIssue): { key: ErrorKey; params?: ErrorParams } {
  const worded = contractWordings[issue.message]
  if (worded) return { key: worded, params: worded === 'v_year_range' ? { min: MIN_YEAR, max: MAX_YEAR } : undefined }
  if (/^A reason is required to mark it \w+$/.test(issue.message))
    return { key: 'v_reason_for_status', params: { status: issue.message.split(' ').at(-1) ?? '' } }
  if (/^The file is too large \(at most \d+ MB\)$/.test(issue.message))
    return { key: 'v_file_too_large', params: { megabytes: Number(/\d+/.exec(issue.message)?.[0]) } }
  switch (issue.code) {
    case 'invalid_type':
      return / received undefined$/.test(issue.message)
        ? { key: 'v_required' }
        : issue.expected === 'int'
          ? { key: 'v_not_integer' }
          : { key: 'v_invalid_type', params: { expected: issue.expected } }
    case 'too_small': {
      const minimum = number(issue.minimum)
      if (issue.origin === 'string')
        return minimum <= 1 ? { key: 'v_required' } : { key: 'v_too_short', params: { minimum } }
      if (issue.origin === 'array' || issue.origin === 'set') return { key: 'v_too_few', params: { minimum } }
      return { key: issue.inclusive === false ? 'v_too_small_exclusive' : 'v_too_small', params: { minimum } }
    }
    case 'too_big': {
      const maximum = number(issue.maximum)
      if (issue.origin === 'string') return { key: 'v_too_long', params: { maximum } }
      if (issue.origin === 'array' || issue.origin === 'set') return { key: 'v_too_many', params: { maximum } }
      return { key: issue.inclusive === false ? 'v_too_big_exclusive' : 'v_too_big', params: { maximum } }
    }
    case 'invalid_format':
      return { key: 'v_format', params: { format: issue.format === 'regex' ? 'pattern' : issue.format } }
    case 'invalid_value':
      return { key: 'v_one_of', params: { values: issue.values.map(String).join(', ') } }
    case 'unrecognized_keys':
      return { key: 'v_unknown_fields', params: { keys: issue.keys.join(', ') } }
    case 'not_multiple_of':
      return { key: 'v_multiple_of', params: { divisor: number(issue.divisor) } }
    default:
      return { key: 'v_invalid' }
  }
}

/** The issues of a refused input, each with the field it names, its English message and its key. */
export function validationIssues(error: z.ZodError): IssueDto[] {
  return error.issues.map((issue) => {
    const { key, params } = issueKey(issue)
    return {
      path: issue.path.map(String).join('.') || '(input)',
      message: issue.message,
      key,
      ...(params ? { params } : {}),
    }
  })
}

/** The error of an input the contract refused: the first issue, with every issue listed. */
export function validationError(error: z.ZodError): ErrorDto {
  const issues = validationIssues(error)
  const first = issues[0]
  if (!first) return { code: 'invalid_input', message: 'Invalid input.', key: 'code_invalid_input', issues }
  const params = { field: first.path, detail: first.message }
  return {
    code: 'invalid_input',
    message: englishMessage('invalid_field', params),
    key: 'invalid_field',
    params,
    issues,
  }
}
