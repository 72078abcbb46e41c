import { assessedSections } from '@contract/closed-lists'
import type { RequirementRow } from '../db/schema'
import { AppError } from '../errors'
import type { AssessmentRepository } from './repository'

export type AssessedApplication = NonNullable<Awaited<ReturnType<AssessmentRepository['findApplication']>>>

const assessed = new Set<string>(assessedSections)

/** The application, refused when it does not exist or was merged into another one. */
export async function requireApplication(repo: AssessmentRepository, id: number): Promise<AssessedApplication> {
  const row = await repo.findApplication(id)
  if (!row) throw AppError.of('application_not_found', { id: id })
  if (row.merged_into_id !== null) {
    throw AppError.of('application_merged_assess', { id, into: row.merged_into_id })
  }
  return row
}

/** A live requirement of the application's own posting, in a section that is assessed. */
export async function requireRateable(
  repo: AssessmentRepository,
  application: AssessedApplication,
  requirementId: number,
): Promise<RequirementRow> {
  const requirement = await repo.findRequirement(requirementId)
  if (!requirement) {
    throw AppError.of('requirement_not_found', { id: requirementId }, [
      { path: 'requirementId', message: 'no such requirement' },
    ])
  }
  if (requirement.posting_id !== application.posting_id) {
    throw AppError.of('requirement_other_posting', { id: requirementId, title: application.posting_title }, [
      { path: 'requirementId', message: 'a requirement of another posting' },
    ])
  }
  if (requirement.archived_at !== null) {
    throw AppError.of('requirement_archived_rating', undefined, [{ path: 'requirementId', message: 'archived' }])
  }
  if (!assessed.has(requirement.section)) {
    throw AppError.of('section_not_rated', undefined, [
      { path: 'requirementId', message: `in section ${requirement.section}` },
    ])
  }
  return requirement
}
