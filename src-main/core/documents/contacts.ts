import type { ContactFields } from '@contract/documents-extract'
import { findPhones, type PhoneRegion, systemRegion } from '../phones/phone-numbers'
import { normalizeChars } from './normalize-text'

function unique<T>(values: Iterable<T>, key: (value: T) => string = String): T[] {
  const seen = new Set<string>()
  const out: T[] = []
  for (const value of values) {
    const k = key(value)
    if (seen.has(k)) continue
    seen.add(k)
    out.push(value)
  }
  return out
}

/** NFKC folds full-width "＠", "１２３" and ligatures into what the patterns below expect. */
function foldForPatterns(text: string): string {
  return normalizeChars(text).normalize('NFKC')
}

/**
 * Runs of single characters separated by single spaces ("j o h n @ x . c o m"), as PDFs produce from
 * letter-spaced text; words inside such a run are separated by two or more spaces.
 */
const LETTER_SPACED = /(?<!\S)(?:\S {1,2}){3,80}\S(?!\S)/gu

export function collapseLetterSpacing(run: string): string {
  return run
    .split(/ {2,}/)
    .map((word) => word.replace(/ /g, ''))
    .join(' ')
}

function isLetterSpaced(run: string): boolean {
  return run.split(/ {2,}/).every((word) => /^(?:\S )+\S$|^\S$/u.test(word))
}

// ---------------------------------------------------------------- e-mail

const FILE_EXTENSION_TLDS = new Set([
  'png',
  'jpg',
  'jpeg',
  'gif',
  'svg',
  'webp',
  'bmp',
  'pdf',
  'doc',
  'docx',
  'js',
  'ts',
  'css',
  'html',
  'htm',
  'php',
  'txt',
])
const EMAIL =
  /(?<![\w.%+-])[a-z0-9](?:[a-z0-9._%+-]*[a-z0-9_%+-])?@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,24}(?![a-z0-9-])/gi

function deobfuscateEmails(text: string): string {
  return (
    text
      // "name [at] domain [dot] com", "name (at) domain (dot) com", "name{at}domain"
      .replace(/[ \t]{0,3}[[({<][ \t]{0,3}(?:at|@)[ \t]{0,3}[\])}>][ \t]{0,3}/gi, '@')
      .replace(/[ \t]{0,3}[[({<][ \t]{0,3}(?:dot|\.)[ \t]{0,3}[\])}>][ \t]{0,3}/gi, '.')
      // "name at domain dot com": only with both words, and ending in a TLD-shaped label.
      .replace(
        /(?<![a-z0-9._%+-])([a-z0-9._%+-]+)[ \t]+at[ \t]+((?:[a-z0-9-]+[ \t]+dot[ \t]+){1,4}[a-z]{2,6})\b/gi,
        (_m, user: string, domain: string) => `${user}@${domain.replace(/\s+dot\s+/gi, '.')}`,
      )
      // "name @ domain.com", "name@ domain.com"
      .replace(/([a-z0-9._%+-])[ \t]{0,3}@[ \t]{0,3}(?=[a-z0-9])/gi, '$1@')
      // "jane@example. org": a space a PDF put next to a dot of the domain (lowercase TLD, not a new sentence).
      .replace(/(@[a-z0-9-]+(?:\.[a-z0-9-]+){0,4})(?: \. ?|\. )(?=[a-z][a-z0-9-]{1,62}\b)/g, '$1.')
      // An address wrapped at the line end, before or after the "@".
      .replace(/([a-z0-9._%+-]@)\n(?=[a-z0-9-]+\.[a-z])/gi, '$1')
      .replace(/([a-z0-9._%+-])\n(?=@[a-z0-9-]+\.[a-z])/gi, '$1')
  )
}

function despaceEmails(text: string): string {
  return text.replace(LETTER_SPACED, (run) =>
    run.includes('@') && isLetterSpaced(run) ? collapseLetterSpacing(run) : run,
  )
}

function cleanEmail(raw: string): string | null {
  let email = raw
  // "john@mail.comPhone": a capital right after the TLD starts the next word.
  const glued = /^(.*\.[a-z]{2,})([A-Z][a-zA-Z]*)$/.exec(email)
  if (glued?.[1]) email = glued[1]
  // "614-555-5555john@x.com": a phone number glued to the address.
  email = email.replace(/^[\d().+-]{7,}(?=[a-z])/i, '')
  email = email.toLowerCase()
  const [local = '', domain = ''] = email.split('@')
  if (!local || !domain || local.includes('..') || domain.includes('..')) return null
  const tld = domain.slice(domain.lastIndexOf('.') + 1)
  if (FILE_EXTENSION_TLDS.has(tld)) return null
  return email
}

export function extractEmails(text: string): string[] {
  const prepared = deobfuscateEmails(despaceEmails(foldForPatterns(text)))
  const found: string[] = []
  for (const match of prepared.matchAll(EMAIL)) {
    const email = cleanEmail(match[0])
    if (email) found.push(email)
  }
  return unique(found)
}

// ---------------------------------------------------------------- phones

const PHONE_LABEL =
  /(?<!\p{L})(?:phone|tel(?:ephone)?|mobile|mob|cell(?:ular)?|ph|whats ?app|contact|call|fax|t[ée]l[ée]phone|t[ée]l|telefon[eo]?|tel[ée]fono|m[óo]vil|portable|handy|手机|电话|тел(?:ефон)?)\.?\s*(?:no\.?|number|#)?\s*[:：.\-–]?\s*$/iu
const ID_LABEL =
  /(?:(?<!\p{L})(?:isbn|issn|doi|id|no\.?|number|ssn|licen[cs]e|passport|account|acct|iban|zip|postal|code|navigator|registration|reg\.?|order|invoice|ref\.?)|#)\s*[:#.]?\s*$/iu
const CURRENCY_BEFORE = /[$€£¥₹]\s*$/
const UNIT_AFTER =
  /^\s*(?:[€$£¥₹%]|k\b|m\b|eur\b|usd\b|gbp\b|inr\b|rs\b|euros?\b|dollars?\b|km\b|kg\b|users\b|people\b|employees\b)/i
/** "(+91) 80879 96634": a bracketed country code, which the phone library reads as no country code at all. */
const BRACKETED_COUNTRY_CODE = /\(\+(\d{1,3})\)/g
/** "0044 20 …": the international prefix most countries dial; the library only knows the region's own. */
const INTERNATIONAL_ZEROS = /(?<![\p{N}][ .-]?)00(?=[1-9])/gu

/** Years a résumé may mention, historical figures included. */
function isYear(group: string): boolean {
  return /^(?:1[5-9]|20)\d\d$/.test(group)
}

function isDateLike(groups: readonly string[]): boolean {
  if (groups.length > 6 || !groups.some(isYear)) return false
  return groups.every((g) => isYear(g) || (g.length <= 2 && Number(g) <= 31))
}

/** What the library finds that a résumé means otherwise: dates, IP addresses, bare runs of digits. */
function looksLikeOtherNumber(raw: string, labelled: boolean): boolean {
  const groups = raw.split(/\D+/).filter(Boolean)
  if (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(raw) || isDateLike(groups)) return true
  if (/^(\d)\1*$/.test(groups.join(''))) return true
  const international = /^(?:\+|00[1-9])/.test(raw)
  // An unformatted run of digits is an ID, an amount or a reference more often than a phone.
  if (!labelled && !international && groups.length === 1) return true
  return !international && groups.length === 2 && isYear(groups[0] ?? '')
}

/**
 * Runs of the characters a phone number is written with. Only runs short enough to be phone numbers go to the
 * library, whose matcher is slow on long runs of digits (a hostile file, a table of figures).
 */
const PHONE_RUN = /\+?\d[\d ()./\-–]*/g
/** Separators that never occur inside one phone number but often between numbers or in ranges. */
const PHONE_BREAK = /( {2,}| [-–—/] )/
const MAX_RUN = 40

function phoneRuns(text: string): { start: number; run: string }[] {
  const runs: { start: number; run: string }[] = []
  for (const match of text.matchAll(PHONE_RUN)) {
    let start = match.index
    // The capturing group keeps the separators in the split, so offsets stay exact.
    for (const piece of match[0].split(PHONE_BREAK)) {
      if (piece.length <= MAX_RUN && /\d/.test(piece)) runs.push({ start, run: piece })
      start += piece.length
    }
  }
  return runs
}

function phonesInLine(line: string, region: PhoneRegion): string[] {
  const found: string[] = []
  const text = line.replace(BRACKETED_COUNTRY_CODE, '+$1').replace(INTERNATIONAL_ZEROS, '+')
  for (const { start: runStart, run } of phoneRuns(text)) {
    for (const match of findPhones(run, region)) {
      const start = runStart + match.start
      const end = runStart + match.end
      const raw = text.slice(start, end)
      const before = text.slice(Math.max(0, start - 24), start)
      const after = text.slice(end, end + 12)
      if (CURRENCY_BEFORE.test(before) || UNIT_AFTER.test(after) || /^[\p{L}\p{N}@/]/u.test(after)) continue
      if (/[\p{L}\p{N}@#_/.=&?-]$/u.test(before)) continue
      const labelled = PHONE_LABEL.test(before)
      if (!labelled && ID_LABEL.test(before)) continue
      if (looksLikeOtherNumber(raw, labelled)) continue
      found.push(match.e164)
    }
  }
  return found
}

/** Phone numbers in E.164; those written without a country code are read as numbers of `region`. */
export function extractPhones(text: string, region: PhoneRegion = systemRegion()): string[] {
  const prepared = foldForPatterns(text)
  return unique(prepared.split('\n').flatMap((line) => phonesInLine(line, region)))
}

// ---------------------------------------------------------------- links

const PROFILE_HOSTS = [
  'linkedin.com',
  'github.com',
  'gitlab.com',
  'bitbucket.org',
  'stackoverflow.com',
  'behance.net',
  'dribbble.com',
  'medium.com',
  'twitter.com',
  'x.com',
  'kaggle.com',
  'leetcode.com',
  'codepen.io',
  'dev.to',
  'huggingface.co',
  'scholar.google.com',
  'orcid.org',
  'researchgate.net',
  'about.me',
  'wellfound.com',
  'angel.co',
  'xing.com',
  'instagram.com',
  'facebook.com',
  'youtube.com',
  'vimeo.com',
  'npmjs.com',
  'pypi.org',
  'hh.ru',
  'habr.com',
  't.me',
]
const URL_CHARS = '[^\\s<>"\'`{}|\\\\^\\[\\]]'
const EXPLICIT_URL = new RegExp(`\\b(?:https?://|www\\.)${URL_CHARS}+`, 'gi')
const BARE_PROFILE = new RegExp(
  `(?<![\\w.@/-])(?:[a-z0-9-]+\\.)?(?:${PROFILE_HOSTS.map((h) => h.replace(/\./g, '\\.')).join('|')})/${URL_CHARS}+|(?<![\\w.@/-])[a-z0-9-]+\\.github\\.io\\b(?:/${URL_CHARS}*)?`,
  'gi',
)

function trimUrl(raw: string): string {
  let url = raw
  for (;;) {
    const last = url.at(-1) ?? ''
    if ('.,;:!?\'"»*_>…'.includes(last) && last) url = url.slice(0, -1)
    else if (last === ')' && (url.match(/\(/g)?.length ?? 0) < (url.match(/\)/g)?.length ?? 0)) url = url.slice(0, -1)
    else break
  }
  return url
}

/** Lowercase scheme and host, https:// for bare addresses, no lone trailing slash. */
export function normalizeUrl(raw: string): string | null {
  const trimmed = trimUrl(raw.trim())
  const withScheme = /^https?:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`
  let url: URL
  try {
    url = new URL(withScheme)
  } catch {
    return null
  }
  if (!/^https?:$/.test(url.protocol) || !url.hostname.includes('.') || url.username || url.password) return null
  const path = url.pathname === '/' ? '' : url.pathname.replace(/\/$/, '')
  return `${url.protocol}//${url.host}${path}${url.search}${url.hash}`
}

export function linkKey(url: string): string {
  return url
    .toLowerCase()
    .replace(/^https?:\/\/(?:www\.)?/, '')
    .replace(/\/$/, '')
}

export function extractLinks(text: string): string[] {
  const prepared = foldForPatterns(text)
  const found: string[] = []
  const spans: [number, number][] = []
  for (const match of prepared.matchAll(EXPLICIT_URL)) {
    spans.push([match.index, match.index + match[0].length])
    const url = normalizeUrl(match[0])
    if (url) found.push(url)
  }
  for (const match of prepared.matchAll(BARE_PROFILE)) {
    if (spans.some(([a, b]) => match.index >= a && match.index < b)) continue
    const url = normalizeUrl(match[0])
    if (url) found.push(url)
  }
  return unique(found, linkKey)
}

// ---------------------------------------------------------------- name

/** Section headings: the name comes before them. */
const SECTION_HEADING =
  /^(?:(?:professional |career |executive |personal )?(?:summary|profile|objective|overview|statement)|(?:work |professional |relevant )?experience|employment(?: history)?|education(?: details)?|(?:technical |key |core |it |i\.t\. )?(?:skills|competencies|qualifications)(?: details)?|highlights|about(?: me)?|projects|certifications?|languages|references|achievements|accomplishments|interests|hobbies|expériences?(?: professionnelles?)?|formation|compétences|profil|berufserfahrung|ausbildung|kenntnisse|опыт(?: работы)?|образование|навыки|профессиональный опыт|简介|教育(?:背景|经历)?|工作经历|技能|个人信息)$/iu
/** Headings above the name. */
const PREAMBLE =
  /^(?:r[ée]sum[ée]|curriculum vitae|curriculum|cv|c\.v\.|lebenslauf|резюме|简历|个人简历|candidate|applicant|name|contact(?: info(?:rmation)?| details)?|personal (?:details|information|data))$/iu
const NON_NAME_WORDS = new Set(
  (
    'engineer engineering developer development manager management designer design scientist science analyst consultant director accountant accounting cook nurse assistant coordinator intern internship specialist officer architect administrator teacher lead senior junior head principal staff software data full stack frontend backend front back end product project marketing sales programmer representative executive associate technician advisor president founder ceo cto cfo coo student graduate professor researcher writer editor physicist mathematician devops sre qa tester support service services customer operations operator clerk receptionist secretary driver sénior ingénieur développeur chef entwickler ingenieur разработчик инженер менеджер ' +
    'summary experience education skills profile objective contact resume résumé curriculum vitae references details information highlights qualifications ' +
    'inc llc ltd gmbh corp corporation company university college school institute academy technologies technology solutions group bank hospital clinic street road avenue ave city state county ' +
    'tech mba bsc msc phd diploma bachelor bachelors master masters degree arts commerce ' +
    'january february march july september october november december present current ' +
    'microsoft windows office excel word google python java javascript linux ' +
    'the and of for with in at to on by from our your my we you us what who how why do does ' +
    'about team role job description responsibilities requirements duties position opening vacancy hiring apply benefits offer ' +
    'international systems system global consulting services partners work history career personal statement portfolio cover letter dear sincerely page ' +
    'programador desarrollador ingeniero analista gerente responsable chargé développeuse ingénieure stagiaire praktikant werkstudent aufgaben deine ihre'
  ).split(' '),
)
const PARTICLES = new Set([
  'van',
  'von',
  'der',
  'den',
  'de',
  'del',
  'della',
  'di',
  'da',
  'dos',
  'das',
  'du',
  'la',
  'le',
  'bin',
  'binti',
  'al',
  'el',
  'ter',
  'ten',
  'y',
  'e',
  'zu',
  'st.',
])
const POSTNOMINALS =
  /(?:,?\s+(?:MBA|Ph\.?\s?D\.?|CPA|PMP|M\.?D\.?|RN|BSN|MSc|BSc|M\.?S\.?|B\.?S\.?|CFA|P\.?E\.?|Esq\.?|CISSP|SHRM-(?:CP|SCP)|SPHR|PHR|LPN|CNA))+$/
const HONORIFIC = /^(?:dr|mr|mrs|ms|mx|prof|sir)\.?\s+/i
const CJK_NAME = /^[\p{Script=Han}\p{Script=Hangul}]{2,4}$|^[\p{Script=Han}]{1,2} [\p{Script=Han}]{1,3}$/u
const NAME_WORD = /^(?:\p{Lu}[\p{L}\p{M}'’-]*\.?|\p{Lu}\.)$/u

function stripMarkup(line: string): string {
  return line
    .replace(/<[^<>]+>/g, ' ')
    .replace(/!?\[([^[\]]*)\]\([^()]*\)/g, '$1')
    .replace(/^\s*(?:#{1,6}\s+|>\s*|[-*+•●▪■◦‣]\s+)+/, '')
    .replace(/[*_`]{1,3}/g, '')
    .replace(/\{#[^}]*\}\s*$/, '')
    .trim()
}

function titleCase(word: string): string {
  return word.toLowerCase().replace(/(^|[-'’])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase())
}

function isContactCell(cell: string): boolean {
  return /@|https?:|www\.|\.(com|org|net|io|in|edu)\b|\d{3}/i.test(cell)
}

/** A cell that looks like a person's name, in display case; null otherwise. */
function asName(cell: string): string | null {
  let s = cell.trim()
  if (s.length > 120) return null
  if (LETTER_SPACED_NAME.test(s)) s = collapseLetterSpacing(s)
  s = s
    .replace(/\([^()]*\)/g, ' ')
    .replace(HONORIFIC, '')
    .replace(/\s+/g, ' ')
    .trim()
  s = s.replace(/[.,;:]$/, '').replace(POSTNOMINALS, '')
  if (!s || s.length > 50) return null
  if (CJK_NAME.test(s)) return s
  if (/[\d@/\\:;|+=&#$%]/.test(s)) return null
  const words = s.split(' ')
  if (words.length < 2 || words.length > 5) return null
  const firstWord = words[0] ?? ''
  const lastWord = words[words.length - 1] ?? ''
  if (!NAME_WORD.test(firstWord) || !NAME_WORD.test(lastWord)) return null
  for (const word of words) {
    const lower = word.toLowerCase()
    if (PARTICLES.has(lower) && word === lower) continue
    if (!NAME_WORD.test(word)) return null
    if (NON_NAME_WORDS.has(lower.replace(/[.'’]/g, ''))) return null
  }
  if (words.every((w) => w.length <= 2)) return null
  const isUpper = (w: string): boolean => w === w.toUpperCase() && w !== w.toLowerCase()
  const allCaps = words.every(isUpper)
  // ALL CAPS names, and surnames in capitals ("Marie DUPONT"), in display case; initials stay as they are.
  return words
    .map((w) => {
      if (allCaps && PARTICLES.has(w.toLowerCase())) return w.toLowerCase()
      const letters = w.replace(/[^\p{L}]/gu, '').length
      return isUpper(w) && letters > (allCaps ? 1 : 2) ? titleCase(w) : w
    })
    .join(' ')
}

/** "J O H N  S M I T H": one letter at a time, words apart by two or more spaces. */
const LETTER_SPACED_NAME = /^(?:\p{L} ){2,}\p{L}(?: {2,}(?:\p{L} )+\p{L})*$/u

const CELL_SPLIT = /\t| {4,}| [|•·–—-] |[|•·]|, /
const RESUME_OF = /^(?:r[ée]sum[ée]|cv|curriculum vitae)\s+(?:of|de|du|von)\s+/i
const MAX_NAME_LINES = 4

function headingText(cell: string): string {
  return cell.replace(/[:：]\s*$/, '').trim()
}

function skipFrontMatter(lines: string[]): string[] {
  if (lines[0]?.trim() !== '---' && lines[0]?.trim() !== '+++') return lines
  const fence = lines[0].trim()
  const end = lines.indexOf(fence, 1)
  return end > 0 ? lines.slice(end + 1) : lines
}

interface NameLine {
  cells: string[]
  /** A section heading was on this line: nothing after it is looked at. */
  endsSearch: boolean
}

/** Only the start of a line can hold a name; long lines (whole résumés on one line) are cut for speed. */
const NAME_LINE_CHARS = 1000

function nameLine(rawLine: string): NameLine | null {
  const line = stripMarkup(rawLine.slice(0, NAME_LINE_CHARS))
  if (!line || /^[-=_*~]{3,}$/.test(line)) return null
  const cells = line
    .split(CELL_SPLIT)
    .map((c) => c.trim())
    .filter((c) => c && !/^[-–—•·|]+$/.test(c))
  // A heading ends the search; cells before it on the same line still count ("NAME    Summary    …").
  const headingAt = cells.findIndex(
    (c) => SECTION_HEADING.test(headingText(c)) || SECTION_HEADING.test(headingText(c.split(/ {2,}|[:：] /)[0] ?? '')),
  )
  if (headingAt >= 0) cells.length = headingAt
  return { cells, endsSearch: headingAt >= 0 }
}

function isProse(cells: readonly string[]): boolean {
  let words = 0
  let lowercase = 0
  let longest = 0
  for (const cell of cells) {
    if (isContactCell(cell)) continue
    const cellWords = cell.split(/\s+/)
    words += cellWords.length
    longest = Math.max(longest, cellWords.length)
    lowercase += cellWords.filter((w) => /^\p{Ll}/u.test(w)).length
  }
  return longest > 10 || (words >= 8 && lowercase >= 0.5 * words)
}

function splitByEmail(word: string, emailParts: readonly string[][]): string | null {
  const lower = word.toLowerCase()
  for (const parts of emailParts) {
    const letters = parts.filter((p) => /^\p{L}{2,}$/u.test(p))
    if (letters.length >= 2 && letters.length <= 4 && letters.join('') === lower)
      return asName(letters.map(titleCase).join(' '))
  }
  return null
}

export function extractName(text: string): string | null {
  const lines = skipFrontMatter(normalizeChars(text).split('\n'))
  // An explicit "Name: …" wins wherever it is near the top.
  for (const line of lines.slice(0, 40)) {
    const labelled = /^\s*(?:full\s+|candidate\s+)?name\s*[:：]\s*(.+)$/i.exec(stripMarkup(line))
    const name = labelled?.[1] ? asName(labelled[1].split(CELL_SPLIT)[0] ?? '') : null
    if (name) return name
  }
  let parts: string[][] | undefined
  const emailParts = (): string[][] =>
    (parts ??= extractEmails(text).map((e) => (e.split('@')[0] ?? '').split(/[._-]+/)))
  let considered = 0
  for (let n = 0; n < lines.length && considered < MAX_NAME_LINES; n++) {
    const parsed = nameLine(lines[n] ?? '')
    if (!parsed) continue
    const { cells, endsSearch } = parsed
    if (!cells.length) break
    if (cells.every(isContactCell)) continue
    considered++
    // Prose (a wrapped sentence) is not a name line, however its first words look.
    if (isProse(cells)) continue
    // The name opens its line; only headings like "Candidate —" or "Resume:" may come before it.
    let i = 0
    while (i < cells.length - 1 && PREAMBLE.test(headingText(cells[i] ?? ''))) i++
    const cell = (cells[i] ?? '').replace(RESUME_OF, '')
    if (PREAMBLE.test(headingText(cell))) {
      considered--
      continue
    }
    const next = cells[i + 1] ?? ''
    // "New York, NY": a place followed by its state code.
    const name = /^[A-Z]{2}(?: \d{5})?$/.test(next) ? null : asName(cell)
    if (name) return name
    // "JOHNSMITH" (letter-spaced type that lost its word gap) split the way the e-mail address splits it.
    const split = /^\p{L}{5,}$/u.test(cell) ? splitByEmail(cell, emailParts()) : null
    if (split) return split
    // First and last name on lines of their own, as large-type headers often set them.
    if (!endsSearch && cells.length === 1 && /^\p{Lu}[\p{L}'’-]+$/u.test(cell)) {
      const following = lines
        .slice(n + 1, n + 3)
        .map(nameLine)
        .find((l) => l !== null)
      const second = following?.cells.length === 1 ? (following.cells[0] ?? '') : ''
      const joined = /^\p{Lu}[\p{L}'’-]+$/u.test(second) ? asName(`${cell} ${second}`) : null
      if (joined) return joined
    }
    if (endsSearch) break
  }
  return null
}

// ---------------------------------------------------------------- all together

export function extractContacts(text: string, region: PhoneRegion = systemRegion()): ContactFields {
  return {
    name: extractName(text),
    emails: extractEmails(text),
    phones: extractPhones(text, region),
    links: extractLinks(text),
  }
}
