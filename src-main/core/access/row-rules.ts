import type { Kysely } from 'kysely'
import type { ErrorKey } from '@contract/error-messages'
import { actingCaller } from '../accounts/acting-person'
import type { Database } from '../db/schema'
import { AppError } from '../errors'
import { AccessRepository } from './repository'

/**
 * What a restricted caller of a team server may reach, row by row (docs/ARCHITECTURE.md, "Row rules"). The
 * dispatcher decides which channels a role may call; these rules decide which rows, so that an interviewer who
 * changes an id in a call they may make still reaches only their own interviews.
 */
export interface RowScope {
  personId: number
  /** Sees the interviews assigned to them, and their application, candidate, documents and posting. */
  interviewer: boolean
  /** Sees and changes everything on the postings they are the hiring manager of. */
  manager: boolean
}

/**
 * null when no row rule applies: a local workspace (no caller), or a recruiter or administrator. A call before
 * sign-in (only `session:signIn` gets that far) sees nothing.
 */
export function rowScope(): RowScope | null {
  const caller = actingCaller()
  if (caller === undefined) return null
  if (caller === null) return { personId: 0, interviewer: false, manager: false }
  const { roles } = caller
  if (roles.includes('administrator') || roles.includes('recruiter')) return null
  return {
    personId: caller.personId,
    interviewer: roles.includes('interviewer'),
    manager: roles.includes('hiring_manager'),
  }
}

/** Reading a row, or changing it; a restricted caller changes only the rows of the postings they manage. */
export type RowMode = 'read' | 'write'

export type RowKind =
  | 'candidate'
  | 'application'
  | 'document'
  | 'note'
  | 'interview'
  /** A scorecard, named by its interview's id. */
  | 'scorecard'
  | 'posting'
  | 'stage'
  | 'requirement'
  | 'step'
  | 'view'
  /** Rows of the whole workspace, tied to no posting (ladders, people, opened packets): read-only to a manager. */
  | 'ladder'
  | 'level'
  | 'competency'
  | 'person'
  | 'packet'
  /** A CSV file kept between the import's steps, and an export file: a workspace's staff handles them. */
  | 'upload'
  | 'export'

/** A row that is not the caller's answers as a missing one would, so that ids do not reveal what exists. */
const notFound: Record<RowKind, ErrorKey> = {
  candidate: 'candidate_not_found',
  application: 'application_not_found',
  document: 'document_not_found',
  note: 'note_not_found',
  interview: 'interview_not_found',
  scorecard: 'interview_not_found',
  posting: 'posting_not_found',
  stage: 'stage_not_found',
  requirement: 'requirement_not_found',
  step: 'interview_step_not_found',
  view: 'saved_view_not_found',
  ladder: 'ladder_not_found',
  level: 'level_not_found',
  competency: 'competency_not_found',
  person: 'person_not_found',
  packet: 'opened_packet_not_found',
  upload: 'upload_expired',
  export: 'export_expired',
}

export function rowNotFound(kind: RowKind, id: number | string): AppError {
  return AppError.of(notFound[kind], { id })
}

/**
 * Throws the kind's not-found error unless the caller may read (or change) every one of these rows. Call it with
 * the transaction of the read or write it guards. A no-op when no rule applies (local workspace, recruiter,
 * administrator); ids that do not exist are left to the service's own not-found check.
 */
export async function requireRows(
  db: Kysely<Database>,
  kind: RowKind,
  ids: number | readonly (number | null | undefined)[] | null | undefined,
  mode: RowMode = 'read',
): Promise<void> {
  const scope = rowScope()
  if (!scope) return
  const wanted = [...new Set((typeof ids === 'number' ? [ids] : (ids ?? [])).filter((id) => typeof id === 'number'))]
  if (wanted.length === 0) return
  const allowed = await allowedRows(new AccessRepository(db), scope, kind, wanted, mode)
  const refused = wanted.find((id) => !allowed.has(id))
  if (refused !== undefined) throw rowNotFound(kind, refused)
}

/** The ids among these the caller may read; all of them when no rule applies. */
export async function visibleRows(db: Kysely<Database>, kind: RowKind, ids: readonly number[]): Promise<Set<number>> {
  const scope = rowScope()
  if (!scope || ids.length === 0) return new Set(ids)
  return allowedRows(new AccessRepository(db), scope, kind, [...new Set(ids)], 'read')
}

/** Refuses a call that reaches the whole workspace's rows (a list of every candidate, a report) to an interviewer. */
export function requireBeyondInterviews(kind: RowKind): void {
  const scope = rowScope()
  if (scope && !scope.manager) throw rowNotFound(kind, '')
}

/** The postings a restricted caller's lists of postings are narrowed to; null when not narrowed. */
export async function listedPostings(db: Kysely<Database>): Promise<number[] | null> {
  const scope = rowScope()
  if (!scope) return null
  return scope.manager ? new AccessRepository(db).managedPostingIds(scope.personId) : []
}

/**
 * Which interviews a restricted caller's lists keep: their own, and those of the postings they manage; null when
 * every interview is listed.
 */
export async function interviewFilter(
  db: Kysely<Database>,
): Promise<((interview: { interviewer_id: number; posting_id: number }) => boolean) | null> {
  const scope = rowScope()
  if (!scope) return null
  const managed = new Set(scope.manager ? await new AccessRepository(db).managedPostingIds(scope.personId) : [])
  return (interview) =>
    (scope.interviewer && interview.interviewer_id === scope.personId) || managed.has(interview.posting_id)
}

async function allowedRows(
  repo: AccessRepository,
  scope: RowScope,
  kind: RowKind,
  ids: number[],
  mode: RowMode,
): Promise<Set<number>> {
  const me = scope.personId
  const allowed = new Set<number>()
  const add = (found: Iterable<number>) => {
    for (const id of found) allowed.add(id)
  }
  // Through a parent row: the child is allowed when its parent is.
  const via = async (parents: Map<number, number>, parentKind: RowKind) => {
    const parentAllowed = await allowedRows(repo, scope, parentKind, [...new Set(parents.values())], mode)
    for (const [id, parent] of parents) if (parentAllowed.has(parent)) allowed.add(id)
  }
  switch (kind) {
    case 'candidate':
      if (scope.interviewer && mode === 'read') add(await repo.candidatesInterviewedBy(me, ids))
      if (scope.manager) add(await repo.candidatesManagedBy(me, ids))
      break
    case 'application':
      if (scope.interviewer && mode === 'read') add(await repo.applicationsInterviewedBy(me, ids))
      if (scope.manager) add(await repo.applicationsManagedBy(me, ids))
      break
    case 'interview':
      if (scope.interviewer && mode === 'read') add(await repo.interviewsOf(me, ids))
      if (scope.manager) add(await repo.interviewsManagedBy(me, ids))
      break
    case 'scorecard':
      // Only its interviewer writes a scorecard; the posting's hiring manager reads them all (the debrief's rules
      // still decide when others' words show).
      add(await repo.interviewsOf(me, ids))
      if (scope.manager && mode === 'read') add(await repo.interviewsManagedBy(me, ids))
      break
    case 'document':
      await via(await repo.candidatesOf('documents', ids), 'candidate')
      break
    case 'note':
      await via(await repo.candidatesOf('candidate_notes', ids), 'candidate')
      break
    case 'posting':
      if (scope.interviewer && mode === 'read') add(await repo.postingsInterviewedFor(me, ids))
      if (scope.manager) add(await repo.postingsManagedBy(me, ids))
      break
    case 'stage':
      await via(await repo.postingsOf('stages', ids), 'posting')
      break
    case 'requirement':
      await via(await repo.postingsOf('requirements', ids), 'posting')
      break
    case 'step':
      await via(await repo.postingsOf('interview_steps', ids), 'posting')
      break
    case 'view':
      add(await repo.viewsOf(me, ids))
      break
    case 'ladder':
    case 'level':
    case 'competency':
    case 'person':
    case 'packet':
    case 'upload':
    case 'export':
      if (scope.manager && mode === 'read') add(ids)
      break
  }
  return allowed
}
