/**
 * Measures résumé suggestions against the labelled set (src-main/core/assessments/suggest/eval): precision,
 * recall and rating agreement overall, per résumé and per item, a confusion table, and with --misses every
 * pair where the engine and the reader differ. Usage: npm run -s eval:suggestions [-- --misses]
 */
import { evaluate, type Figures, type Label, type Outcome } from '../src-main/core/assessments/suggest/eval/evaluate'

const percent = (value: number) => value.toFixed(2).padStart(5)
const line = (name: string, figures: Figures, width: number) =>
  `${name.padEnd(width)}  ${percent(figures.precision)}  ${percent(figures.recall)}  ${percent(figures.agreement)}  ${String(figures.suggested).padStart(4)}  ${String(figures.evidenced).padStart(4)}`

function table(title: string, rows: Map<string, Figures>): void {
  const width = Math.max(title.length, ...[...rows.keys()].map((name) => name.length))
  console.log(`\n${title.padEnd(width)}  prec.  recall agree  sugg  evid`)
  for (const [name, figures] of rows) console.log(line(name, figures, width))
}

const result = evaluate()
const { overall } = result
console.log(`pairs: ${result.pairs.length}`)
console.log(
  `precision ${overall.precision.toFixed(2)}  recall ${overall.recall.toFixed(2)}  agreement ${overall.agreement.toFixed(2)}`,
)
table('résumé', result.byResume)
table('item', result.byItem)
const outcomes: Outcome[] = ['met', 'partial', 'not_met', 'silent']
console.log(`\nreader \\ engine  ${outcomes.map((outcome) => outcome.padStart(8)).join('')}`)
for (const label of ['met', 'partial', 'none'] as Label[]) {
  console.log(
    `${label.padEnd(16)} ${outcomes.map((outcome) => String(result.confusion[label][outcome]).padStart(8)).join('')}`,
  )
}
if (process.argv.includes('--misses')) {
  console.log('\nwhere the engine and the reader differ:')
  for (const pair of result.pairs) {
    const same =
      (pair.label === 'met' && pair.outcome === 'met') ||
      (pair.label === 'partial' && pair.outcome === 'partial') ||
      (pair.label === 'none' && (pair.outcome === 'not_met' || pair.outcome === 'silent'))
    if (same) continue
    console.log(`- ${pair.resume} ${pair.item}: reader ${pair.label} (${pair.reason}); engine ${pair.outcome}`)
    if (pair.suggestion)
      console.log(`    ${pair.suggestion.reason} | ${pair.suggestion.snippet.replace(/\n/g, ' / ').slice(0, 160)}`)
  }
}
