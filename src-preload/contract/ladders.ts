import { z } from 'zod'
import { byId, empty, fileUpload, id, name, text, type FileDownloadDto } from './common'
import { recruiters, signedIn } from './access'
import { returns } from './define'

export interface LevelDto {
  id: number
  ladderId: number
  position: number
  code: string
  title: string
  summary: string
}

export interface CompetencyDto {
  id: number
  ladderId: number
  position: number
  name: string
  description: string
}

export interface ExpectationDto {
  levelId: number
  competencyId: number
  text: string
  examples: string
  updatedAt: string
}

export interface LadderDto {
  id: number
  name: string
  description: string
  createdAt: string
  updatedAt: string
  levels: LevelDto[]
  competencies: CompetencyDto[]
}

export interface LadderDetailDto extends LadderDto {
  expectations: ExpectationDto[]
}

export const LADDER_FILE_MAX_BYTES = 5 * 1_048_576
import { ladderFileFormats } from './closed-lists'

export { ladderFileFormats, type LadderFileFormat } from './closed-lists'

const levelFields = {
  code: name(40),
  title: name(200),
  summary: text(5_000).default(''),
}
const competencyFields = {
  name: name(120),
  description: text(5_000).default(''),
}
const order = z.array(id).min(1).max(500)

export const laddersContract = {
  list: { access: signedIn, input: empty, output: returns<LadderDto[]>() },
  get: { access: signedIn, input: byId, output: returns<LadderDetailDto>() },
  create: {
    access: recruiters,
    input: z.object({ name: name(), description: text(5_000).default('') }).strict(),
    output: returns<LadderDto>(),
  },
  update: {
    access: recruiters,
    input: z.object({ id, name: name(), description: text(5_000).optional() }).strict(),
    output: returns<LadderDto>(),
  },
  delete: { access: recruiters, input: byId, output: returns<{ id: number }>() },
  addLevel: {
    access: recruiters,
    input: z.object({ ladderId: id, ...levelFields }).strict(),
    output: returns<LevelDto>(),
  },
  updateLevel: { access: recruiters, input: z.object({ id, ...levelFields }).strict(), output: returns<LevelDto>() },
  removeLevel: { access: recruiters, input: byId, output: returns<{ id: number }>() },
  reorderLevels: {
    access: recruiters,
    input: z.object({ ladderId: id, levelIds: order }).strict(),
    output: returns<LevelDto[]>(),
  },
  addCompetency: {
    access: recruiters,
    input: z.object({ ladderId: id, ...competencyFields }).strict(),
    output: returns<CompetencyDto>(),
  },
  updateCompetency: {
    access: recruiters,
    input: z.object({ id, ...competencyFields }).strict(),
    output: returns<CompetencyDto>(),
  },
  removeCompetency: { access: recruiters, input: byId, output: returns<{ id: number }>() },
  reorderCompetencies: {
    access: recruiters,
    input: z.object({ ladderId: id, competencyIds: order }).strict(),
    output: returns<CompetencyDto[]>(),
  },
  setExpectation: {
    access: recruiters,
    input: z.object({ levelId: id, competencyId: id, text: text(10_000), examples: text(10_000).default('') }).strict(),
    output: returns<ExpectationDto | null>(),
  },
  import: {
    access: recruiters,
    input: fileUpload(LADDER_FILE_MAX_BYTES)
      .extend({ format: z.enum(ladderFileFormats).optional(), name: name().optional() })
      .strict(),
    output: returns<LadderDetailDto>(),
  },
  export: {
    access: recruiters,
    input: z.object({ id, format: z.enum(ladderFileFormats).default('yaml') }).strict(),
    output: returns<FileDownloadDto>(),
  },
}
