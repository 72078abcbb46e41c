import type { AnchorsDto, FocusItemDto, FocusKind, LevelAnchorDto, RequirementSection } from '@contract'

export interface RubricLevel {
  id: number
  title: string
  position: number
}

export interface RubricCompetency {
  id: number
  name: string
  description: string
}

/** A ladder as the rubric needs it: levels in any order, competencies, and level × competency texts. */
export interface RubricLadder {
  levels: RubricLevel[]
  competencies: RubricCompetency[]
  expectations: { levelId: number; competencyId: number; text: string }[]
}

export interface RubricRequirement {
  id: number
  text: string
  section: RequirementSection
  competencyId: number | null
}

export const focusKey = (kind: FocusKind, id: number): string => `${kind}:${id}`

export function parseFocusKey(key: string): { kind: FocusKind; id: number } | null {
  const match = /^(requirement|competency):([1-9]\d{0,15})$/.exec(key)
  if (!match) return null
  const id = Number(match[2])
  return match[1] === 'requirement' || match[1] === 'competency' ? { kind: match[1], id } : null
}

/**
 * The rubric of one target level. The scale is anchored to the ladder's order: rating 2 reads against the level
 * just below the target, 3 against the target, 4 against the level just above; at either end of the ladder
 * there is no neighbour and the anchor is null.
 */
export class Rubric {
  private readonly below: RubricLevel | null
  private readonly at: RubricLevel
  private readonly above: RubricLevel | null
  private readonly texts = new Map<string, string>()
  private readonly competencies: Map<number, RubricCompetency>

  constructor(
    private readonly ladder: RubricLadder,
    targetLevelId: number,
  ) {
    const ordered = [...ladder.levels].sort((a, b) => a.position - b.position || a.id - b.id)
    const index = ordered.findIndex((level) => level.id === targetLevelId)
    const at = ordered[index]
    if (!at) throw new Error(`level ${targetLevelId} is not a level of this ladder`)
    this.at = at
    this.below = ordered[index - 1] ?? null
    this.above = ordered[index + 1] ?? null
    for (const entry of ladder.expectations) {
      if (entry.text.trim()) this.texts.set(`${entry.levelId}:${entry.competencyId}`, entry.text)
    }
    this.competencies = new Map(ladder.competencies.map((competency) => [competency.id, competency]))
  }

  levelTitles(): { below: string | null; at: string; above: string | null } {
    return { below: this.below?.title ?? null, at: this.at.title, above: this.above?.title ?? null }
  }

  hasCompetency(id: number): boolean {
    return this.competencies.has(id)
  }

  anchors(competencyId: number | null): AnchorsDto {
    const anchor = (level: RubricLevel): LevelAnchorDto => ({
      levelId: level.id,
      levelTitle: level.title,
      text: competencyId === null ? null : (this.texts.get(`${level.id}:${competencyId}`) ?? null),
    })
    return {
      below: this.below ? anchor(this.below) : null,
      at: anchor(this.at),
      above: this.above ? anchor(this.above) : null,
    }
  }

  competencyFocus(competencyId: number): FocusItemDto | null {
    const competency = this.competencies.get(competencyId)
    if (!competency) return null
    return {
      key: focusKey('competency', competency.id),
      kind: 'competency',
      requirementId: null,
      competencyId: competency.id,
      label: competency.name,
      section: null,
      competencyName: competency.name,
      competencyDescription: competency.description,
      anchors: this.anchors(competency.id),
    }
  }

  /** A requirement's own text, with the expectations of the competency it links (when it links one of this ladder). */
  requirementFocus(requirement: RubricRequirement): FocusItemDto {
    const competency = requirement.competencyId === null ? undefined : this.competencies.get(requirement.competencyId)
    return {
      key: focusKey('requirement', requirement.id),
      kind: 'requirement',
      requirementId: requirement.id,
      competencyId: competency?.id ?? null,
      label: requirement.text,
      section: requirement.section,
      competencyName: competency?.name ?? null,
      competencyDescription: competency?.description ?? '',
      anchors: this.anchors(competency?.id ?? null),
    }
  }

  allCompetencies(): FocusItemDto[] {
    return this.ladder.competencies.flatMap((competency) => this.competencyFocus(competency.id) ?? [])
  }
}
