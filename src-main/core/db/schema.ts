import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely'
import type {
  AccountRole,
  ApplicationStatus,
  CandidateOrigin,
  DocumentStatus,
  EvidenceSource,
  LegalBasis,
  PersonRole,
  PostingStatus,
  Recommendation,
  RemotePolicy,
  RequirementSection,
  ScorecardSource,
  ScorecardStatus,
  StageKind,
} from '@contract/closed-lists'

/** The closed lists, declared once in the contract. */
export type {
  AccountRole,
  ApplicationStatus,
  CandidateOrigin,
  DocumentStatus,
  LegalBasis,
  PersonRole,
  PostingStatus,
  Recommendation,
  RemotePolicy,
  RequirementSection,
  ScorecardSource,
  ScorecardStatus,
  StageKind,
} from '@contract/closed-lists'

/** ISO-8601 text; SQLite has no time type. */
type Timestamp = string
/** SQLite stores booleans as 0/1. */
export type SqlBool = 0 | 1

export interface WorkspaceTable {
  id: ColumnType<1, 1, never>
  uid: ColumnType<string, string, never>
  name: string
  created_at: ColumnType<Timestamp, Timestamp, never>
}

export interface SettingsTable {
  key: string
  /** JSON text */
  value: string
}

export interface PeopleTable {
  id: Generated<number>
  name: string
  email: string | null
  role: PersonRole
  created_at: ColumnType<Timestamp, Timestamp, never>
  archived_at: Timestamp | null
}

export interface LaddersTable {
  id: Generated<number>
  name: string
  description: string
  created_at: ColumnType<Timestamp, Timestamp, never>
  updated_at: Timestamp
}

export interface LevelsTable {
  id: Generated<number>
  ladder_id: number
  position: number
  code: string
  title: string
  summary: string
}

export interface CompetenciesTable {
  id: Generated<number>
  ladder_id: number
  position: number
  name: string
  description: string
}

export interface ExpectationsTable {
  level_id: number
  competency_id: number
  text: string
  examples: string
  updated_at: Timestamp
  updated_by: number | null
}

export interface PostingsTable {
  id: Generated<number>
  title: string
  level_id: number
  team: string
  language: string
  /** JSON array of ISO 3166-1 alpha-2 codes */
  countries: string
  remote_policy: RemotePolicy
  status: PostingStatus
  summary: string
  original_text: string
  original_file_name: string | null
  created_at: ColumnType<Timestamp, Timestamp, never>
  updated_at: Timestamp
  closed_at: Timestamp | null
}

export interface RequirementsTable {
  id: Generated<number>
  posting_id: number
  section: RequirementSection
  position: number
  text: string
  must_have: SqlBool
  preferred: SqlBool
  weight: number
  min_years: number | null
  /** JSON array of {name, alternatives[]} */
  skills: string
  competency_id: number | null
  /** Set instead of deleting once assessments refer to the requirement; archived items are not listed. */
  archived_at: Timestamp | null
  created_at: ColumnType<Timestamp, Timestamp, never>
  updated_at: Timestamp
}

export interface ActivityTable {
  id: Generated<number>
  at: Timestamp
  person_id: number | null
  entity_type: string
  entity_id: number | null
  action: string
  /** JSON text */
  detail: string
}

export interface CandidatesTable {
  id: Generated<number>
  name: string
  name_key: string
  name_match: string
  location: string
  source: string
  created_at: ColumnType<Timestamp, Timestamp, never>
  updated_at: Timestamp
  created_by: number | null
  origin: Generated<CandidateOrigin>
  legal_basis: Generated<LegalBasis>
  /** YYYY-MM-DD */
  consent_given_on: string | null
  /** YYYY-MM-DD */
  consent_expires_on: string | null
  privacy_note: Generated<string>
  /** YYYY-MM-DD: a retention extension chosen by a person. */
  retain_until: string | null
  erased_at: Timestamp | null
}

export type PrivacyAuditAction =
  | 'consent_changed'
  | 'exported'
  | 'anonymised'
  | 'erased'
  | 'retention_extended'
  | 'policy_changed'
  | 'backups_kept'
  | 'backups_purged'
  | 'history_redacted'

/** Append-only: who did what to whose data and what kind of data, never the data itself. */
export interface PrivacyAuditTable {
  id: Generated<number>
  at: Timestamp
  person_id: number | null
  action: PrivacyAuditAction
  candidate_id: number | null
  /** JSON array of data kinds */
  data_kinds: string
  /** JSON text: ids and counts only */
  detail: string
}

export interface ErasureFilesTable {
  sha256: string
  queued_at: Timestamp
}

/**
 * PostgreSQL only: a team workspace keeps its stored files' bytes here, once per content hash (a local
 * workspace keeps them under <dataDir>/files/, and its SQLite file has no such table).
 */
export interface FilesTable {
  sha256: string
  size: number
  content: Uint8Array
  created_at: Timestamp
}

/** Holds a row only inside an erasure's transaction: the one exception to the append-only triggers. */
export interface RedactionGateTable {
  candidate_id: number
}

export interface CandidateEmailsTable {
  candidate_id: number
  position: number
  email: string
}

export interface CandidatePhonesTable {
  candidate_id: number
  position: number
  phone: string
  phone_key: string
}

export interface CandidateLinksTable {
  candidate_id: number
  position: number
  url: string
}

export interface CandidateTagsTable {
  candidate_id: number
  tag: string
}

export interface DocumentsTable {
  id: Generated<number>
  candidate_id: number
  sha256: string
  file_name: string
  size: number
  kind: string | null
  status: DocumentStatus
  error_code: string | null
  error_message: string | null
  text: string
  pages: number | null
  /** JSON array of strings */
  warnings: string
  created_at: ColumnType<Timestamp, Timestamp, never>
  created_by: number | null
}

export interface CandidateNotesTable {
  id: Generated<number>
  candidate_id: number
  body: string
  created_at: ColumnType<Timestamp, Timestamp, never>
  created_by: number | null
  updated_at: Timestamp
}

/** FTS5 table: rowid is the candidate id. */
export interface CandidateSearchTable {
  rowid: number
  name: string
  contact: string
  documents: string
  notes: string
}

export interface StagesTable {
  id: Generated<number>
  posting_id: number
  position: number
  name: string
  kind: StageKind
  created_at: ColumnType<Timestamp, Timestamp, never>
  updated_at: Timestamp
  /** Set instead of deleting once applications passed through the stage. */
  archived_at: Timestamp | null
}

export interface ApplicationsTable {
  id: Generated<number>
  candidate_id: number
  posting_id: number
  stage_id: number
  /** The candidate's `name_key`, copied for sorting (database triggers keep it in step). */
  name_key: string
  status: ApplicationStatus
  /** Why it was rejected or withdrawn (required then), or a note on a hire. */
  reason: string
  source: string
  created_at: ColumnType<Timestamp, Timestamp, never>
  created_by: number | null
  updated_at: Timestamp
  stage_entered_at: Timestamp
  /** Null while active. */
  closed_at: Timestamp | null
  /** Set on the application left over when two merged candidates had both applied to the posting. */
  merged_into_id: number | null
}

/** Append-only: one row per move or status change, the first one being the entry into the first stage. */
export interface StageEventsTable {
  id: Generated<number>
  application_id: number
  from_stage_id: number | null
  to_stage_id: number
  from_status: ApplicationStatus | null
  to_status: ApplicationStatus
  reason: string
  person_id: number | null
  at: Timestamp
}

/** Per application and stage, its time there while active; kept from the stage events by a trigger. */
export interface StageStaysTable {
  application_id: number
  stage_id: number
  /** The visits that ended, added up, in milliseconds. */
  closed_ms: number
  /** When the running visit began, in milliseconds since 1970; null when the application is not there now. */
  since_ms: number | null
}

/** 0 unknown, 1 not met, 2 partial, 3 met, 4 exceeds. */
export type RatingValue = 0 | 1 | 2 | 3 | 4
export type EvidenceSourceValue = EvidenceSource

/** One per application × live assessed requirement (made by triggers); version 0 = never rated. */
export interface AssessmentsTable {
  id: Generated<number>
  application_id: number
  requirement_id: number
  rating: Generated<RatingValue>
  evidence: Generated<string>
  source: EvidenceSourceValue | null
  author_id: number | null
  updated_at: Timestamp | null
  version: Generated<number>
}

/** Append-only: every change of a rating, its evidence or its source. */
export interface AssessmentHistoryTable {
  id: Generated<number>
  application_id: number
  requirement_id: number
  at: Timestamp
  person_id: number | null
  from_rating: RatingValue
  to_rating: RatingValue
  evidence_before: string
  evidence_after: string
  source_before: EvidenceSourceValue | null
  source_after: EvidenceSourceValue | null
  /** Set when the change accepted a résumé suggestion. */
  suggestion_key: string | null
}

export interface SuggestionDismissalsTable {
  application_id: number
  requirement_id: number
  suggestion_key: string
  /** Of the résumé texts and the requirement when dismissed: a change of either brings the suggestion back. */
  fingerprint: string
  person_id: number | null
  at: Timestamp
}

/** Kept current with each rating and requirement change. */
export interface ApplicationFitTable {
  application_id: number
  posting_id: number
  /** 0 once the application was merged into another one (a candidate merge). */
  live: Generated<SqlBool>
  score: Generated<number>
  must_met: Generated<number>
  knocked_out: Generated<SqlBool>
  assessed: Generated<number>
}

export interface InterviewPlansTable {
  posting_id: number
  hiring_manager_id: number | null
  updated_at: Timestamp
}

export interface InterviewStepsTable {
  id: Generated<number>
  posting_id: number
  position: number
  name: string
  duration_minutes: number
  /** JSON array of strings */
  questions: string
  created_at: ColumnType<Timestamp, Timestamp, never>
  updated_at: Timestamp
}

export interface InterviewFocusItemsTable {
  id: Generated<number>
  step_id: number
  position: number
  requirement_id: number | null
  competency_id: number | null
}

export interface InterviewsTable {
  id: Generated<number>
  application_id: number
  step_id: number
  interviewer_id: number
  scheduled_at: Timestamp
  duration_minutes: number
  packet_key: string
  created_at: ColumnType<Timestamp, Timestamp, never>
  created_by: number | null
  updated_at: Timestamp
}

export interface ScorecardsTable {
  id: Generated<number>
  interview_id: number
  version: number
  status: ScorecardStatus
  author_id: number | null
  key_takeaways: string
  recommendation: Recommendation | null
  source: ScorecardSource
  file_sha256: string | null
  external_revision: number | null
  created_at: ColumnType<Timestamp, Timestamp, never>
  updated_at: Timestamp
  submitted_at: Timestamp | null
}

/** Each submitted scorecard's ratings, written by a trigger as it is submitted (its ratings are locked then). */
/** Each interview's latest submitted scorecard, tallied (written by a trigger as it is submitted). */
export interface InterviewTalliesTable {
  interview_id: number
  scorecard_id: number
  version: number
  recommendation: Recommendation
  /** One digit per focus item, in the items' order: its rating 1–4, or 0 when left unrated. */
  ratings: string
}

export interface ScorecardRatingsTable {
  scorecard_id: number
  position: number
  focus_key: string
  label: string
  /** 1–4, null when not rated */
  rating: number | null
  note: string
}

export interface ExternalInterviewsTable {
  id: Generated<number>
  source_workspace_uid: string
  source_interview_id: number
  packet_sha256: string
  /** JSON: the packet as validated */
  packet: string
  /** JSON: {ratings, keyTakeaways, recommendation} */
  content: string
  revision: number
  exported_content_sha256: string | null
  exported_at: Timestamp | null
  opened_at: ColumnType<Timestamp, Timestamp, never>
  updated_at: Timestamp
}

export interface SavedViewsTable {
  id: Generated<number>
  table_id: string
  posting_id: number
  person_id: number | null
  name: string
  /** JSON: the table's state, as the contract's schema for that table describes it. */
  state: string
  created_at: ColumnType<Timestamp, Timestamp, never>
  updated_at: Timestamp
}

export type CandidateImportState = 'staging' | 'publishing'

/** An all-or-nothing CSV import while it stages or publishes its rows (written by csv-import-writer.ts). */
export interface CandidateImportsTable {
  id: Generated<number>
  job_id: Generated<string>
  /** The process running it; 0 once it gave the import up for another open to finish. */
  pid: number
  started_at: Timestamp
  state: Generated<CandidateImportState>
  /** Who imports, set when publishing starts: the author of every row it publishes. */
  person_id: number | null
  /** JSON: the detail of the import's activity entry, set when publishing starts. */
  summary: string | null
}

/** One staged row of an import, in the shape the publish copies into the candidate tables. */
export interface CandidateImportRowsTable {
  import_id: number
  seq: number
  line: number
  name: string
  name_key: string
  name_match: string
  location: string
  source: string
  origin: CandidateOrigin
  legal_basis: LegalBasis
  consent_given_on: string | null
  consent_expires_on: string | null
  /** JSON arrays, in the order of the file: e-mails, [phone, key] pairs, links, tags, note bodies. */
  emails: string
  phones: string
  links: string
  tags: string
  notes: string
  search_name: string
  search_contact: string
  search_notes: string
}

export interface AccountsTable {
  person_id: number
  email: string
  /** base64 of the scrypt key */
  password_hash: string
  /** base64, random per password */
  password_salt: string
  /** JSON text: the scrypt cost the hash was made with */
  password_params: string
  password_changed_at: Timestamp
  disabled_at: Timestamp | null
  failed_sign_ins: Generated<number>
  last_failed_at: Timestamp | null
  created_at: ColumnType<Timestamp, Timestamp, never>
}

export interface PersonRolesTable {
  person_id: number
  role: AccountRole
}

export interface SessionsTable {
  /** hex SHA-256 of the token; the token itself is never stored */
  token_hash: string
  person_id: number
  created_at: ColumnType<Timestamp, Timestamp, never>
  last_seen_at: Timestamp
  idle_expires_at: Timestamp
  expires_at: ColumnType<Timestamp, Timestamp, never>
}

export interface Database {
  workspace: WorkspaceTable
  settings: SettingsTable
  people: PeopleTable
  ladders: LaddersTable
  levels: LevelsTable
  competencies: CompetenciesTable
  expectations: ExpectationsTable
  postings: PostingsTable
  requirements: RequirementsTable
  activity: ActivityTable
  candidates: CandidatesTable
  candidate_emails: CandidateEmailsTable
  candidate_phones: CandidatePhonesTable
  candidate_links: CandidateLinksTable
  candidate_tags: CandidateTagsTable
  documents: DocumentsTable
  candidate_notes: CandidateNotesTable
  candidate_search: CandidateSearchTable
  stages: StagesTable
  applications: ApplicationsTable
  stage_events: StageEventsTable
  stage_stays: StageStaysTable
  assessments: AssessmentsTable
  assessment_history: AssessmentHistoryTable
  suggestion_dismissals: SuggestionDismissalsTable
  application_fit: ApplicationFitTable
  interview_plans: InterviewPlansTable
  interview_steps: InterviewStepsTable
  interview_focus_items: InterviewFocusItemsTable
  interviews: InterviewsTable
  scorecards: ScorecardsTable
  scorecard_ratings: ScorecardRatingsTable
  interview_tallies: InterviewTalliesTable
  external_interviews: ExternalInterviewsTable
  privacy_audit: PrivacyAuditTable
  erasure_files: ErasureFilesTable
  files: FilesTable
  redaction_gate: RedactionGateTable
  saved_views: SavedViewsTable
  candidate_imports: CandidateImportsTable
  candidate_import_rows: CandidateImportRowsTable
  accounts: AccountsTable
  person_roles: PersonRolesTable
  sessions: SessionsTable
}

export type LadderRow = Selectable<LaddersTable>
export type LevelRow = Selectable<LevelsTable>
export type CompetencyRow = Selectable<CompetenciesTable>
export type ExpectationRow = Selectable<ExpectationsTable>
export type PostingRow = Selectable<PostingsTable>
export type RequirementRow = Selectable<RequirementsTable>
export type NewRequirement = Insertable<RequirementsTable>
export type PersonRow = Selectable<PeopleTable>
export type NewActivity = Insertable<ActivityTable>
export type LevelUpdate = Updateable<LevelsTable>
export type CandidateRow = Selectable<CandidatesTable>
export type DocumentRow = Selectable<DocumentsTable>
export type NoteRow = Selectable<CandidateNotesTable>
export type ActivityRow = Selectable<ActivityTable>
export type StageRow = Selectable<StagesTable>
export type ApplicationRow = Selectable<ApplicationsTable>
export type StageEventRow = Selectable<StageEventsTable>
export type AssessmentRow = Selectable<AssessmentsTable>
export type AssessmentHistoryRow = Selectable<AssessmentHistoryTable>
export type InterviewStepRow = Selectable<InterviewStepsTable>
export type ExternalInterviewRow = Selectable<ExternalInterviewsTable>
export type InterviewRow = Selectable<InterviewsTable>
export type ScorecardRow = Selectable<ScorecardsTable>
