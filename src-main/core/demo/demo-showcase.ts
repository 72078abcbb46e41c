import type { CoreContext } from '../context'
import type { EvidenceSourceValue, RatingValue } from '../db/schema'
import { refreshFit } from '../assessments/fit'
import { InterviewPlanService } from '../interviews/plan-service'
import type { InterviewService } from '../interviews/service'
import type { WorkspaceService } from '../workspace/service'
import { ShowcaseWriter } from './demo-showcase-writer'
import { createRandom } from './random'
import { generateInterviews } from './generate-interviews'

const DAY = 86_400_000
const HOUR = 3_600_000

/**
 * Where each demo applicant stands against the posting, written for the project: `strength` is the rating their
 * items scatter around (1 = well below, 4 = beyond the bar); `fails` names the must-have they clearly miss, which
 * knocks them out.
 */
const PROFILES: Record<string, { strength: number; fails?: RegExp }> = {
  'Ines Carvalho': { strength: 3.2 },
  'Tobias Brandt': { strength: 2.6 },
  'Wen Li': { strength: 2.9 },
  'Yara Nasser': { strength: 2.3, fails: /\bGo\b/ },
  'Kofi Asante': { strength: 2.8 },
  'Marta Nowak': { strength: 2.5 },
  'Rohan Mehta': { strength: 1.9 },
  'Lena Hoffmann': { strength: 3.3 },
  'Diego Ramos': { strength: 2.7 },
  'Aisha Bello': { strength: 3 },
  'Sven Larsen': { strength: 3.4 },
  'Clara Fontaine': { strength: 3.6 },
}

/** Posting items that measure a competency of the ladder, by the words that give it away. */
const COMPETENCY_CUES: readonly { cue: RegExp; competency: string }[] = [
  { cue: /architecture|design documents/i, competency: 'System design' },
  { cue: /reliability|on-call|Kubernetes/i, competency: 'Reliability and operations' },
  { cue: /thorough tests/i, competency: 'Code quality and testing' },
  { cue: /initiatives|ownership/i, competency: 'Ownership and delivery' },
  { cue: /mentor/i, competency: 'Mentoring and leadership' },
  { cue: /explain complex/i, competency: 'Communication and collaboration' },
  { cue: /accounting|payment/i, competency: 'Product and business impact' },
]

/** The second must-have of the demo: with the language one, it makes knock-outs possible on the first day. */
const MUST_HAVE_CUE = /^Strong experience with Go\b/

const LEAD: Record<EvidenceSourceValue, string> = {
  resume: 'Résumé',
  screen: 'Phone screen',
  interview: 'Interview',
  reference: 'Reference',
  other: 'Note',
}

function evidence(rating: RatingValue, topic: string, source: EvidenceSourceValue): string {
  const lead = LEAD[source]
  switch (rating) {
    case 1:
      return `${lead}: nothing on ${topic} yet.`
    case 2:
      return `${lead}: some ${topic}, not yet at this level.`
    case 4:
      return `${lead}: led ${topic} work for several teams; beyond the bar.`
    default:
      return `${lead}: ${topic} in production in their current role.`
  }
}

function topicOf(text: string, skills: readonly string[]): string {
  const named = skills.find((skill) =>
    new RegExp(`\\b${skill.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i').test(text),
  )
  if (named) return named
  return text
    .split(/\s+/)
    .slice(0, 5)
    .join(' ')
    .replace(/[.,;:]+$/, '')
    .toLowerCase()
}

export interface ShowcaseSummary {
  rated: number
  interviews: number
  scorecards: number
}

/**
 * Turns the demo posting into a first look worth having: items linked to the ladder's competencies and a second
 * must-have, every applicant rated with evidence (one knocked out), an interview plan with submitted scorecards
 * for those who got to the interview, and two interviews for the person using the app (one due today, one
 * overdue) so the start page has work to show. Deterministic for a given `now`.
 */
export async function showcaseDemoPosting(
  ctx: CoreContext,
  services: { workspace: WorkspaceService; interviews: InterviewService },
  postingId: number,
  skillsOf: ReadonlyMap<string, readonly string[]>,
  now: Date,
): Promise<ShowcaseSummary> {
  const people = await services.workspace.listPeople(false)
  const byName = (name: string) => people.find((person) => person.name === name)?.id ?? null
  const recruiter = byName('Priya Natarajan')
  const manager = byName('Alex Morgan')
  const me = await services.workspace.currentPersonId()

  const reads = new ShowcaseWriter(ctx.db)
  const competencies = await reads.competencies(await reads.ladderOf(postingId))
  const requirements = await reads.assessedRequirements(postingId)
  const applications = await reads.applications(postingId)

  const random = createRandom(0xde30)
  let rated = 0
  await ctx.db.transaction().execute(async (trx) => {
    const writer = new ShowcaseWriter(trx)
    for (const requirement of requirements) {
      const link = COMPETENCY_CUES.find((entry) => entry.cue.test(requirement.text))
      const competencyId = competencies.find((entry) => entry.name === link?.competency)?.id ?? null
      const mustHave = requirement.must_have === 1 || MUST_HAVE_CUE.test(requirement.text)
      await writer.linkRequirement(requirement.id, competencyId, mustHave)
      requirement.must_have = mustHave ? 1 : 0
    }
    for (const application of applications) {
      const profile = PROFILES[application.name] ?? { strength: 2.5 }
      const skills = skillsOf.get(application.name) ?? []
      const created = Date.parse(application.created_at)
      for (const requirement of requirements) {
        // What the screen and the interviews could tell is known only of those who got that far.
        const source: EvidenceSourceValue =
          requirement.section === 'responsibility'
            ? application.position >= 2
              ? 'interview'
              : application.position >= 1
                ? 'screen'
                : 'resume'
            : 'resume'
        if (requirement.section === 'responsibility' && application.position === 0) continue
        const topic = topicOf(requirement.text, skills)
        const knows = skills.some((skill) => topic === skill)
        let value = Math.round(profile.strength + (knows ? 0.8 : 0) + (random.next() - 0.5))
        if (requirement.must_have === 1) value = profile.fails?.test(requirement.text) ? 1 : Math.max(2, value)
        const rating = Math.min(4, Math.max(1, value)) as RatingValue
        const text = evidence(rating, topic, source)
        const author = source === 'interview' ? manager : recruiter
        const at = new Date(Math.min(now.getTime() - HOUR, created + (1 + (rated % 5)) * DAY)).toISOString()
        await writer.rate({
          applicationId: application.id,
          requirementId: requirement.id,
          value: rating,
          evidence: text,
          source,
          authorId: author,
          at,
        })
        rated++
      }
    }
    await refreshFit(trx, { postingId })
  })

  const plans = new InterviewPlanService(ctx, services.workspace)
  const generated = await generateInterviews(ctx, plans, people, [postingId], createRandom(0x1e7e), now.getTime())
  let interviews = generated.interviews
  if (me !== null) {
    await plans.setHiringManager(postingId, me)
    const plan = await plans.plan(postingId)
    const step = plan.steps.find((entry) => entry.name === 'Hiring manager') ?? plan.steps.at(-1)
    // Active applicants past the screen who have no interview with this person yet.
    const waiting = applications.filter((entry) => entry.status === 'active' && entry.position >= 2).slice(0, 2)
    const times = [now.getTime() - 26 * HOUR, now.getTime() + HOUR]
    for (const [index, application] of waiting.entries()) {
      if (!step) break
      await reads.deleteInterviews(application.id, step.id)
      await services.interviews.schedule({
        applicationId: application.id,
        stepId: step.id,
        interviewerId: me,
        scheduledAt: new Date(times[index] ?? now.getTime()).toISOString(),
        durationMinutes: step.durationMinutes,
      })
      interviews++
    }
  }
  return { rated, interviews, scorecards: generated.scorecards }
}
