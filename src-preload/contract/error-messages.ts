import type { ErrorCode } from './error-codes'

/** Values a message is built from: ids, names, numbers; never a whole sentence. */
export type ErrorParams = Record<string, string | number>

interface MessageSpec {
  code: ErrorCode
  /** The English text sent on the wire for logs and API clients; `{{name}}` marks a parameter (i18next syntax). */
  en: string
  /** The English text when `count` is 1; the locale files then hold the key's plural forms (`_one`, `_other` …). */
  one?: string
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
  code_unauthenticated: { code: 'unauthenticated', en: 'Sign in to continue.' },
  code_rate_limited: { code: 'rate_limited', en: 'Too many tries; wait a moment and try again.' },
  code_server_unreachable: { code: 'server_unreachable', en: 'The team server cannot be reached; try again.' },

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
  v_email_value: { code: 'invalid_input', en: '"{{value}}" is not an e-mail address' },
  v_phone_value: { code: 'invalid_input', en: '"{{value}}" is not a valid phone number' },
  v_link_value: { code: 'invalid_input', en: '"{{value}}" is not a web address' },
  v_csv_field_twice: { code: 'invalid_input', en: 'Only one column can be the {{field}}.' },
  v_csv_no_name_column: {
    code: 'invalid_input',
    en: "No column holds the candidate's name. The file's columns are {{columns}}; map one to the name (or to first and last name).",
  },

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
    en: '"{{name}}" has {{count}} scheduled interviews: cancel them (or keep the step) before removing it.',
    one: '"{{name}}" has {{count}} scheduled interview: cancel it (or keep the step) before removing it.',
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
  application_moved_meanwhile_by: {
    code: 'conflict',
    en: '{{name}} moved this application meanwhile (now {{stage}}, {{time}}); reload to see it, then move it again.',
  },
  application_moved_meanwhile_at: {
    code: 'conflict',
    en: 'Someone moved this application meanwhile (now {{stage}}, {{time}}); reload to see it, then move it again.',
  },
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
  list_foreign_requirement: {
    code: 'invalid_input',
    en: "Sort and filter by this posting's own requirements ({{path}}).",
  },
  bulk_too_many: {
    code: 'invalid_input',
    en: '{{count}} applicants match: a bulk change covers at most {{max}}. Narrow the filter; nothing was changed.',
  },
  bulk_not_of_posting: {
    code: 'not_found',
    en: 'Application {{ids}} is not an application of this posting; nothing was changed.',
  },
  undo_changed_since: {
    code: 'conflict',
    en: 'Cannot undo: {{count}} applications ({{ids}}) changed since (someone moved or reopened them). Nothing was undone.',
    one: 'Cannot undo: {{count}} application ({{ids}}) changed since (someone moved or reopened it). Nothing was undone.',
  },
  undo_not_possible: { code: 'conflict', en: 'The change of application {{id}} cannot be undone; nothing was undone.' },
  already_applied: { code: 'conflict', en: 'This candidate already applied to "{{title}}" ({{stage}}, {{status}}).' },
  application_merged_assess: {
    code: 'conflict',
    en: 'Application {{id}} was merged into application {{into}} when its candidate was merged; assess that one.',
  },
  requirement_other_posting: {
    code: 'invalid_input',
    en: 'Requirement {{id}} belongs to another posting than this application ("{{title}}").',
  },
  requirement_archived_rating: {
    code: 'conflict',
    en: 'This requirement was removed from the posting; its ratings are kept but it is no longer rated.',
  },
  section_not_rated: { code: 'invalid_input', en: 'Benefits and other notes of a posting are not rated.' },
  compare_only_posting: { code: 'invalid_input', en: 'Only applicants of this posting can be compared ({{path}}).' },
  rating_changed_meanwhile_by: {
    code: 'conflict',
    en: '{{name}} changed this rating meanwhile (now {{rating}}, {{time}}); reload to see it, then rate again.',
  },
  rating_changed_meanwhile_at: {
    code: 'conflict',
    en: 'Someone changed this rating meanwhile (now {{rating}}, {{time}}); reload to see it, then rate again.',
  },
  rating_changed_meanwhile: {
    code: 'conflict',
    en: 'This rating changed meanwhile; reload to see it, then rate again.',
  },
  suggestion_stale: {
    code: 'conflict',
    en: 'This suggestion no longer applies: the résumé or the requirement changed. Reload to see the current ones.',
  },
  evidence_too_long: {
    code: 'invalid_input',
    en: 'The evidence would exceed {{max}} characters with this quote; shorten it first.',
  },
  requirement_not_assessed: { code: 'not_found', en: 'Requirement {{id}} is not assessed on this application.' },
  csv_problems: {
    code: 'invalid_input',
    en: '{{count}} problems in {{file}}; nothing was imported. First: {{path}}: {{detail}}',
    one: '{{count}} problem in {{file}}; nothing was imported. First: {{path}}: {{detail}}',
  },
  upload_id_invalid: { code: 'invalid_input', en: 'Not an upload id.' },
  upload_expired: { code: 'not_found', en: 'This upload is unknown or expired; choose the file again.' },
  csv_empty: { code: 'invalid_input', en: '{{file}} is empty: a CSV needs a header line and rows.' },
  csv_no_column: { code: 'invalid_input', en: '{{file}} has no column named {{columns}}.' },
  csv_mapping_length: {
    code: 'invalid_input',
    en: 'The mapping lists {{mapped}} columns but the file has {{columns}}.',
  },
  csv_is_spreadsheet: {
    code: 'unsupported_file',
    en: '{{file}} is a spreadsheet or zip file, not CSV text. Export it as CSV (UTF-8) first.',
  },
  csv_row_too_long: {
    code: 'invalid_input',
    en: '{{file}} has a row longer than {{megabytes}} MB (often a quote that is never closed); check the file.',
  },
  document_file_missing: {
    code: 'not_found',
    en: 'The original file of document {{id}} is missing from the data folder; its extracted text is still shown.',
  },
  file_name_separators: { code: 'invalid_input', en: 'A file name cannot contain path separators.' },
  merge_into_itself: { code: 'invalid_input', en: 'A candidate cannot be merged into itself.' },
  data_folder_uncreatable: {
    code: 'unreadable_file',
    en: 'The data folder {{folder}} cannot be created ({{detail}}).',
  },
  data_folder_is_file: { code: 'unreadable_file', en: 'The data folder {{folder}} is a file, not a folder.' },
  database_path_not_file: {
    code: 'unreadable_file',
    en: '{{file}} is not a file; move it away to let Yardstick create its database.',
  },
  database_not_sqlite: {
    code: 'incompatible_database',
    en: '{{file}} is not a database (it does not start as an SQLite file does); it was left untouched. Move it away or choose another data folder.',
  },
  database_newer: {
    code: 'incompatible_database',
    en: 'This database was written by a newer version of Yardstick (schema {{version}}; this version knows up to {{latest}}). Update Yardstick to open it; the file was left untouched.',
  },
  database_not_yardstick: {
    code: 'incompatible_database',
    en: 'This file is an SQLite database, but not a Yardstick one; it was left untouched.',
  },
  backups_path_is_file: {
    code: 'unreadable_file',
    en: '{{folder}} is a file, but Yardstick keeps its backups in a folder of that name; move the file away and open the workspace again. Nothing was changed.',
  },
  database_busy_by: {
    code: 'busy',
    en: 'The database is busy: {{who}} is writing to this data folder. Nothing was changed; try again in a moment.',
  },
  database_busy: {
    code: 'busy',
    en: 'The database is busy: another program is writing to this data folder. Nothing was changed; try again in a moment.',
  },
  pg_database_newer: {
    code: 'incompatible_database',
    en: 'This database was written by a newer version of Yardstick (schema {{version}}; this version knows up to {{latest}}). Update Yardstick to open it; the database was left untouched.',
  },
  pg_migration_sqlite_only: {
    code: 'incompatible_database',
    en: 'This version of Yardstick cannot prepare a PostgreSQL database: migration {{name}} exists for SQLite only. The database was left untouched.',
  },
  pg_schema_foreign: {
    code: 'incompatible_database',
    en: 'This PostgreSQL database is not a Yardstick one: its schema already holds other tables ({{tables}}). It was left untouched; give Yardstick an empty database of its own.',
  },
  database_and_data_dir: {
    code: 'invalid_input',
    en: 'Give either --database (a PostgreSQL URL) or --data-dir (a local folder), not both.',
  },
  database_option_not_url: {
    code: 'invalid_input',
    en: '{{option}} takes a PostgreSQL URL (postgres://USER:PASSWORD@HOST:PORT/DATABASE); a local workspace is opened with --data-dir.',
  },

  pg_url_unreadable: {
    code: 'invalid_input',
    en: 'The database URL cannot be read; write it as postgres://USER:PASSWORD@HOST:PORT/DATABASE (with special characters of the password percent-encoded).',
  },
  pg_url_scheme: {
    code: 'invalid_input',
    en: 'The database URL must start with postgres:// or postgresql://, not {{scheme}}. A local workspace is opened with --data-dir.',
  },
  pg_url_no_host: {
    code: 'invalid_input',
    en: 'The database URL names no server: postgres://USER:PASSWORD@HOST:PORT/DATABASE.',
  },
  pg_url_no_database: {
    code: 'invalid_input',
    en: 'The database URL names no database: add its name after the server, as in postgres://USER@HOST:5432/yardstick.',
  },
  pg_server_too_old: {
    code: 'incompatible_database',
    en: 'The PostgreSQL server at {{server}} runs version {{version}}; Yardstick needs 13 or newer. Nothing was changed.',
  },
  pg_credentials_refused: {
    code: 'database_access_denied',
    en: 'The PostgreSQL server at {{server}} refused the user name or password ({{detail}}). Check the credentials in the URL.',
  },
  pg_create_denied: {
    code: 'database_access_denied',
    en: "The user in the URL may not create Yardstick's tables in {{server}} ({{detail}}). Give it its own database, or the right to create in it. Nothing was changed.",
  },
  pg_no_database: {
    code: 'not_found',
    en: 'The PostgreSQL server has no database named "{{database}}". Create it (createdb {{database}}) or correct the URL.',
  },
  pg_preparing_elsewhere: {
    code: 'busy',
    en: 'Another Yardstick is preparing the database {{server}} and did not finish in time. Nothing was changed; try again in a moment.',
  },
  pg_not_accepting: {
    code: 'database_unreachable',
    en: 'The PostgreSQL server at {{server}} does not accept connections now ({{detail}}). Try again in a moment.',
  },
  pg_unreachable: {
    code: 'database_unreachable',
    en: 'The PostgreSQL server at {{server}} cannot be reached ({{detail}}). Check the host and port, and that the server runs.',
  },
  pg_no_answer: {
    code: 'database_unreachable',
    en: 'The PostgreSQL server at {{server}} did not answer in time. Check the host and port, and that the server runs.',
  },
  demo_folder_not_empty: {
    code: 'conflict',
    en: 'This data folder already has {{count}} candidates; generate into an empty folder.',
  },
  pdf_no_header: {
    code: 'unreadable_file',
    en: '"{{file}}" is not a valid PDF: it has no %PDF header (damaged or mislabelled file).',
  },
  docx_not_zip: {
    code: 'unreadable_file',
    en: '"{{file}}" is not a valid DOCX: a DOCX is a zip archive and this file is not one (damaged or renamed file).',
  },
  document_unsupported: {
    code: 'unsupported_file',
    en: '"{{file}}" is not a supported document: use PDF, DOCX, TXT, Markdown or HTML.',
  },
  document_damaged: { code: 'unreadable_file', en: '{{file}} is damaged and could not be read ({{detail}}).' },
  file_empty_quoted: { code: 'unreadable_file', en: '"{{file}}" is empty.' },
  posting_file_empty: { code: 'invalid_input', en: '"{{file}}" is empty.' },
  pdf_damaged: { code: 'unreadable_file', en: 'The PDF is damaged and could not be read ({{detail}}).' },
  extraction_cancelled: { code: 'cancelled', en: 'The extraction was cancelled.' },
  extraction_not_started: { code: 'internal', en: 'The text extraction process could not start: {{detail}}' },
  document_memory_exceeded: {
    code: 'too_large',
    en: '"{{file}}" is too large to read: reading it needed more than {{megabytes}} MB of memory and was stopped.',
  },
  document_timeout: { code: 'timeout', en: 'Reading "{{file}}" took longer than {{limit}} and was stopped.' },
  extraction_failed: { code: 'internal', en: 'The text extraction process failed: {{detail}}' },
  extraction_exited: { code: 'internal', en: 'The text extraction process stopped unexpectedly (exit code {{code}}).' },
  extraction_not_taken: { code: 'internal', en: 'The text extraction process did not take the file: {{detail}}' },
  extraction_limit_invalid: { code: 'invalid_input', en: 'The extraction limit {{key}} must be a positive number.' },
  pdf_bomb: {
    code: 'too_large',
    en: "This file is too large to read: the PDF's compressed content unpacks to more than {{limit}} (PDF bomb?); it was not opened.",
  },
  zip_directory_unreadable: {
    code: 'unreadable_file',
    en: '{{file}} is damaged: its zip directory cannot be read ({{detail}}).',
  },
  zip_part_unreadable: {
    code: 'unreadable_file',
    en: '{{file}} is damaged: part "{{part}}" cannot be read ({{detail}}).',
  },
  zip_part_undecompressable: {
    code: 'unreadable_file',
    en: '{{file}} is damaged: part "{{part}}" cannot be decompressed.',
  },
  zip_too_many_parts: { code: 'too_large', en: '{{file}} holds {{count}} parts; at most {{max}} are accepted.' },
  zip_directory_corrupt: {
    code: 'unreadable_file',
    en: '{{file}} is damaged: its zip directory is corrupt ({{detail}}).',
  },
  zip_compression_unsupported: {
    code: 'unsupported_file',
    en: '{{file}} uses an unsupported compression method ({{method}}).',
  },
  file_not_utf8: {
    code: 'invalid_input',
    en: '{{file}}: line {{line}}: the file is not UTF-8 text. Save it as UTF-8 and import it again.',
  },
  file_binary: { code: 'unsupported_file', en: 'The file contains binary data, not text.' },
  file_unreadable_detail: { code: 'not_found', en: 'Cannot read {{file}}: {{detail}}.' },
  path_is_folder: { code: 'unsupported_file', en: '{{file}} is a folder; give the path of a file.' },
  path_not_regular_file: {
    code: 'unsupported_file',
    en: '{{file}} is not a regular file (a pipe, socket or device); give the path of a file.',
  },
  not_content_hash: { code: 'invalid_input', en: 'Not a content hash.' },
  exchange_too_large_packet: {
    code: 'too_large',
    en: '{{file}} is too large to be an interview packet (at most {{megabytes}} MB).',
  },
  exchange_too_large_scorecard: {
    code: 'too_large',
    en: '{{file}} is too large to be a scorecard file (at most {{megabytes}} MB).',
  },
  exchange_not_utf8_packet: {
    code: 'unsupported_file',
    en: '{{file}} is not an interview packet: it is not UTF-8 text.',
  },
  exchange_not_utf8_scorecard: {
    code: 'unsupported_file',
    en: '{{file}} is not a scorecard file: it is not UTF-8 text.',
  },
  file_empty: { code: 'invalid_input', en: '{{file}} is empty.' },
  exchange_truncated: {
    code: 'invalid_input',
    en: '{{file}} is incomplete: the file ends in the middle (was it truncated while copying?). Ask for the file again.',
  },
  exchange_not_json_packet: { code: 'invalid_input', en: '{{file}} is not an interview packet: it is not valid JSON.' },
  exchange_not_json_scorecard: { code: 'invalid_input', en: '{{file}} is not a scorecard file: it is not valid JSON.' },
  exchange_not_kind_packet: { code: 'unsupported_file', en: '{{file}} is not an interview packet.' },
  exchange_not_kind_scorecard: { code: 'unsupported_file', en: '{{file}} is not a scorecard file.' },
  exchange_too_deep_packet: {
    code: 'invalid_input',
    en: '{{file}} is not an interview packet: it nests more than {{max}} levels deep. Nothing was changed.',
  },
  exchange_too_deep_scorecard: {
    code: 'invalid_input',
    en: '{{file}} is not a scorecard file: it nests more than {{max}} levels deep. Nothing was changed.',
  },
  exchange_packet_not_scorecard: {
    code: 'unsupported_file',
    en: '{{file}} is an interview packet, not a scorecard: open it with "Open packet" to fill the scorecard.',
  },
  exchange_scorecard_not_packet: {
    code: 'unsupported_file',
    en: '{{file}} is a scorecard file, not an interview packet: import it with "Import scorecard".',
  },
  exchange_newer_format: {
    code: 'unsupported_file',
    en: '{{file}} was written by a newer Yardstick (format version {{version}}); this one reads version {{supported}}. Update Yardstick to open it.',
  },
  exchange_invalid_packet: {
    code: 'invalid_input',
    en: '{{file}} is not a valid interview packet ({{path}}: {{detail}}). Nothing was changed.',
  },
  exchange_invalid_scorecard: {
    code: 'invalid_input',
    en: '{{file}} is not a valid scorecard ({{path}}: {{detail}}). Nothing was changed.',
  },
  exchange_tampered: {
    code: 'invalid_input',
    en: '{{file}} was changed after it was exported: its content does not match its SHA-256. Nothing was changed; ask for a freshly exported file.',
  },
  packet_of_this_workspace: {
    code: 'conflict',
    en: '{{file}} is a packet of this workspace: fill its scorecard under My interviews instead.',
  },
  packet_already_open: { code: 'conflict', en: '{{file}} is already open here.' },
  recommendation_before_export: {
    code: 'invalid_input',
    en: 'Choose an overall recommendation before exporting the scorecard.',
  },
  packet_opened_before: {
    code: 'conflict',
    en: '{{file}} was already opened here on {{date}}: continue that scorecard under My interviews (nothing was changed).',
  },
  opened_packet_damaged: { code: 'internal', en: 'The scorecard of opened packet {{id}} is damaged.' },
  plan_order_every_step: { code: 'invalid_input', en: 'The new order must list every step of this plan exactly once.' },
  focus_not_of_posting: { code: 'invalid_input', en: 'A focus item does not belong to this posting ({{path}}).' },
  scorecard_rates_uncovered: {
    code: 'invalid_input',
    en: 'The scorecard rates something this interview does not cover ({{path}}).',
  },
  recommendation_before_submit: { code: 'invalid_input', en: 'Choose an overall recommendation before submitting.' },
  no_scorecard_to_amend: { code: 'conflict', en: 'There is no submitted scorecard to amend yet.' },
  no_amendment_to_discard: { code: 'conflict', en: 'There is no amendment in progress to discard.' },
  scorecard_from_future: {
    code: 'invalid_input',
    en: '{{file}} says it was exported on {{date}}, which is in the future. Nothing was changed; ask for a freshly exported file.',
  },
  scorecard_unknown_packet: {
    code: 'invalid_input',
    en: '{{file}} names a packet this workspace never issued for this interview. Nothing was changed.',
  },
  scorecard_other_workspace: {
    code: 'invalid_input',
    en: '{{file}} belongs to another workspace ({{uid}}), not to "{{workspace}}": import it in the workspace that exported the packet. Nothing was changed.',
  },
  scorecard_interview_gone: {
    code: 'not_found',
    en: '{{file}} is for interview {{id}}, which no longer exists here (was it cancelled?). Nothing was changed.',
  },
  scorecard_signature_mismatch: {
    code: 'invalid_input',
    en: "{{file}} was not made from this interview's packet: its signature does not match. Nothing was changed.",
  },
  scorecard_revision_old: {
    code: 'conflict',
    en: '{{file}} is revision {{revision}} of this scorecard, but revision {{imported}} was already imported. Nothing was changed.',
  },
  scorecard_draft_here: {
    code: 'conflict',
    en: '{{name}} has an unsubmitted draft for this interview here: submit or discard it before importing {{file}}. Nothing was changed.',
  },
  scorecard_items_foreign: {
    code: 'invalid_input',
    en: 'The scorecard rates items that are not part of "{{title}}" ({{items}}). Nothing was changed.',
  },
  choose_who_you_are: { code: 'forbidden', en: 'Choose who you are (the menu at the top) before writing a scorecard.' },
  scorecard_only_interviewer: { code: 'forbidden', en: 'Only {{name}}, the interviewer, can write this scorecard.' },
  scorecard_locked: {
    code: 'conflict',
    en: 'This scorecard is submitted and locked: amend it to change it (the submitted version is kept).',
  },
  scorecard_changed_meanwhile: {
    code: 'conflict',
    en: 'This scorecard changed meanwhile (in another window or on another computer): reload it, then save again.',
  },
  application_merged_schedule: {
    code: 'conflict',
    en: 'Application {{id}} was merged into application {{into}}: schedule there.',
  },
  interview_application_closed: {
    code: 'conflict',
    en: 'This application is {{status}}: interviews are scheduled for active applications only.',
  },
  step_not_in_plan: { code: 'invalid_input', en: 'Step {{id}} is not part of the interview plan of "{{title}}".' },
  interviewer_already_on_step: {
    code: 'conflict',
    en: '{{name}} is already scheduled for "{{step}}" with this candidate.',
  },
  interviewer_fixed_by_scorecard: {
    code: 'conflict',
    en: 'A scorecard was already started for this interview: its interviewer cannot change.',
  },
  interview_submitted_no_cancel: {
    code: 'conflict',
    en: 'A scorecard was submitted for this interview: it cannot be cancelled.',
  },
  person_cannot_interview: { code: 'conflict', en: '{{name}} is archived and cannot interview.' },
  interviewer_busy: {
    code: 'conflict',
    en: '{{name}} already has an interview at that time ({{time}} UTC, {{minutes}} minutes).',
  },
  interview_incomplete: { code: 'not_found', en: 'Interview {{id}} is incomplete.' },
  job_unknown: { code: 'not_found', en: 'This operation is unknown or finished too long ago.' },
  level_competency_other_ladder: {
    code: 'invalid_input',
    en: 'The level and the competency belong to different ladders.',
  },
  ladder_order_levels: {
    code: 'invalid_input',
    en: "The new order must list each of the ladder's levels exactly once.",
  },
  ladder_order_competencies: {
    code: 'invalid_input',
    en: "The new order must list each of the ladder's competencies exactly once.",
  },
  ladder_file_extension: { code: 'unsupported_file', en: '{{file}}: use a .yaml, .yml or .csv file.' },
  ladder_file_invalid: { code: 'invalid_input', en: '{{file}}: {{path}}: {{detail}}' },
  ladder_file_invalid_more: {
    code: 'invalid_input',
    en: '{{file}}: {{path}}: {{detail}} (and {{count}} more problems)',
    one: '{{file}}: {{path}}: {{detail}} (and {{count}} more problem)',
  },
  template_placeholder_subject: {
    code: 'invalid_input',
    en: 'Unknown placeholder {{name}} in the subject: use {{known}}.',
  },
  template_placeholder_body: { code: 'invalid_input', en: 'Unknown placeholder {{name}} in the body: use {{known}}.' },
  html_too_deep: { code: 'unsupported_file', en: 'The HTML is nested too deeply to read as a posting.' },
  posting_text_not_string: { code: 'invalid_input', en: 'The posting text must be a string.' },
  posting_text_too_long: {
    code: 'too_large',
    en: 'The posting text is too long ({{length}} characters; the limit is {{max}}).',
  },
  posting_text_binary: {
    code: 'unsupported_file',
    en: 'The text looks like binary data (for example a PDF or Word file read as plain text). Paste the posting text or extract it from the file first.',
  },
  posting_no_text: { code: 'invalid_input', en: 'No text found in the posting.' },
  requirement_competency_other_ladder: {
    code: 'invalid_input',
    en: "A requirement can only link a competency of the target level's ladder ({{path}}).",
  },
  posting_text_empty: { code: 'invalid_input', en: 'The text is empty: paste the posting first.' },
  posting_file_unsupported: {
    code: 'unsupported_file',
    en: '"{{file}}" cannot be read as a posting: use a .txt, .md, .html, .pdf or .docx file.',
  },
  posting_scanned: {
    code: 'unreadable_file',
    en: '"{{file}}" has no text layer (it is probably a scanned image). Copy the posting\'s text from where it was published and paste it instead.',
  },
  file_no_text: { code: 'invalid_input', en: '"{{file}}" contains no text.' },
  level_other_ladder_links: {
    code: 'conflict',
    en: '"{{level}}" belongs to the {{ladder}} ladder: {{count}} requirements link competencies of another ladder. Confirm to remove those links.',
    one: '"{{level}}" belongs to the {{ladder}} ladder: {{count}} requirement links a competency of another ladder. Confirm to remove that link.',
  },
  candidate_erased_no_change: {
    code: 'conflict',
    en: 'Erased candidate #{{id}} was erased; nothing about them can change.',
  },
  report_segment_invalid: { code: 'invalid_input', en: '"{{value}}" is not a {{kind}} of this report.' },
  report_week_invalid: { code: 'invalid_input', en: '"{{value}}" is not a week.' },
  report_id_invalid: { code: 'invalid_input', en: '"{{value}}" is not the id of a {{kind}}.' },
  report_dates_reversed: { code: 'invalid_input', en: 'The start date {{from}} is after the end date {{to}}.' },
  activity_range_too_long: {
    code: 'too_large',
    en: 'The activity report covers at most {{max}} weeks (about {{years}} years) at a time; this range spans {{count}}. Narrow the dates.',
  },
  export_expired: { code: 'not_found', en: 'This export is unknown or expired; export again.' },
  export_offset_past_end: { code: 'invalid_input', en: 'The offset {{offset}} is past the end of the file.' },
  stage_order_every_open: {
    code: 'invalid_input',
    en: 'Give every open stage of this posting exactly once ({{count}} stages; the hired stage stays last).',
  },
  stage_has_applications: {
    code: 'conflict',
    en: '{{count}} applications are in "{{name}}" ({{active}} active, {{closed}} closed). Move them to another stage first.',
    one: '{{count}} application is in "{{name}}" ({{active}} active, {{closed}} closed). Move it to another stage first.',
  },
  saved_view_not_found: { code: 'not_found', en: 'Saved view {{id}} does not exist.' },
  saved_view_name_taken: { code: 'conflict', en: 'A view named "{{name}}" already exists for this table.' },
  saved_views_at_most: { code: 'too_large', en: 'At most {{max}} saved views per table.' },
  saved_view_foreign_refs: {
    code: 'invalid_input',
    en: 'The view refers to stages or requirements this posting does not have.',
  },
  phone_region_unknown: { code: 'invalid_input', en: '{{region}} is not a country with its own phone numbering.' },
  workspace_not_initialised: { code: 'not_found', en: 'The workspace is not initialised.' },
  workspace_user_known: {
    code: 'conflict',
    en: 'This workspace already knows who is using it; choose another person in the settings.',
  },
  workspace_team_started: {
    code: 'conflict',
    en: 'This team workspace has already begun: the demo can only fill an empty one. Nothing was changed.',
  },
  serve_port_invalid: { code: 'invalid_input', en: '--port must be a number from 0 to 65535, got "{{value}}".' },
  serve_first_run_invalid: { code: 'invalid_input', en: '--first-run must be "ask" or "demo", got "{{value}}".' },
  output_folder_missing: { code: 'invalid_input', en: 'Cannot write {{file}}: the folder {{folder}} does not exist.' },
  output_folder_not_folder: { code: 'invalid_input', en: 'Cannot write {{file}}: {{folder}} is not a folder.' },
  output_is_folder: { code: 'invalid_input', en: 'Cannot write {{file}}: it is a folder.' },
  output_permission_denied: { code: 'invalid_input', en: 'Cannot write {{file}}: permission denied.' },
  output_read_only: { code: 'invalid_input', en: 'Cannot write {{file}}: the disk is read-only.' },
  output_disk_full: { code: 'invalid_input', en: 'Cannot write {{file}}: the disk is full.' },
  output_no_folder: { code: 'invalid_input', en: 'Cannot write {{file}}: the folder does not exist.' },
  pdf_timeout: { code: 'timeout', en: 'The PDF took longer than {{seconds}} s and was stopped.' },
  pdf_not_drawn: { code: 'internal', en: 'The PDF could not be drawn: {{detail}}' },
  pdf_worker_failed: { code: 'internal', en: 'The PDF worker failed: {{detail}}' },
  pdf_worker_exited: { code: 'internal', en: 'The PDF worker stopped (exit code {{code}}).' },
  ladder_exists: { code: 'conflict', en: 'A ladder named "{{name}}" already exists.' },
  ladder_in_use: {
    code: 'conflict',
    en: '"{{name}}" cannot be deleted: postings target its levels. Close and delete those postings first.',
  },
  level_exists: { code: 'conflict', en: 'This ladder already has a level with code "{{code}}" or title "{{title}}".' },
  level_in_use: { code: 'conflict', en: '"{{title}}" cannot be removed: postings target it.' },
  competency_exists: { code: 'conflict', en: 'This ladder already has a competency named "{{name}}".' },
  competency_in_use: { code: 'conflict', en: '"{{name}}" cannot be removed: postings or interview plans refer to it.' },
  zip_part_too_large: {
    code: 'too_large',
    en: '{{file}} contains a part "{{part}}" that unpacks to more than {{limit}} (zip bomb?).',
  },
  zip_total_too_large: { code: 'too_large', en: '{{file}} unpacks to more than {{limit}} (zip bomb?).' },
  zip_part_over_declared: {
    code: 'too_large',
    en: '{{file}} contains a part "{{part}}" that unpacks to more than it declares (zip bomb?).',
  },
  zip_part_declared_too_large: {
    code: 'too_large',
    en: '{{file}} contains a part "{{part}}" that unpacks to {{size}}; the limit is {{limit}} (zip bomb?).',
  },
  zip_ratio_too_high: {
    code: 'too_large',
    en: '{{file}} contains a part "{{part}}" compressed {{ratio}}:1; more than {{max}}:1 is refused (zip bomb?).',
  },
  file_is_old_office: {
    code: 'unsupported_file',
    en: '"{{file}}" is an old Word (.doc) or other Office 97–2003 file; save it as .docx or PDF.',
  },
  file_is_rtf: { code: 'unsupported_file', en: '"{{file}}" is an RTF file; save it as .docx or PDF.' },
  file_is_image: {
    code: 'unsupported_file',
    en: '"{{file}}" is a {{format}} image; attach the résumé as PDF or DOCX.',
  },
  file_is_archive: { code: 'unsupported_file', en: '"{{file}}" is a {{format}} archive.' },
  zip_is_excel: { code: 'unsupported_file', en: '{{file}} is an Excel workbook, not a Word document.' },
  zip_is_powerpoint: { code: 'unsupported_file', en: '{{file}} is a PowerPoint presentation, not a Word document.' },
  zip_is_odt: {
    code: 'unsupported_file',
    en: '{{file}} is an OpenDocument text (.odt) file; save it as .docx or PDF.',
  },
  zip_not_word: { code: 'unsupported_file', en: '{{file}} is a zip archive, not a Word document.' },
  document_too_large: { code: 'too_large', en: '{{file}} is {{size}}; documents up to {{limit}} are accepted.' },
  posting_file_too_large: { code: 'too_large', en: '{{file}} is {{size}}; postings up to {{limit}} are accepted.' },
  scorecard_file_too_large: {
    code: 'too_large',
    en: '{{file}} is {{size}}; scorecard files up to {{limit}} are accepted.',
  },
  document_unreadable: { code: 'unreadable_file', en: 'The document could not be read ({{detail}}).' },
  import_failed_nothing: { code: 'internal', en: 'The import stopped unexpectedly. Nothing was imported.' },
  import_failed_kept: {
    code: 'internal',
    en: 'The import stopped unexpectedly. The lines up to {{line}} stay imported (new candidates: {{created}}, already known: {{existing}}, skipped: {{skipped}}); nothing after that line was imported.',
  },
  import_cancelled_nothing: { code: 'cancelled', en: 'Cancelled. Nothing was imported.' },
  import_cancelled_kept: {
    code: 'cancelled',
    en: 'Cancelled. The lines up to {{line}} stay imported (new candidates: {{created}}, already known: {{existing}}, skipped: {{skipped}}); nothing after that line was imported.',
  },
  person_id_unknown: { code: 'invalid_input', en: 'Person {{id}} does not exist.' },
  level_id_unknown: { code: 'invalid_input', en: 'Level {{id}} does not exist.' },
  sqlite_only: {
    code: 'incompatible_database',
    en: 'This operation runs on a local (SQLite) workspace only in this version of Yardstick.',
  },

  copy_same_place: {
    code: 'invalid_input',
    en: '--from and --to name the same workspace ({{location}}): a copy needs another place to go.',
  },
  copy_source_missing: {
    code: 'not_found',
    en: 'There is no workspace to copy at {{location}}.',
  },
  copy_target_not_empty: {
    code: 'conflict',
    en: 'The target {{location}} is not empty (table {{table}} has rows): a workspace is copied into an empty database or folder only. Nothing was written.',
  },
  copy_check_failed: {
    code: 'internal',
    en: 'The copy does not match its source: {{detail}}.',
  },

  // Accounts, sessions and the team server.
  v_role_twice: { code: 'invalid_input', en: 'A role appears twice' },
  session_sign_in_failed: {
    code: 'unauthenticated',
    en: 'The e-mail or the password is wrong, or the account is disabled.',
  },
  session_rate_limited: { code: 'rate_limited', en: 'Too many failed sign-ins; try again in {{seconds}} seconds.' },
  session_team_only: {
    code: 'forbidden',
    en: 'Signing in and out belongs to a team server; a local workspace has no accounts.',
  },
  session_no_switching: {
    code: 'forbidden',
    en: 'On a team server everyone acts as themselves: the person cannot be switched.',
  },
  permission_refused: { code: 'forbidden', en: 'Your role does not allow this.' },
  account_admin_only: { code: 'forbidden', en: 'Only an administrator can manage accounts.' },
  account_email_taken: { code: 'conflict', en: 'An account with this e-mail already exists.' },
  account_not_found: { code: 'not_found', en: 'Person {{id}} has no account.' },
  account_last_admin: { code: 'conflict', en: 'The team needs at least one administrator with an enabled account.' },
  password_file_unreadable: { code: 'invalid_input', en: 'The password file {{path}} cannot be read.' },
  password_file_shared: {
    code: 'forbidden',
    en: 'The password file {{path}} can be read by other users: make it private first (chmod 600).',
  },
  server_host_invalid: { code: 'invalid_input', en: 'The host "{{value}}" is not an address to listen on.' },
  server_public_url_invalid: {
    code: 'invalid_input',
    en: 'The public URL "{{value}}" is not an http or https address.',
  },
  team_url_invalid: {
    code: 'invalid_input',
    en: 'The address "{{value}}" is not an http or https address of a team server.',
  },
  team_url_insecure: {
    code: 'invalid_input',
    en: 'The address "{{value}}" uses http: only https is accepted, except for a server on this computer.',
  },
  team_server_unreachable: {
    code: 'server_unreachable',
    en: 'The team server at {{server}} cannot be reached ({{detail}}); nothing was sent. Check the address and the network.',
  },
  team_server_no_answer: {
    code: 'server_unreachable',
    en: 'The team server at {{server}} did not answer within {{seconds}} s. Reload to see whether the change was saved.',
  },
  team_server_bad_answer: {
    code: 'server_unreachable',
    en: 'The address {{server}} did not answer as a Yardstick team server (HTTP {{status}}).',
  },
  team_server_answer_too_large: {
    code: 'too_large',
    en: 'The team server sent more than {{megabytes}} MB for one call; the answer was refused.',
  },
} as const satisfies Record<string, MessageSpec>

export type ErrorKey = keyof typeof errorMessages

/** The English text of a message with its parameters filled in. */
export function englishMessage(key: ErrorKey, params: ErrorParams = {}): string {
  const spec: MessageSpec = errorMessages[key]
  const text = params.count === 1 && spec.one ? spec.one : spec.en
  return text.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole))
}
