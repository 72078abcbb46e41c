import { foldText } from './text'

/**
 * Function words per language. Words shared by several languages ("de", "en", "la", "que") are left out
 * or appear where they are most typical, so the counts separate the languages instead of blurring them.
 */
const stopwords: Readonly<Record<string, readonly string[]>> = {
  // prettier-ignore
  en: [
    'the', 'and', 'with', 'you', 'your', 'we', 'our', 'for', 'is', 'are', 'will', 'be', 'have', 'of', 'to', 'this',
    'that', 'or', 'on', 'as', 'an', 'at', 'who', 'what', 'experience', 'team', 'work', 'skills',
  ],
  // prettier-ignore
  fr: [
    'le', 'les', 'des', 'du', 'et', 'vous', 'votre', 'vos', 'nous', 'notre', 'nos', 'pour', 'avec', 'une', 'est',
    'sur', 'dans', 'au', 'aux', 'qui', 'ou', 'sont', 'etre', 'equipe', 'poste', 'ce', 'cette', 'ses', 'leur',
  ],
  // prettier-ignore
  de: [
    'der', 'die', 'das', 'und', 'mit', 'fur', 'du', 'dein', 'deine', 'wir', 'ist', 'ein', 'eine', 'zu', 'von', 'bei',
    'auf', 'ihre', 'sie', 'dich', 'dir', 'oder', 'auch', 'nicht', 'sind', 'den', 'dem', 'uns', 'unser', 'unsere', 'im',
  ],
  // prettier-ignore
  es: [
    'el', 'los', 'las', 'del', 'y', 'con', 'para', 'una', 'por', 'es', 'tu', 'tus', 'nuestro', 'nuestra',
    'experiencia', 'al', 'somos', 'buscamos', 'trabajo', 'equipo', 'desarrollo', 'conocimiento', 'usted', 'mas', 'muy',
    'sus',
  ],
  // prettier-ignore
  pt: [
    'o', 'os', 'do', 'da', 'dos', 'das', 'e', 'com', 'um', 'uma', 'em', 'voce', 'nossa', 'nosso', 'ao', 'na', 'no',
    'nao', 'mais', 'sao', 'experiencia', 'equipe', 'trabalho', 'conhecimento', 'desenvolvimento', 'seu', 'sua', 'pelo',
    'pela', 'ou',
  ],
  // prettier-ignore
  nl: [
    'het', 'een', 'en', 'van', 'met', 'voor', 'je', 'jij', 'jouw', 'wij', 'ons', 'onze', 'zijn', 'op', 'te', 'bij',
    'ervaring', 'naar', 'dat', 'niet', 'ook', 'wat', 'wie', 'hebt', 'ben', 'bent', 'uur', 'werk', 'jaar',
  ],
  // prettier-ignore
  it: [
    'il', 'di', 'che', 'per', 'con', 'una', 'sono', 'della', 'nel', 'esperienza', 'gli', 'lavoro', 'anche', 'essere',
    'nostro', 'nostra', 'delle', 'alla',
  ],
}

const lookup = new Map<string, string[]>()
for (const [language, words] of Object.entries(stopwords)) {
  for (const word of words) lookup.set(word, [...(lookup.get(word) ?? []), language])
}

const maxSampledChars = 60_000

/** Best-effort ISO 639-1 code from function-word frequencies; "en" when the text gives too little evidence. */
export function detectLanguage(text: string): string {
  const words = foldText(text.slice(0, maxSampledChars)).match(/\p{L}+/gu) ?? []
  const counts = new Map<string, number>()
  for (const word of words) {
    for (const language of lookup.get(word) ?? []) counts.set(language, (counts.get(language) ?? 0) + 1)
  }
  let best = 'en'
  let bestCount = 0
  for (const [language, count] of counts) {
    if (count > bestCount) {
      best = language
      bestCount = count
    }
  }
  return bestCount >= 3 && bestCount >= words.length * 0.04 ? best : 'en'
}
