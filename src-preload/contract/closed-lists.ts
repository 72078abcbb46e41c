/**
 * Every closed list of the app, declared once. Zod-free on purpose: the contract's schemas, the database row
 * types, the services, the CLI and the renderer (the one contract module it may import at run time) all read
 * these arrays, so adding a value here is the whole change.
 */
export { textEncodings, type TextEncodingName } from './text-encodings'

export const sortDirections = ['asc', 'desc'] as const
export type SortDirection = (typeof sortDirections)[number]

export const personRoles = ['member', 'interviewer', 'hiring_manager', 'recruiter'] as const
export type PersonRole = (typeof personRoles)[number]

/** What a signed-in person may do on a team server; a person may hold several. */
export const accountRoles = ['administrator', 'recruiter', 'hiring_manager', 'interviewer'] as const
export type AccountRole = (typeof accountRoles)[number]

// Postings and their requirements

export const postingStatuses = ['draft', 'open', 'paused', 'closed'] as const
export type PostingStatus = (typeof postingStatuses)[number]
/** A new posting starts as a draft or is published at once. */
export const initialPostingStatuses = ['draft', 'open'] as const satisfies readonly PostingStatus[]

export const remotePolicies = ['onsite', 'hybrid', 'remote'] as const
export type RemotePolicy = (typeof remotePolicies)[number]

/** Sections of a posting's requirements, in display order. The parser's "about" text is kept as "other". */
export const requirementSections = ['responsibility', 'requirement', 'nice_to_have', 'benefit', 'other'] as const
export type RequirementSection = (typeof requirementSections)[number]

/** Requirements of these sections are measured (assessed, interview focus); benefits and other text are not. */
export const assessedSections = [
  'responsibility',
  'requirement',
  'nice_to_have',
] as const satisfies readonly RequirementSection[]
export type AssessedSection = (typeof assessedSections)[number]

/** What the posting parser recognises: the requirement sections plus the company's "about" text. */
export const sectionKinds = ['responsibility', 'requirement', 'nice_to_have', 'benefit', 'about', 'other'] as const
export type SectionKind = (typeof sectionKinds)[number]

export const postingFileExtensions = ['txt', 'md', 'markdown', 'html', 'htm', 'pdf', 'docx'] as const

// Candidates and documents

export const candidateSortColumns = ['name', 'created', 'updated', 'source', 'location'] as const
export type CandidateSortColumn = (typeof candidateSortColumns)[number]

export const candidateOrigins = ['applied', 'sourced', 'referred', 'imported'] as const
export type CandidateOrigin = (typeof candidateOrigins)[number]
export const legalBases = ['consent', 'legitimate_interest'] as const
export type LegalBasis = (typeof legalBases)[number]

export const csvFields = [
  'name',
  'first_name',
  'last_name',
  'email',
  'phone',
  'location',
  'source',
  'tags',
  'links',
  'notes',
  'origin',
  'legal_basis',
  'consent_given_on',
  'consent_expires_on',
] as const
export type CsvField = (typeof csvFields)[number]
export const importModes = ['all_or_nothing', 'skip_invalid'] as const
export type ImportMode = (typeof importModes)[number]

/** File extensions a résumé may have; anything else is refused before it is read. */
export const resumeExtensions = ['pdf', 'docx', 'txt', 'text', 'md', 'markdown'] as const
export type ResumeExtension = (typeof resumeExtensions)[number]

/** What a document turned out to be, by its bytes first and its file name second. */
export const documentKinds = ['pdf', 'docx', 'text', 'markdown', 'html'] as const
export type DocumentKind = (typeof documentKinds)[number]
export const documentStatuses = ['extracted', 'failed'] as const
export type DocumentStatus = (typeof documentStatuses)[number]

// Applications and their pipeline

export const applicationStatuses = ['active', 'hired', 'rejected', 'withdrawn'] as const
export type ApplicationStatus = (typeof applicationStatuses)[number]
/** Statuses that end an application; rejected and withdrawn need a reason. */
export const closedStatuses = ['hired', 'rejected', 'withdrawn'] as const satisfies readonly ApplicationStatus[]
export type ClosedStatus = (typeof closedStatuses)[number]

/** 'hired': the posting's one terminal stage, always last; hired applications sit there and active ones never do. */
export const stageKinds = ['open', 'hired'] as const
export type StageKind = (typeof stageKinds)[number]

/** `fit` sorts by the weighted score; `rating` by the rating of the requirement named in `ratingOf`. */
export const applicantSortColumns = [
  'name',
  'stage',
  'status',
  'source',
  'applied',
  'inStage',
  'activity',
  'fit',
  'rating',
] as const
export type ApplicantSortColumn = (typeof applicantSortColumns)[number]

export const mustHaveFilters = ['all_met', 'knocked_out'] as const
export type MustHaveFilter = (typeof mustHaveFilters)[number]

export const messageTemplates = [
  'rejection_after_screen',
  'rejection_after_interview',
  'interview_invitation',
  'offer_call',
] as const
export type MessageTemplate = (typeof messageTemplates)[number]

// Assessments

/** From "no information yet" to "beyond what the item asks"; stored as 0–4 so SQL can compare ("≥ partial"). */
export const ratings = ['unknown', 'not_met', 'partial', 'met', 'exceeds'] as const
export type Rating = (typeof ratings)[number]
/** The ratings a person can give; `unknown` is the absence of one. */
export const givenRatings = ['not_met', 'partial', 'met', 'exceeds'] as const satisfies readonly Rating[]

/** Where the evidence behind a rating came from. */
export const evidenceSources = ['resume', 'screen', 'interview', 'reference', 'other'] as const
export type EvidenceSource = (typeof evidenceSources)[number]

export const suggestionKinds = ['skill', 'years', 'degree', 'language'] as const
export type SuggestionKind = (typeof suggestionKinds)[number]

export const degreeLevels = ['unspecified', 'associate', 'bachelor', 'master', 'doctorate'] as const
export type DegreeLevel = (typeof degreeLevels)[number]

// Interviews and scorecards

/** A focus item is a requirement of the posting or a competency of its ladder. */
export const focusKinds = ['requirement', 'competency'] as const
export type FocusKind = (typeof focusKinds)[number]

/**
 * The rubric, anchored to the posting's level: 1 well below it, 2 the level below, 3 meets it, 4 the next level.
 * `null` in a scorecard means "not rated".
 */
export const ratingValues = [1, 2, 3, 4] as const
export type ScorecardRating = (typeof ratingValues)[number]

export const recommendations = ['strong_no', 'no', 'yes', 'strong_yes'] as const
export type Recommendation = (typeof recommendations)[number]

export const scorecardStatuses = ['draft', 'submitted'] as const
export type ScorecardStatus = (typeof scorecardStatuses)[number]
/** Written here, or imported from an interviewer's scorecard file. */
export const scorecardSources = ['local', 'imported'] as const
export type ScorecardSource = (typeof scorecardSources)[number]

export const kitLanguages = ['en', 'fr'] as const
export type KitLanguage = (typeof kitLanguages)[number]

// Reports and files

export const reportLanguages = ['en', 'fr', 'de', 'es'] as const
export type ReportLanguage = (typeof reportLanguages)[number]
export const exportFormats = ['csv', 'xlsx', 'pdf'] as const
export type ExportFormat = (typeof exportFormats)[number]

export const ladderFileFormats = ['yaml', 'csv'] as const
export type LadderFileFormat = (typeof ladderFileFormats)[number]
