/** What a short header is made from: the fields every requirement has. */
export interface HeaderSource {
  id: number
  text: string
  skills: ReadonlyArray<{ name: string }>
}

/** Longest header a 90 px column shows without cutting it. */
export const HEADER_MAX = 16

// Filler that opens many requirements ("Strong experience with…", "Une bonne maîtrise de…") and says nothing
// about which one it is; a header made of it would look alike for every row of a posting.
const filler = new Set(
  (
    'a an and are as at be by for from in into is of on or our the to with within you your we will who ' +
    'strong proven solid deep good great excellent experience experienced expertise knowledge understanding ' +
    'ability able skills skill familiarity familiar working work years year plus highly preferred ' +
    'de des du la le les et en un une au aux avec pour par sur dans bonne bon solide forte expérience ' +
    'connaissance connaissances maîtrise capacité compétences ans année années ' +
    'der die das und mit von für im in ein eine erfahrung kenntnisse gute sehr jahre ' +
    'el los las y con para por una experiencia conocimiento conocimientos años'
  ).split(' '),
)

const wordsOf = (text: string): string[] =>
  text
    .split(/[^\p{L}\p{N}+#./-]+/u)
    .map((word) => word.replace(/^[./-]+|[./-]+$/g, ''))
    .filter((word) => word.length > 1 && !filler.has(word.toLowerCase()) && !/^\d+\+?$/.test(word))

const cut = (label: string, max: number): string => (label.length > max ? `${label.slice(0, max - 1)}…` : label)

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1)

/** The first skill the item names, else its first two telling words. */
function baseLabel(source: HeaderSource): string {
  const skill = source.skills[0]?.name.trim()
  if (skill) return skill
  const words = wordsOf(source.text).slice(0, 2)
  return words.length > 0 ? capitalise(words.join(' ')) : source.text.trim() || '?'
}

const keyOf = (label: string) => label.toLocaleLowerCase()

/**
 * Short column headers for a posting's requirements, one per item, no two alike (ignoring case).
 * Deterministic: the same list (in the same order) always gives the same headers, so a person finds a column
 * again under the same name. Items whose plain header collides get the first word that only their text has;
 * what still collides is numbered in list order.
 */
export function requirementHeaders(sources: readonly HeaderSource[], max = HEADER_MAX): Map<number, string> {
  const bases = sources.map((source) => baseLabel(source))
  const groups = new Map<string, number[]>()
  bases.forEach((label, index) => {
    const key = keyOf(cut(label, max))
    groups.set(key, [...(groups.get(key) ?? []), index])
  })
  const labels = bases.map((label) => cut(label, max))
  for (const members of groups.values()) {
    if (members.length < 2) continue
    const wordSets = members.map((index) => new Set(wordsOf(sources[index]?.text ?? '').map(keyOf)))
    members.forEach((index, position) => {
      const base = bases[index] ?? ''
      const inBase = new Set(wordsOf(base).map(keyOf))
      const own = wordsOf(sources[index]?.text ?? '').find((word) => {
        const key = keyOf(word)
        return !inBase.has(key) && wordSets.every((set, other) => other === position || !set.has(key))
      })
      if (!own) return
      // The distinguishing word must survive the cut, so the base gives up room first.
      const room = Math.max(3, max - own.length - 1)
      labels[index] = cut(`${cut(base, room)} ${own}`, max)
    })
  }
  const taken = new Set<string>()
  const result = new Map<number, string>()
  sources.forEach((source, index) => {
    let label = labels[index] ?? '?'
    for (let number = 2; taken.has(keyOf(label)); number++) {
      const suffix = ` ${number}`
      label = `${cut(labels[index] ?? '?', max - suffix.length)}${suffix}`
    }
    taken.add(keyOf(label))
    result.set(source.id, label)
  })
  return result
}
