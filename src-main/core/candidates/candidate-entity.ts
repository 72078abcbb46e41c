import type { EntityKind } from '../entity-write'
import { CandidateRepository } from './repository'

/** A candidate after a write: its update time moves and its search text is rebuilt from what it now holds. */
export const candidateEntity: EntityKind<CandidateRepository> = {
  entityType: 'candidate',
  repository: (db) => new CandidateRepository(db),
  touch: (repo, id, at) => repo.touch(id, at),
  refresh: (repo, id) => repo.refreshSearch(id),
}
