import { compilePhrase, findPhrase, foldText, foldWords, hasAnyPhrase, type Phrase } from './text'

/** Explicit knock-out wording, in en, fr, de, es, pt and nl. */
// prettier-ignore
const mustPhrases = [
  'must', 'required', 'require', 'requires', 'mandatory', 'essential', 'need to', 'needs to', 'have to', 'has to',
  'a must', 'non negotiable', 'compulsory', 'necessary', 'prerequisite', 'crucial', 'obligatoire', 'obligatoires',
  'indispensable', 'indispensables', 'imperatif', 'imperative', 'exige', 'exigee', 'exiges', 'requis', 'requise',
  'requises', 'doit', 'devez', 'devrez', 'necessaire', 'necessaires', 'zwingend', 'erforderlich', 'voraussetzung',
  'muss', 'musst', 'mussen', 'unbedingt', 'notwendig', 'setzen wir voraus', 'unabdingbar', 'pflicht', 'imprescindible',
  'imprescindibles', 'obligatorio', 'obligatoria', 'requerido', 'requerida', 'requeridos', 'excluyente', 'debe',
  'debes', 'necesario', 'necesaria', 'obrigatorio', 'obrigatoria', 'imprescindivel', 'indispensavel', 'necessario',
  'necessaria', 'deve', 'essencial', 'vereist', 'verplicht', 'noodzakelijk', 'moet', 'moeten', 'een must',
].map(compilePhrase)

/** Wording that looks like a requirement cue but is not one: dropped before the must check. */
// prettier-ignore
const neutralPhrases = [
  'as required', 'when required', 'if required', 'where required', 'as needed', 'when needed', 'if needed',
  'selon les besoins', 'bei bedarf', 'si es necesario', 'quando necessario', 'indien nodig', 'waar nodig',
].map(compilePhrase)

/** Negated requirement wording: says the item is optional. */
// prettier-ignore
const negatedMustPhrases = [
  'not required', 'not essential', 'not mandatory', 'not a must', 'not necessary', 'not necessarily', 'no requirement',
  'non requis', 'pas obligatoire', 'pas indispensable', 'pas necessaire', 'nicht zwingend', 'nicht erforderlich',
  'kein muss', 'keine voraussetzung', 'keine pflicht', 'no es imprescindible', 'no excluyente', 'no obligatorio',
  'no es obligatorio', 'nao obrigatorio', 'nao e obrigatorio', 'nao e necessario', 'niet verplicht', 'geen vereiste',
  'geen must', 'niet noodzakelijk',
].map(compilePhrase)

// prettier-ignore
const preferredPhrases = [
  'preferred', 'preferably', 'preferable', 'nice to have', 'good to have', 'a plus', 'big plus', 'huge plus',
  'added plus', 'plus point', 'bonus', 'ideally', 'desirable', 'desired', 'highly valued', 'is valued', 'are valued',
  'much valued', 'an asset', 'asset', 'advantage', 'advantageous', 'beneficial', 'would be great', 'would be nice',
  'optional', 'appreciated', 'helpful', 'is welcome', 'are welcome', 'even better', 'pluses', 'un plus', 'atout',
  'un atout', 'apprecie', 'appreciee', 'apprecies', 'appreciees', 'souhaite', 'souhaitee', 'souhaites', 'souhaitees',
  'souhaitable', 'idealement', 'bienvenu', 'bienvenue', 'de preference', 'valorise', 'valorisee', 'wunschenswert',
  'von vorteil', 'idealerweise', 'vorzugsweise', 'ein plus', 'pluspunkt', 'gerne gesehen', 'vorteilhaft', 'deseable',
  'deseables', 'valorable', 'se valorara', 'valoraremos', 'idealmente', 'preferentemente', 'preferiblemente',
  'deseado', 'deseada', 'valorado', 'valorada', 'se valora', 'sera un plus', 'es un plus', 'desejavel', 'desejaveis',
  'diferencial', 'um plus', 'preferencialmente', 'um diferencial', 'een pre', 'is een pre', 'pluspunt', 'wenselijk',
  'gewenst', 'bij voorkeur', 'idealiter', 'een plus', 'strekt tot aanbeveling', 'mooi meegenomen',
].map(compilePhrase)

function removePhrases(words: readonly string[], phrases: readonly Phrase[]): { words: string[]; found: boolean } {
  let result = [...words]
  let found = false
  for (const phrase of phrases) {
    for (let i = 0; i + phrase.length <= result.length; i++) {
      if (phrase.every((word, j) => result[i + j] === word)) {
        result = [...result.slice(0, i), ...result.slice(i + phrase.length)]
        found = true
        i--
      }
    }
  }
  return { words: result, found }
}

// prettier-ignore
const predicateFillers = new Set([
  'is', 'are', 'a', 'an', 'very', 'highly', 'strongly', 'would', 'be', 'will', 'est', 'ist', 'es', 'e', 'een',
])
const parenthetical = /\([^()]*\)/g
const trailingParenthetical = /\(([^()]{1,40})\)\s*[.;,!]?\s*$/
/** First clause: up to a semicolon, a sentence end, or a trailing ", ideally …"-style qualifier. */
const clauseBreak =
  /;|[.!?](?=\s+\p{Lu})|,\s*(?=(?:ideally|preferably|preferred|especially|ideal|idealement|de préférence|idealerweise|vorzugsweise|idealmente|preferentemente|preferencialmente|bij voorkeur|idealiter)\b)/u

export interface ItemCues {
  must: boolean
  preferred: boolean
}

/**
 * Item-level cues. A requirement cue anywhere counts ("Degree required (Master's preferred)" is a must).
 * A preference counts only when it qualifies the whole item: in its first clause, outside parentheses, or as the
 * item's only trailing parenthesis ("Kafka (nice to have)"). "Rails (preferred) or comparable frameworks" and
 * "3+ years; SaaS experience preferred" name a preference inside a requirement, so the item stays a requirement.
 */
export function detectCues(text: string): ItemCues {
  const { words: withoutNeutral } = removePhrases(foldWords(text), neutralPhrases)
  const negated = removePhrases(withoutNeutral, negatedMustPhrases)
  const must = hasAnyPhrase(negated.words, mustPhrases)

  const trailing = trailingParenthetical.exec(text)?.[1]
  const trailingWords = trailing === undefined ? [] : foldWords(trailing).filter((word) => !predicateFillers.has(word))
  // "(nice to have)" qualifies the item; "(Sketch is a plus)" only qualifies Sketch.
  const trailingIsCue =
    trailingWords.length > 0 &&
    preferredPhrases.some((phrase) => phrase.length === trailingWords.length && findPhrase(trailingWords, phrase) === 0)
  const outside = text.replace(parenthetical, ' ')
  const firstClause = outside.split(clauseBreak, 1)[0] ?? outside
  const preferred = negated.found || trailingIsCue || hasAnyPhrase(foldWords(firstClause), preferredPhrases)
  return { must, preferred }
}

const numberWords: Readonly<Record<string, number>> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  un: 1,
  une: 1,
  deux: 2,
  trois: 3,
  quatre: 4,
  cinq: 5,
  sept: 7,
  huit: 8,
  neuf: 9,
  dix: 10,
  quinze: 15,
  vingt: 20,
  ein: 1,
  eine: 1,
  einem: 1,
  einen: 1,
  einer: 1,
  zwei: 2,
  drei: 3,
  vier: 4,
  funf: 5,
  sechs: 6,
  sieben: 7,
  acht: 8,
  neun: 9,
  zehn: 10,
  uno: 1,
  una: 1,
  dos: 2,
  tres: 3,
  cuatro: 4,
  cinco: 5,
  seis: 6,
  siete: 7,
  ocho: 8,
  nueve: 9,
  diez: 10,
  um: 1,
  uma: 1,
  dois: 2,
  duas: 2,
  quatro: 4,
  sete: 7,
  oito: 8,
  nove: 9,
  dez: 10,
  een: 1,
  twee: 2,
  drie: 3,
  vijf: 5,
  zes: 6,
  zeven: 7,
  negen: 9,
  tien: 10,
}
// prettier-ignore
const yearUnits = new Set([
  'year', 'years', 'yr', 'yrs', 'an', 'ans', 'annee', 'annees', 'jahr', 'jahre', 'jahren', 'jahrige', 'jahriger',
  'jahrigen', 'ano', 'anos', 'jaar', 'jaren', 'jarige',
])
const rangeWords = new Set(['-', '–', '—', 'to', 'a', 'bis', 'tot', 'or', 'ou', 'oder', 'o', 'of', 'til'])
const betweenWords = new Set(['between', 'entre', 'zwischen', 'tussen'])
const andWords = new Set(['and', 'et', 'und', 'y', 'e', 'en'])
// prettier-ignore
const fillers = new Set([
  '+', 'plus', 'full', 'solid', 'de', 'of', 'more', 'or', 'mas', 'mais', 'meer', 'mehr', 'o', 'ou', 'oder',
])
/** Ages, spans in the past and company history are not experience. */
const excludedAfter = new Set(['old', 'ago', 'older', 'alt', 'oud', 'edad', 'idade', 'age', 'young'])
// prettier-ignore
const excludedBefore = new Set([
  'older', 'last', 'past', 'within', 'seit', 'since', 'every', 'ultimos', 'derniers', 'letzten', 'afgelopen',
])

function numberValue(token: string | undefined): number | null {
  if (token === undefined) return null
  if (/^\d{1,2}(?:[.,]\d+)?$/.test(token)) return Math.floor(Number(token.replace(',', '.')))
  return numberWords[token] ?? null
}

const yearTokens = /\d+(?:[.,]\d+)?|\p{L}+|[+\-–—]/gu

/** Minimum years of experience named by the item ("9+ years" → 9, "3-5 years" → 3, "mindestens drei Jahre" → 3). */
export function extractMinYears(text: string): number | null {
  const tokens = foldText(text).match(yearTokens) ?? []
  for (let u = 1; u < tokens.length; u++) {
    const unit = tokens[u]
    if (unit === undefined || !yearUnits.has(unit)) continue
    let j = u - 1
    while (j > 0 && fillers.has(tokens[j] ?? '')) j--
    // "5-year experience": the hyphen joins number and unit, it is not a range.
    if ((tokens[j] === '-' || tokens[j] === '–') && j === u - 1 && numberValue(tokens[j - 1]) !== null) j--
    const high = tokens[j] === 'a' && unit === 'year' ? 1 : numberValue(tokens[j])
    if (high === null) continue
    let value = high
    const connector = tokens[j - 1]
    const low = numberValue(tokens[j - 2])
    if (
      connector !== undefined &&
      low !== null &&
      (rangeWords.has(connector) || (andWords.has(connector) && betweenWords.has(tokens[j - 3] ?? '')))
    ) {
      value = low
    }
    const after = tokens[u + 1]
    if (after !== undefined && excludedAfter.has(after)) continue
    if (after === 'of' && tokens[u + 2] === 'age') continue
    if (tokens.slice(Math.max(0, j - 3), j).some((token) => excludedBefore.has(token))) continue
    if (value > 50) continue
    return value
  }
  return null
}
