/** Month names and abbreviations in en, fr, de, es, pt and nl, folded (no accents, lower case). */
// prettier-ignore
const monthNames: Readonly<Record<string, number>> = {
  january: 1, jan: 1, janvier: 1, janv: 1, januar: 1, janner: 1, enero: 1, ene: 1, janeiro: 1, januari: 1,
  february: 2, feb: 2, fevrier: 2, fevr: 2, fev: 2, februar: 2, febrero: 2, fevereiro: 2, februari: 2,
  march: 3, mar: 3, mars: 3, marz: 3, maerz: 3, mrz: 3, marzo: 3, marco: 3, maart: 3, mrt: 3,
  april: 4, apr: 4, avril: 4, avr: 4, abril: 4, abr: 4,
  may: 5, mai: 5, mayo: 5, maio: 5, mei: 5,
  june: 6, jun: 6, juin: 6, juni: 6, junio: 6, junho: 6,
  july: 7, jul: 7, juillet: 7, juil: 7, juli: 7, julio: 7, julho: 7,
  august: 8, aug: 8, aout: 8, agosto: 8, ago: 8, augustus: 8,
  september: 9, sep: 9, sept: 9, septembre: 9, septiembre: 9, setiembre: 9, setembro: 9, set: 9,
  october: 10, oct: 10, octobre: 10, oktober: 10, okt: 10, octubre: 10, outubro: 10, out: 10,
  november: 11, nov: 11, novembre: 11, noviembre: 11, novembro: 11,
  december: 12, dec: 12, decembre: 12, dezember: 12, dez: 12, diciembre: 12, dic: 12, dezembro: 12,
}

/** Words for "until now", folded. */
// prettier-ignore
const presentWords = [
  'present', 'current', 'currently', 'now', 'today', 'ongoing', 'date', "aujourd'hui", 'aujourd hui', 'ce jour',
  'maintenant', 'actuel', 'actuellement', 'en cours', 'heute', 'jetzt', 'dato', 'aktuell', 'laufend', 'gegenwart',
  'actualidad', 'presente', 'hoy', 'actual', 'actualmente', 'la fecha', 'atualmente', 'atual', 'hoje', 'o momento',
  'heden', 'nu', 'huidig',
]
/** Words that open a range running until now: "since 2020", "depuis mars 2021". */
const sinceWords = ['since', 'depuis', 'seit', 'desde', 'sinds']

const escape = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const alternation = (values: readonly string[]) =>
  [...values]
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join('|')

const YEAR = '(?:19[5-9]\\d|20\\d\\d)'
const MONTH = `(?:${alternation(Object.keys(monthNames))})`
// A full ISO date "2001-09-30" (JSON Resume), a day "30.09.2001" or "30/09/2001", a month name, "03/2017",
// "03.2017", "2017-03", or a year alone. Full dates come first so their month is not read as a day.
const DATE = `(?:${YEAR}-\\d{2}-\\d{2}(?!\\d)|\\d{1,2}[/.]\\d{1,2}[/.]${YEAR}|${MONTH}\\.?,?\\s{0,2}(?:de\\s|of\\s)?${YEAR}|\\d{1,2}[/.-]${YEAR}|${YEAR}[/.-]\\d{1,2}(?!\\d)|${YEAR})`
const PRESENT = `(?:(?:la|el|o|the)\\s)?(?:${alternation(presentWords)})`
const SEPARATOR = "(?:-{1,2}|–|—|‒|−|→|>|to|till|until|a|au|jusqu'a|jusqu'au|jusqu'en|bis|hasta|ate|tot)"
const boundaryBefore = '(?<![\\p{L}\\p{N}])'
const boundaryAfter = '(?![\\p{L}\\p{N}])'

const rangePattern = new RegExp(
  `${boundaryBefore}(${DATE})\\s*${SEPARATOR}\\s*(?:(${DATE})|(${PRESENT}))${boundaryAfter}`,
  'gu',
)
const sincePattern = new RegExp(`${boundaryBefore}(?:${alternation(sinceWords)})\\s+(${DATE})${boundaryAfter}`, 'gu')
const fullDatePattern = new RegExp(`^(?:(${YEAR})-(\\d{2})-\\d{2}|\\d{1,2}[/.](\\d{1,2})[/.](${YEAR}))$`, 'u')
const datePattern = new RegExp(
  `^(?:(${MONTH})\\.?,?\\s{0,2}(?:de\\s|of\\s)?(${YEAR})|(\\d{1,2})[/.-](${YEAR})|(${YEAR})[/.-](\\d{1,2})|(${YEAR}))$`,
  'u',
)

export interface MonthDate {
  year: number
  /** 1–12, or null when only the year is written. */
  month: number | null
}

function parseDate(text: string): MonthDate | null {
  const full = fullDatePattern.exec(text)
  if (full) {
    const [, isoYear, isoMonth, dayMonth, dayYear] = full
    const month = Number(isoMonth ?? dayMonth)
    return month >= 1 && month <= 12 ? { year: Number(isoYear ?? dayYear), month } : null
  }
  const match = datePattern.exec(text)
  if (!match) return null
  const [, monthName, yearOfName, monthNumber, yearOfNumber, isoYear, isoMonth, yearOnly] = match
  const year = Number(yearOfName ?? yearOfNumber ?? isoYear ?? yearOnly)
  const month = monthName
    ? (monthNames[monthName] ?? null)
    : monthNumber !== undefined || isoMonth !== undefined
      ? Number(monthNumber ?? isoMonth)
      : null
  if (month !== null && (month < 1 || month > 12)) return null
  return { year, month }
}

export interface DateRange {
  /** Where the range is written (folded and original text share offsets). */
  start: number
  end: number
  /** Months as year × 12 + (month − 1), both ends included. */
  from: number
  to: number
  /** The range runs until today. */
  open: boolean
}

export const monthIndex = (date: Date) => date.getUTCFullYear() * 12 + date.getUTCMonth()

const earliest = 1950 * 12

/**
 * Date ranges in folded text: "2019 – present", "Jan 2018 - Mar 2020", "03/2017–06/2019", "janv. 2019 – aujourd'hui",
 * "seit 03/2020". A year alone starts in January and ends in December (this year: now). An end later this year is
 * cut to today; ranges that end in a later year, end before they start, or start in the future are left out.
 */
export function findDateRanges(folded: string, today: Date): DateRange[] {
  const now = monthIndex(today)
  const ranges: DateRange[] = []
  const add = (start: number, end: number, fromDate: MonthDate, toDate: MonthDate | null) => {
    const from = fromDate.year * 12 + (fromDate.month ?? 1) - 1
    const to = toDate === null ? now : Math.min(now, toDate.year * 12 + (toDate.month ?? 12) - 1)
    // A range ending in a later year is a plan or not a date at all ("2000–2050 requests").
    if (toDate && toDate.year > today.getUTCFullYear()) return
    if (from < earliest || from > now || to < from) return
    ranges.push({ start, end, from, to, open: toDate === null })
  }
  for (const match of folded.matchAll(rangePattern)) {
    const [whole, fromText = '', toText, presentText] = match
    const fromDate = parseDate(fromText)
    const toDate = toText === undefined ? null : parseDate(toText)
    if (!fromDate || (toText !== undefined && !toDate) || (toText === undefined && presentText === undefined)) continue
    add(match.index, match.index + whole.length, fromDate, toDate)
  }
  for (const match of folded.matchAll(sincePattern)) {
    const [whole, dateText = ''] = match
    const start = match.index
    if (ranges.some((range) => start < range.end && range.start < start + whole.length)) continue
    const date = parseDate(dateText)
    if (date) add(start, start + whole.length, date, null)
  }
  return ranges.sort((a, b) => a.start - b.start)
}

/** Months covered by the ranges, each month counted once however many roles overlap it. */
export function coveredMonths(ranges: readonly { from: number; to: number }[]): number {
  const sorted = [...ranges].sort((a, b) => a.from - b.from)
  let total = 0
  let current: { from: number; to: number } | null = null
  for (const range of sorted) {
    if (current && range.from <= current.to + 1) {
      current.to = Math.max(current.to, range.to)
    } else {
      if (current) total += current.to - current.from + 1
      current = { from: range.from, to: range.to }
    }
  }
  if (current) total += current.to - current.from + 1
  return total
}
