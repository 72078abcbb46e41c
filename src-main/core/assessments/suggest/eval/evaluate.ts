import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Rating, SuggestionDto } from '@contract/assessments'
import { parse as parseYaml } from 'yaml'
import { z } from 'zod'
import { parsePosting } from '../../../postings/parse'
import { readSeedPosting } from '../../../testing/seed-posting'
import { suggestEvidence, type SuggestRequirement } from '../suggest'

/** What a careful reader says about one résumé against one item. */
export type Label = 'met' | 'partial' | 'none'
/** What the engine says: the rating of its top suggestion, or nothing. */
export type Outcome = 'met' | 'partial' | 'not_met' | 'silent'

const labelText = z
  .string()
  .regex(/^(met|partial|none)\s+—\s+\S/, 'a label reads "met|partial|none — reason"')
  .transform((value) => {
    const [label = 'none', ...reason] = value.split(' — ')
    return { label: label as Label, reason: reason.join(' — ') }
  })

const labelsSchema = z.object({
  today: z.union([z.string(), z.date()]).transform((value) => new Date(value)),
  postings: z.record(z.string(), z.object({ file: z.string().min(1), items: z.record(z.string(), z.string().min(3)) })),
  resumes: z.record(z.string(), z.record(z.string(), z.record(z.string(), labelText))),
})

export const evalFolder = import.meta.dirname

export interface PairResult {
  resume: string
  posting: string
  item: string
  label: Label
  reason: string
  outcome: Outcome
  suggestion: SuggestionDto | null
}

export interface Figures {
  /** Suggestions rating met or partial that the reader accepts as met or partial. */
  precision: number
  /** Items the reader rates met or partial that got a met or partial suggestion. */
  recall: number
  /** Items with a suggestion whose rating is the reader's (not_met reads as none). */
  agreement: number
  suggested: number
  evidenced: number
}

export interface Evaluation {
  pairs: PairResult[]
  overall: Figures
  byResume: Map<string, Figures>
  byItem: Map<string, Figures>
  /** label → outcome → count */
  confusion: Record<Label, Record<Outcome, number>>
}

const positive = (outcome: Outcome) => outcome === 'met' || outcome === 'partial'
const agrees = (label: Label, outcome: Outcome) =>
  outcome === 'met' ? label === 'met' : outcome === 'partial' ? label === 'partial' : label === 'none'

export function figuresOf(pairs: readonly PairResult[]): Figures {
  const suggested = pairs.filter((pair) => positive(pair.outcome))
  const evidenced = pairs.filter((pair) => pair.label !== 'none')
  const spoken = pairs.filter((pair) => pair.outcome !== 'silent')
  const share = (part: number, whole: number) => (whole === 0 ? 1 : part / whole)
  return {
    precision: share(suggested.filter((pair) => pair.label !== 'none').length, suggested.length),
    recall: share(evidenced.filter((pair) => positive(pair.outcome)).length, evidenced.length),
    agreement: share(spoken.filter((pair) => agrees(pair.label, pair.outcome)).length, spoken.length),
    suggested: suggested.length,
    evidenced: evidenced.length,
  }
}

function outcomeOf(rating: Rating | undefined): Outcome {
  if (rating === undefined) return 'silent'
  if (rating === 'met' || rating === 'exceeds') return 'met'
  if (rating === 'partial') return 'partial'
  return 'not_met'
}

function requirementsOf(text: string, items: Record<string, string>, postingName: string) {
  const parsed = parsePosting(text)
  let id = 0
  const all = parsed.sections.flatMap((section) =>
    section.items.map((item): SuggestRequirement => ({
      id: ++id,
      section: section.kind === 'about' ? 'other' : section.kind,
      text: item.text,
      minYears: item.minYears,
      skills: item.skills,
    })),
  )
  const byKey = new Map<string, SuggestRequirement>()
  for (const [key, start] of Object.entries(items)) {
    const found = all.find((requirement) => requirement.text.startsWith(start))
    if (!found) throw new Error(`Posting ${postingName}: no item starts with "${start}" (${key}).`)
    byKey.set(key, found)
  }
  return { all, byKey }
}

/** Runs the engine over every labelled résumé and compares its top suggestion per item with the label. */
export function evaluate(folder = evalFolder): Evaluation {
  const labels = labelsSchema.parse(parseYaml(readFileSync(join(folder, 'labels.yaml'), 'utf8')))
  const postings = new Map(
    Object.entries(labels.postings).map(([name, posting]) => {
      const text = posting.file === 'seed' ? readSeedPosting() : readFileSync(join(folder, posting.file), 'utf8')
      return [name, requirementsOf(text, posting.items, name)] as const
    }),
  )
  const files = readdirSync(join(folder, 'resumes')).filter((name) => name.endsWith('.txt'))
  const unlabelled = files.filter((name) => !(name in labels.resumes))
  if (unlabelled.length > 0) throw new Error(`Résumés without labels: ${unlabelled.join(', ')}`)
  const pairs: PairResult[] = []
  for (const [resume, byPosting] of Object.entries(labels.resumes)) {
    const text = readFileSync(join(folder, 'resumes', resume), 'utf8')
    for (const [postingName, itemLabels] of Object.entries(byPosting)) {
      const posting = postings.get(postingName)
      if (!posting) throw new Error(`${resume}: unknown posting ${postingName}`)
      const suggestions = suggestEvidence([{ id: 1, text }], posting.all, { today: labels.today })
      for (const [item, requirement] of posting.byKey) {
        const labelled = itemLabels[item]
        if (!labelled) throw new Error(`${resume}: no label for ${postingName}.${item}`)
        const top =
          suggestions
            .filter((suggestion) => suggestion.requirementId === requirement.id)
            .sort((a, b) => b.confidence - a.confidence)[0] ?? null
        pairs.push({
          resume,
          posting: postingName,
          item: `${postingName}.${item}`,
          label: labelled.label,
          reason: labelled.reason,
          outcome: outcomeOf(top?.rating),
          suggestion: top,
        })
      }
    }
  }
  const group = (key: (pair: PairResult) => string) => {
    const groups = new Map<string, PairResult[]>()
    for (const pair of pairs) groups.set(key(pair), [...(groups.get(key(pair)) ?? []), pair])
    return new Map([...groups].map(([name, members]) => [name, figuresOf(members)]))
  }
  const outcomes: Outcome[] = ['met', 'partial', 'not_met', 'silent']
  const row = () => Object.fromEntries(outcomes.map((outcome) => [outcome, 0])) as Record<Outcome, number>
  const confusion: Record<Label, Record<Outcome, number>> = { met: row(), partial: row(), none: row() }
  for (const pair of pairs) confusion[pair.label][pair.outcome]++
  return {
    pairs,
    overall: figuresOf(pairs),
    byResume: group((pair) => pair.resume),
    byItem: group((pair) => pair.item),
    confusion,
  }
}
