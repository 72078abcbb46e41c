import { assessedSections } from '@contract/closed-lists'
import type { RequirementRow } from '../db/schema'
import { AppError } from '../errors'
import type { AssessmentRepository } from './repository'

export type AssessedApplication = NonNullable<Awaited<ReturnType<AssessmentRepository['findApplication']>>>

const assessed = new Set<string>(assessedSections)

/** The application, refused when it does not exist or was merged into another one. */
export async function requireApplication(repo: AssessmentRepository, id: number): Promise<AssessedApplication> {
  const row = await repo.findApplication(id)
  if (!row) throw new AppError('not_found', `Application ${id} does not exist.`)
  if (row.merged_into_id !== null) {
    throw new AppError(
      'conflict',
      `Application ${id} was merged into application ${row.merged_into_id} when its candidate was merged; assess that one.`,
    )
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
    throw new AppError('not_found', `Requirement ${requirementId} does not exist.`, [
      { path: 'requirementId', message: 'no such requirement' },
    ])
  }
  if (requirement.posting_id !== application.posting_id) {
    throw new AppError(
      'invalid_input',
      `Requirement ${requirementId} belongs to another posting than this application ("${application.posting_title}").`,
      [{ path: 'requirementId', message: 'a requirement of another posting' }],
    )
  }
  if (requirement.archived_at !== null) {
    throw new AppError(
      'conflict',
      'This requirement was removed from the posting; its ratings are kept but it is no longer rated.',
      [{ path: 'requirementId', message: 'archived' }],
    )
  }
  if (!assessed.has(requirement.section)) {
    throw new AppError('invalid_input', 'Benefits and other notes of a posting are not rated.', [
      { path: 'requirementId', message: `in section ${requirement.section}` },
    ])
  }
  return requirement
}
