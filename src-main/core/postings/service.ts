import type {
  CreatePostingData,
  PostingDto,
  PostingParseResultDto,
  PostingReferenceDto,
  PostingStatus,
  PostingSummaryDto,
  RemotePolicy,
  RequirementChangeDto,
  RequirementDto,
  RequirementSection,
  SkillDto,
} from '@contract'
import { countryCodes, languageCodes } from '@contract/iso-codes'
import {
  defaultWeights,
  POSTING_FILE_MAX_BYTES,
  postingFileExtensions,
  requirementSections,
  statusTransitions,
} from '@contract/postings'
import type { Kysely } from 'kysely'
import { recordActivity } from '../activity/activity-log'
import { refreshFit } from '../assessments/fit'
import { AssessmentRepository } from '../assessments/repository'
import type { CoreContext } from '../context'
import { isForeignKeyViolation } from '../db/errors'
import type { Database, PostingRow, RequirementRow } from '../db/schema'
import { AppError } from '../errors'
import { insertPipeline } from '../stages/service'
import type { WorkspaceService } from '../workspace/service'
import { parsePosting, suggestLevel } from './parse'
import { postingFromParsed } from './from-parsed'
import { readPostingText, type PostingSource } from './read-posting'
import { PostingRepository, type PostingFilter, type PostingValues } from './repository'

/** The fields a requirement carries besides where it sits. */
export interface RequirementFields {
  text: string
  mustHave: boolean
  preferred: boolean
  weight?: number | undefined
  minYears: number | null
  skills: SkillDto[]
  competencyId: number | null
}

export interface PostingFields {
  title: string
  levelId: number
  team: string
  language: string
  countries: string[]
  remotePolicy: RemotePolicy
  summary: string
}

type PostingListRow = Awaited<ReturnType<PostingRepository['listPostings']>>[number]
type LevelWithLadder = NonNullable<Awaited<ReturnType<PostingRepository['findLevel']>>>

const sectionIndex = (section: RequirementSection) => requirementSections.indexOf(section)

function parseJsonArray(value: string): unknown[] {
  try {
    const parsed: unknown = JSON.parse(value)
    return Array.isArray(parsed) ? (parsed as unknown[]) : []
  } catch {
    return []
  }
}

function toSkills(value: string): SkillDto[] {
  return parseJsonArray(value).flatMap((entry) => {
    if (typeof entry !== 'object' || entry === null) return []
    const { name, alternatives } = entry as { name?: unknown; alternatives?: unknown }
    if (typeof name !== 'string') return []
    const alts = Array.isArray(alternatives) ? alternatives.filter((alt): alt is string => typeof alt === 'string') : []
    return [{ name, alternatives: alts }]
  })
}

export const toRequirementDto = (row: RequirementRow): RequirementDto => ({
  id: row.id,
  postingId: row.posting_id,
  section: row.section,
  position: row.position,
  text: row.text,
  mustHave: row.must_have === 1,
  preferred: row.preferred === 1,
  weight: row.weight,
  minYears: row.min_years,
  skills: toSkills(row.skills),
  competencyId: row.competency_id,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
})

const emptyCounts = (): Record<RequirementSection, number> => ({
  responsibility: 0,
  requirement: 0,
  nice_to_have: 0,
  benefit: 0,
  other: 0,
})

function toSummaryDto(row: PostingListRow, counts: Record<RequirementSection, number>): PostingSummaryDto {
  return {
    id: row.id,
    title: row.title,
    levelId: row.level_id,
    levelTitle: row.level_title,
    ladderId: row.ladder_id,
    ladderName: row.ladder_name,
    team: row.team,
    language: row.language,
    countries: parseJsonArray(row.countries).filter((code): code is string => typeof code === 'string'),
    remotePolicy: row.remote_policy,
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    closedAt: row.closed_at,
    requirementCounts: counts,
  }
}

/** Display order: by section, then position. */
export function sortRequirements(rows: RequirementRow[]): RequirementRow[] {
  return [...rows].sort(
    (a, b) => sectionIndex(a.section) - sectionIndex(b.section) || a.position - b.position || a.id - b.id,
  )
}

const boolToSql = (value: boolean): 0 | 1 => (value ? 1 : 0)

function requirementColumns(fields: RequirementFields, section: RequirementSection) {
  return {
    text: fields.text.trim(),
    must_have: boolToSql(fields.mustHave),
    preferred: boolToSql(fields.preferred),
    weight: fields.weight ?? defaultWeights[section],
    min_years: fields.minYears,
    skills: JSON.stringify(fields.skills.map((skill) => ({ name: skill.name, alternatives: skill.alternatives }))),
    competency_id: fields.competencyId,
  }
}

function postingColumns(fields: PostingFields): PostingValues {
  return {
    title: fields.title,
    level_id: fields.levelId,
    team: fields.team,
    language: fields.language,
    countries: JSON.stringify([...new Set(fields.countries)]),
    remote_policy: fields.remotePolicy,
    summary: fields.summary,
  }
}

export class PostingService {
  constructor(
    private readonly ctx: CoreContext,
    private readonly workspace: WorkspaceService,
  ) {}

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
    const repo = new PostingRepository(this.db)
    const rows = await repo.listPostings(filter)
    const counts = await this.counts(
      repo,
      rows.map((row) => row.id),
    )
    return rows.map((row) => toSummaryDto(row, counts.get(row.id) ?? emptyCounts()))
  }

  async get(id: number): Promise<PostingDto> {
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
    const level = await this.requireLevel(new PostingRepository(this.db), levelId)
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
    const id = await this.write(async (repo, actor, trx) => {
      const level = await this.requireLevel(repo, input.levelId, 'levelId')
      await this.checkCompetencies(
        repo,
        level.ladder_id,
        input.requirements.map((requirement, index) => ({
          competencyId: requirement.competencyId,
          path: `requirements.${index}.competencyId`,
        })),
      )
      const now = timestamp()
      const row = await repo.insertPosting({
        ...postingColumns(input),
        status: input.status,
        original_text: input.originalText,
        original_file_name: input.originalFileName,
        now,
      })
      await this.insertRequirements(repo, row.id, input.requirements, now)
      await insertPipeline(trx, row.id, now)
      await recordActivity(trx, {
        personId: actor,
        entityType: 'posting',
        entityId: row.id,
        action: input.originalText.trim() ? 'imported' : 'created',
        detail: {
          title: row.title,
          levelId: row.level_id,
          requirements: input.requirements.length,
          ...(input.originalFileName ? { fileName: input.originalFileName } : {}),
        },
      })
      return row.id
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
    const repo = new PostingRepository(this.db)
    const level = await this.requireLevel(repo, input.levelId, 'levelId')
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
    await this.write(async (repo, actor, trx) => {
      const before = await this.requirePosting(repo, input.id)
      const level = await this.requireLevel(repo, input.levelId, 'levelId')
      const foreign = await repo.countForeignCompetencyLinks(input.id, level.ladder_id)
      const now = timestamp()
      if (foreign > 0) {
        if (!input.clearForeignCompetencies) {
          throw new AppError(
            'conflict',
            `"${level.title}" belongs to the ${level.ladder_name} ladder: ${foreign} requirement(s) link competencies of another ladder. Confirm to remove those links.`,
            [{ path: 'levelId', message: 'another ladder: competency links would be removed' }],
          )
        }
        await repo.clearCompetencyLinks(input.id, now)
      }
      const values = postingColumns(input)
      await repo.updatePosting(input.id, { ...values, updated_at: now })
      const changed = (Object.keys(values) as (keyof PostingValues)[]).filter((key) => values[key] !== before[key])
      await recordActivity(trx, {
        personId: actor,
        entityType: 'posting',
        entityId: input.id,
        action: 'updated',
        detail: { fields: changed, ...(foreign > 0 ? { clearedCompetencyLinks: foreign } : {}) },
      })
    })
    return this.get(input.id)
  }

  async setStatus(id: number, status: PostingStatus): Promise<PostingDto> {
    await this.write(async (repo, actor, trx) => {
      const posting = await this.requirePosting(repo, id)
      if (posting.status === status) return
      if (!statusTransitions[posting.status].includes(status)) {
        throw AppError.of('posting_status_change', { from: posting.status, to: status }, [
          { path: 'status', message: `allowed: ${statusTransitions[posting.status].join(', ')}` },
        ])
      }
      const now = timestamp()
      await repo.updatePosting(id, { status, updated_at: now, closed_at: status === 'closed' ? now : null })
      await recordActivity(trx, {
        personId: actor,
        entityType: 'posting',
        entityId: id,
        action: 'status_changed',
        detail: { from: posting.status, to: status },
      })
    })
    return this.get(id)
  }

  /** A draft copy with all live requirements (competency links and weights included) and the same stages. */
  async duplicate(id: number): Promise<PostingDto> {
    const copyId = await this.write(async (repo, actor, trx) => {
      const source = await this.requirePosting(repo, id)
      const requirements = sortRequirements(await repo.listRequirements([id]))
      const now = timestamp()
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
        now,
      })
      await insertPipeline(trx, row.id, now, id)
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
          created_at: now,
          updated_at: now,
        })
      }
      await recordActivity(trx, {
        personId: actor,
        entityType: 'posting',
        entityId: row.id,
        action: 'duplicated',
        detail: { from: id, title: row.title },
      })
      return row.id
    })
    return this.get(copyId)
  }

  async delete(id: number): Promise<{ id: number }> {
    return this.write(async (repo, actor, trx) => {
      const posting = await this.requirePosting(repo, id)
      try {
        await repo.deletePosting(id)
      } catch (error) {
        if (isForeignKeyViolation(error)) throw AppError.of('posting_has_applications', { title: posting.title })
        throw error
      }
      await recordActivity(trx, {
        personId: actor,
        entityType: 'posting',
        entityId: id,
        action: 'deleted',
        detail: { title: posting.title },
      })
      return { id }
    })
  }

  async addRequirement(
    input: RequirementFields & { postingId: number; section: RequirementSection; position?: number | undefined },
  ): Promise<RequirementChangeDto> {
    return this.write(async (repo, actor, trx) => {
      const posting = await this.requirePosting(repo, input.postingId)
      const level = await this.requireLevel(repo, posting.level_id)
      await this.checkCompetencies(repo, level.ladder_id, [{ competencyId: input.competencyId, path: 'competencyId' }])
      const order = await repo.sectionOrder(posting.id, input.section)
      const now = timestamp()
      const row = await repo.insertRequirement({
        posting_id: posting.id,
        section: input.section,
        position: order.length,
        ...requirementColumns(input, input.section),
        created_at: now,
        updated_at: now,
      })
      order.splice(Math.min(input.position ?? order.length, order.length), 0, row.id)
      await repo.setSectionOrder(input.section, order, now)
      await this.requirementsChanged(trx, actor, posting.id, now, {
        action: 'requirement_added',
        detail: { requirementId: row.id, section: input.section },
      })
      return this.change(repo, posting.id, row.id)
    })
  }

  /** Replaces an item's fields; where it sits changes only through `moveRequirement`. */
  async updateRequirement(input: RequirementFields & { id: number; weight: number }): Promise<RequirementChangeDto> {
    return this.write(async (repo, actor, trx) => {
      const requirement = await this.requireRequirement(repo, input.id)
      const posting = await this.requirePosting(repo, requirement.posting_id)
      const level = await this.requireLevel(repo, posting.level_id)
      await this.checkCompetencies(repo, level.ladder_id, [{ competencyId: input.competencyId, path: 'competencyId' }])
      const now = timestamp()
      await repo.updateRequirement(input.id, { ...requirementColumns(input, requirement.section), updated_at: now })
      await this.requirementsChanged(trx, actor, posting.id, now, {
        action: 'requirement_updated',
        detail: { requirementId: input.id },
      })
      return this.change(repo, posting.id, input.id)
    })
  }

  /**
   * Removes the item. One that applicants were ever rated on is archived instead of deleted: its ratings and
   * their history stay, it leaves the lists and the fit, and `restoreRequirement` brings it back.
   */
  async removeRequirement(id: number): Promise<RequirementChangeDto> {
    return this.write(async (repo, actor, trx) => {
      const requirement = await this.requireRequirement(repo, id)
      const now = timestamp()
      const archived = await new AssessmentRepository(trx).hasHistory(id)
      if (archived) await repo.updateRequirement(id, { archived_at: now, updated_at: now })
      else await repo.deleteRequirement(id)
      await repo.setSectionOrder(
        requirement.section,
        await repo.sectionOrder(requirement.posting_id, requirement.section),
        now,
      )
      await this.requirementsChanged(trx, actor, requirement.posting_id, now, {
        action: archived ? 'requirement_archived' : 'requirement_removed',
        detail: { requirementId: id, section: requirement.section, text: requirement.text.slice(0, 200) },
      })
      return {
        requirement: toRequirementDto(requirement),
        requirements: sortRequirements(await repo.listRequirements([requirement.posting_id])).map(toRequirementDto),
        archived,
      }
    })
  }

  /** Brings an archived item back where it was (or at `position` of its section), with its ratings. */
  async restoreRequirement(input: { id: number; position?: number | undefined }): Promise<RequirementChangeDto> {
    return this.write(async (repo, actor, trx) => {
      const requirement = await repo.findRequirementAny(input.id)
      if (!requirement) throw AppError.of('requirement_not_found', { id: input.id })
      if (requirement.archived_at === null) {
        throw AppError.of('requirement_not_archived')
      }
      const now = timestamp()
      const order = await repo.sectionOrder(requirement.posting_id, requirement.section)
      await repo.updateRequirement(input.id, { archived_at: null, updated_at: now })
      order.splice(Math.min(input.position ?? requirement.position, order.length), 0, input.id)
      await repo.setSectionOrder(requirement.section, order, now)
      await this.requirementsChanged(trx, actor, requirement.posting_id, now, {
        action: 'requirement_restored',
        detail: { requirementId: input.id, section: requirement.section },
      })
      return this.change(repo, requirement.posting_id, input.id)
    })
  }

  async moveRequirement(input: {
    id: number
    section: RequirementSection
    position: number
  }): Promise<RequirementChangeDto> {
    return this.write(async (repo, actor, trx) => {
      const requirement = await this.requireRequirement(repo, input.id)
      const postingId = requirement.posting_id
      const now = timestamp()
      const source = (await repo.sectionOrder(postingId, requirement.section)).filter((id) => id !== input.id)
      const target = input.section === requirement.section ? source : await repo.sectionOrder(postingId, input.section)
      const position = Math.min(input.position, target.length)
      if (input.section !== requirement.section || position !== requirement.position) {
        target.splice(position, 0, input.id)
        if (input.section !== requirement.section) await repo.setSectionOrder(requirement.section, source, now)
        await repo.setSectionOrder(input.section, target, now)
        await this.requirementsChanged(
          trx,
          actor,
          postingId,
          now,
          {
            action: 'requirement_moved',
            detail: {
              requirementId: input.id,
              from: { section: requirement.section, position: requirement.position },
              to: { section: input.section, position },
            },
          },
          // Within a section, the order changes nothing the fit counts.
          input.section !== requirement.section,
        )
      }
      return this.change(repo, postingId, input.id)
    })
  }

  private async insertRequirements(
    repo: PostingRepository,
    postingId: number,
    requirements: (RequirementFields & { section: RequirementSection })[],
    now: string,
  ): Promise<void> {
    const next = emptyCounts()
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

  /** Every linked competency must exist and belong to the target level's ladder. */
  private async checkCompetencies(
    repo: PostingRepository,
    ladderId: number,
    links: { competencyId: number | null; path: string }[],
  ): Promise<void> {
    const wanted = links.filter((link): link is { competencyId: number; path: string } => link.competencyId !== null)
    if (wanted.length === 0) return
    const found = new Map(
      (await repo.competenciesOf([...new Set(wanted.map((link) => link.competencyId))])).map((row) => [row.id, row]),
    )
    const issues = wanted.flatMap((link) => {
      const competency = found.get(link.competencyId)
      if (!competency) return [{ path: link.path, message: `competency ${link.competencyId} does not exist` }]
      if (competency.ladder_id !== ladderId)
        return [{ path: link.path, message: `"${competency.name}" is not a competency of the target level's ladder` }]
      return []
    })
    const first = issues[0]
    if (first) {
      throw new AppError(
        'invalid_input',
        `A requirement can only link a competency of the target level's ladder (${first.path}: ${first.message}).`,
        issues,
      )
    }
  }

  /** What every change of a posting's items ends with: the posting touched, its fit recomputed, the activity. */
  private async requirementsChanged(
    trx: Kysely<Database>,
    actor: number | null,
    postingId: number,
    now: string,
    activity: { action: string; detail: Record<string, unknown> },
    refit = true,
  ): Promise<void> {
    await new PostingRepository(trx).updatePosting(postingId, { updated_at: now })
    if (refit) await refreshFit(trx, { postingId })
    await recordActivity(trx, { personId: actor, entityType: 'posting', entityId: postingId, ...activity })
  }

  private async change(repo: PostingRepository, postingId: number, id: number): Promise<RequirementChangeDto> {
    const requirements = sortRequirements(await repo.listRequirements([postingId])).map(toRequirementDto)
    const requirement = requirements.find((entry) => entry.id === id)
    if (!requirement) throw AppError.of('requirement_not_found', { id: id })
    return { requirement, requirements }
  }

  private async counts(
    repo: PostingRepository,
    ids: number[],
  ): Promise<Map<number, Record<RequirementSection, number>>> {
    const counts = new Map<number, Record<RequirementSection, number>>()
    for (const row of await repo.countRequirements(ids)) {
      const entry = counts.get(row.posting_id) ?? emptyCounts()
      entry[row.section] = Number(row.count)
      counts.set(row.posting_id, entry)
    }
    return counts
  }

  private async detail(repo: PostingRepository, id: number): Promise<PostingDto> {
    const posting = await this.requirePosting(repo, id)
    const [summary] = await repo.listPostings({}, [id])
    if (!summary) throw AppError.of('posting_not_found', { id: id })
    const requirements = sortRequirements(await repo.listRequirements([id]))
    const counts = emptyCounts()
    for (const requirement of requirements) counts[requirement.section]++
    return {
      ...toSummaryDto(summary, counts),
      summary: posting.summary,
      originalText: posting.original_text,
      originalFileName: posting.original_file_name,
      requirements: requirements.map(toRequirementDto),
    }
  }

  private async write<T>(
    work: (repo: PostingRepository, actor: number | null, trx: Kysely<Database>) => Promise<T>,
  ): Promise<T> {
    const actor = await this.workspace.currentPersonId()
    return this.db.transaction().execute((trx) => work(new PostingRepository(trx), actor, trx))
  }

  private async requirePosting(repo: PostingRepository, id: number): Promise<PostingRow> {
    const row = await repo.findPosting(id)
    if (!row) throw AppError.of('posting_not_found', { id: id })
    return row
  }

  private async requireLevel(repo: PostingRepository, id: number, path?: string): Promise<LevelWithLadder> {
    const row = await repo.findLevel(id)
    if (!row) {
      const message = `Level ${id} does not exist.`
      throw path
        ? new AppError('invalid_input', message, [{ path, message: 'no such level' }])
        : new AppError('not_found', message)
    }
    return row
  }

  private async requireRequirement(repo: PostingRepository, id: number): Promise<RequirementRow> {
    const row = await repo.findRequirement(id)
    if (!row) throw AppError.of('requirement_not_found', { id: id })
    return row
  }
}

const timestamp = () => new Date().toISOString()
