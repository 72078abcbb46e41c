import { AppError } from '../errors'
import type { InterviewRepository } from './repository'

export interface ScheduleFields {
  interviewerId: number
  scheduledAt: string
  durationMinutes?: number | undefined
}

const MINUTE = 60_000

/** The interviewer must be a current team member, free for the whole slot. */
export async function checkInterviewerSlot(
  repo: InterviewRepository,
  input: ScheduleFields,
  defaultMinutes: number,
  excludeId: number | null,
): Promise<{ start: string; minutes: number; interviewerName: string }> {
  const interviewer = await repo.findPerson(input.interviewerId)
  if (!interviewer) {
    throw AppError.of('person_id_unknown', { id: input.interviewerId }, [
      { path: 'interviewerId', message: 'no such person' },
    ])
  }
  if (interviewer.archived_at) {
    throw AppError.of('person_cannot_interview', { name: interviewer.name }, [
      { path: 'interviewerId', message: 'archived' },
    ])
  }
  const start = new Date(input.scheduledAt)
  const minutes = input.durationMinutes ?? defaultMinutes
  const end = start.getTime() + minutes * MINUTE
  const clash = (await repo.interviewsOf(interviewer.id)).find((other) => {
    if (other.id === excludeId) return false
    const otherStart = Date.parse(other.scheduled_at)
    return otherStart < end && otherStart + other.duration_minutes * MINUTE > start.getTime()
  })
  if (clash) {
    throw AppError.of(
      'interviewer_busy',
      {
        name: interviewer.name,
        time: clash.scheduled_at.slice(0, 16).replace('T', ' '),
        minutes: clash.duration_minutes,
      },
      [{ path: 'scheduledAt', message: 'the interviewer is busy then' }],
    )
  }
  return { start: start.toISOString(), minutes, interviewerName: interviewer.name }
}
