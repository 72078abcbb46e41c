import type { DegreeLevel } from '@contract/assessments'

export interface DegreeMention {
  level: DegreeLevel
  start: number
  end: number
}

const rank: Record<DegreeLevel, number> = { unspecified: 0, associate: 1, bachelor: 2, master: 3, doctorate: 4 }
export const degreeRank = (level: DegreeLevel) => rank[level]

/** Degree names in en, fr, de, es, pt and nl, folded; "Master" after "Scrum" or before "data" is no degree. */
// prettier-ignore
const degreeWords: readonly [DegreeLevel, string][] = [
  ['doctorate', "ph\\.?\\s?d\\.?|dphil|doctorate|doctoral degree|doctorat|doktor(?:at|grad)?|dr\\.\\s?rer\\.\\s?nat\\.?|doctorado|doutorado|doutoramento|doctoraat|promotion in"],
  ['master', "master(?:'s)?(?:\\s(?:of|in|degree|en|em|in))?|masters|mscs|m\\.?\\s?sc\\.?|m\\.?\\s?tech|ms(?=\\s(?:in|of)\\s)|ma(?=\\s(?:in|of)\\s)|m\\.s\\.|mba|m\\.?\\s?eng\\.?|meng|maitrise|mastere|diplome d'ingenieur|titre d'ingenieur|ecole d'ingenieurs?|ingenieur diplome|dipl\\.?-ing\\.?|diplom-ingenieur|diplom-informatiker|diplom|magister|maestria|mestrado|mestre|laurea magistrale|bac\\s?\\+\\s?5|dea|dess"],
  ['bachelor', "bachelor(?:'s|s)?(?:\\s(?:of|in|degree))?|bscs|bsee|b\\.?\\s?sc\\.?|b\\.?\\s?tech\\.?|ba\\s\\(hons\\)|bs(?=\\s(?:in|of)\\s)|ba(?=\\s(?:in|of)\\s)|b\\.s\\.|b\\.a\\.|b\\.?\\s?eng\\.?|beng|licence|licenciatura|licenciado|licenciada|grado en|bacharelado|bacharel|hbo[- ]bachelor|bac\\s?\\+\\s?3|undergraduate degree"],
  ['associate', "associate(?:'s)? degree|dut|bts|bac\\s?\\+\\s?2|ausbildung zum|ausbildung zur|tecnico superior|tecnologo"],
  ['unspecified', "degree|diploma|diplome|abschluss|hochschulabschluss|studienabschluss|titulo universitario|titulacion|graduacao|ensino superior|university|universite|universitat|universidad|universidade|universiteit|hochschule"],
]

const exceptionsBefore = /(?:scrum|quiz|web|grand|concert|key)\s$/
const exceptionsAfter = /^\s(?:data|branch|node|key|class|plan|record|file|list)/
/** "Web Development (Master)": a skill level, not a degree. */
const parenthesised = (folded: string, start: number, end: number) =>
  /\(\s*$/.test(folded.slice(Math.max(0, start - 3), start)) && /^\s*\)/.test(folded.slice(end, end + 3))

const patterns = degreeWords.map(
  ([level, words]) => [level, new RegExp(`(?<![\\p{L}\\p{N}])(?:${words})(?![\\p{L}\\p{N}])`, 'gu')] as const,
)

/** Every degree named in folded text, most advanced first where two overlap. */
export function findDegrees(folded: string): DegreeMention[] {
  const found: DegreeMention[] = []
  for (const [level, pattern] of patterns) {
    for (const match of folded.matchAll(pattern)) {
      const start = match.index
      const end = start + match[0].length
      if (found.some((other) => start < other.end && other.start < end)) continue
      if (exceptionsBefore.test(folded.slice(Math.max(0, start - 10), start))) continue
      if (exceptionsAfter.test(folded.slice(end, end + 10))) continue
      if (parenthesised(folded, start, end)) continue
      found.push({ level, start, end })
    }
  }
  return found.sort((a, b) => a.start - b.start)
}

/** The lowest named level a requirement accepts ("Bachelor's or Master's" → bachelor), or null when it asks for none. */
export function requiredDegree(foldedRequirement: string): DegreeLevel | null {
  const mentions = findDegrees(foldedRequirement)
  if (mentions.length === 0) return null
  const named = mentions.filter((mention) => mention.level !== 'unspecified')
  if (named.length === 0) return 'bachelor'
  return named.reduce((lowest, mention) => (rank[mention.level] < rank[lowest.level] ? mention : lowest)).level
}

/** Fields of study, folded; the first that matches wins ("Communication Engineering" is engineering). */
// prettier-ignore
const fields: readonly [string, RegExp][] = [
  ['computer science', /(?<![\p{L}])(?:computer science|computing|informatique|informatik|informatica|informatics|software engineering|genie logiciel|computer engineering|information technology|information systems|miage|bscs|mscs|wirtschaftsinformatik|ciencias de la computacion|ciencia da computacao|ingenieria informatica)(?![\p{L}])/u],
  ['engineering', /(?<![\p{L}])(?:electronics?|electrical|electrotechni\p{L}*|elektrotechnik|communications? engineering|telecommunications?|mechatronics|mechanical|civil engineering|engineering)(?![\p{L}])/u],
  ['business', /(?<![\p{L}])(?:business|bwl|\p{L}*betriebswirtschaft\p{L}*|\p{L}*wirtschaft\p{L}*|management|administration|commerce|economics|economie|gestion|marketing|finance|hospitality|hotellerie|mba)(?![\p{L}])/u],
  ['communication', /(?<![\p{L}])(?:communications?|media|journalism|journalisme|public relations|medien\p{L}*|kommunikation\p{L}*|information et communication)(?![\p{L}])/u],
  ['languages', /(?<![\p{L}])(?:lea|langues|languages|linguistics|linguistique|sprachen|philolog\p{L}*|translation|traduction)(?![\p{L}])/u],
  ['mathematics', /(?<![\p{L}])(?:statistics|statistique|statistik|mathematics|maths?|mathemati\p{L}*|data science|physics|physique|physik)(?![\p{L}])/u],
  ['arts', /(?<![\p{L}])(?:fine arts|graphic design|design|beaux-arts|arts)(?![\p{L}])/u],
]

/** The field a degree is in, from its words up to the first comma (folded), or null. */
export function degreeField(foldedDegreeLine: string): { field: string; start: number; end: number } | null {
  const head = foldedDegreeLine.split(',')[0]?.slice(0, 100) ?? ''
  for (const [field, pattern] of fields) {
    const match = pattern.exec(head)
    if (match) return { field, start: match.index, end: match.index + match[0].length }
  }
  return null
}

/** Every field a requirement names ("in Business, Communication or a related field"). */
export function requiredFields(foldedRequirement: string): string[] {
  return fields.filter(([, pattern]) => pattern.test(foldedRequirement)).map(([field]) => field)
}

/** "or equivalent practical experience": years in the field may stand in for the degree. */
export const acceptsEquivalentExperience = (foldedRequirement: string) =>
  /equivalent (?:practical |professional |work )?experience|or equivalent|experience equivalente|gleichwertige|experiencia equivalente/.test(
    foldedRequirement,
  )
