import type { RequirementChangeDto, RequirementSection } from '@contract'
import type { CoreContext } from '../context'
import { entityWriter, type EntityWriter } from '../entity-write'
import { AppError } from '../errors'
import type { WorkspaceService } from '../workspace/service'
import { checkCompetencies, postingEntity, requireLevel, requirePosting, requireRequirement } from './posting-entity'
import type { PostingRepository } from './repository'
import {
  emptySectionCounts,
  requirementColumns,
  sortRequirements,
  toRequirementDto,
  type RequirementFields,
} from './requirement-mapping'

async function changeOf(repo: PostingRepository, postingId: number, id: number): Promise<RequirementChangeDto> {
  const requirements = sortRequirements(await repo.listRequirements([postingId])).map(toRequirementDto)
  const requirement = requirements.find((entry) => entry.id === id)
  if (!requirement) throw new AppError('not_found', `Requirement ${id} does not exist.`)
  return { requirement, requirements }
}

/** A new posting's items, numbered within each section in the order given. */
export async function insertRequirements(
  repo: PostingRepository,
  postingId: number,
  requirements: (RequirementFields & { section: RequirementSection })[],
  now: string,
): Promise<void> {
  const next = emptySectionCounts()
  for (const requirement of requirements) {
    await repo.insertRequirement({
      posting_id: postingId,
      section: requirement.section,
      position: next[requirement.section]++,
      ...requirementColumns(requirement, requirement.section),
      created_at: now,
      updated_at: now,
    })
  }
}

/**
 * The items of a posting, one change at a time. Every change touches the posting and recomputes its
 * applicants' fit, in the change's transaction; each answer carries the posting's whole list after it.
 */
export class RequirementService {
  private readonly write: EntityWriter<PostingRepository>

  constructor(ctx: CoreContext, workspace: WorkspaceService) {
    this.write = entityWriter(ctx, workspace, postingEntity)
  }

  async add(
    input: RequirementFields & { postingId: number; section: RequirementSection; position?: number | undefined },
  ): Promise<RequirementChangeDto> {
    return this.write(async ({ repo, at }) => {
      const posting = await requirePosting(repo, input.postingId)
      const level = await requireLevel(repo, posting.level_id)
      await checkCompetencies(repo, level.ladder_id, [{ competencyId: input.competencyId, path: 'competencyId' }])
      const order = await repo.sectionOrder(posting.id, input.section)
      const row = await repo.insertRequirement({
        posting_id: posting.id,
        section: input.section,
        position: order.length,
        ...requirementColumns(input, input.section),
        created_at: at,
        updated_at: at,
      })
      order.splice(Math.min(input.position ?? order.length, order.length), 0, row.id)
      await repo.setSectionOrder(input.section, order, at)
      return {
        entityId: posting.id,
        action: 'requirement_added',
        detail: { requirementId: row.id, section: input.section },
        afterwards: () => changeOf(repo, posting.id, row.id),
      }
    })
  }

  /** Replaces an item's fields; where it sits changes only through `move`. */
  async update(input: RequirementFields & { id: number; weight: number }): Promise<RequirementChangeDto> {
    return this.write(async ({ repo, at }) => {
      const requirement = await requireRequirement(repo, input.id)
      const posting = await requirePosting(repo, requirement.posting_id)
      const level = await requireLevel(repo, posting.level_id)
      await checkCompetencies(repo, level.ladder_id, [{ competencyId: input.competencyId, path: 'competencyId' }])
      await repo.updateRequirement(input.id, { ...requirementColumns(input, requirement.section), updated_at: at })
      return {
        entityId: posting.id,
        action: 'requirement_updated',
        detail: { requirementId: input.id },
        afterwards: () => changeOf(repo, posting.id, input.id),
      }
    })
  }

  /**
   * Removes the item. One that applicants were ever rated on is archived instead of deleted: its ratings and
   * their history stay, it leaves the lists and the fit, and `restore` brings it back.
   */
  async remove(id: number): Promise<RequirementChangeDto> {
    return this.write(async ({ repo, at }) => {
      const requirement = await requireRequirement(repo, id)
      const archived = await repo.wasRated(id)
      if (archived) await repo.updateRequirement(id, { archived_at: at, updated_at: at })
      else await repo.deleteRequirement(id)
      await repo.setSectionOrder(
        requirement.section,
        await repo.sectionOrder(requirement.posting_id, requirement.section),
        at,
      )
      return {
        entityId: requirement.posting_id,
        action: archived ? 'requirement_archived' : 'requirement_removed',
        detail: { requirementId: id, section: requirement.section, text: requirement.text.slice(0, 200) },
        afterwards: async () => ({
          requirement: toRequirementDto(requirement),
          requirements: sortRequirements(await repo.listRequirements([requirement.posting_id])).map(toRequirementDto),
          archived,
        }),
      }
    })
  }

  /** Brings an archived item back where it was (or at `position` of its section), with its ratings. */
  async restore(input: { id: number; position?: number | undefined }): Promise<RequirementChangeDto> {
    return this.write(async ({ repo, at }) => {
      const requirement = await repo.findRequirementAny(input.id)
      if (!requirement) throw new AppError('not_found', `Requirement ${input.id} does not exist.`)
      if (requirement.archived_at === null) {
        throw new AppError('conflict', 'This requirement is not archived.')
      }
      const order = await repo.sectionOrder(requirement.posting_id, requirement.section)
      await repo.updateRequirement(input.id, { archived_at: null, updated_at: at })
      order.splice(Math.min(input.position ?? requirement.position, order.length), 0, input.id)
      await repo.setSectionOrder(requirement.section, order, at)
      return {
        entityId: requirement.posting_id,
        action: 'requirement_restored',
        detail: { requirementId: input.id, section: requirement.section },
        afterwards: () => changeOf(repo, requirement.posting_id, input.id),
      }
    })
  }

  async move(input: { id: number; section: RequirementSection; position: number }): Promise<RequirementChangeDto> {
    return this.write(async ({ repo, at }) => {
      const requirement = await requireRequirement(repo, input.id)
      const postingId = requirement.posting_id
      const source = (await repo.sectionOrder(postingId, requirement.section)).filter((id) => id !== input.id)
      const target = input.section === requirement.section ? source : await repo.sectionOrder(postingId, input.section)
      const position = Math.min(input.position, target.length)
      const afterwards = () => changeOf(repo, postingId, input.id)
      if (input.section === requirement.section && position === requirement.position)
        return { unchanged: true, afterwards }
      target.splice(position, 0, input.id)
      if (input.section !== requirement.section) await repo.setSectionOrder(requirement.section, source, at)
      await repo.setSectionOrder(input.section, target, at)
      return {
        entityId: postingId,
        action: 'requirement_moved',
        detail: {
          requirementId: input.id,
          from: { section: requirement.section, position: requirement.position },
          to: { section: input.section, position },
        },
        // Within a section, the order changes nothing the fit counts.
        refresh: input.section !== requirement.section,
        afterwards,
      }
    })
  }
}
