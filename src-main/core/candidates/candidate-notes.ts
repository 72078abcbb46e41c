import type { NoteDto } from '@contract'
import type { CoreContext } from '../context'
import { entityWriter, type EntityWriter } from '../entity-write'
import { AppError } from '../errors'
import { requireRows } from '../access/row-rules'
import type { WorkspaceService } from '../workspace/service'
import { candidateEntity } from './candidate-entity'
import { refuseErased } from './candidate-input'
import { toNoteDto } from './candidate-mapping'
import type { CandidateRepository } from './repository'

/** Free notes on a candidate; each one is part of the candidate's search text. */
export class CandidateNotes {
  private readonly write: EntityWriter<CandidateRepository>

  constructor(ctx: CoreContext, workspace: WorkspaceService) {
    this.write = entityWriter(ctx, workspace, candidateEntity)
  }

  async add(candidateId: number, body: string): Promise<NoteDto> {
    return this.write(async ({ repo, trx, actor, at }) => {
      await requireRows(trx, 'candidate', candidateId, 'write')
      const candidate = await repo.findCandidate(candidateId)
      if (!candidate) throw AppError.of('candidate_not_found', { id: candidateId })
      refuseErased(candidate.erased_at, candidateId)
      const note = await repo.insertNote(candidateId, body.trim(), at, actor)
      return {
        entityId: candidateId,
        action: 'note_added',
        detail: { noteId: note.id },
        afterwards: async () => toNoteDto(note, (await repo.personName(actor))?.name ?? null),
      }
    })
  }

  /** Editing a note leaves the candidate's update time alone: the note carries its own. */
  async update(id: number, body: string): Promise<NoteDto> {
    return this.write(async ({ repo, trx, at }) => {
      await requireRows(trx, 'note', id, 'write')
      const before = await repo.findNote(id)
      if (!before) throw AppError.of('note_not_found', { id: id })
      const note = await repo.updateNote(id, body.trim(), at)
      return {
        entityId: note.candidate_id,
        action: 'note_edited',
        detail: { noteId: id },
        touch: false,
        afterwards: async () => toNoteDto(note, (await repo.personName(note.created_by))?.name ?? null),
      }
    })
  }
}
