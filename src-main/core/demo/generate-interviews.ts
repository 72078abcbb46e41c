import { randomBytes } from 'node:crypto'
import type { FocusItemDto, PersonDto, ScorecardRating, Recommendation } from '@contract'
import type { CoreContext } from '../context'
import { DemoWriter } from './demo-writer'
import type { ApplicationStatus } from '../db/schema'
import type { InterviewPlanService } from '../interviews/plan-service'
import type { Random } from './random'

const DAY = 86_400_000
const HOUR = 3_600_000
/** The default pipeline's "Interview" stage: applications that got this far were interviewed. */
const INTERVIEW_STAGE_POSITION = 2

/** The plan every generated posting gets; interviewers are named by their demo role. */
const STEPS = [
  {
    name: 'Recruiter screen',
    minutes: 30,
    interviewer: 'recruiter',
    competencies: ['Communication and collaboration'],
    requirements: 0,
    questions: ['What made you apply?', 'What would you like to do more of, and less of?'],
  },
  {
    name: 'Technical deep dive',
    minutes: 60,
    interviewer: 'engineer',
    // System design is also probed in the system design step, and communication by the hiring manager: two
    // views of the same item, where the debrief finds agreement or not.
    competencies: ['Code quality and testing', 'System design'],
    requirements: 2,
    questions: ['Walk me through a system you own, end to end.', 'Tell me about a bug that took you days to find.'],
  },
  {
    name: 'System design',
    minutes: 60,
    interviewer: 'other engineer',
    competencies: ['System design', 'Reliability and operations'],
    requirements: 0,
    questions: ['Design the settlement service of a payments platform.', 'How does it fail, and how would you know?'],
  },
  {
    name: 'Hiring manager',
    minutes: 45,
    interviewer: 'hiring manager',
    competencies: ['Ownership and delivery', 'Mentoring and leadership', 'Communication and collaboration'],
    requirements: 0,
    questions: ['Tell me about a project you led that did not go to plan.', 'How do you help others grow?'],
  },
] as const

/**
 * How each demo interviewer rates compared with the panel (some harsher, some more lenient) and how often they
 * leave an item unrated: the spread the calibration page is there to show.
 */
const TEMPERAMENT: Record<string, { bias: number; unrated: number }> = {
  'Sam Rivera': { bias: -0.45, unrated: 0.04 },
  'Jordan Lee': { bias: 0.4, unrated: 0.15 },
  'Priya Natarajan': { bias: 0.25, unrated: 0.08 },
  'Alex Morgan': { bias: 0, unrated: 0.03 },
}

/** Where the candidate really stands, by how the application ended: the ratings scatter around it. */
const ABILITY: Record<ApplicationStatus, { mean: number; spread: number }> = {
  hired: { mean: 3.25, spread: 0.3 },
  rejected: { mean: 2.2, spread: 0.45 },
  withdrawn: { mean: 2.85, spread: 0.45 },
  active: { mean: 2.75, spread: 0.5 },
}

const NOTES: Record<ScorecardRating, readonly string[]> = {
  1: ['Could not go beyond the basics.', 'Answers stayed vague after several prompts.'],
  2: ['Solid, but scoped like the level below.', 'Good instincts; needed help with the trade-offs.'],
  3: ['Clear and concrete; what we expect at this level.', 'Walked through the trade-offs unprompted.'],
  4: ['Operates beyond this level: framed the problem for several teams.', 'Raised risks we had not thought of.'],
}

const TAKEAWAYS: Record<Recommendation, readonly string[]> = {
  strong_no: ['Well below the bar for this level.'],
  no: ['Not at this level yet; promising for a more junior role.', 'Gaps in the focus areas that matter most.'],
  yes: ['Meets the level; would be a good addition to the team.', 'Solid across the board, a few areas to grow.'],
  strong_yes: ['Raises the bar; hire.', 'Exceptional; we should move quickly.'],
}

function gaussian(random: Random): number {
  const u = Math.max(random.next(), 1e-9)
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.next())
}

const clampRating = (value: number): ScorecardRating => {
  const rounded = Math.round(value)
  return rounded <= 1 ? 1 : rounded >= 4 ? 4 : rounded === 2 ? 2 : 3
}

function recommend(mean: number): Recommendation {
  if (mean >= 3.5) return 'strong_yes'
  if (mean >= 2.75) return 'yes'
  if (mean >= 1.75) return 'no'
  return 'strong_no'
}

interface PlannedStep {
  id: number
  minutes: number
  interviewer: (typeof STEPS)[number]['interviewer']
  focus: FocusItemDto[]
}

/** One interview plan per posting, with the demo's hiring manager. */
async function planPostings(
  plans: InterviewPlanService,
  postingIds: number[],
  hiringManager: number | null,
): Promise<Map<number, PlannedStep[]>> {
  const planned = new Map<number, PlannedStep[]>()
  for (const postingId of postingIds) {
    let plan = await plans.plan(postingId)
    const competency = (name: string) =>
      plan.focusOptions.find((item) => item.kind === 'competency' && item.label === name)
    const requirements = plan.focusOptions.filter(
      (item) => item.kind === 'requirement' && item.section === 'requirement',
    )
    for (const step of STEPS) {
      const focus = [
        ...requirements.slice(0, step.requirements),
        ...step.competencies.flatMap((name) => competency(name) ?? []),
      ]
      plan = await plans.addStep({
        postingId,
        name: step.name,
        durationMinutes: step.minutes,
        questions: [...step.questions],
        focus: focus.flatMap((item) => {
          const id = item.kind === 'competency' ? item.competencyId : item.requirementId
          return id === null ? [] : [{ kind: item.kind, id }]
        }),
      })
    }
    if (hiringManager !== null) plan = await plans.setHiringManager(postingId, hiringManager)
    planned.set(
      postingId,
      plan.steps.map((step, index) => ({
        id: step.id,
        minutes: step.durationMinutes,
        interviewer: STEPS[index]?.interviewer ?? 'engineer',
        focus: step.focus,
      })),
    )
  }
  return planned
}

interface InterviewedApplication {
  id: number
  postingId: number
  status: ApplicationStatus
  /** When it entered the interview stage, and when it left it (or the generation's instant). */
  from: number
  to: number
}

/** Applications that reached the interview stage, with the time they spent there, from their stage history. */
async function interviewedApplications(ctx: CoreContext, epoch: number): Promise<InterviewedApplication[]> {
  const rows = await new DemoWriter(ctx.db, ctx.sqlite).applicationEvents()
  const found: InterviewedApplication[] = []
  let current: InterviewedApplication | null = null
  let currentId = -1
  let left = false
  for (const row of rows) {
    if (row.id !== currentId) {
      currentId = row.id
      current = null
      left = false
    }
    const at = Date.parse(row.at)
    if (current === null) {
      if (row.position >= INTERVIEW_STAGE_POSITION) {
        current = {
          id: row.id,
          postingId: row.posting_id,
          status: row.status,
          from: at,
          to: Math.min(epoch, at + 12 * DAY),
        }
        found.push(current)
      }
    } else if (!left) {
      // The first event after entering the stage: the interviews took place before it.
      current.to = Math.max(current.from + DAY, at)
      left = true
    }
  }
  return found
}

export interface GeneratedInterviews {
  interviewPlans: number
  interviews: number
  scorecards: number
}

/**
 * Interview plans for the generated postings, interviews for every application that reached the interview
 * stage, and submitted scorecards for those that took place: ratings scatter around how the application ended,
 * shifted by each interviewer's temperament.
 */
export async function generateInterviews(
  ctx: CoreContext,
  plans: InterviewPlanService,
  people: PersonDto[],
  postingIds: number[],
  random: Random,
  epoch: number,
): Promise<GeneratedInterviews> {
  const byRole = (role: PersonDto['role']) => people.filter((person) => person.role === role)
  const engineers = byRole('interviewer')
  const recruiter = byRole('recruiter')[0] ?? engineers[0]
  const manager = byRole('hiring_manager')[0] ?? engineers[0]
  if (!recruiter || !manager || engineers.length === 0) return { interviewPlans: 0, interviews: 0, scorecards: 0 }
  const planned = await planPostings(plans, postingIds, manager.id)
  const writer = new DemoWriter(ctx.db, ctx.sqlite)
  const summary: GeneratedInterviews = { interviewPlans: planned.size, interviews: 0, scorecards: 0 }
  const applications = await interviewedApplications(ctx, epoch)
  await ctx.db.transaction().execute(async (trx) => {
    const insert = await writer.interviews(trx)
    for (const application of applications) {
      const steps = planned.get(application.postingId)
      if (!steps) continue
      const ability = ABILITY[application.status]
      const level = ability.mean + gaussian(random) * ability.spread
      const [first, second] =
        random.next() < 0.5
          ? [engineers[0], engineers[1] ?? engineers[0]]
          : [engineers[1] ?? engineers[0], engineers[0]]
      const who = { recruiter, engineer: first, 'other engineer': second, 'hiring manager': manager }
      steps.forEach((step, index) => {
        const interviewer = who[step.interviewer] ?? manager
        // Spread over the time in the stage, in working hours.
        const day = application.from + ((index + 1) * (application.to - application.from)) / (steps.length + 1)
        const start = Math.floor(day / DAY) * DAY + (9 + random.int(0, 7)) * HOUR
        const scheduledAt = new Date(start).toISOString()
        const created = new Date(Math.min(start, application.from + HOUR)).toISOString()
        const interviewId = insert.interview({
          applicationId: application.id,
          stepId: step.id,
          interviewerId: interviewer.id,
          scheduledAt,
          durationMinutes: step.minutes,
          // A real secret, not derived from the seed: it signs scorecard files.
          packetKey: randomBytes(32).toString('base64url'),
          createdAt: created,
          createdBy: recruiter.id,
        })
        summary.interviews++
        const finished = start + step.minutes * 60_000
        if (finished > epoch || finished > application.to) return
        const temperament = TEMPERAMENT[interviewer.name] ?? { bias: 0, unrated: 0.05 }
        const ratings = step.focus.map(() =>
          random.next() < temperament.unrated ? null : clampRating(level + temperament.bias + gaussian(random) * 0.55),
        )
        const given = ratings.filter((rating): rating is ScorecardRating => rating !== null)
        const mean = given.length === 0 ? level : given.reduce((sum, rating) => sum + rating, 0) / given.length
        const recommendation = recommend(mean + temperament.bias / 2)
        const submittedAt = new Date(finished + random.int(1, 30) * HOUR).toISOString()
        const scorecardId = insert.scorecard(
          interviewId,
          interviewer.id,
          random.pick(TAKEAWAYS[recommendation]),
          recommendation,
          submittedAt,
        )
        step.focus.forEach((item, position) => {
          const rating = ratings[position] ?? null
          const note = rating !== null && random.next() < 0.35 ? random.pick(NOTES[rating]) : ''
          insert.rating(scorecardId, position, item.key, item.label, rating, note)
        })
        insert.submit(submittedAt, scorecardId)
        summary.scorecards++
      })
    }
    await insert.write()
  })
  return summary
}
