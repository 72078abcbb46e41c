import { coveredMonths, findDateRanges, type DateRange } from './dates'
import { lineIndexAt, type Line } from './structure'

/** A dated role: its range, what it is, and the text up to the next dated line or heading (where its skills are named). */
export interface Role {
  range: DateRange
  lineIndex: number
  blockStart: number
  blockEnd: number
  /** What the role is, read from its title and employer around the date. */
  kind: RoleKind
  /** The title names a lead, a manager or a supervisor. */
  lead: boolean
}

const educationWords =
  /(?<![\p{L}])(?:universit\p{L}*|college|school|ecole|schule|hochschule|escuela|escola|faculda\p{L}*|bachelor\p{L}*|master's|masters|msc|bsc|bscs|phd|licence|licenciatura|diplom\p{L}*|baccalaureat|abitur|student|etudiant|studium)(?![\p{L}])/u

/** Dated lines that are no employment: open source, teaching, talks, volunteering, training. */
const notEmployment =
  /(?<![\p{L}])(?:open[- ]source|maintainer|contributor|lecturer|teaching|teacher|tutor|speaker|talks?|volunteer\p{L}*|benevol\p{L}*|dozent\p{L}*|lehrauftrag|charge de cours|bootcamp|hackathon|side projects?|personal projects?|ehrenamt\p{L}*)(?![\p{L}])/u

export type RoleKind = 'backend' | 'frontend' | 'adjacent' | 'data' | 'support' | 'other' | 'unknown'

/** Kinds of role by their titles, folded; the first that matches wins ("Data Engineer" is adjacent, not data). */
// prettier-ignore
const roleKinds: readonly [RoleKind, RegExp][] = [
  ['frontend', /(?<![\p{L}])(?:front[- ]?end|web developer|web designer|ui (?:engineer|developer)|ux|designer|integrat(?:eur|rice) web)(?![\p{L}])/u],
  ['adjacent', /(?<![\p{L}])(?:site reliability|sre|devops|systems? engineer|system administrator|sysadmin|infrastructure|platform engineer|machine learning|ml[- ](?:engineer|ingenieur)|data engineer|qa engineer|test engineer)(?![\p{L}])/u],
  ['data', /(?<![\p{L}])(?:data scientist|data analyst|analyst|analyste|business intelligence|statistician)(?![\p{L}])/u],
  ['support', /(?<![\p{L}])(?:support|customer|client\p{L}*|kundenservice|kundenberat\p{L}*|kundendienst|service client|relation client|conseill\p{L}*|helpdesk|call ?cent\p{L}*)(?![\p{L}])/u],
  // Careers a title names plainly, so that an advocate's or a civil engineer's years never count as software.
  ['other', /(?<![\p{L}])(?:cafe|bakery|restaurant|barista|waiter|waitress|serveu\p{L}*|cashier|caissi\p{L}*|shop|store|verkauf\p{L}*|advocate|lawyer|attorney|legal|counsel|avocat\p{L}*|rechtsanw\p{L}*|nurse|physician|medical|clinical|pharmac\p{L}*|nutritionist|dietitian|fitness|accountant|accounting|auditor|comptable|buchhalt\p{L}*|sales|vente|marketing|recruiter|recruitment|human resources|hr|teacher|enseignant\p{L}*|lehrer\p{L}*|civil|mechanical|structural|chemical|construction|qa\/qc)(?![\p{L}])/u],
  ['backend', /(?<![\p{L}])(?:back[- ]?end|server|software\p{L}*|developer|developpeu\p{L}*|desarrollador\p{L}*|desenvolvedor\p{L}*|\p{L}*entwickler\p{L}*|engineer|ingenieu?r\p{L}*|programm\p{L}*|full[- ]?stack)(?![\p{L}])/u],
]
const leadTitle =
  /(?<![\p{L}])(?:lead|leader|manager|head of|supervisor|superviseu\p{L}*|responsable|teamleit\p{L}*|\p{L}*leiter\p{L}*|chef d\p{L}*|director|directeur|directrice)(?![\p{L}])/u

export function roleKindOf(foldedTitle: string): RoleKind {
  for (const [kind, pattern] of roleKinds) if (pattern.test(foldedTitle)) return kind
  return 'unknown'
}

/** The domain a years requirement is about, from its wording; null when any role counts. */
export interface YearsDomain {
  /** Roles of these kinds count in full; 'unknown' roles count where the domain is engineering. */
  direct: readonly RoleKind[]
  /** Roles of these kinds are related: they make a shortfall partial, never a "met". */
  related: readonly RoleKind[]
  lead: boolean
}

export function yearsDomain(foldedRequirement: string): YearsDomain | null {
  const lead =
    /(?<![\p{L}])(?:leading|lead|leadership|managing|management|coaching|encadrement|management d|fuhrung|fuhren)(?![\p{L}])/u.test(
      foldedRequirement,
    )
  if (
    /(?<![\p{L}])(?:customer|support|client\p{L}*|kundenservice|relation client|service client)(?![\p{L}])/u.test(
      foldedRequirement,
    )
  )
    return { direct: ['support'], related: [], lead }
  if (/(?<![\p{L}])front[- ]?end(?![\p{L}])/u.test(foldedRequirement))
    return { direct: ['frontend', 'unknown'], related: ['backend'], lead }
  if (
    /(?<![\p{L}])(?:back[- ]?end|software|developer|developpeu\p{L}*|\p{L}*entwickler\p{L}*|engineer\p{L}*|ingenieu?r\p{L}*)(?![\p{L}])/u.test(
      foldedRequirement,
    )
  )
    return { direct: ['backend', 'unknown'], related: ['adjacent'], lead }
  return null
}

/** How a role counts for a domain: in full, as related, or not at all. */
export function relevance(
  role: Pick<Role, 'kind' | 'lead'>,
  domain: YearsDomain | null,
): 'direct' | 'related' | 'none' {
  if (!domain) return 'direct'
  if (domain.lead && !role.lead) return 'none'
  if (domain.direct.includes(role.kind)) return 'direct'
  return domain.related.includes(role.kind) ? 'related' : 'none'
}

/**
 * The words around a date that say what the role is: the line before the date back to the previous date or
 * sentence, and the rest of the line after it; when the date stands alone on its line, the line above.
 */
function titleContext(
  folded: string,
  lines: readonly Line[],
  lineIndex: number,
  start: number,
  end: number,
  previousEnd: number,
) {
  const line = lines[lineIndex]
  if (!line) return ''
  let from = Math.max(line.start, previousEnd, start - 120)
  const before = folded.slice(from, start)
  const cut = Math.max(before.lastIndexOf('. '), before.lastIndexOf('; '))
  if (cut >= 0) from += cut + 2
  // After the date, up to the end of its sentence or the next date: "2016 - 2019 Billing in Ruby. Education …".
  const after = folded.slice(end, Math.min(line.end, end + 60))
  let context = `${folded.slice(from, start)} ${after.split(/\d{4}|[.;](?:\s|$)/)[0] ?? ''}`
  // A date alone on its line ("2019-02-01 - Present") belongs to the title above it.
  if ((context.match(/\p{L}{2,}/gu) ?? []).length === 0) {
    for (let i = lineIndex - 1; i >= 0; i--) {
      const above = lines[i]
      if (!above || above.heading) break
      const text = folded.slice(above.start, above.end)
      if (text.trim().length === 0) continue
      context = `${text} ${context}`
      break
    }
  }
  return context
}

/** More dated lines than any career has; the rest of a document that has more is not read for roles. */
const MAX_ROLES = 100

/** Dated roles outside education: ranges under an education heading or on a line about studies do not count. */
export function findRoles(folded: string, lines: readonly Line[], today: Date): Role[] {
  const roles: Role[] = []
  let previousEnd = 0
  for (const range of findDateRanges(folded, today)) {
    if (roles.length === MAX_ROLES) break
    const lineIndex = lineIndexAt(lines, range.start)
    const line = lines[lineIndex]
    const context = titleContext(folded, lines, lineIndex, range.start, range.end, previousEnd)
    previousEnd = range.end
    if (!line || line.section === 'education' || line.section === 'languages') continue
    // On a résumé extracted as one long line, only the words around the date say whether it is a study.
    if (educationWords.test(context) || notEmployment.test(context)) continue
    roles.push({
      range,
      lineIndex,
      blockStart: line.start,
      blockEnd: line.end,
      kind: roleKindOf(context),
      lead: leadTitle.test(context),
    })
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
  /** What kind of work the sentence is about ("Frontend engineer with 10 years …"). */
  kind: RoleKind
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

/** "8+ years improving reliability", "10 years building payment systems": years followed by what was done. */
const statedDoing = new RegExp(
  `(?<![\\p{L}\\p{N}.,])(\\d{1,2}(?:[.,]\\d)?)\\s?(?:\\+|plus)?\\s?(?:years?|yrs?)\\s(?:of\\s)?(?=\\p{L}+ing(?![\\p{L}]))`,
  'gu',
)

/**
 * "8 years of experience", "8+ ans d'expérience", "10 Jahre Berufserfahrung", "experiencia: 6 años", "8+ years
 * improving reliability" (folded text).
 */
export function findStatedYears(folded: string): StatedYears[] {
  const found: StatedYears[] = []
  for (const pattern of [statedForward, statedBackward, statedDoing]) {
    for (const match of folded.matchAll(pattern)) {
      const years = Number((match[1] ?? '').replace(',', '.'))
      if (!(years > 0 && years <= 50)) continue
      const start = match.index
      const end = start + match[0].length
      const lineEnd = folded.indexOf('\n', end)
      if (found.some((known) => known.start === start)) continue
      const lineStart = folded.lastIndexOf('\n', start) + 1
      found.push({
        years,
        start,
        end,
        tailEnd: Math.min(lineEnd < 0 ? folded.length : lineEnd, end + 80),
        kind: roleKindOf(folded.slice(lineStart, lineEnd < 0 ? folded.length : lineEnd)),
      })
    }
  }
  return found.sort((a, b) => a.start - b.start)
}
