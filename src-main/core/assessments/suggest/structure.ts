import { foldPhrase } from './fold'

export type SectionKind = 'experience' | 'education' | 'languages' | 'skills' | 'other'

export interface Line {
  start: number
  end: number
  /** The section the line belongs to (a heading belongs to its own section). */
  section: SectionKind
  heading: boolean
}

/** Résumé headings in en, fr, de, es, pt, nl and a few in ru, folded. */
// prettier-ignore
const headings: Readonly<Record<SectionKind, readonly string[]>> = {
  experience: [
    'experience', 'experiences', 'professional experience', 'work experience', 'work history', 'employment',
    'employment history', 'career', 'career history', 'professional background', 'relevant experience', 'projects',
    'experience professionnelle', 'experiences professionnelles', 'parcours professionnel', 'parcours', 'projets',
    'berufserfahrung', 'berufliche erfahrung', 'beruflicher werdegang', 'werdegang', 'praxiserfahrung', 'projekte',
    'experiencia', 'experiencia laboral', 'experiencia profesional', 'trayectoria profesional', 'proyectos',
    'experiencia profissional', 'historico profissional', 'projetos', 'werkervaring', 'ervaring', 'loopbaan',
    'projecten', 'опыт работы', 'опыт',
  ],
  education: [
    'education', 'academic background', 'studies', 'qualifications', 'degrees', 'certifications', 'certificates',
    'training', 'courses', 'education and training', 'formation', 'formations', 'etudes', 'diplomes', 'cursus',
    'formation academique', 'diplomes et formations', 'ausbildung', 'bildung', 'bildungsweg', 'studium',
    'akademischer werdegang', 'schulbildung', 'zertifikate', 'weiterbildung', 'educacion', 'formacion',
    'formacion academica', 'estudios', 'certificaciones', 'educacao', 'formacao', 'formacao academica',
    'certificacoes', 'opleiding', 'opleidingen', 'onderwijs', 'certificaten', 'образование',
  ],
  languages: [
    'languages', 'language skills', 'spoken languages', 'langues', 'competences linguistiques', 'langues parlees',
    'sprachen', 'sprachkenntnisse', 'idiomas', 'lenguas', 'linguas', 'talen', 'talenkennis', 'языки',
  ],
  skills: [
    'skills', 'technical skills', 'core skills', 'key skills', 'technologies', 'tech stack', 'stack', 'tools',
    'competences', 'competences techniques', 'savoir faire', 'kenntnisse', 'fahigkeiten', 'kompetenzen',
    'it kenntnisse', 'habilidades', 'competencias', 'conocimientos', 'conhecimentos', 'vaardigheden', 'навыки',
  ],
  other: [
    'summary', 'profile', 'about', 'about me', 'objective', 'interests', 'hobbies', 'references', 'contact',
    'publications', 'awards', 'volunteering', 'profil', 'resume', 'a propos', 'centres d\'interet', 'loisirs',
    'zusammenfassung', 'uber mich', 'interessen', 'hobbys', 'resumen', 'perfil', 'sobre mi', 'intereses', 'sobre mim',
    'interesses', 'profiel', 'over mij',
  ],
}

const headingKind = new Map<string, SectionKind>()
for (const [kind, names] of Object.entries(headings) as [SectionKind, readonly string[]][]) {
  for (const name of names) headingKind.set(name, kind)
}

const ornaments = /^[^\p{L}]+|[^\p{L})]+$/gu

/** The kind of heading a line is, or null when it reads as content. */
function headingOf(text: string): SectionKind | null {
  const trimmed = text.trim()
  if (trimmed.length === 0 || trimmed.length > 48) return null
  const folded = foldPhrase(trimmed.replace(ornaments, ''))
    .replace(/[&/,]+/g, ' ')
    .replace(/\s+/g, ' ')
  const known = headingKind.get(folded) ?? headingKind.get(folded.replace(/\s*\(.*\)$/, ''))
  if (known) return known
  // An unknown short line in capitals ("HOBBIES", "VOLUNTEER WORK") still ends the section before it.
  const letters = trimmed.replace(/[^\p{L}]/gu, '')
  const words = trimmed.split(/\s+/).length
  if (letters.length >= 4 && words <= 4 && !/\d/.test(trimmed) && letters === letters.toUpperCase()) return 'other'
  return null
}

/** The text's lines with their offsets and the section each belongs to. */
export function readLines(text: string): Line[] {
  const lines: Line[] = []
  let section: SectionKind = 'other'
  let start = 0
  while (start <= text.length) {
    const newline = text.indexOf('\n', start)
    const end = newline < 0 ? text.length : newline
    const heading = headingOf(text.slice(start, end))
    if (heading) section = heading
    lines.push({ start, end, section, heading: heading !== null })
    if (newline < 0) break
    start = newline + 1
  }
  return lines
}

/** Index of the line holding `offset` (binary search), or -1. */
export function lineIndexAt(lines: readonly Line[], offset: number): number {
  let low = 0
  let high = lines.length - 1
  while (low <= high) {
    const middle = (low + high) >> 1
    const line = lines[middle]
    if (!line) return -1
    if (offset < line.start) high = middle - 1
    else if (offset > line.end) low = middle + 1
    else return middle
  }
  return -1
}

export function lineAt(lines: readonly Line[], offset: number): Line | undefined {
  return lines[lineIndexAt(lines, offset)]
}

const maxSnippetChars = 240

/** The trimmed line around a range, cut to a readable length around it. */
export function snippetAround(text: string, line: Line, start: number, end: number): { text: string; start: number } {
  let from = line.start
  let to = line.end
  while (from < to && /\s/.test(text.charAt(from))) from++
  while (to > from && /\s/.test(text.charAt(to - 1))) to--
  if (to - from > maxSnippetChars) {
    const middle = Math.floor((start + end) / 2)
    from = Math.max(from, Math.min(middle - maxSnippetChars / 2, to - maxSnippetChars))
    to = Math.min(to, from + maxSnippetChars)
    // Whole words at both ends.
    const firstSpace = text.indexOf(' ', from)
    if (firstSpace >= 0 && firstSpace < start && firstSpace - from < 30) from = firstSpace + 1
    const lastSpace = text.lastIndexOf(' ', to)
    if (lastSpace > end && to - lastSpace < 30) to = lastSpace
  }
  return { text: text.slice(from, to), start: from }
}
