import { francAll } from 'franc-min'

/** franc's ISO 639-3 codes of the languages the app tells apart, with their ISO 639-1 codes. */
const iso6391: Readonly<Record<string, string>> = {
  eng: 'en',
  fra: 'fr',
  deu: 'de',
  spa: 'es',
  por: 'pt',
  nld: 'nl',
  ita: 'it',
}
const only = Object.keys(iso6391)

/** Shorter texts (a list of skills, a title) say too little about their language to tell. */
const minLetters = 30
const sampleChars = 20_000

/**
 * ISO 639-1 code of the language a text is written in, by trigram statistics (franc), among English, French,
 * German, Spanish, Portuguese, Dutch and Italian; null when the text is too short to tell.
 */
export function identifyLanguage(text: string): string | null {
  // Markup, addresses and numbers carry no language. franc reads only the first 2,048 characters it is given,
  // so a bounded sample is enough, and tokens are dropped whole: a pattern such as \S+@\S+ over one long
  // line backtracks quadratically.
  const words = text
    .slice(0, sampleChars)
    .split(/\s+/)
    .filter((token) => !token.includes('@') && !/^https?:\/\//.test(token))
    .join(' ')
    .replace(/[#*_`>|[\](){}<\\/=~-]+|\d+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  if ((words.match(/\p{L}/gu) ?? []).length < minLetters) return null
  const [best] = francAll(words, { only, minLength: minLetters })
  return best && best[0] !== 'und' ? (iso6391[best[0]] ?? null) : null
}

/** Best-effort ISO 639-1 code of a posting's language; "en" when the text gives too little evidence. */
export function detectLanguage(text: string): string {
  return identifyLanguage(text) ?? 'en'
}
