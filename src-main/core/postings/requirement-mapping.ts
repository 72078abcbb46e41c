import type { RequirementDto, RequirementSection, SkillDto } from '@contract'
import { defaultWeights, requirementSections } from '@contract/postings'
import type { RequirementRow } from '../db/schema'

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

const sectionIndex = (section: RequirementSection) => requirementSections.indexOf(section)

/** A JSON column read leniently: anything but an array reads as empty. */
export function parseJsonArray(value: string): unknown[] {
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

export const emptySectionCounts = (): Record<RequirementSection, number> => ({
  responsibility: 0,
  requirement: 0,
  nice_to_have: 0,
  benefit: 0,
  other: 0,
})

/** Display order: by section, then position. */
export function sortRequirements(rows: RequirementRow[]): RequirementRow[] {
  return [...rows].sort(
    (a, b) => sectionIndex(a.section) - sectionIndex(b.section) || a.position - b.position || a.id - b.id,
  )
}

const boolToSql = (value: boolean): 0 | 1 => (value ? 1 : 0)

/** The columns of a requirement's fields; a missing weight takes its section's default. */
export function requirementColumns(fields: RequirementFields, section: RequirementSection) {
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
