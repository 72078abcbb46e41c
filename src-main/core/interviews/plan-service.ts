import type { CopyPlanResultDto, FocusItemDto, FocusKind, InterviewPlanDto, InterviewStepDto } from '@contract'
import { focusSections } from '@contract/interviews'
import type { Kysely } from 'kysely'
import { recordActivity } from '../activity/activity-log'
import type { CoreContext } from '../context'
import type { Database, InterviewStepRow } from '../db/schema'
import { AppError } from '../errors'
import { requireRows } from '../access/row-rules'
import type { WorkspaceService } from '../workspace/service'
import { InterviewRepository, type FocusValues } from './repository'
import { Rubric } from './rubric'

export interface StepFields {
  name: string
  durationMinutes: number
  questions: string[]
  focus: { kind: FocusKind; id: number }[]
}

type PostingRef = NonNullable<Awaited<ReturnType<InterviewRepository['findPosting']>>>

/** What the rubric of one posting is built from; read once and used for many focus items. */
export interface PostingRubric {
  posting: PostingRef
  rubric: Rubric
  /** Measured requirements by id (benefits and other text are never focus items). */
  requirements: Map<number, FocusItemDto>
}

const measured = new Set<string>(focusSections)

export function parseQuestions(value: string): string[] {
  try {
    const parsed: unknown = JSON.parse(value)
    return Array.isArray(parsed) ? parsed.filter((entry): entry is string => typeof entry === 'string') : []
  } catch {
    return []
  }
}

const normaliseText = (value: string) => value.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim()

export async function loadPostingRubric(repo: InterviewRepository, postingId: number): Promise<PostingRubric> {
  const posting = await repo.findPosting(postingId)
  if (!posting) throw AppError.of('posting_not_found', { id: postingId })
  const [ladder, requirements] = await Promise.all([repo.ladder(posting.ladder_id), repo.requirements(postingId)])
  const rubric = new Rubric(ladder, posting.level_id)
  const sectionOrder = (section: string) => focusSections.findIndex((entry) => entry === section)
  const focus = requirements
    .filter((row) => measured.has(row.section))
    .sort((a, b) => sectionOrder(a.section) - sectionOrder(b.section) || a.position - b.position || a.id - b.id)
    .map((row) =>
      rubric.requirementFocus({ id: row.id, text: row.text, section: row.section, competencyId: row.competency_id }),
    )
  return { posting, rubric, requirements: new Map(focus.map((item) => [item.requirementId ?? 0, item])) }
}

/** The focus items of a stored step, in order; items no longer part of the posting or its ladder are left out. */
export function stepFocus(context: PostingRubric, rows: FocusValues[]): FocusItemDto[] {
  return rows.flatMap((row) => {
    if (row.requirement_id !== null) return context.requirements.get(row.requirement_id) ?? []
    if (row.competency_id !== null) return context.rubric.competencyFocus(row.competency_id) ?? []
    return []
  })
}

export class InterviewPlanService {
  constructor(
    private readonly ctx: CoreContext,
    private readonly workspace: WorkspaceService,
  ) {}

  private get db(): Kysely<Database> {
    return this.ctx.db
  }

  async plan(postingId: number): Promise<InterviewPlanDto> {
    await requireRows(this.db, 'posting', postingId)
    return this.planIn(new InterviewRepository(this.db), postingId)
  }

  async addStep(input: StepFields & { postingId: number; position?: number | undefined }): Promise<InterviewPlanDto> {
    return this.write(input.postingId, async (repo, context, actor, trx, at) => {
      const focus = this.checkFocus(context, input.focus)
      const order = (await repo.listSteps(input.postingId)).map((step) => step.id)
      const row = await repo.insertStep(input.postingId, order.length, stepValues(input), at)
      await repo.replaceFocus(row.id, focus)
      order.splice(Math.min(input.position ?? order.length, order.length), 0, row.id)
      await repo.setStepPositions(order)
      await recordActivity(trx, {
        personId: actor,
        entityType: 'posting',
        entityId: input.postingId,
        action: 'interview_step_added',
        at,
        detail: { stepId: row.id, name: row.name },
      })
    })
  }

  async updateStep(input: StepFields & { id: number }): Promise<InterviewPlanDto> {
    await requireRows(this.db, 'step', input.id, 'write')
    const step = await this.requireStep(new InterviewRepository(this.db), input.id)
    return this.write(step.posting_id, async (repo, context, actor, trx, at) => {
      const focus = this.checkFocus(context, input.focus)
      await repo.updateStep(input.id, stepValues(input), at)
      await repo.replaceFocus(input.id, focus)
      await recordActivity(trx, {
        personId: actor,
        entityType: 'posting',
        entityId: step.posting_id,
        action: 'interview_step_updated',
        at,
        detail: { stepId: input.id, name: input.name },
      })
    })
  }

  async removeStep(id: number): Promise<InterviewPlanDto> {
    await requireRows(this.db, 'step', id, 'write')
    const step = await this.requireStep(new InterviewRepository(this.db), id)
    return this.write(step.posting_id, async (repo, _context, actor, trx, at) => {
      const interviews = (await repo.countInterviewsByStep([id])).get(id) ?? 0
      if (interviews > 0) {
        throw AppError.of('step_has_interviews', { name: step.name, count: interviews })
      }
      await repo.deleteStep(id)
      await repo.setStepPositions((await repo.listSteps(step.posting_id)).map((row) => row.id))
      await recordActivity(trx, {
        personId: actor,
        entityType: 'posting',
        entityId: step.posting_id,
        action: 'interview_step_removed',
        at,
        detail: { stepId: id, name: step.name },
      })
    })
  }

  async reorderSteps(postingId: number, stepIds: number[]): Promise<InterviewPlanDto> {
    return this.write(postingId, async (repo) => {
      const current = (await repo.listSteps(postingId)).map((step) => step.id)
      const same =
        stepIds.length === current.length &&
        new Set(stepIds).size === stepIds.length &&
        stepIds.every((stepId) => current.includes(stepId))
      if (!same) {
        throw AppError.of('plan_order_every_step', undefined, [
          { path: 'stepIds', message: `expected the steps ${current.join(', ')}` },
        ])
      }
      await repo.setStepPositions(stepIds)
    })
  }

  /**
   * Appends the steps of another posting's plan. Competencies carry over within a ladder (or by name across
   * ladders); requirements are matched by their text. What has no counterpart is reported, not guessed.
   */
  async copyPlan(fromPostingId: number, toPostingId: number): Promise<CopyPlanResultDto> {
    if (fromPostingId === toPostingId) {
      throw AppError.of('plan_copy_same_posting', {}, [{ path: 'fromPostingId', message: 'the same posting' }])
    }
    await requireRows(this.db, 'posting', fromPostingId)
    await requireRows(this.db, 'posting', toPostingId, 'write')
    const reader = new InterviewRepository(this.db)
    const source = await loadPostingRubric(reader, fromPostingId)
    const steps = await reader.listSteps(fromPostingId)
    if (steps.length === 0) {
      throw AppError.of('plan_copy_empty', { title: source.posting.title }, [
        { path: 'fromPostingId', message: 'no steps' },
      ])
    }
    const focusRows = await reader.focusOfSteps(steps.map((step) => step.id))
    const dropped: string[] = []
    const plan = await this.write(toPostingId, async (repo, target, actor, trx, at) => {
      const byText = new Map(
        [...target.requirements.values()].map((item) => [normaliseText(item.label), item.requirementId]),
      )
      const byName = new Map(
        target.rubric.allCompetencies().map((item) => [normaliseText(item.label), item.competencyId]),
      )
      let position = (await repo.listSteps(toPostingId)).length
      for (const step of steps) {
        const focus: FocusValues[] = []
        for (const item of stepFocus(
          source,
          focusRows.filter((row) => row.step_id === step.id),
        )) {
          const match =
            item.kind === 'competency' ? byName.get(normaliseText(item.label)) : byText.get(normaliseText(item.label))
          if (match === undefined || match === null) dropped.push(`${step.name}: ${item.label}`)
          else
            focus.push(
              item.kind === 'competency'
                ? { requirement_id: null, competency_id: match }
                : { requirement_id: match, competency_id: null },
            )
        }
        const row = await repo.insertStep(
          toPostingId,
          position++,
          { name: step.name, duration_minutes: step.duration_minutes, questions: step.questions },
          at,
        )
        await repo.replaceFocus(row.id, dedupe(focus))
      }
      await recordActivity(trx, {
        personId: actor,
        entityType: 'posting',
        entityId: toPostingId,
        action: 'interview_plan_copied',
        at,
        detail: { from: fromPostingId, steps: steps.length, dropped: dropped.length },
      })
    })
    return { plan, copiedSteps: steps.length, dropped }
  }

  async setHiringManager(postingId: number, personId: number | null): Promise<InterviewPlanDto> {
    return this.write(postingId, async (repo, _context, actor, trx, at) => {
      if (personId !== null) {
        const person = await repo.findPerson(personId)
        if (!person) {
          throw AppError.of('person_id_unknown', { id: personId }, [{ path: 'personId', message: 'no such person' }])
        }
        if (person.archived_at) {
          throw AppError.of('hiring_manager_archived', { name: person.name }, [
            { path: 'personId', message: 'archived' },
          ])
        }
      }
      await requireRows(trx, 'person', personId)
      await repo.setHiringManager(postingId, personId, at)
      await recordActivity(trx, {
        personId: actor,
        entityType: 'posting',
        entityId: postingId,
        action: 'hiring_manager_set',
        at,
        detail: { personId },
      })
    })
  }

  private async planIn(repo: InterviewRepository, postingId: number): Promise<InterviewPlanDto> {
    const context = await loadPostingRubric(repo, postingId)
    const [settings, steps] = await Promise.all([repo.findPlan(postingId), repo.listSteps(postingId)])
    const focusRows = await repo.focusOfSteps(steps.map((step) => step.id))
    const interviews = await repo.countInterviewsByStep(steps.map((step) => step.id))
    const { posting, rubric } = context
    return {
      postingId: posting.id,
      postingTitle: posting.title,
      levelId: posting.level_id,
      levelTitle: posting.level_title,
      ladderId: posting.ladder_id,
      ladderName: posting.ladder_name,
      hiringManagerId: settings?.hiring_manager_id ?? null,
      hiringManagerName: settings?.hiring_manager_name ?? null,
      steps: steps.map((step): InterviewStepDto => ({
        id: step.id,
        postingId: step.posting_id,
        position: step.position,
        name: step.name,
        durationMinutes: step.duration_minutes,
        questions: parseQuestions(step.questions),
        focus: stepFocus(
          context,
          focusRows.filter((row) => row.step_id === step.id),
        ),
        interviews: interviews.get(step.id) ?? 0,
      })),
      focusOptions: [...context.requirements.values(), ...rubric.allCompetencies()],
    }
  }

  /** Every referenced requirement must be a measured item of this posting, every competency one of its ladder. */
  private checkFocus(context: PostingRubric, focus: { kind: FocusKind; id: number }[]): FocusValues[] {
    const issues = focus.flatMap((item, index) => {
      const path = `focus.${index}`
      if (item.kind === 'requirement' && !context.requirements.has(item.id))
        return [{ path, message: `requirement ${item.id} is not a measured item of this posting` }]
      if (item.kind === 'competency' && !context.rubric.hasCompetency(item.id))
        return [{ path, message: `competency ${item.id} is not a competency of the posting's ladder` }]
      return []
    })
    const first = issues[0]
    if (first) throw AppError.of('focus_not_of_posting', { path: first.path }, issues)
    return dedupe(
      focus.map((item) =>
        item.kind === 'requirement'
          ? { requirement_id: item.id, competency_id: null }
          : { requirement_id: null, competency_id: item.id },
      ),
    )
  }

  private async write(
    postingId: number,
    work: (
      repo: InterviewRepository,
      context: PostingRubric,
      actor: number | null,
      trx: Kysely<Database>,
      at: string,
    ) => Promise<void>,
  ): Promise<InterviewPlanDto> {
    const actor = await this.workspace.currentPersonId()
    return this.db.transaction().execute(async (trx) => {
      await requireRows(trx, 'posting', postingId, 'write')
      const repo = new InterviewRepository(trx)
      await work(repo, await loadPostingRubric(repo, postingId), actor, trx, this.ctx.clock.timestamp())
      return this.planIn(repo, postingId)
    })
  }

  private async requireStep(repo: InterviewRepository, id: number): Promise<InterviewStepRow> {
    const row = await repo.findStep(id)
    if (!row) throw AppError.of('interview_step_not_found', { id: id })
    return row
  }
}

function dedupe(focus: FocusValues[]): FocusValues[] {
  const seen = new Set<string>()
  return focus.filter((item) => {
    const key = `${item.requirement_id}:${item.competency_id}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

const stepValues = (input: StepFields) => ({
  name: input.name.trim(),
  duration_minutes: input.durationMinutes,
  questions: JSON.stringify(input.questions.map((question) => question.trim())),
})
