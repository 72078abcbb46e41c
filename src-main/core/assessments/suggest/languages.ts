/** Spoken languages by ISO 639-1 code: their names in en, fr, de, es, pt and nl, and in the language itself (folded). */
// prettier-ignore
const languageNames: Readonly<Record<string, readonly string[]>> = {
  en: ['english', 'anglais', 'englisch', 'ingles', 'engels'],
  fr: ['french', 'francais', 'franzosisch', 'frances', 'frans'],
  de: ['german', 'allemand', 'deutsch', 'aleman', 'alemao', 'duits'],
  es: ['spanish', 'espagnol', 'spanisch', 'espanol', 'castellano', 'espanhol', 'spaans'],
  pt: ['portuguese', 'portugais', 'portugiesisch', 'portugues', 'portugees'],
  it: ['italian', 'italien', 'italienisch', 'italiano', 'italiaans'],
  nl: ['dutch', 'neerlandais', 'niederlandisch', 'neerlandes', 'holandes', 'nederlands', 'flemish', 'flamand'],
  pl: ['polish', 'polonais', 'polnisch', 'polaco', 'polones', 'pools', 'polski'],
  sv: ['swedish', 'suedois', 'schwedisch', 'sueco', 'zweeds', 'svenska'],
  da: ['danish', 'danois', 'danisch', 'danes', 'dinamarques', 'deens', 'dansk'],
  no: ['norwegian', 'norvegien', 'norwegisch', 'noruego', 'noruegues', 'noors', 'norsk'],
  ru: ['russian', 'russe', 'russisch', 'ruso', 'russo'],
  zh: ['chinese', 'mandarin', 'cantonese', 'chinois', 'chinesisch', 'chino', 'chines', 'chinees'],
  ja: ['japanese', 'japonais', 'japanisch', 'japones', 'japans'],
  ar: ['arabic', 'arabe', 'arabisch', 'arabisch'],
  tr: ['turkish', 'turc', 'turkisch', 'turco', 'turks'],
  hi: ['hindi'],
}

/**
 * Level words, folded, on a scale where 4 is B2 and 7 a native speaker. CEFR codes are read separately.
 * Longer phrases come first so "full professional proficiency" wins over "professional".
 */
// prettier-ignore
const levelWords: readonly [string, number][] = [
  ['native or bilingual', 7], ['native speaker', 7], ['mother tongue', 7], ['first language', 7], ['native', 7],
  ['langue maternelle', 7], ['maternelle', 7], ['muttersprache', 7], ['muttersprachlich', 7],
  ['lengua materna', 7], ['nativo', 7], ['nativa', 7], ['lingua materna', 7], ['moedertaal', 7],
  ['bilingual', 6], ['bilingue', 6], ['zweisprachig', 6], ['tweetalig', 6],
  ['full professional proficiency', 6], ['full professional', 6], ['verhandlungssicher', 6],
  ['fluent', 5], ['fluently', 5], ['fluency', 5], ['courant', 5], ['couramment', 5], ['fliessend', 5], ['fließend', 5],
  ['fluido', 5], ['fluida', 5], ['fluente', 5], ['vloeiend', 5], ['professional working proficiency', 5],
  ['professional', 5], ['proficient', 5], ['advanced', 5], ['avance', 5], ['avanzado', 5], ['avancado', 5],
  ['sehr gut', 5], ['sehr gute', 5], ['gevorderd', 5], ['excellent', 5], ['excelente', 5],
  ['upper intermediate', 4], ['intermediate', 3], ['intermediaire', 3], ['intermedio', 3], ['intermediario', 3],
  ['gute kenntnisse', 4], ['gut', 4], ['gute', 4], ['good', 4], ['bon', 4], ['bonne', 4], ['bueno', 4], ['bom', 4], ['goed', 4],
  ['working knowledge', 3], ['limited working proficiency', 3], ['conversational', 3],
  ['basic', 2], ['elementary', 2], ['notions', 2], ['debutant', 1], ['scolaire', 2], ['grundkenntnisse', 2], ['basico', 2],
  ['basica', 2], ['basis', 2], ['beginner', 1],
]

const cefr: Readonly<Record<string, number>> = { a1: 1, a2: 2, b1: 3, b2: 4, c1: 5, c2: 6 }

const escape = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

const nameToCode = new Map<string, string>()
for (const [code, names] of Object.entries(languageNames)) for (const name of names) nameToCode.set(name, code)
const namePattern = new RegExp(
  `(?<![\\p{L}])(${[...nameToCode.keys()]
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join('|')})(?![\\p{L}])`,
  'gu',
)
const levelPattern = new RegExp(
  `(?<![\\p{L}\\p{N}])(${[...levelWords.map(([word]) => word)]
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join('|')}|[abc][12])(?![\\p{L}\\p{N}])`,
  'gu',
)
const levelValue = new Map(levelWords)

/** Words that make a requirement about a spoken language rather than, say, a market ("German payroll"). */
const languageCue =
  /(?<![\p{L}])(?:speak\p{L}*|spoken|written|writing|verbal|communicat\p{L}*|language|languages|langue|langues|sprache|sprachen|idioma|idiomas|lengua|lingua|taal|talen|parl\p{L}*|sprech\p{L}*|hablar|falar|spreken|[abc][12])(?![\p{L}])/u

export interface LanguageMention {
  code: string
  start: number
  end: number
}

export interface LevelMention {
  value: number
  text: string
  start: number
  end: number
}

export function findLanguageNames(folded: string): LanguageMention[] {
  return [...folded.matchAll(namePattern)].map((match) => ({
    code: nameToCode.get(match[1] ?? '') ?? '',
    start: match.index,
    end: match.index + match[0].length,
  }))
}

export function findLevels(folded: string): LevelMention[] {
  return [...folded.matchAll(levelPattern)].map((match) => {
    const text = match[1] ?? ''
    return { value: cefr[text] ?? levelValue.get(text) ?? 0, text, start: match.index, end: match.index + text.length }
  })
}

export interface RequiredLanguage {
  code: string
  /** On the level scale; B2 (4) when the requirement names none. */
  level: number
}

const inLanguage = /(?:^|[^\p{L}])(?:in|en|auf|em|op|na)\s$/u

/**
 * Spoken languages a requirement asks for, with the level it names. A language name needs a cue to count:
 * a level, a word about speaking or writing, "in English"-style wording, or an item that is little else.
 */
export function requiredLanguages(foldedRequirement: string): RequiredLanguage[] {
  const names = findLanguageNames(foldedRequirement)
  if (names.length === 0) return []
  const levels = findLevels(foldedRequirement)
  const words = foldedRequirement.split(/[^\p{L}\p{N}]+/u).filter((word) => word.length > 0).length
  const cued =
    languageCue.test(foldedRequirement) ||
    levels.length > 0 ||
    names.some((name) => inLanguage.test(foldedRequirement.slice(Math.max(0, name.start - 6), name.start))) ||
    words <= names.length * 2 + 2
  if (!cued) return []
  const level = levels.length > 0 ? Math.min(...levels.map((entry) => entry.value)) : 4
  const codes = [...new Set(names.map((name) => name.code))]
  return codes.map((code) => ({ code, level }))
}

export const englishLevel = (value: number): string =>
  value >= 7 ? 'native' : (['', 'A1', 'A2', 'B1', 'B2', 'C1', 'C2'][value] ?? '')
