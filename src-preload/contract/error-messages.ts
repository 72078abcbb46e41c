import type { ErrorCode } from './result'

/** Values a message is built from: ids, names, numbers; never a whole sentence. */
export type ErrorParams = Record<string, string | number>

interface MessageSpec {
  code: ErrorCode
  /** The English text sent on the wire for logs and API clients; `{{name}}` marks a parameter (i18next syntax). */
  en: string
}

/**
 * Every message an error of the core or of the contract's validation can carry, declared once.
 * The renderer translates each key from its `errors` locale files (a test checks that every key is
 * translated in every language and that the English file says the same as `en` here); the CLI prints `en`.
 */
export const errorMessages = {
  // One per error code: what is shown when an error carries no more specific key.
  code_invalid_input: { code: 'invalid_input', en: 'The input is not valid.' },
  code_unknown_channel: { code: 'unknown_channel', en: 'Unknown channel "{{channel}}".' },
  code_forbidden: { code: 'forbidden', en: 'This is not allowed.' },
  code_not_found: { code: 'not_found', en: 'It does not exist (any more).' },
  code_conflict: { code: 'conflict', en: 'This conflicts with the current data.' },
  code_too_large: { code: 'too_large', en: 'This is too large.' },
  code_unsupported_file: { code: 'unsupported_file', en: 'This kind of file is not supported.' },
  code_unreadable_file: { code: 'unreadable_file', en: 'The file could not be read.' },
  code_timeout: { code: 'timeout', en: 'This took too long and was stopped.' },
  code_incompatible_database: { code: 'incompatible_database', en: 'The database cannot be opened by this version.' },
  code_cancelled: { code: 'cancelled', en: 'Cancelled; nothing was saved.' },
  code_busy: { code: 'busy', en: 'Another Yardstick is writing to this workspace; nothing was changed. Try again.' },
  code_database_unreachable: {
    code: 'database_unreachable',
    en: 'The PostgreSQL server cannot be reached or did not answer in time; nothing was changed.',
  },
  code_database_access_denied: {
    code: 'database_access_denied',
    en: 'The PostgreSQL server refused the user, the password or the right to create tables; nothing was changed.',
  },
  code_internal: { code: 'internal', en: 'Something went wrong; the change was not saved. Details are in the log.' },

  // The contract's validation: `invalid_field` wraps the first issue, the others describe one issue.
  invalid_field: { code: 'invalid_input', en: '{{field}}: {{detail}}' },
  v_required: { code: 'invalid_input', en: 'Required' },
  v_invalid_type: { code: 'invalid_input', en: 'Expected {{expected}}' },
  v_too_short: { code: 'invalid_input', en: 'Too short (at least {{minimum}} characters)' },
  v_too_long: { code: 'invalid_input', en: 'Too long (at most {{maximum}} characters)' },
  v_too_small: { code: 'invalid_input', en: 'Must be at least {{minimum}}' },
  v_too_small_exclusive: { code: 'invalid_input', en: 'Must be more than {{minimum}}' },
  v_too_big: { code: 'invalid_input', en: 'Must be at most {{maximum}}' },
  v_too_big_exclusive: { code: 'invalid_input', en: 'Must be less than {{maximum}}' },
  v_too_few: { code: 'invalid_input', en: 'Give at least {{minimum}}' },
  v_too_many: { code: 'invalid_input', en: 'Give at most {{maximum}}' },
  v_not_integer: { code: 'invalid_input', en: 'Must be a whole number' },
  v_format: { code: 'invalid_input', en: 'Not in the expected form ({{format}})' },
  v_one_of: { code: 'invalid_input', en: 'Must be one of {{values}}' },
  v_unknown_fields: { code: 'invalid_input', en: 'Unknown field: {{keys}}' },
  v_multiple_of: { code: 'invalid_input', en: 'Must be a multiple of {{divisor}}' },
  v_invalid: { code: 'invalid_input', en: 'Not a valid value' },
  v_single_line: { code: 'invalid_input', en: 'Must be a single line' },
  v_control_characters: { code: 'invalid_input', en: 'Must not contain control characters' },
  v_email: { code: 'invalid_input', en: 'Not an email address' },
  v_date_form: { code: 'invalid_input', en: 'Use the form YYYY-MM-DD' },
  v_not_calendar_date: { code: 'invalid_input', en: 'Not a date in the calendar' },
  v_year_range: { code: 'invalid_input', en: 'Use a year from {{min}} to {{max}}' },
  v_date_time: { code: 'invalid_input', en: 'A date and time such as 2026-03-02T09:30:00Z' },
  v_file_name_separators: { code: 'invalid_input', en: 'A file name cannot contain path separators' },
  v_file_too_large: { code: 'invalid_input', en: 'The file is too large (at most {{megabytes}} MB)' },
  v_not_base64: { code: 'invalid_input', en: 'Not base64 data' },
  v_stage_twice: { code: 'invalid_input', en: 'A stage appears twice' },
  v_applicant_twice: { code: 'invalid_input', en: 'An applicant appears twice' },
  v_reason_to_reject: { code: 'invalid_input', en: 'A reason is required to reject' },
  v_reason_to_withdraw: { code: 'invalid_input', en: 'A reason is required to withdraw' },
  v_reason_for_status: { code: 'invalid_input', en: 'A reason is required to mark it {{status}}' },
  v_rating_sort_needs_requirement: {
    code: 'invalid_input',
    en: 'Sorting by rating needs the requirement (ratingOf)',
  },
  v_ids_or_filter: { code: 'invalid_input', en: 'Give either the applications (ids) or a filter' },
  v_merge_into_itself: { code: 'invalid_input', en: 'A candidate cannot be merged into itself' },
  v_day_order: { code: 'invalid_input', en: 'The day must start before it ends' },
  v_rating_scale: { code: 'invalid_input', en: 'A rating is 1, 2, 3 or 4 (or empty: not rated)' },
  v_language_code: { code: 'invalid_input', en: 'Not an ISO 639-1 language code' },
  v_country_code: { code: 'invalid_input', en: 'Not an ISO 3166-1 country code' },
  v_must_have_and_preferred: { code: 'invalid_input', en: 'An item cannot be both a must-have and preferred' },
  v_text_or_file: { code: 'invalid_input', en: 'Give either text or a file' },
  v_consent_order: { code: 'invalid_input', en: 'Consent cannot expire before it was given' },
  v_confirm_erasure: { code: 'invalid_input', en: 'Confirm the erasure' },
  v_choose_candidate: { code: 'invalid_input', en: 'Choose at least one candidate' },
  v_backups_reason: { code: 'invalid_input', en: 'Say why the backups are kept' },
  v_date_range: { code: 'invalid_input', en: 'The start date is after the end date' },
} as const satisfies Record<string, MessageSpec>

export type ErrorKey = keyof typeof errorMessages

/** The English text of a message with its parameters filled in. */
export function englishMessage(key: ErrorKey, params: ErrorParams = {}): string {
  return errorMessages[key].en.replace(/\{\{(\w+)\}\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  )
}
