import type {
  CreatePostingData,
  PostingDto,
  PostingParseResultDto,
  PostingReferenceDto,
  PostingStatus,
  PostingSummaryDto,
  RequirementChangeDto,
  RequirementSection,
} from '@contract'
import { countryCodes, languageCodes } from '@contract/iso-codes'
import { defaultWeights, POSTING_FILE_MAX_BYTES, postingFileExtensions, statusTransitions } from '@contract/postings'
import type { Kysely } from 'kysely'
import type { CoreContext } from '../context'
import { isForeignKeyViolation } from '../db/errors'
import type { Database } from '../db/schema'
import { entityWriter, type EntityWriter } from '../entity-write'
import { AppError } from '../errors'
import { listedPostings, requireBeyondInterviews, requireRows } from '../access/row-rules'
import { insertPipeline } from '../stages/pipeline'
import type { WorkspaceService } from '../workspace/service'
import { parsePosting, suggestLevel } from './parse'
import { postingFromParsed } from './from-parsed'
import { checkCompetencies, postingEntity, requireLevel, requirePosting } from './posting-entity'
import { postingColumns, toSummaryDto, type PostingFields } from './posting-mapping'
import { readPostingText, type PostingSource } from './read-posting'
import { PostingRepository, type PostingFilter, type PostingValues } from './repository'
import { emptySectionCounts, sortRequirements, toRequirementDto } from './requirement-mapping'
import { insertRequirements, RequirementService } from './requirement-service'

export type { PostingFields } from './posting-mapping'
export type { RequirementFields } from './requirement-mapping'

/** Writes that set the posting's update time themselves and change nothing the fit counts. */
const stampedByWrite = { touch: false, refresh: false } as const

/** Postings and their details; their items are `RequirementService`'s, reached through the same service. */
export class PostingService {
  private readonly write: EntityWriter<PostingRepository>
  private readonly requirements: RequirementService

  constructor(
    private readonly ctx: CoreContext,
    workspace: WorkspaceService,
  ) {
    this.write = entityWriter(ctx, workspace, postingEntity)
    this.requirements = new RequirementService(ctx, workspace)
  }

  private get db(): Kysely<Database> {
    return this.ctx.db
  }

  reference(): PostingReferenceDto {
    return {
      countries: [...countryCodes],
      languages: [...languageCodes],
      statusTransitions: {
        draft: [...statusTransitions.draft],
        open: [...statusTransitions.open],
        paused: [...statusTransitions.paused],
        closed: [...statusTransitions.closed],
      },
      defaultWeights: { ...defaultWeights },
      maxFileBytes: POSTING_FILE_MAX_BYTES,
      fileExtensions: [...postingFileExtensions],
    }
  }

  async list(filter: PostingFilter = {}): Promise<PostingSummaryDto[]> {
    requireBeyondInterviews('posting')
    const managed = await listedPostings(this.db)
    const repo = new PostingRepository(this.db)
    const rows = (await repo.listPostings(filter)).filter((row) => !managed || managed.includes(row.id))
    const counts = await this.counts(
      repo,
      rows.map((row) => row.id),
    )
    return rows.map((row) => toSummaryDto(row, counts.get(row.id) ?? emptySectionCounts()))
  }

  async get(id: number): Promise<PostingDto> {
    await requireRows(this.db, 'posting', id)
    return this.detail(new PostingRepository(this.db), id)
  }

  /** Reads pasted text or a file into the structure a user reviews, with a suggested level; saves nothing. */
  async parse(source: PostingSource): Promise<PostingParseResultDto> {
    const { text, fileName, source: kind, warnings } = await readPostingText(source)
    const parsed = parsePosting(text)
    const levels = await new PostingRepository(this.db).listLevelRefs()
    const suggested = suggestLevel(parsed, levels)
    const level = suggested ? levels.find((candidate) => candidate.id === suggested.id) : undefined
    return {
      parsed,
      originalText: text,
      fileName,
      source: kind,
      suggestedLevel: level
        ? { id: level.id, title: level.title, ladderId: level.ladder_id, ladderName: level.ladder_name }
        : null,
      warnings,
    }
  }

  /**
   * Parses and saves in one go (command line, demo): the same path as the review screen, without the review.
   * Without a level, the suggested one is used; without either, nothing is saved.
   */
  async importPosting(
    source: PostingSource,
    options: {
      levelId?: number | undefined
      status?: 'draft' | 'open'
      details?: Partial<Pick<PostingFields, 'team' | 'countries' | 'remotePolicy'>>
    } = {},
  ): Promise<PostingDto> {
    const result = await this.parse(source)
    const levelId = options.levelId ?? result.suggestedLevel?.id
    if (levelId === undefined) {
      throw AppError.of('posting_level_needed')
    }
    const level = await requireLevel(new PostingRepository(this.db), levelId)
    return this.create({
      ...postingFromParsed(result.parsed, {
        levelId,
        levelTitle: level.title,
        originalText: result.originalText,
        originalFileName: result.fileName,
        status: options.status ?? 'draft',
      }),
      ...options.details,
    })
  }

  /** Saves a posting, all its requirements and the default pipeline in one transaction. */
  async create(input: CreatePostingData): Promise<PostingDto> {
    requireBeyondInterviews('posting')
    const id = await this.write(async ({ repo, trx, at }) => {
      const level = await requireLevel(repo, input.levelId, 'levelId')
      await checkCompetencies(
        repo,
        level.ladder_id,
        input.requirements.map((requirement, index) => ({
          competencyId: requirement.competencyId,
          path: `requirements.${index}.competencyId`,
        })),
      )
      const row = await repo.insertPosting({
        ...postingColumns(input),
        status: input.status,
        original_text: input.originalText,
        original_file_name: input.originalFileName,
        now: at,
      })
      await insertRequirements(repo, row.id, input.requirements, at)
      await insertPipeline(trx, row.id, at)
      return {
        ...stampedByWrite,
        entityId: row.id,
        action: input.originalText.trim() ? 'imported' : 'created',
        detail: {
          title: row.title,
          levelId: row.level_id,
          requirements: input.requirements.length,
          ...(input.originalFileName ? { fileName: input.originalFileName } : {}),
        },
        result: row.id,
      }
    })
    return this.get(id)
  }
  /**
   * A draft prefilled from a level: each expectation becomes a responsibility and its competency a
   * requirement, both linked to that competency.
   */
  async createFromLevel(
    input: Omit<PostingFields, 'title'> & { title?: string | undefined; status: 'draft' | 'open' },
  ): Promise<PostingDto> {
    requireBeyondInterviews('posting')
    const repo = new PostingRepository(this.db)
    const level = await requireLevel(repo, input.levelId, 'levelId')
    const expectations = await repo.expectationsOfLevel(level.id)
    const responsibilities = expectations
      .filter((expectation) => expectation.text.trim())
      .map((expectation) => ({
        section: 'responsibility' as const,
        text: expectation.text.trim(),
        competencyId: expectation.competency_id,
      }))
    const requirements = expectations.map((expectation) => ({
      section: 'requirement' as const,
      text: expectation.competency_description.trim()
        ? `${expectation.competency_name}: ${expectation.competency_description.trim()}`
        : expectation.competency_name,
      competencyId: expectation.competency_id,
    }))
    return this.create({
      ...input,
      title: input.title ?? level.title,
      summary: input.summary.trim() ? input.summary : level.summary,
      originalText: '',
      originalFileName: null,
      requirements: [...responsibilities, ...requirements].map((requirement) => ({
        ...requirement,
        mustHave: false,
        preferred: false,
        minYears: null,
        skills: [],
        weight: undefined,
      })),
    })
  }

  /**
   * Edits the details. Moving to a level of another ladder leaves competency links pointing at the old
   * ladder: refused unless `clearForeignCompetencies`, which removes them.
   */
  async update(input: PostingFields & { id: number; clearForeignCompetencies: boolean }): Promise<PostingDto> {
    await this.write(async ({ repo, trx, at }) => {
      await requireRows(trx, 'posting', input.id, 'write')
      const before = await requirePosting(repo, input.id)
      const level = await requireLevel(repo, input.levelId, 'levelId')
      const foreign = await repo.countForeignCompetencyLinks(input.id, level.ladder_id)
      if (foreign > 0) {
        if (!input.clearForeignCompetencies) {
          throw AppError.of(
            'level_other_ladder_links',
            { level: level.title, ladder: level.ladder_name, count: foreign },
            [{ path: 'levelId', message: 'another ladder: competency links would be removed' }],
          )
        }
        await repo.clearCompetencyLinks(input.id, at)
      }
      const values = postingColumns(input)
      await repo.updatePosting(input.id, { ...values, updated_at: at })
      const changed = (Object.keys(values) as (keyof PostingValues)[]).filter((key) => values[key] !== before[key])
      return {
        ...stampedByWrite,
        entityId: input.id,
        action: 'updated',
        detail: { fields: changed, ...(foreign > 0 ? { clearedCompetencyLinks: foreign } : {}) },
        result: undefined,
      }
    })
    return this.get(input.id)
  }

  async setStatus(id: number, status: PostingStatus): Promise<PostingDto> {
    await this.write(async ({ repo, trx, at }) => {
      await requireRows(trx, 'posting', id, 'write')
      const posting = await requirePosting(repo, id)
      if (posting.status === status) return { unchanged: true, result: undefined }
      if (!statusTransitions[posting.status].includes(status)) {
        throw AppError.of('posting_status_change', { from: posting.status, to: status }, [
          { path: 'status', message: `allowed: ${statusTransitions[posting.status].join(', ')}` },
        ])
      }
      await repo.updatePosting(id, { status, updated_at: at, closed_at: status === 'closed' ? at : null })
      return {
        ...stampedByWrite,
        entityId: id,
        action: 'status_changed',
        detail: { from: posting.status, to: status },
        result: undefined,
      }
    })
    return this.get(id)
  }

  /** A draft copy with all live requirements (competency links and weights included) and the same stages. */
  async duplicate(id: number): Promise<PostingDto> {
    const copyId = await this.write(async ({ repo, trx, at }) => {
      await requireRows(trx, 'posting', id, 'write')
      const source = await requirePosting(repo, id)
      const requirements = sortRequirements(await repo.listRequirements([id]))
      const suffix = ' (copy)'
      const row = await repo.insertPosting({
        title: source.title.slice(0, 200 - suffix.length) + suffix,
        level_id: source.level_id,
        team: source.team,
        language: source.language,
        countries: source.countries,
        remote_policy: source.remote_policy,
        summary: source.summary,
        status: 'draft',
        original_text: source.original_text,
        original_file_name: source.original_file_name,
        now: at,
      })
      await insertPipeline(trx, row.id, at, id)
      for (const requirement of requirements) {
        await repo.insertRequirement({
          posting_id: row.id,
          section: requirement.section,
          position: requirement.position,
          text: requirement.text,
          must_have: requirement.must_have,
          preferred: requirement.preferred,
          weight: requirement.weight,
          min_years: requirement.min_years,
          skills: requirement.skills,
          competency_id: requirement.competency_id,
          created_at: at,
          updated_at: at,
        })
      }
      return {
        ...stampedByWrite,
        entityId: row.id,
        action: 'duplicated',
        detail: { from: id, title: row.title },
        result: row.id,
      }
    })
    return this.get(copyId)
  }

  async delete(id: number): Promise<{ id: number }> {
    return this.write(async ({ repo, trx }) => {
      await requireRows(trx, 'posting', id, 'write')
      const posting = await requirePosting(repo, id)
      try {
        await repo.deletePosting(id)
      } catch (error) {
        if (isForeignKeyViolation(error)) throw AppError.of('posting_has_applications', { title: posting.title })
        throw error
      }
      return { ...stampedByWrite, entityId: id, action: 'deleted', detail: { title: posting.title }, result: { id } }
    })
  }

  async addRequirement(input: Parameters<RequirementService['add']>[0]): Promise<RequirementChangeDto> {
    await requireRows(this.db, 'posting', input.postingId, 'write')
    return this.requirements.add(input)
  }

  async updateRequirement(input: Parameters<RequirementService['update']>[0]): Promise<RequirementChangeDto> {
    await requireRows(this.db, 'requirement', input.id, 'write')
    return this.requirements.update(input)
  }

  async removeRequirement(id: number): Promise<RequirementChangeDto> {
    await requireRows(this.db, 'requirement', id, 'write')
    return this.requirements.remove(id)
  }

  async restoreRequirement(input: Parameters<RequirementService['restore']>[0]): Promise<RequirementChangeDto> {
    await requireRows(this.db, 'requirement', input.id, 'write')
    return this.requirements.restore(input)
  }

  async moveRequirement(input: Parameters<RequirementService['move']>[0]): Promise<RequirementChangeDto> {
    await requireRows(this.db, 'requirement', input.id, 'write')
    return this.requirements.move(input)
  }

  private async counts(
    repo: PostingRepository,
    ids: number[],
  ): Promise<Map<number, Record<RequirementSection, number>>> {
    const counts = new Map<number, Record<RequirementSection, number>>()
    for (const row of await repo.countRequirements(ids)) {
      const entry = counts.get(row.posting_id) ?? emptySectionCounts()
      entry[row.section] = Number(row.count)
      counts.set(row.posting_id, entry)
    }
    return counts
  }

  private async detail(repo: PostingRepository, id: number): Promise<PostingDto> {
    const posting = await requirePosting(repo, id)
    const [summary] = await repo.listPostings({}, [id])
    if (!summary) throw AppError.of('posting_not_found', { id: id })
    const requirements = sortRequirements(await repo.listRequirements([id]))
    const counts = emptySectionCounts()
    for (const requirement of requirements) counts[requirement.section]++
    return {
      ...toSummaryDto(summary, counts),
      summary: posting.summary,
      originalText: posting.original_text,
      originalFileName: posting.original_file_name,
      requirements: requirements.map(toRequirementDto),
    }
  }
}
