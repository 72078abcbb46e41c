import type { EvidenceSourceValue, RatingValue } from '../db/schema'
import type { CoreContext } from '../context'
import { DemoWriter } from './demo-writer'
import { refreshFit } from '../assessments/fit'
import { assessedSections } from '@contract/closed-lists'
import { createRandom, type Random } from './random'

const BATCH = 5_000
const DAY = 86_400_000
/** Share of an applicant's items that someone rated; the rest stay unknown. */
const COVERAGE = 0.95

const SOURCES: readonly EvidenceSourceValue[] = [
  'resume',
  'resume',
  'resume',
  'resume',
  'resume',
  'screen',
  'screen',
  'screen',
  'interview',
  'reference',
]
const SOURCE_WORDS: Record<EvidenceSourceValue, string> = {
  resume: 'Résumé',
  screen: 'Phone screen',
  interview: 'Interview',
  reference: 'Reference',
  other: 'Note',
}
const WHERE = ['at a payments company', 'on a platform team', 'for three years', 'in production', 'as the owner']

interface GeneratedRequirement {
  id: number
  mustHave: boolean
  /** The first skill it names, or its first words. */
  topic: string
  skills: string[]
}

function topicOf(text: string, skills: string[]): string {
  return (
    skills[0] ??
    text
      .split(/\s+/)
      .slice(0, 4)
      .join(' ')
      .replace(/[.,;:]+$/, '')
  )
}

function evidenceFor(rating: RatingValue, topic: string, source: EvidenceSourceValue, random: Random): string {
  const lead = SOURCE_WORDS[source]
  switch (rating) {
    case 1:
      return `${lead}: no ${topic} experience yet.`
    case 2:
      return `${lead}: some ${topic}, not yet at this level.`
    case 4:
      return `${lead}: led ${topic} work ${random.pick(WHERE)}; well beyond the bar.`
    default:
      return `${lead}: ${topic} ${random.pick(WHERE)}.`
  }
}

/**
 * Rates the generated applications (`demo generate`): about nineteen in twenty items of each one, by a person of
 * the team, with a short evidence text and its history entry; stronger applicants and those whose résumé
 * names an item's skill rate higher, so fit scores spread and some must-haves knock applicants out. Writes
 * with prepared statements in large transactions (the bulk approach of the candidate import), then computes
 * every fit once. Its own random stream: the rest of the workspace is the same with or without it.
 */
export async function generateAssessments(
  ctx: CoreContext,
  options: { seed: number; people: readonly (number | null)[]; epoch: number },
): Promise<{ rated: number }> {
  const writer = new DemoWriter(ctx.db, ctx.sqlite)
  const random = createRandom(options.seed ^ 0xa55e55)
  const requirementRows = await writer.requirements(assessedSections)
  const byPosting = new Map<number, GeneratedRequirement[]>()
  for (const row of requirementRows) {
    const skills = (JSON.parse(row.skills) as { name: string }[]).map((skill) => skill.name)
    const list = byPosting.get(row.posting_id) ?? []
    list.push({ id: row.id, mustHave: row.must_have === 1, topic: topicOf(row.text, skills), skills })
    byPosting.set(row.posting_id, list)
  }
  let rated = 0
  let after = 0
  for (;;) {
    const batch = await writer.applicationsAfter(after, BATCH)
    const last = batch.at(-1)
    if (!last) break
    const skillsOf = new Map<number, Set<string>>()
    for (const row of await writer.tagsOf([...new Set(batch.map((entry) => entry.candidate_id))])) {
      const known = skillsOf.get(row.candidate_id) ?? new Set<string>()
      known.add(row.tag)
      skillsOf.set(row.candidate_id, known)
    }
    await ctx.db.transaction().execute(async (trx) => {
      const ratings = writer.ratings(trx)
      for (const application of batch) {
        const strength = random.next()
        const created = Date.parse(application.created_at)
        const candidateSkills = skillsOf.get(application.candidate_id)
        for (const requirement of byPosting.get(application.posting_id) ?? []) {
          if (random.next() >= COVERAGE) continue
          const knows = requirement.skills.some((skill) => candidateSkills?.has(skill))
          const value = strength * 0.7 + random.next() * 0.5 + (knows ? 0.35 : 0)
          const rating: RatingValue = value < 0.3 ? 1 : value < 0.55 ? 2 : value < 1.05 ? 3 : 4
          const source = random.pick(SOURCES)
          const evidence = evidenceFor(rating, requirement.topic, source, random)
          const at = new Date(Math.min(options.epoch, created + random.int(1, 30) * DAY)).toISOString()
          const author = random.pick(options.people)
          ratings.rate({
            applicationId: application.id,
            requirementId: requirement.id,
            rating,
            evidence,
            source,
            authorId: author,
            at,
          })
          rated++
        }
      }
      await ratings.write()
    })
    after = last.id
  }
  for (const postingId of byPosting.keys()) await refreshFit(ctx.db, { postingId })
  return { rated }
}
