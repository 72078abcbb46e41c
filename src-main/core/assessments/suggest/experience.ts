import { coveredMonths, findDateRanges, type DateRange } from './dates'
import { lineIndexAt, type Line } from './structure'

/** A dated role: its range and the text up to the next dated line or heading (where its skills are named). */
export interface Role {
  range: DateRange
  lineIndex: number
  blockStart: number
  blockEnd: number
}

const educationWords =
  /(?<![\p{L}])(?:universit\p{L}*|college|school|ecole|schule|hochschule|escuela|escola|faculda\p{L}*|bachelor\p{L}*|master's|masters|msc|bsc|phd|licence|licenciatura|diplom\p{L}*|baccalaureat|abitur|student|etudiant|studium)(?![\p{L}])/u

/** More dated lines than any career has; the rest of a document that has more is not read for roles. */
const MAX_ROLES = 100

/** Dated roles outside education: ranges under an education heading or on a line about studies do not count. */
export function findRoles(folded: string, lines: readonly Line[], today: Date): Role[] {
  const roles: Role[] = []
  for (const range of findDateRanges(folded, today)) {
    if (roles.length === MAX_ROLES) break
    const lineIndex = lineIndexAt(lines, range.start)
    const line = lines[lineIndex]
    if (!line || line.section === 'education' || line.section === 'languages') continue
    if (educationWords.test(folded.slice(line.start, line.end))) continue
    roles.push({ range, lineIndex, blockStart: line.start, blockEnd: line.end })
  }
  // A role's text runs to the next role's line or the next heading.
  roles.forEach((role, index) => {
    const next = roles[index + 1]
    let last = role.lineIndex
    for (let i = role.lineIndex + 1; i < lines.length; i++) {
      const line = lines[i]
      if (!line || line.heading || (next && i >= next.lineIndex)) break
      last = i
    }
    role.blockEnd = lines[last]?.end ?? role.blockEnd
  })
  return roles
}

export const yearsOf = (roles: readonly Role[]) =>
  Math.round((coveredMonths(roles.map((role) => role.range)) / 12) * 10) / 10

export interface StatedYears {
  years: number
  start: number
  end: number
  /** Where the sentence's object starts ("… of experience in Go"): skills named here make it skill-specific. */
  tailEnd: number
}

const units = '(?:years?|yrs?|ans|annees|jahre|jahren|anos|jaar|jaren)'
const experienceWord = "(?:d'|de\\s|of\\s)?(?:\\p{L}+\\s){0,3}?(?:experi\\p{L}*|\\p{L}*erfahrung|\\p{L}*ervaring)"
const statedForward = new RegExp(
  `(?<![\\p{L}\\p{N}.,])(\\d{1,2}(?:[.,]\\d)?)\\s?(?:\\+|plus)?\\s?${units}(?![\\p{L}])\\s?(?:\\+\\s)?${experienceWord}`,
  'gu',
)
const statedBackward = new RegExp(
  `(?:experience|experiencia|erfahrung|berufserfahrung|ervaring)\\s?[:\\-–]\\s?(?:\\p{L}+\\s){0,2}?(\\d{1,2}(?:[.,]\\d)?)\\s?\\+?\\s?${units}(?![\\p{L}])`,
  'gu',
)

/** "8 years of experience", "8+ ans d'expérience", "10 Jahre Berufserfahrung", "experiencia: 6 años" (folded text). */
export function findStatedYears(folded: string): StatedYears[] {
  const found: StatedYears[] = []
  for (const pattern of [statedForward, statedBackward]) {
    for (const match of folded.matchAll(pattern)) {
      const years = Number((match[1] ?? '').replace(',', '.'))
      if (!(years > 0 && years <= 50)) continue
      const start = match.index
      const end = start + match[0].length
      const lineEnd = folded.indexOf('\n', end)
      found.push({ years, start, end, tailEnd: Math.min(lineEnd < 0 ? folded.length : lineEnd, end + 80) })
    }
  }
  return found.sort((a, b) => a.start - b.start)
}
