import type { ErrorCode } from './error-codes'

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

  // Raised by the services.
  posting_not_found: { code: 'not_found', en: 'Posting {{id}} does not exist.' },
  stage_not_found: { code: 'not_found', en: 'Stage {{id}} does not exist.' },
  person_not_found: { code: 'not_found', en: 'Person {{id}} does not exist.' },
  requirement_not_found: { code: 'not_found', en: 'Requirement {{id}} does not exist.' },
  candidate_not_found: { code: 'not_found', en: 'Candidate {{id}} does not exist.' },
  note_not_found: { code: 'not_found', en: 'Note {{id}} does not exist.' },
  document_not_found: { code: 'not_found', en: 'Document {{id}} does not exist.' },
  application_not_found: { code: 'not_found', en: 'Application {{id}} does not exist.' },
  ladder_not_found: { code: 'not_found', en: 'Ladder {{id}} does not exist.' },
  level_not_found: { code: 'not_found', en: 'Level {{id}} does not exist.' },
  competency_not_found: { code: 'not_found', en: 'Competency {{id}} does not exist.' },
  interview_not_found: { code: 'not_found', en: 'Interview {{id}} does not exist.' },
  interview_step_not_found: { code: 'not_found', en: 'Interview step {{id}} does not exist.' },
  opened_packet_not_found: { code: 'not_found', en: 'Opened packet {{id}} does not exist.' },
  scorecard_not_found: { code: 'not_found', en: 'Scorecard {{id}} does not exist.' },
  posting_closed_for_candidates: { code: 'conflict', en: '"{{title}}" is closed: reopen it before adding candidates.' },
  posting_closed_for_changes: {
    code: 'conflict',
    en: '"{{title}}" is closed: reopen it before changing its applications.',
  },
  posting_missing_stage: { code: 'conflict', en: 'The posting has no stage for this; check its pipeline.' },
  job_failed: { code: 'internal', en: 'The operation failed unexpectedly; nothing was saved.' },
  not_a_resume_file: {
    code: 'unsupported_file',
    en: '"{{fileName}}" is not a résumé file: use PDF, DOCX, TXT or Markdown.',
  },
  report_no_posting: { code: 'not_found', en: 'There is no posting {{id}}.' },
  report_no_level: { code: 'not_found', en: 'There is no level {{id}}.' },
  report_unknown: { code: 'not_found', en: 'There is no report "{{name}}". Reports: {{known}}.' },
  report_no_drilldown: { code: 'not_found', en: 'The report "{{name}}" has no drill-down.' },
  anonymise_unknown_candidates: { code: 'not_found', en: 'No candidate {{ids}}: nobody was anonymised.' },
  file_password_protected: {
    code: 'unsupported_file',
    en: '{{file}} is password-protected; remove the password and try again.',
  },
  pdf_password_protected: {
    code: 'unsupported_file',
    en: 'The PDF is password-protected; remove the password and try again.',
  },
  no_file_made: { code: 'internal', en: 'No file was made.' },
  stage_name_unknown: { code: 'invalid_input', en: 'No stage "{{name}}" in this posting; its stages are {{stages}}.' },
  csv_unknown_columns: {
    code: 'invalid_input',
    en: '{{fileName}} has no column {{unknown}}; its columns are {{columns}}.',
  },
  csv_publish_busy: {
    code: 'busy',
    en: 'The database stayed busy while the import was adding its candidates: {{published}} of {{total}} are in. The rest are added, once each, the next time this workspace is opened or another import starts.',
  },
  csv_publish_failed: {
    code: 'internal',
    en: 'The import stopped while adding its candidates: {{published}} of {{total}} are in. The rest are added, once each, the next time this workspace is opened or another import starts.',
  },
  folder_unreadable: { code: 'not_found', en: 'Cannot read the folder {{folder}}: {{detail}}' },
  file_unwritable: { code: 'invalid_input', en: 'Cannot write {{file}}: {{detail}}' },
  posting_level_needed: {
    code: 'invalid_input',
    en: 'No level title of any ladder appears in the posting: choose its target level (see "ladders list").',
  },
  posting_status_change: { code: 'conflict', en: 'A {{from}} posting cannot become {{to}}.' },
  posting_has_applications: {
    code: 'conflict',
    en: '"{{title}}" has applications and cannot be deleted; close it instead.',
  },
  requirement_not_archived: { code: 'conflict', en: 'This requirement is not archived.' },
  candidate_erased: {
    code: 'conflict',
    en: 'Candidate {{id}} was erased; nothing can be added to or changed on them.',
  },
  candidate_duplicate_contact: {
    code: 'conflict',
    en: '{{name}} (candidate {{id}}) already has this e-mail address or phone number. Open that profile, or create anyway.',
  },
  file_already_attached: { code: 'conflict', en: 'This file is already attached to {{name}} as "{{fileName}}".' },
  resume_already_imported: {
    code: 'conflict',
    en: '"{{fileName}}" was already imported: it is "{{existing}}" of {{name}} (candidate {{id}}).',
  },
  stage_name_taken: { code: 'conflict', en: 'This posting already has a stage named "{{name}}".' },
  stages_at_most: { code: 'conflict', en: 'A posting has at most {{max}} stages.' },
  stage_hired_kept: { code: 'conflict', en: '"{{name}}" is where hired applicants go; it cannot be removed.' },
  stage_only_one: { code: 'conflict', en: '"{{name}}" is the only stage before hiring; add another one first.' },
  ladder_name_taken: {
    code: 'conflict',
    en: 'A ladder named "{{name}}" already exists. Rename it, or import under another name.',
  },
  candidate_no_email: {
    code: 'invalid_input',
    en: '{{name}} has no e-mail address: add one to their profile before writing to them.',
  },
  interview_no_application: { code: 'not_found', en: 'Interview {{id}} has no live application.' },
  person_archived: { code: 'conflict', en: '{{name}} is archived and cannot be chosen.' },
  step_has_interviews: {
    code: 'conflict',
    en: '"{{name}}" has {{count}} scheduled interview(s): cancel them (or keep the step) before removing it.',
  },
  plan_copy_same_posting: { code: 'invalid_input', en: 'Choose another posting to copy the interview plan from.' },
  plan_copy_empty: { code: 'invalid_input', en: '"{{title}}" has no interview plan to copy.' },
  hiring_manager_archived: { code: 'conflict', en: '{{name}} is archived and cannot be the hiring manager.' },
  stage_not_in_posting: { code: 'invalid_input', en: 'Stage {{id}} is not a stage of this posting.' },
  candidate_erased_cannot_apply: {
    code: 'conflict',
    en: 'Candidate {{id}} was erased; they cannot apply to a posting.',
  },
  posting_no_stage: { code: 'conflict', en: '"{{title}}" has no stage to apply to.' },
  application_start_hired: {
    code: 'invalid_input',
    en: 'A new application cannot start in "{{stage}}": hire it after adding.',
  },
  sort_rating_needs_requirement: { code: 'invalid_input', en: 'Sorting by rating needs the requirement to sort by.' },
  candidates_unknown_none_added: { code: 'not_found', en: 'Candidate {{ids}} does not exist; nobody was added.' },
  application_closed_move: { code: 'conflict', en: 'This application is {{status}}: reopen it before moving it.' },
  application_already_status: { code: 'conflict', en: 'This application is already {{status}}.' },
  application_reopen_before_hiring: { code: 'invalid_input', en: 'Reopen it into one of the stages before hiring.' },
  application_closed_status: {
    code: 'conflict',
    en: 'This application is {{current}}: reopen it before marking it {{status}}.',
  },
  application_stage_only_reopen: { code: 'invalid_input', en: 'A stage is chosen only when reopening an application.' },
  application_reason_required: { code: 'invalid_input', en: 'A reason is required to mark it {{status}}.' },
  choose_other_posting: { code: 'invalid_input', en: 'Choose another posting than this one.' },
  undo_posting_closed: { code: 'conflict', en: '"{{title}}" is closed: nothing was undone.' },
} as const satisfies Record<string, MessageSpec>

export type ErrorKey = keyof typeof errorMessages

/** The English text of a message with its parameters filled in. */
export function englishMessage(key: ErrorKey, params: ErrorParams = {}): string {
  return errorMessages[key].en.replace(/\{\{(\w+)\}\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  )
}
