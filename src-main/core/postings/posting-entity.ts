import { refreshFit } from '../assessments/fit'
import type { PostingRow, RequirementRow } from '../db/schema'
import type { EntityKind } from '../entity-write'
import { AppError } from '../errors'
import { PostingRepository } from './repository'

type LevelWithLadder = NonNullable<Awaited<ReturnType<PostingRepository['findLevel']>>>

/** A posting after a write: its update time moves, and the fit of its applicants follows its items. */
export const postingEntity: EntityKind<PostingRepository> = {
  entityType: 'posting',
  repository: (db) => new PostingRepository(db),
  touch: (repo, id, at) => repo.updatePosting(id, { updated_at: at }),
  refresh: (_repo, id, db) => refreshFit(db, { postingId: id }),
}

export async function requirePosting(repo: PostingRepository, id: number): Promise<PostingRow> {
  const row = await repo.findPosting(id)
  if (!row) throw AppError.of('posting_not_found', { id: id })
  return row
}

/** With `path`, the level came from the caller's input (invalid input); without, from a stored posting. */
export async function requireLevel(repo: PostingRepository, id: number, path?: string): Promise<LevelWithLadder> {
  const row = await repo.findLevel(id)
  if (!row) {
    throw path
      ? AppError.of('level_id_unknown', { id }, [{ path, message: 'no such level' }])
      : AppError.of('level_not_found', { id })
  }
  return row
}

export async function requireRequirement(repo: PostingRepository, id: number): Promise<RequirementRow> {
  const row = await repo.findRequirement(id)
  if (!row) throw AppError.of('requirement_not_found', { id: id })
  return row
}

/** Every linked competency must exist and belong to the target level's ladder. */
export async function checkCompetencies(
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
    throw AppError.of('requirement_competency_other_ladder', { path: first.path }, issues)
  }
}
