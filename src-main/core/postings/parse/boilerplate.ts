import { compilePhrase, foldWords, hasAnyPhrase } from './text'

/** Equal-opportunity wording strong enough to move even a list item out of an assessed section. */
// prettier-ignore
const equalOpportunityPhrases = [
  'equal opportunity', 'equal opportunities', 'equal employment', 'discriminat*', 'without regard to',
  'regardless of race', 'regardless of their', 'protected veteran', 'protected characteristic*', 'protected by law',
  'affirmative action', 'all qualified applicants', 'underrepresented', 'under represented', 'encourage applicants',
  'encourage all', 'diverse backgrounds', 'all backgrounds', 'diversity and inclusion', 'diversity equity',
  'chancengleichheit', 'diskriminier*', 'unabhangig von', 'egalite des chances', 'sans distinction',
  'igualdad de oportunidades', 'sin distincion', 'igualdade de oportunidades', 'sem distincao', 'gelijke kansen',
  'ongeacht',
].map(compilePhrase)

/** Softer wording that marks a prose paragraph (never a list item) as a diversity statement. */
// prettier-ignore
const inclusionPhrases = [
  'inclusive', 'inclusion', 'diversity', 'belonging', 'inklusiv', 'diversite', 'diversidad', 'diversidade',
  'diversiteit',
].map(compilePhrase)

/** How-to-apply wording that is never part of a requirement. */
// prettier-ignore
const applyPhrases = [
  'apply now', 'apply here', 'apply below', 'apply anyway', 'apply today', 'apply online', 'apply via',
  'apply through', 'please apply', 'want to apply', 'send your cv', 'send your resume', 'send us your',
  'send your application', 'submit your cv', 'submit your resume', 'submit your application', 'please submit',
  'please send', 'application deadline', 'applications will', 'cover letter', 'covering letter', 'shortlisted',
  'short listed', 'fill out the form', 'fill in the form', 'looking forward to your application',
  'learned of this job', 'postulez', 'envoyez votre cv', 'envoyez nous', 'candidatez', 'lettre de motivation',
  'bewirb dich', 'bewerben sie sich', 'deine bewerbung', 'ihre bewerbung', 'schick uns', 'sende uns',
  'freuen uns auf deine', 'freuen uns auf ihre', 'envia tu cv', 'envianos', 'postulate', 'envie seu curriculo',
  'envie o seu curriculo', 'candidate se', 'stuur je cv', 'stuur ons', 'solliciteer', 'motivatie en cv',
  'motivatiebrief',
].map(compilePhrase)

/** Softer wording that marks a prose paragraph (never a list item) as contact or application text. */
// prettier-ignore
const contactPhrases = [
  'how to apply', 'contact us', 'get in touch', 'e mail us', 'email us', 'we look forward', 'further information',
  'postuler', 'bewerbung', 'curriculo', 'sollicitatie', 'reageer',
].map(compilePhrase)

// prettier-ignore
const applyAlone = new Set([
  'apply', 'apply now', 'apply here', 'postuler', 'postulez', 'bewerben', 'jetzt bewerben', 'postular', 'aplicar',
  'candidatar', 'solliciteer', 'solliciteren',
])

const salaryPattern =
  /[$€£¥]\s?\d|\d\s?[kK]?\s?(?:€|\b(?:eur|euro|euros|usd|gbp|chf|amd|brl|mxn)\b)|\b(?:salary|salaire|gehalt|salario|salário|salaris|sueldo|remuneration|rémunération|pay range|hourly rate|per hour|per annum)\b/i

// prettier-ignore
const websitePhrases = [
  'cookie', 'cookies', 'this list', 'job offers', 'selected language', 'language version', 'countries for which',
  'privacy policy', 'sign in', 'log in', 'enable javascript', 'this website', 'this site',
].map(compilePhrase)

export function isEqualOpportunity(text: string, prose: boolean): boolean {
  const words = foldWords(text)
  return hasAnyPhrase(words, equalOpportunityPhrases) || (prose && hasAnyPhrase(words, inclusionPhrases))
}

/**
 * How-to-apply text: instructions, contacts, deadlines, an "Apply" button left over from a web page.
 * `prose` also accepts softer wording ("contact us") that a list item may use for other reasons.
 */
export function isApplyText(text: string, prose = true): boolean {
  const words = foldWords(text)
  if (applyAlone.has(words.join(' '))) return true
  return hasAnyPhrase(words, applyPhrases) || (prose && hasAnyPhrase(words, contactPhrases)) || /\w@\S/.test(text)
}

export function mentionsSalary(text: string): boolean {
  return salaryPattern.test(text)
}

/** Text about the web page rather than the job (language switchers, cookie notes). */
export function isWebsiteText(text: string): boolean {
  return hasAnyPhrase(foldWords(text), websitePhrases)
}

const sentenceBreak =
  /(?<!\b(?:[eE]\.g|[iI]\.e|etc|vs|[Ii]nc|[Ll]td|Dr|Mr|Ms|Mrs|St|incl|approx|ca|bzw|z\.[Bb]|p\.ex|ex|No|Nr))[.!?](?=\s+["“(]?\p{Lu})/gu

/** More than one sentence, a question, a lead-in ending in ":" or simply long: reads as prose, not as one requirement. */
export function isProse(text: string): boolean {
  const trimmed = text.trim()
  if (/[?:!]$/.test(trimmed) || trimmed.length > 350) return true
  const sentenceBreaks = trimmed.match(sentenceBreak)?.length ?? 0
  return sentenceBreaks >= 1
}
