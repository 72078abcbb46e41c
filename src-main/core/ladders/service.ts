import type {
  CompetencyDto,
  ExpectationDto,
  FileDownloadDto,
  LadderDetailDto,
  LadderDto,
  LadderFileFormat,
  LevelDto,
} from '@contract'
import type { Kysely } from 'kysely'
import type { CoreContext } from '../context'
import { isForeignKeyViolation, isUniqueViolation } from '../db/errors'
import type { CompetencyRow, Database, ExpectationRow, LadderRow, LevelRow } from '../db/schema'
import { entityWriter, type EntityKind, type EntityWriter } from '../entity-write'
import { AppError } from '../errors'
import { requireRows } from '../access/row-rules'
import { decodeTextFile } from '../files/decode-text'
import type { WorkspaceService } from '../workspace/service'
import { detectFormat, parseLadderFile, serialiseLadder, type LadderFile } from './ladder-file'
import { LadderRepository, type CompetencyValues, type LevelValues } from './repository'

const toLevelDto = (row: LevelRow): LevelDto => ({
  id: row.id,
  ladderId: row.ladder_id,
  position: row.position,
  code: row.code,
  title: row.title,
  summary: row.summary,
})

const toCompetencyDto = (row: CompetencyRow): CompetencyDto => ({
  id: row.id,
  ladderId: row.ladder_id,
  position: row.position,
  name: row.name,
  description: row.description,
})

const toExpectationDto = (row: ExpectationRow): ExpectationDto => ({
  levelId: row.level_id,
  competencyId: row.competency_id,
  text: row.text,
  examples: row.examples,
  updatedAt: row.updated_at,
})

const toLadderDto = (row: LadderRow, levels: LevelRow[], competencies: CompetencyRow[]): LadderDto => ({
  id: row.id,
  name: row.name,
  description: row.description,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  levels: levels.filter((level) => level.ladder_id === row.id).map(toLevelDto),
  competencies: competencies.filter((entry) => entry.ladder_id === row.id).map(toCompetencyDto),
})

/** Runs a write and turns constraint failures into messages a user can act on. */
async function guard<T>(write: () => Promise<T>, messages: { unique?: AppError; foreignKey?: AppError }): Promise<T> {
  try {
    return await write()
  } catch (error) {
    if (messages.unique && isUniqueViolation(error)) throw messages.unique
    if (messages.foreignKey && isForeignKeyViolation(error)) throw messages.foreignKey
    throw error
  }
}

/** A ladder after a write to it or to its levels, competencies and expectations: its update time moves. */
const ladderEntity: EntityKind<LadderRepository> = {
  entityType: 'ladder',
  repository: (db) => new LadderRepository(db),
  touch: (repo, id, at) => repo.touchLadder(id, at),
  refresh: async () => {},
}

export class LadderService {
  private readonly write: EntityWriter<LadderRepository>

  constructor(
    private readonly ctx: CoreContext,
    workspace: WorkspaceService,
  ) {
    this.write = entityWriter(ctx, workspace, ladderEntity)
  }

  private get db(): Kysely<Database> {
    return this.ctx.db
  }

  async list(): Promise<LadderDto[]> {
    const repo = new LadderRepository(this.db)
    const [ladders, levels, competencies] = await Promise.all([
      repo.listLadders(),
      repo.listLevels(),
      repo.listCompetencies(),
    ])
    return ladders.map((ladder) => toLadderDto(ladder, levels, competencies))
  }

  async get(id: number): Promise<LadderDetailDto> {
    await requireRows(this.db, 'ladder', id)
    return this.detail(new LadderRepository(this.db), id)
  }

  async create(input: { name: string; description: string }): Promise<LadderDto> {
    const ladder = await this.write(async ({ repo, at }) => {
      const row = await guard(() => repo.insertLadder(input.name, input.description, at), {
        unique: AppError.of('ladder_exists', { name: input.name }),
      })
      return { entityId: row.id, action: 'created', detail: { name: row.name }, touch: false, result: row }
    })
    return toLadderDto(ladder, [], [])
  }

  async update(input: { id: number; name: string; description?: string | undefined }): Promise<LadderDto> {
    await requireRows(this.db, 'ladder', input.id, 'write')
    await this.write(async ({ repo, at }) => {
      const before = await this.requireLadder(repo, input.id)
      await guard(
        () =>
          repo.updateLadder(input.id, {
            name: input.name,
            ...(input.description === undefined ? {} : { description: input.description }),
            updated_at: at,
          }),
        { unique: AppError.of('ladder_exists', { name: input.name }) },
      )
      // The update moved the time itself; only a new name is worth a history entry.
      if (before.name === input.name) return { unchanged: true, result: undefined }
      const detail = { from: before.name, to: input.name }
      return { entityId: input.id, action: 'renamed', detail, touch: false, result: undefined }
    })
    return this.summary(input.id)
  }

  async delete(id: number): Promise<{ id: number }> {
    await requireRows(this.db, 'ladder', id, 'write')
    return this.write(async ({ repo }) => {
      const ladder = await this.requireLadder(repo, id)
      await guard(() => repo.deleteLadder(id), {
        foreignKey: AppError.of('ladder_in_use', { name: ladder.name }),
      })
      return { entityId: id, action: 'deleted', detail: { name: ladder.name }, touch: false, result: { id } }
    })
  }

  async addLevel(input: { ladderId: number } & LevelValues): Promise<LevelDto> {
    await requireRows(this.db, 'ladder', input.ladderId, 'write')
    return this.write(async ({ repo }) => {
      await this.requireLadder(repo, input.ladderId)
      const position = await repo.nextPosition('levels', input.ladderId)
      const row = await guard(() => repo.insertLevel(input.ladderId, position, pickLevel(input)), {
        unique: AppError.of('level_exists', { code: input.code, title: input.title }),
      })
      return { entityId: input.ladderId, action: 'level_added', detail: { levelId: row.id }, result: toLevelDto(row) }
    })
  }

  async updateLevel(input: { id: number } & LevelValues): Promise<LevelDto> {
    await requireRows(this.db, 'level', input.id, 'write')
    return this.write(async ({ repo }) => {
      const level = await this.requireLevel(repo, input.id)
      const row = await guard(() => repo.updateLevel(input.id, pickLevel(input)), {
        unique: AppError.of('level_exists', { code: input.code, title: input.title }),
      })
      return {
        entityId: level.ladder_id,
        action: 'level_updated',
        detail: { levelId: input.id },
        result: toLevelDto(row ?? level),
      }
    })
  }

  async removeLevel(id: number): Promise<{ id: number }> {
    await requireRows(this.db, 'level', id, 'write')
    return this.write(async ({ repo }) => {
      const level = await this.requireLevel(repo, id)
      await guard(() => repo.deleteLevel(id), {
        foreignKey: AppError.of('level_in_use', { title: level.title }),
      })
      const remaining = (await repo.listLevels([level.ladder_id])).map((row) => row.id)
      await repo.setPositions('levels', remaining)
      return { entityId: level.ladder_id, action: 'level_removed', detail: { levelId: id }, result: { id } }
    })
  }

  async reorderLevels(ladderId: number, levelIds: number[]): Promise<LevelDto[]> {
    await requireRows(this.db, 'ladder', ladderId, 'write')
    return this.write(async ({ repo }) => {
      await this.requireLadder(repo, ladderId)
      const current = await repo.listLevels([ladderId])
      assertPermutation(
        current.map((row) => row.id),
        levelIds,
        'levelIds',
        'levels',
      )
      await repo.setPositions('levels', levelIds)
      const result = (await repo.listLevels([ladderId])).map(toLevelDto)
      return { entityId: ladderId, action: 'levels_reordered', detail: { levelIds }, result }
    })
  }

  async addCompetency(input: { ladderId: number } & CompetencyValues): Promise<CompetencyDto> {
    await requireRows(this.db, 'ladder', input.ladderId, 'write')
    return this.write(async ({ repo }) => {
      await this.requireLadder(repo, input.ladderId)
      const position = await repo.nextPosition('competencies', input.ladderId)
      const row = await guard(() => repo.insertCompetency(input.ladderId, position, pickCompetency(input)), {
        unique: AppError.of('competency_exists', { name: input.name }),
      })
      return {
        entityId: input.ladderId,
        action: 'competency_added',
        detail: { competencyId: row.id },
        result: toCompetencyDto(row),
      }
    })
  }

  async updateCompetency(input: { id: number } & CompetencyValues): Promise<CompetencyDto> {
    await requireRows(this.db, 'competency', input.id, 'write')
    return this.write(async ({ repo }) => {
      const competency = await this.requireCompetency(repo, input.id)
      const row = await guard(() => repo.updateCompetency(input.id, pickCompetency(input)), {
        unique: AppError.of('competency_exists', { name: input.name }),
      })
      return {
        entityId: competency.ladder_id,
        action: 'competency_updated',
        detail: { competencyId: input.id },
        result: toCompetencyDto(row ?? competency),
      }
    })
  }

  async removeCompetency(id: number): Promise<{ id: number }> {
    await requireRows(this.db, 'competency', id, 'write')
    return this.write(async ({ repo }) => {
      const competency = await this.requireCompetency(repo, id)
      await guard(() => repo.deleteCompetency(id), {
        foreignKey: AppError.of('competency_in_use', { name: competency.name }),
      })
      const remaining = (await repo.listCompetencies([competency.ladder_id])).map((row) => row.id)
      await repo.setPositions('competencies', remaining)
      const detail = { competencyId: id }
      return { entityId: competency.ladder_id, action: 'competency_removed', detail, result: { id } }
    })
  }

  async reorderCompetencies(ladderId: number, competencyIds: number[]): Promise<CompetencyDto[]> {
    await requireRows(this.db, 'ladder', ladderId, 'write')
    return this.write(async ({ repo }) => {
      await this.requireLadder(repo, ladderId)
      const current = await repo.listCompetencies([ladderId])
      assertPermutation(
        current.map((row) => row.id),
        competencyIds,
        'competencyIds',
        'competencies',
      )
      await repo.setPositions('competencies', competencyIds)
      const result = (await repo.listCompetencies([ladderId])).map(toCompetencyDto)
      return { entityId: ladderId, action: 'competencies_reordered', detail: { competencyIds }, result }
    })
  }

  /** Empty text and examples clear the cell. */
  async setExpectation(input: {
    levelId: number
    competencyId: number
    text: string
    examples: string
  }): Promise<ExpectationDto | null> {
    await requireRows(this.db, 'level', input.levelId, 'write')
    return this.write(async ({ repo, actor, at }) => {
      const level = await this.requireLevel(repo, input.levelId)
      const competency = await this.requireCompetency(repo, input.competencyId)
      if (level.ladder_id !== competency.ladder_id) {
        throw AppError.of('level_competency_other_ladder', undefined, [
          { path: 'competencyId', message: 'not a competency of this level’s ladder' },
        ])
      }
      const text = input.text.trim()
      const examples = input.examples.trim()
      const cell = { entityId: level.ladder_id, detail: { levelId: input.levelId, competencyId: input.competencyId } }
      if (!text && !examples) {
        await repo.deleteExpectation(input.levelId, input.competencyId)
        return { ...cell, action: 'expectation_cleared', result: null }
      }
      const row = await repo.upsertExpectation({
        levelId: input.levelId,
        competencyId: input.competencyId,
        text,
        examples,
        updatedAt: at,
        updatedBy: actor,
      })
      return { ...cell, action: 'expectation_set', result: toExpectationDto(row) }
    })
  }

  /** Validates the whole file first; a bad file changes nothing. */
  async importFile(input: {
    fileName: string
    bytes: Uint8Array
    format?: LadderFileFormat | undefined
    name?: string | undefined
  }): Promise<LadderDetailDto> {
    const format = detectFormat(input.fileName, input.format)
    const parsed = parseLadderFile(decodeTextFile(input.bytes, input.fileName), input.fileName, format)
    if (input.name) parsed.name = input.name
    const id = await this.write(async ({ repo, actor }) => {
      if (await repo.findLadderByName(parsed.name)) {
        throw AppError.of('ladder_name_taken', { name: parsed.name })
      }
      const id = await this.insertLadderFile(repo, parsed, actor)
      const detail = { fileName: input.fileName, format }
      return { entityId: id, action: 'imported', detail, touch: false, result: id }
    })
    return this.get(id)
  }

  /** Inserts a complete ladder; the caller owns the transaction. */
  async insertLadderFile(repo: LadderRepository, ladder: LadderFile, actor: number | null): Promise<number> {
    const timestamp = this.ctx.clock.timestamp()
    const row = await guard(() => repo.insertLadder(ladder.name, ladder.description, timestamp), {
      unique: AppError.of('ladder_exists', { name: ladder.name }),
    })
    const levelIds = new Map<string, number>()
    for (const [position, level] of ladder.levels.entries()) {
      levelIds.set(level.code.toLowerCase(), (await repo.insertLevel(row.id, position, level)).id)
    }
    const competencyIds = new Map<string, number>()
    for (const [position, competency] of ladder.competencies.entries()) {
      competencyIds.set(competency.name.toLowerCase(), (await repo.insertCompetency(row.id, position, competency)).id)
    }
    for (const expectation of ladder.expectations) {
      const levelId = levelIds.get(expectation.level.toLowerCase())
      const competencyId = competencyIds.get(expectation.competency.toLowerCase())
      if (levelId === undefined || competencyId === undefined) continue
      await repo.upsertExpectation({
        levelId,
        competencyId,
        text: expectation.text,
        examples: expectation.examples,
        updatedAt: timestamp,
        updatedBy: actor,
      })
    }
    return row.id
  }

  async exportFile(id: number, format: LadderFileFormat): Promise<FileDownloadDto> {
    await requireRows(this.db, 'ladder', id)
    const detail = await this.get(id)
    const levelCode = new Map(detail.levels.map((level) => [level.id, level.code]))
    const competencyOrder = new Map(detail.competencies.map((entry) => [entry.id, entry.position]))
    const competencyName = new Map(detail.competencies.map((entry) => [entry.id, entry.name]))
    const levelOrder = new Map(detail.levels.map((level) => [level.id, level.position]))
    const expectations = [...detail.expectations].sort(
      (a, b) =>
        (levelOrder.get(a.levelId) ?? 0) - (levelOrder.get(b.levelId) ?? 0) ||
        (competencyOrder.get(a.competencyId) ?? 0) - (competencyOrder.get(b.competencyId) ?? 0),
    )
    const file: LadderFile = {
      name: detail.name,
      description: detail.description,
      levels: detail.levels.map(({ code, title, summary }) => ({ code, title, summary })),
      competencies: detail.competencies.map(({ name, description }) => ({ name, description })),
      expectations: expectations.map((entry) => ({
        level: levelCode.get(entry.levelId) ?? '',
        competency: competencyName.get(entry.competencyId) ?? '',
        text: entry.text,
        examples: entry.examples,
      })),
    }
    const content = serialiseLadder(file, format)
    const safeName =
      detail.name
        .replace(/[^\p{L}\p{N}]+/gu, '-')
        .replace(/^-|-$/g, '')
        .toLowerCase() || 'ladder'
    return {
      fileName: `${safeName}.${format === 'yaml' ? 'yaml' : 'csv'}`,
      mimeType: format === 'yaml' ? 'application/yaml' : 'text/csv',
      contentBase64: Buffer.from((format === 'csv' ? '\uFEFF' : '') + content, 'utf8').toString('base64'),
    }
  }

  private async summary(id: number): Promise<LadderDto> {
    const { expectations: _omitted, ...ladder } = await this.get(id)
    return ladder
  }

  private async detail(repo: LadderRepository, id: number): Promise<LadderDetailDto> {
    const ladder = await this.requireLadder(repo, id)
    const [levels, competencies, expectations] = await Promise.all([
      repo.listLevels([id]),
      repo.listCompetencies([id]),
      repo.listExpectations(id),
    ])
    return { ...toLadderDto(ladder, levels, competencies), expectations: expectations.map(toExpectationDto) }
  }

  private async requireLadder(repo: LadderRepository, id: number): Promise<LadderRow> {
    const row = await repo.findLadder(id)
    if (!row) throw AppError.of('ladder_not_found', { id: id })
    return row
  }

  private async requireLevel(repo: LadderRepository, id: number): Promise<LevelRow> {
    const row = await repo.findLevel(id)
    if (!row) throw AppError.of('level_not_found', { id: id })
    return row
  }

  private async requireCompetency(repo: LadderRepository, id: number): Promise<CompetencyRow> {
    const row = await repo.findCompetency(id)
    if (!row) throw AppError.of('competency_not_found', { id: id })
    return row
  }
}

const pickLevel = ({ code, title, summary }: LevelValues): LevelValues => ({ code, title, summary })
const pickCompetency = ({ name, description }: CompetencyValues): CompetencyValues => ({ name, description })

function assertPermutation(current: number[], proposed: number[], field: string, what: string): void {
  const same =
    current.length === proposed.length &&
    new Set(proposed).size === proposed.length &&
    proposed.every((id) => current.includes(id))
  if (!same) {
    throw AppError.of(what === 'levels' ? 'ladder_order_levels' : 'ladder_order_competencies', undefined, [
      { path: field, message: `expected a permutation of [${current.join(', ')}]` },
    ])
  }
}
